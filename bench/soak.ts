// `npm run bench -- soak [--minutes 10] [--connections 10] [--port 4460]`: the all-in-one start
// (`npm start`'s process, embedded SQLite) under a mixed load for minutes: public views, the
// headline, analysts' statistics and an admin's placement pages. Prints the errors, p50/p99 per
// query and overall, and the process's RSS at the start, the middle and the end (sampled every 30 s).
import { Agent, request } from 'node:http';
import { parseArgs } from 'node:util';
import { authConfigFromEnv, signToken } from '../kit/auth';
import { rssMb, startAllInOne } from './all-in-one';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    port: { type: 'string', default: '4460' },
  },
});
const MINUTES = Number(values.minutes);
const CONNECTIONS = Number(values.connections);
const PORT = Number(values.port);
const BASE = `http://127.0.0.1:${PORT}`;
const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
const COMMUNES = ['10101', '10102', '10201', '10301', '10401'];

interface Query {
  name: string;
  /** A GET path, or a POST body of /graphql with the token of a role. */
  get?: (i: number) => string;
  post?: string;
  role?: 'analyst' | 'admin';
}

const QUERIES: Query[] = [
  { name: 'public view (commune, year)', get: (i) => `/public/commune-placements?commune=${COMMUNES[i % 5]}&year=${2021 + (i % 4)}` },
  {
    name: 'headline (anonymous POST)',
    post: '{ region(code: "10") { placementSummary(year: 2022) { placements goal compliance } provinces { code communes { code placementSummary(year: 2022) { placements } } } } }',
  },
  {
    name: 'placementStats by commune × month (analyst)',
    post: '{ placementStats(filter: { years: [2022] }, groupBy: [COMMUNE, MONTH]) { commune { code } month placements } }',
    role: 'analyst',
  },
  {
    name: 'jobSeekerStats by education × sex (analyst)',
    post: '{ jobSeekerStats(filter: { years: [2024] }, groupBy: [EDUCATION, SEX]) { education sex registrations } }',
    role: 'analyst',
  },
  {
    name: '20 placements with links (admin)',
    post: '{ placements(first: 20, filter: { year: 2022 }) { nodes { id startDate commune { name } employer { name } } } }',
    role: 'admin',
  },
];

function send(query: Query, i: number, tokens: Record<string, string>): Promise<{ ok: boolean; ms: number }> {
  const t = performance.now();
  return new Promise((resolve) => {
    const body = query.post ? JSON.stringify({ query: query.post }) : undefined;
    const req = request(
      `${BASE}${query.get ? query.get(i) : '/graphql'}`,
      {
        method: query.post ? 'POST' : 'GET',
        agent,
        headers: {
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...(query.role ? { authorization: `Bearer ${tokens[query.role]}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c));
        res.on('end', () => resolve({ ok: res.statusCode === 200 && !text.includes('"errors"'), ms: performance.now() - t }));
      },
    );
    req.on('error', () => resolve({ ok: false, ms: performance.now() - t }));
    req.end(body);
  });
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};

async function main() {
  const child = await startAllInOne(PORT);
  try {
    const auth = authConfigFromEnv();
    const tokens = {
      analyst: await signToken({ sub: 'soak-analyst', roles: ['analyst'] }, auth, '1h'),
      admin: await signToken({ sub: 'soak-admin', roles: ['admin'] }, auth, '1h'),
    };
    for (const [i, q] of QUERIES.entries()) {
      const r = await send(q, i, tokens);
      if (!r.ok) throw new Error(`${q.name}: the warm-up answer is not a 200 without errors`);
    }
    const rss: { minute: number; mb: number }[] = [{ minute: 0, mb: await rssMb(child.pid!) }];
    const started = Date.now();
    const until = started + MINUTES * 60_000;
    const sampler = setInterval(async () => rss.push({ minute: (Date.now() - started) / 60_000, mb: await rssMb(child.pid!) }), 30_000);
    const times = QUERIES.map(() => [] as number[]);
    const errors = QUERIES.map(() => 0);
    let n = 0;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (Date.now() < until) {
          const i = n++;
          const k = i % QUERIES.length;
          const r = await send(QUERIES[k], i, tokens);
          times[k].push(r.ms);
          if (!r.ok) errors[k]++;
        }
      }),
    );
    clearInterval(sampler);
    rss.push({ minute: MINUTES, mb: await rssMb(child.pid!) });
    const all = times.flat();
    console.log(`all-in-one start (embedded SQLite), ${CONNECTIONS} connections, ${MINUTES} minutes, mixed load`);
    console.log('query'.padEnd(46), 'requests  errors   p50 ms   p99 ms');
    for (const [k, q] of QUERIES.entries()) {
      console.log(
        q.name.padEnd(46),
        String(times[k].length).padStart(8),
        String(errors[k]).padStart(7),
        pct(times[k], 50).toFixed(1).padStart(8),
        pct(times[k], 99).toFixed(1).padStart(8),
      );
    }
    console.log(
      'all'.padEnd(46),
      String(all.length).padStart(8),
      String(errors.reduce((a, b) => a + b, 0)).padStart(7),
      pct(all, 50).toFixed(1).padStart(8),
      pct(all, 99).toFixed(1).padStart(8),
    );
    const middle = rss.reduce((best, s) => (Math.abs(s.minute - MINUTES / 2) < Math.abs(best.minute - MINUTES / 2) ? s : best));
    console.log(
      `RSS: start ${rss[0].mb.toFixed(0)} MB · middle (${middle.minute.toFixed(1)} min) ${middle.mb.toFixed(0)} MB · end ${rss[rss.length - 1].mb.toFixed(0)} MB`,
    );
    console.log(`RSS every 30 s (MB): ${rss.map((s) => s.mb.toFixed(0)).join(' ')}`);
  } finally {
    child.kill('SIGTERM');
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
