import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import express from 'express';
import { projectPath } from '../../kit/assets';
import { pagesRouter } from '../../gateway/pages/router';
import { testDatabaseKinds } from '../support/databases';
import { startPlatform, type Platform } from '../support/platform';
import { axeViolations, launchBrowser, type Browser } from '../support/browser';

// What the functions passed to page.evaluate see in the page (the tests' tsconfig has no DOM types).
declare const window: any, document: any, location: any;

/** A municipal portal on another origin: the widget's two lines, under a strict CSP naming the gateway. */
function hostPage(gateway: string): Promise<Server> {
  const html = `<!doctype html>
<html lang="es-CL">
  <head><meta charset="utf-8"><title>Municipalidad de Puerto Montt</title></head>
  <body>
    <main>
      <h1>Municipalidad de Puerto Montt</h1>
      <script src="${gateway}/embed.js"></script>
      <omil-indicador comuna="10101" anio="2022"></omil-indicador>
    </main>
  </body>
</html>`;
  const server = createServer((_req, res) => {
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': `default-src 'self'; script-src ${gateway}; connect-src ${gateway}; style-src 'self'`,
      // A cookie of the portal's own: the widget must not carry cookies anywhere.
      'set-cookie': 'portal-session=secret; Path=/',
    });
    res.end(html);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1';
const summary = (violations: { id: string; nodes: { target: unknown[] }[] }[]) =>
  violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);

describe.each(testDatabaseKinds())('in a real browser [%s]', (kind) => {
  let platform: Platform;
  let browser: Browser;
  let origin: string;
  beforeAll(async () => {
    [platform, browser] = await Promise.all([startPlatform(kind), launchBrowser()]);
    origin = platform.url.replace(/\/graphql$/, '');
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('the dashboard shows 4.948 placements and 101 % for 2022, the 4 provinces and the 30 communes on the map and in its table; no AA violation', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${origin}/`);
    await page.waitForSelector('body[data-ready="true"]');
    const headline = await page.textContent('#headline');
    expect(headline).toContain('4.948');
    expect(headline).toContain('101 %');
    expect(headline).toContain('(4.899)');
    expect(await page.isVisible('#banner')).toBe(true);
    expect(await page.textContent('#banner')).toContain('Datos sintéticos');
    expect(await page.$$eval('#provinces button .card-title', (els) => els.map((e) => e.textContent))).toEqual([
      'Llanquihue',
      'Chiloé',
      'Osorno',
      'Palena',
    ]);
    const map = await page.evaluate(() => {
      const option = (window as any).echarts.getInstanceByDom(document.getElementById('map')).getOption();
      return { type: option.series[0].type, communes: option.series[0].data.map((d: any) => d.name) };
    });
    expect(map.type).toBe('map');
    expect(new Set(map.communes).size).toBe(30);
    expect(await page.$$eval('#communes tbody tr', (rows) => rows.length)).toBe(30);
    expect(await page.textContent('#communes tbody tr[data-commune="10101"]')).toContain('1.657');
    expect(await page.textContent('#services')).toContain('Personas atendidas');
    if (SCREENSHOTS) {
      mkdirSync(projectPath('docs', 'img'), { recursive: true });
      await page.screenshot({ path: projectPath('docs', 'img', 'dashboard.png'), fullPage: true });
    }
    expect(summary(await axeViolations(page))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('drills down by keyboard: a province, then a commune of its table', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${origin}/`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.focus('#provinces li:nth-child(2) button');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('#communes tbody tr').length === 10);
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.textContent('#headline')).toContain('1.133');
    expect(await page.getAttribute('#provinces li:nth-child(2) button', 'aria-pressed')).toBe('true');
    expect(page.url()).toContain('provincia=102');
    await page.focus('#communes tr[data-commune="10201"] button');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash.includes('comuna=10201') && document.body.dataset.ready === 'true');
    expect(await page.textContent('#breadcrumb')).toContain('Castro');
    expect(await page.textContent('#headline')).toContain('264');
    // The skip link is the first stop of the keyboard.
    await page.goto(`${origin}/`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Saltar al contenido');
    await page.close();
  });

  it("the widget renders Puerto Montt's figures on a page of another origin, without cookies; no AA violation", async () => {
    const host = await hostPage(origin);
    try {
      const hostOrigin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      const sent: Promise<Record<string, string>>[] = [];
      page.on('request', (r) => r.url().includes('/public/') && sent.push(r.allHeaders()));
      await page.goto(hostOrigin);
      const card = page.locator('omil-indicador [part="card"][aria-busy="false"]');
      await card.waitFor();
      const text = await card.textContent();
      expect(text).toContain('Colocaciones OMIL · Puerto Montt');
      expect(text).toContain('1.657');
      expect(text).toContain('94\u00a0% de la meta (1.769)');
      expect(await page.locator('omil-indicador [part="trend"] li').allTextContents()).toEqual([
        '2021: 1.422 colocaciones, meta 1.477 (96\u00a0%)',
        '2022: 1.657 colocaciones, meta 1.769 (94\u00a0%)',
        '2023: 1.499 colocaciones, meta 1.609 (93\u00a0%)',
        '2024: 1.130 colocaciones, meta 1.358 (83\u00a0%)',
      ]);
      expect(sent).toHaveLength(1);
      const headers = await sent[0];
      expect(headers.origin).toBe(hostOrigin);
      expect(headers.cookie).toBeUndefined();
      expect(errors).toEqual([]);
      if (SCREENSHOTS) await page.locator('omil-indicador').screenshot({ path: projectPath('docs', 'img', 'widget.png') });
      expect(summary(await axeViolations(page))).toEqual([]);

      // The iframe alternative.
      await page.goto(`${origin}/embed/commune?comuna=10101&anio=2022`);
      await page.locator('omil-indicador [part="card"][aria-busy="false"]').waitFor();
      expect(await page.locator('omil-indicador [part="figure"]').textContent()).toContain('1.657');
      expect(summary(await axeViolations(page))).toEqual([]);
      await page.close();
    } finally {
      host.closeAllConnections();
      await new Promise((resolve) => host.close(resolve));
    }
  });

  it('the IDE at /graphql runs the headline query and shows its answer', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${origin}/graphql`);
    await page.locator('.graphiql-execute-button').waitFor();
    expect(await page.locator('.graphiql-tab').count()).toBeGreaterThan(15);
    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.result-window');
    await page.waitForFunction(() => document.querySelector('.result-window')?.textContent?.includes('4948'));
    const text = await result.textContent();
    expect(text).toContain('"placements": 4948');
    expect(text).toContain('"goal": 4899');
    await page.close();
  });

  it('GET /graphql without an HTML Accept header is unchanged (a GraphQL request); the IDE can be switched off', async () => {
    const res = await fetch(platform.url, { headers: { accept: 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/json');
    const page = await fetch(platform.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/assets/graphiql.min.js');

    // Off (production's default unless GRAPHQL_IDE=true): the browser's GET goes on to GraphQL as before.
    const app = express();
    app.use(pagesRouter({ ide: false }));
    app.get('/graphql', (_req, res) => {
      res.status(400).json({ errors: [{ message: 'GraphQL' }] });
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const off = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, { headers: { accept: 'text/html' } });
      expect(off.status).toBe(400);
      expect(await off.json()).toEqual({ errors: [{ message: 'GraphQL' }] });
    } finally {
      server.close();
    }
  });
});
