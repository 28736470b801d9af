/* <omil-indicador comuna="10101" anio="2022">: a commune's OMIL placements against its FOMIL goal
 * and the trend of recent years, from the graph's public view `commune-placements` (no cookies,
 * any origin). Load it with one script tag from the gateway that serves it:
 *   <script src="https://<gateway>/embed.js"></script>
 *   <omil-indicador comuna="10101" anio="2022"></omil-indicador>
 * Styling: CSS custom properties on the element (--omil-color, --omil-accent, --omil-goal,
 * --omil-background, --omil-border, --omil-font, --omil-radius) and ::part(card|title|figure|goal|bar|trend|source). */
(function () {
  'use strict';
  if (customElements.get('omil-indicador')) return;
  const script = document.currentScript;
  const API = new URL('.', script && script.src ? script.src : location.href).origin;
  const nf = new Intl.NumberFormat('es-CL');
  const fmt = (n) => (n === null || n === undefined ? '—' : nf.format(n));
  const pct = (r) => (r === null || r === undefined ? '—' : nf.format(Math.round(r * 100)) + '\u00a0%');

  const CSS = `
:host { display: block; max-width: 26rem; font-family: var(--omil-font, system-ui, sans-serif); color: var(--omil-color, #1b1b1b); }
.card { background: var(--omil-background, #fff); border: 1px solid var(--omil-border, #c5ccd6); border-radius: var(--omil-radius, 8px); padding: 1rem 1.1rem; }
h2 { font-size: 1.05rem; margin: 0 0 .5rem; }
.figure { font-size: 2rem; font-weight: 700; margin: 0; line-height: 1.1; }
.figure small { font-size: .95rem; font-weight: 400; }
.goal { margin: .3rem 0 .6rem; }
.bar { height: .7rem; background: #e3e7ed; border-radius: .35rem; overflow: hidden; }
.bar > span { display: block; height: 100%; background: var(--omil-accent, #0b5cab); }
figure { margin: .8rem 0 0; }
figcaption { font-size: .85rem; margin-bottom: .3rem; }
svg text { font-size: 11px; fill: currentColor; }
.source { font-size: .75rem; margin: .6rem 0 0; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.error { color: #a4000f; }`;

  let sheet;
  function styles(root) {
    try {
      // A constructed stylesheet is not an inline <style>: host pages with a strict CSP accept it.
      sheet = sheet || new CSSStyleSheet();
      if (!sheet.cssRules.length) sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } catch {
      const style = document.createElement('style');
      style.textContent = CSS;
      root.appendChild(style);
    }
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const c of children) node.append(c);
    return node;
  }

  const SVG = 'http://www.w3.org/2000/svg';
  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** Bars of placements by year, the goal as a tick; the same figures as a hidden list for screen readers. */
  function trendChart(rows, year) {
    const shown = rows.filter((r) => r.year !== null).slice(-5);
    const max = Math.max(1, ...shown.map((r) => Math.max(r.placements || 0, r.goal || 0)));
    const width = 300;
    const height = 110;
    const step = width / Math.max(1, shown.length);
    const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', 'aria-hidden': 'true', focusable: 'false' });
    shown.forEach((r, i) => {
      const h = ((r.placements || 0) / max) * (height - 30);
      const x = i * step + step * 0.2;
      chart.append(
        svg('rect', {
          x,
          y: height - 16 - h,
          width: step * 0.6,
          height: h,
          fill: r.year === year ? 'var(--omil-accent, #0b5cab)' : 'var(--omil-muted, #7d8ea3)',
        }),
      );
      if (r.goal) {
        const y = height - 16 - (r.goal / max) * (height - 30);
        chart.append(
          svg('line', { x1: x - 3, x2: x + step * 0.6 + 3, y1: y, y2: y, stroke: 'var(--omil-goal, #b35c00)', 'stroke-width': 2 }),
        );
      }
      chart.append(svg('text', { x: x + step * 0.3, y: height - 3, 'text-anchor': 'middle' }, String(r.year)));
      chart.append(svg('text', { x: x + step * 0.3, y: height - 19 - h, 'text-anchor': 'middle' }, fmt(r.placements)));
    });
    const list = el('ul', { class: 'sr' });
    for (const r of shown)
      list.append(el('li', {}, `${r.year}: ${fmt(r.placements)} colocaciones, meta ${fmt(r.goal)} (${pct(r.compliance)})`));
    return el('figure', { part: 'trend' }, el('figcaption', {}, 'Colocaciones por año (la línea marca la meta)'), chart, list);
  }

  class OmilIndicador extends HTMLElement {
    static get observedAttributes() {
      return ['comuna', 'anio'];
    }
    constructor() {
      super();
      this.root = this.attachShadow({ mode: 'open' });
      styles(this.root);
      this.card = el('section', { class: 'card', part: 'card', 'aria-live': 'polite', 'aria-busy': 'true' }, 'Cargando…');
      this.root.append(this.card);
    }
    connectedCallback() {
      this.load();
    }
    attributeChangedCallback() {
      if (this.isConnected) this.load();
    }
    async load() {
      const comuna = (this.getAttribute('comuna') || '').trim();
      const anio = (this.getAttribute('anio') || String(new Date().getFullYear() - 1)).trim();
      const ticket = (this.ticket = {});
      let data;
      try {
        const url = `${API}/public/commune-placements?commune=${encodeURIComponent(comuna)}&year=${encodeURIComponent(anio)}`;
        // Public data only: no cookies or credentials are sent, whatever the host page.
        const res = await fetch(url, { credentials: 'omit', mode: 'cors' });
        const body = await res.json();
        if (!res.ok || body.errors) throw new Error((body.errors && body.errors[0] && body.errors[0].message) || res.statusText);
        data = body.data;
        if (!data.commune) throw new Error(`No hay una comuna con código ${comuna}`);
      } catch (error) {
        if (ticket !== this.ticket) return;
        this.card.replaceChildren(el('p', { class: 'error', role: 'alert' }, `No se pudo cargar el indicador: ${error.message}`));
        this.card.setAttribute('aria-busy', 'false');
        return;
      }
      if (ticket !== this.ticket) return;
      this.render(data, Number(anio));
    }
    render(data, year) {
      const c = data.commune;
      const s = c.placementSummary;
      const done = s.compliance === null ? 0 : Math.min(100, Math.round(s.compliance * 100));
      const bar = el('div', {
        class: 'bar',
        part: 'bar',
        role: 'img',
        'aria-label': s.goal ? `Cumplimiento de la meta: ${pct(s.compliance)}` : 'Sin meta FOMIL este año',
      });
      const fill = el('span', {});
      // CSSOM, not a style attribute: allowed under a host page's strict CSP.
      fill.style.width = `${done}%`;
      bar.append(fill);
      const figure = el(
        'p',
        { class: 'figure', part: 'figure' },
        s.suppressed ? 'Menos de 5' : fmt(s.placements),
        ' ',
        el('small', {}, `colocaciones en ${year}`),
      );
      const goal = el(
        'p',
        { class: 'goal', part: 'goal' },
        s.goal ? `${pct(s.compliance)} de la meta (${fmt(s.goal)})` : 'Sin convenio FOMIL: no hay meta este año',
      );
      const source = el(
        'p',
        { class: 'source', part: 'source' },
        `OMIL ${c.name}, provincia de ${c.province.name} · red OMIL de Los Lagos`,
      );
      const title = el('h2', { part: 'title' }, `Colocaciones OMIL · ${c.name}`);
      this.card.replaceChildren(title, figure, goal, bar, trendChart(data.trend, year), source);
      this.card.setAttribute('aria-busy', 'false');
      this.dispatchEvent(new CustomEvent('omil-indicador-ready', { detail: data, bubbles: true }));
    }
  }
  customElements.define('omil-indicador', OmilIndicador);
})();
