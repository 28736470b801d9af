import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import express from 'express';
import { projectPath } from '../../kit/assets';

/** The browser side's sources (plain JavaScript, HTML and CSS, served as they are). */
export const WEB_DIR = projectPath('web');

const require_ = createRequire(join(projectPath(), 'package.json'));

/** A file of an installed package, whether or not its `exports` name it. */
function packageFile(pkg: string, file: string): string {
  const main = require_.resolve(pkg);
  const dir = main.slice(0, main.lastIndexOf(`/node_modules/${pkg}/`) + `/node_modules/${pkg}/`.length);
  return join(dir, file);
}

/**
 * Every asset a page loads, by the name it is served under (`/assets/<name>`): the project's own
 * files, and the prebuilt browser bundles that the pinned npm packages ship (GraphiQL, React,
 * ECharts) — nothing is fetched from a CDN.
 */
export const ASSETS: Record<string, string> = {
  'graphiql.min.js': packageFile('graphiql', 'graphiql.min.js'),
  'graphiql.min.css': packageFile('graphiql', 'graphiql.min.css'),
  'react.production.min.js': packageFile('react', 'umd/react.production.min.js'),
  'react-dom.production.min.js': packageFile('react-dom', 'umd/react-dom.production.min.js'),
  'echarts.min.js': packageFile('echarts', 'dist/echarts.min.js'),
  'ide.js': join(WEB_DIR, 'ide.js'),
  'ide.css': join(WEB_DIR, 'ide.css'),
  'dashboard.js': join(WEB_DIR, 'dashboard.js'),
  'dashboard.css': join(WEB_DIR, 'dashboard.css'),
  'los-lagos-communes.geojson': join(WEB_DIR, 'data', 'los-lagos-communes.geojson'),
};

/** Pages run only their own scripts; inline styles are allowed for the charts' and GraphiQL's layout. */
const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export interface PagesOptions {
  /** The query IDE at GET /graphql for browsers (default: on, off in production unless GRAPHQL_IDE=true). */
  ide?: boolean;
}

export function ideEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.GRAPHQL_IDE) return env.GRAPHQL_IDE === 'true';
  return env.NODE_ENV !== 'production';
}

/** A browser asking for a page: HTML preferred, and no GraphQL request in the URL. */
function wantsPage(req: express.Request): boolean {
  if (req.query.query !== undefined || req.query.documentId !== undefined || req.query.extensions !== undefined) return false;
  const accept = req.headers.accept ?? '';
  return accept.includes('text/html');
}

export interface IdeExample {
  title: string;
  query: string;
}

/** The headline query first, then every example of docs/queries.md, titled as there. */
export function ideExamples(markdown = readIfExists(projectPath('docs', 'queries.md'))): IdeExample[] {
  const examples: IdeExample[] = [
    {
      title: "The region's headline, 2022",
      query: `{
  region(code: "10") {
    name
    placementSummary(year: 2022) { placements goal compliance }
    provinces { code name }
  }
  commune(code: "10101") { name placementSummary(year: 2022) { placements goal compliance } }
}`,
    },
  ];
  // Line by line (a regular expression over the whole file backtracked without end): a bold line
  // names the next ```graphql block of its paragraph.
  let title: string | null = null;
  let query: string[] | null = null;
  for (const line of markdown.split('\n')) {
    if (query) {
      if (line.startsWith('```')) {
        if (title) examples.push({ title, query: query.join('\n').trim() });
        title = null;
        query = null;
      } else query.push(line);
      continue;
    }
    const bold = /^\*\*([^*]+)\*\*/.exec(line);
    if (bold) title = bold[1].replace(/\s+/g, ' ').trim();
    else if (line.startsWith('```graphql')) query = [];
    else if (line.startsWith('```')) title = null;
  }
  return examples;
}

function readIfExists(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** `/`, the dashboard; `/graphql` for browsers, the IDE; `/embed.js` and `/embed/commune`, the widget; `/assets/*`. */
export function pagesRouter(options: PagesOptions = {}): express.Router {
  const ide = options.ide ?? ideEnabled();
  const examples = ideExamples();
  const page = (name: string) => readFileSync(join(WEB_DIR, name), 'utf8');
  const router = express.Router();

  router.get('/', (_req, res) => {
    res.set({ 'content-security-policy': PAGE_CSP, 'cache-control': 'no-cache' }).type('html').send(page('dashboard.html'));
  });
  router.get('/graphql', (req, res, next) => {
    if (!ide || !wantsPage(req)) return next();
    res.set({ 'content-security-policy': PAGE_CSP, 'cache-control': 'no-cache' }).type('html').send(page('ide.html'));
  });
  router.get('/ide/examples.json', (_req, res) => {
    if (!ide) return res.status(404).json({ errors: [{ message: 'The IDE is off', extensions: { code: 'NOT_FOUND' } }] });
    res.set('cache-control', 'no-cache').json(examples);
  });
  // The widget: one script any page may load (it reads only the public views, without cookies).
  router.get('/embed.js', (_req, res) => {
    res
      .set({ 'access-control-allow-origin': '*', 'cross-origin-resource-policy': 'cross-origin', 'cache-control': 'public, max-age=300' })
      .type('application/javascript; charset=utf-8')
      .sendFile(join(WEB_DIR, 'embed.js'));
  });
  // The iframe alternative: the widget alone on a page any site may frame.
  router.get('/embed/commune', (req, res) => {
    const comuna = String(req.query.comuna ?? '');
    const anio = String(req.query.anio ?? '');
    if (!/^\d{5}$/.test(comuna) || !/^\d{4}$/.test(anio)) {
      return res
        .status(400)
        .type('text/plain; charset=utf-8')
        .send('Parámetros: comuna (código CUT de 5 dígitos) y anio (4 dígitos), p. ej. /embed/commune?comuna=10101&anio=2022');
    }
    const html = page('embed-commune.html').replaceAll('{{comuna}}', escapeHtml(comuna)).replaceAll('{{anio}}', escapeHtml(anio));
    res
      .set({
        'content-security-policy': PAGE_CSP.replace("frame-ancestors 'none'", 'frame-ancestors *'),
        'cache-control': 'public, max-age=300',
      })
      .type('html')
      .send(html);
  });
  router.get('/favicon.ico', (_req, res) => {
    res.status(204).end();
  });
  router.get('/assets/:name', (req, res, next) => {
    const file = ASSETS[req.params.name];
    if (!file) return next();
    res.set('cache-control', 'public, max-age=3600').sendFile(file);
  });
  return router;
}
