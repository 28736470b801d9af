/* The dashboard at /: the region, its provinces and communes from the graph's public views
 * (GET /public/<view>), or with a token the same operations over POST /graphql (exact figures
 * for the token's role). Charts and map: ECharts, served by the gateway. */
(function () {
  'use strict';
  const nf = new Intl.NumberFormat('es-CL');
  const fmt = (n) => (n === null || n === undefined ? '—' : nf.format(n));
  const pct = (r) => (r === null || r === undefined ? '—' : nf.format(Math.round(r * 100)) + ' %');
  const $ = (id) => document.getElementById(id);
  const DEFAULT_YEAR = 2022;

  const state = { year: DEFAULT_YEAR, province: '', commune: '', token: sessionStorage.getItem('lle-token') || '' };
  let geo;
  let views;
  let region;
  let services;
  let communeView;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  }

  function readHash() {
    const p = new URLSearchParams(location.hash.slice(1));
    const year = Number(p.get('anio'));
    if (Number.isInteger(year) && year > 1999) state.year = year;
    state.province = /^\d{3}$/.test(p.get('provincia') || '') ? p.get('provincia') : '';
    state.commune = /^\d{5}$/.test(p.get('comuna') || '') ? p.get('comuna') : '';
  }
  function writeHash() {
    const p = new URLSearchParams({ anio: String(state.year) });
    if (state.province) p.set('provincia', state.province);
    if (state.commune) p.set('comuna', state.commune);
    history.replaceState(null, '', '#' + p.toString());
  }

  /** A public view: plain GET without a token; with one, the same operation over POST with the token. */
  async function view(id, variables) {
    let res;
    if (state.token) {
      if (!views) views = (await (await fetch('/public')).json()).views;
      const v = views.find((x) => x.id === id);
      res = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer ' + state.token },
        body: JSON.stringify({ query: v.query, operationName: v.operationName, variables }),
      });
    } else {
      res = await fetch(`/public/${id}?` + new URLSearchParams(variables));
    }
    const body = await res.json();
    if (body.errors && body.errors.length) throw new Error(body.errors[0].message);
    return body;
  }

  const provinceOf = (code) => code.slice(0, 3);
  function communeRows() {
    const byCode = new Map(region.data.communes.map((r) => [r.commune.code, r]));
    return geo.features
      .map((f) => {
        const row = byCode.get(f.properties.cut);
        return {
          code: f.properties.cut,
          name: f.properties.name,
          province: provinceOf(f.properties.cut),
          provinceName: provinceName(provinceOf(f.properties.cut)),
          placements: row ? row.placements : 0,
          suppressed: row ? row.suppressed : false,
          goal: row ? row.goal : null,
          compliance: row ? row.compliance : null,
        };
      })
      .sort((a, b) => a.code.localeCompare(b.code));
  }
  const provinceName = (code) => {
    const row = region.data.provinces.find((p) => p.province.code === code);
    return row ? row.province.name : code;
  };
  const communeName = (code) => (geo.features.find((f) => f.properties.cut === code) || { properties: { name: code } }).properties.name;

  function band(r) {
    if (r.goal === null || r.compliance === null) return 0;
    const p = Math.round(r.compliance * 100);
    return p >= 100 ? 3 : p >= 90 ? 2 : 1;
  }

  const charts = {};
  function chart(id) {
    if (!charts[id]) charts[id] = echarts.init($(id), null, { renderer: 'canvas' });
    return charts[id];
  }
  window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
  const BASE = { aria: { enabled: true, label: { enabled: false }, decal: { show: true } }, textStyle: { color: '#1b1b1b' } };

  function renderBanner() {
    const d = region.data.dataset;
    const ext = region.extensions && region.extensions.dataset;
    const synthetic = (d && d.synthetic) || (ext && ext.synthetic);
    const banner = $('banner');
    banner.hidden = !synthetic;
    if (synthetic) {
      banner.replaceChildren(
        el('strong', {}, 'Datos sintéticos. '),
        'Estas cifras provienen de datos de demostración generados por el sistema: los totales regionales de colocaciones son reales, ' +
          'pero las personas, empresas y colocaciones individuales no describen a nadie real.',
      );
    }
  }

  function scopeFigures() {
    if (state.commune) {
      const s = communeView ? communeView.data.commune.placementSummary : null;
      return { label: communeName(state.commune), s };
    }
    if (state.province) {
      const row = region.data.provinces.find((p) => p.province.code === state.province);
      return { label: 'Provincia de ' + provinceName(state.province), s: row || null };
    }
    return { label: 'Región de ' + region.data.region.name, s: region.data.region.placementSummary };
  }

  function renderHeadline() {
    const { s } = scopeFigures();
    const h = $('headline');
    if (!s) {
      h.replaceChildren('Sin datos');
      return;
    }
    const placements = s.suppressed ? 'menos de 5' : fmt(s.placements);
    h.replaceChildren(
      el('strong', {}, placements),
      ` colocaciones en ${state.year} · `,
      s.goal ? el('strong', {}, pct(s.compliance)) : 'sin meta FOMIL',
      s.goal ? ` de la meta (${fmt(s.goal)})` : '',
    );
    const crumbs = [el('button', { type: 'button', onclick: () => select('', '') }, 'Región de Los Lagos')];
    if (state.province || state.commune) {
      const prov = state.province || provinceOf(state.commune);
      crumbs.push(' › ', el('button', { type: 'button', onclick: () => select(prov, '') }, 'Provincia de ' + provinceName(prov)));
    }
    if (state.commune) crumbs.push(' › ', communeName(state.commune));
    $('breadcrumb').replaceChildren('Viendo: ', ...crumbs);
  }

  function renderProvinces() {
    $('provinces').replaceChildren(
      ...region.data.provinces.map((p) =>
        el(
          'li',
          {},
          el(
            'button',
            {
              type: 'button',
              'aria-pressed': String(state.province === p.province.code),
              onclick: () => select(state.province === p.province.code ? '' : p.province.code, ''),
            },
            el('span', { class: 'card-title' }, p.province.name),
            el('span', { class: 'card-figure' }, p.suppressed ? 'menos de 5' : fmt(p.placements)),
            el('span', { class: 'card-meta' }, `colocaciones · ${pct(p.compliance)} de la meta (${fmt(p.goal)})`),
          ),
        ),
      ),
    );
  }

  function renderMap(rows) {
    const visible = state.province ? rows.filter((r) => r.province === state.province) : rows;
    const inScope = new Set(visible.map((r) => r.code));
    chart('map').setOption(
      {
        ...BASE,
        tooltip: {
          trigger: 'item',
          formatter: (p) => {
            const r = rows.find((x) => x.code === p.name);
            return r
              ? `${r.name}: ${r.suppressed ? 'menos de 5' : fmt(r.placements)} colocaciones, ${r.goal ? pct(r.compliance) + ' de la meta' : 'sin meta'}`
              : p.name;
          },
        },
        visualMap: {
          show: false,
          type: 'piecewise',
          dimension: 0,
          pieces: [
            { value: 0, color: '#d5d9de' },
            { value: 1, color: '#c0392b' },
            { value: 2, color: '#f0b429' },
            { value: 3, color: '#1e8449' },
          ],
        },
        series: [
          {
            type: 'map',
            map: 'loslagos',
            nameProperty: 'cut',
            roam: true,
            selectedMode: 'single',
            itemStyle: { borderColor: '#333', borderWidth: 0.6 },
            emphasis: { label: { show: true, formatter: (p) => communeName(p.name) }, itemStyle: { areaColor: '#5b9bd5' } },
            select: { label: { show: true, formatter: (p) => communeName(p.name) }, itemStyle: { areaColor: '#0b5cab' } },
            data: rows.map((r) => ({
              name: r.code,
              value: band(r),
              selected: r.code === state.commune,
              itemStyle: inScope.has(r.code) ? undefined : { opacity: 0.35 },
            })),
          },
        ],
      },
      true,
    );
    $('map').setAttribute(
      'aria-label',
      `Mapa de las ${rows.length} comunas de Los Lagos coloreadas por cumplimiento de la meta en ${state.year}; las cifras están en la tabla de comunas.`,
    );
  }

  function renderBars(rows) {
    let items;
    let title;
    if (state.province || state.commune) {
      const prov = state.province || provinceOf(state.commune);
      items = rows.filter((r) => r.province === prov).map((r) => ({ name: r.name, placements: r.placements, goal: r.goal }));
      title = `Comunas de la provincia de ${provinceName(prov)}, ${state.year}`;
    } else {
      items = region.data.provinces.map((p) => ({ name: p.province.name, placements: p.placements, goal: p.goal }));
      title = `Provincias, ${state.year}`;
    }
    chart('bars').setOption(
      {
        ...BASE,
        title: { text: title, left: 10, top: 6, textStyle: { fontSize: 13, color: '#1b1b1b' } },
        tooltip: { trigger: 'axis', valueFormatter: fmt },
        legend: { top: 30, left: 10, data: ['Colocaciones', 'Meta'] },
        grid: { left: 50, right: 10, top: 60, bottom: 70 },
        xAxis: { type: 'category', data: items.map((i) => i.name), axisLabel: { rotate: items.length > 5 ? 35 : 0, interval: 0 } },
        yAxis: { type: 'value', axisLabel: { formatter: fmt } },
        series: [
          { name: 'Colocaciones', type: 'bar', data: items.map((i) => i.placements), itemStyle: { color: '#0b5cab' } },
          { name: 'Meta', type: 'bar', data: items.map((i) => i.goal), itemStyle: { color: '#b35c00' } },
        ],
      },
      true,
    );
    $('bars').setAttribute(
      'aria-label',
      `Barras de colocaciones y metas: ${title}. ` + items.map((i) => `${i.name}: ${fmt(i.placements)} de ${fmt(i.goal)}`).join('; '),
    );
  }

  function renderTrend() {
    let rows;
    let label;
    if (state.commune && communeView) {
      rows = communeView.data.trend;
      label = communeName(state.commune);
    } else if (state.province) {
      rows = region.data.provinceTrend.filter((r) => r.province.code === state.province);
      label = 'Provincia de ' + provinceName(state.province);
    } else {
      rows = region.data.trend;
      label = 'Región de Los Lagos';
    }
    rows = rows.filter((r) => r.year !== null);
    chart('trend').setOption(
      {
        ...BASE,
        title: { text: label, left: 10, top: 6, textStyle: { fontSize: 13, color: '#1b1b1b' } },
        tooltip: { trigger: 'axis', valueFormatter: fmt },
        legend: { top: 30, left: 10, data: ['Colocaciones', 'Meta'] },
        grid: { left: 50, right: 20, top: 60, bottom: 30 },
        xAxis: { type: 'category', data: rows.map((r) => String(r.year)) },
        yAxis: { type: 'value', axisLabel: { formatter: fmt } },
        series: [
          { name: 'Colocaciones', type: 'line', data: rows.map((r) => r.placements), symbolSize: 8, itemStyle: { color: '#0b5cab' } },
          { name: 'Meta', type: 'line', data: rows.map((r) => r.goal), lineStyle: { type: 'dashed' }, itemStyle: { color: '#b35c00' } },
        ],
      },
      true,
    );
    $('trend').setAttribute(
      'aria-label',
      `Tendencia por año, ${label}: ` + rows.map((r) => `${r.year}: ${fmt(r.placements)} colocaciones, meta ${fmt(r.goal)}`).join('; '),
    );
  }

  function renderServices() {
    if (!services) {
      $('services').replaceChildren(el('li', {}, el('span', { class: 'card' }, 'Sin indicadores de servicio.')));
      return;
    }
    const d = services.data;
    const pick = (all, byCommune) =>
      state.commune ? byCommune.find((r) => r.commune && r.commune.code === state.commune) || null : all[0] || null;
    const scope = state.commune ? communeName(state.commune) : 'Región';
    const items = [
      ['Personas atendidas', pick(d.attended, d.attendedByCommune), 'peopleAttended'],
      ['Visitas a empresas', pick(d.visits, d.visitsByCommune), 'visits'],
      ['Vacantes captadas', pick(d.captures, d.capturesByCommune), 'vacanciesCaptured'],
      ['Ferias laborales', pick(d.fairs, d.fairsByCommune), 'fairs'],
    ];
    $('services').replaceChildren(
      ...items.map(([title, row, key]) =>
        el(
          'li',
          {},
          el(
            'span',
            { class: 'card' },
            el('span', { class: 'card-title' }, `${title} · ${scope}`),
            el('span', { class: 'card-figure' }, row ? (row.suppressed && row[key] === null ? 'menos de 5' : fmt(row[key])) : '0'),
            el(
              'span',
              { class: 'card-meta' },
              row && row.goal ? `${pct(row.compliance)} de la meta (${fmt(row.goal)}) en ${state.year}` : `sin meta en ${state.year}`,
            ),
          ),
        ),
      ),
    );
  }

  function renderTable(rows) {
    const shown = state.province || state.commune ? rows.filter((r) => r.province === (state.province || provinceOf(state.commune))) : rows;
    $('table-caption').textContent =
      `${shown.length} comunas, ${state.year}: colocaciones, meta FOMIL y cumplimiento (mismas cifras que el mapa)`;
    $('communes')
      .querySelector('tbody')
      .replaceChildren(
        ...shown.map((r) =>
          el(
            'tr',
            { class: r.code === state.commune ? 'selected' : '', 'data-commune': r.code },
            el('th', { scope: 'row' }, el('button', { type: 'button', onclick: () => select(r.province, r.code) }, r.name)),
            el('td', {}, r.provinceName),
            el('td', { class: 'num' }, r.suppressed ? 'menos de 5' : fmt(r.placements)),
            el('td', { class: 'num' }, r.goal ? fmt(r.goal) : 'sin convenio'),
            el('td', { class: 'num' }, pct(r.compliance)),
          ),
        ),
      );
  }

  function renderControls(rows) {
    const years = region.data.trend.map((r) => r.year).filter((y) => y !== null);
    if (!years.includes(state.year)) years.push(state.year);
    $('year').replaceChildren(
      ...years.sort().map((y) => el('option', y === state.year ? { value: y, selected: '' } : { value: y }, String(y))),
    );
    $('province').replaceChildren(
      el('option', { value: '' }, 'Toda la región'),
      ...region.data.provinces.map((p) =>
        el(
          'option',
          p.province.code === state.province ? { value: p.province.code, selected: '' } : { value: p.province.code },
          p.province.name,
        ),
      ),
    );
    const communes = state.province ? rows.filter((r) => r.province === state.province) : rows;
    $('commune').replaceChildren(
      el('option', { value: '' }, 'Todas'),
      ...communes.map((r) => el('option', r.code === state.commune ? { value: r.code, selected: '' } : { value: r.code }, r.name)),
    );
  }

  function render() {
    const rows = communeRows();
    renderBanner();
    renderControls(rows);
    renderHeadline();
    renderProvinces();
    renderMap(rows);
    renderBars(rows);
    renderTrend();
    renderServices();
    renderTable(rows);
    document.body.dataset.ready = 'true';
  }

  async function load() {
    $('status').textContent = 'Cargando datos…';
    document.body.dataset.ready = 'false';
    try {
      const [r, s, c] = await Promise.all([
        view('region-placements', { year: state.year }),
        view('region-services', { year: state.year }).catch(() => null),
        state.commune ? view('commune-placements', { commune: state.commune, year: state.year }) : Promise.resolve(null),
      ]);
      region = r;
      services = s;
      communeView = c;
      render();
      $('status').textContent = state.token ? 'Datos consultados con su token.' : '';
    } catch (error) {
      $('status').textContent = 'No se pudieron cargar los datos: ' + error.message;
    }
  }

  function select(province, commune) {
    state.province = province;
    state.commune = commune;
    writeHash();
    load();
  }

  $('year').addEventListener('change', (e) => {
    state.year = Number(e.target.value);
    writeHash();
    load();
  });
  $('province').addEventListener('change', (e) => select(e.target.value, ''));
  $('commune').addEventListener('change', (e) => select(e.target.value ? provinceOf(e.target.value) : state.province, e.target.value));
  $('token').value = state.token;
  $('token-apply').addEventListener('click', () => {
    state.token = $('token')
      .value.trim()
      .replace(/^Bearer\s+/i, '');
    sessionStorage.setItem('lle-token', state.token);
    load();
  });
  $('token-clear').addEventListener('click', () => {
    state.token = '';
    $('token').value = '';
    sessionStorage.removeItem('lle-token');
    load();
  });
  $('controls').addEventListener('submit', (e) => e.preventDefault());

  readHash();
  fetch('/assets/los-lagos-communes.geojson')
    .then((res) => res.json())
    .then((g) => {
      geo = g;
      echarts.registerMap('loslagos', g);
      chart('map').on('click', (p) => p.name && select(provinceOf(p.name), p.name));
      return load();
    })
    .catch((error) => {
      $('status').textContent = 'No se pudo cargar el mapa: ' + error.message;
    });
})();
