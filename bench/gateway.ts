import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { SUBGRAPHS } from '../subgraphs';
import { postJson } from './http-client';
import { authConfigFromEnv, signToken, type Role } from '../kit/auth';
import { projectPath } from '../kit/assets';
import { SHARED_SECRET_HEADER, SUBGRAPH_NAMES } from '../kit/config';
import { SubgraphApp } from '../kit/subgraph';
import { startHiveGateway, type HiveGateway } from '../gateway/hive/process';
import { NODE_FLAGS } from './all-in-one';

/**
 * `npm run bench -- gateway [--duration 5] [--connections 10] [--rounds 1] [--pg] [--only name] [--port 4620]`
 *
 * The federation tax, side by side in one run: the same queries through our gateway, through
 * Hive Gateway (gateway/hive/gateway.config.ts) with its defaults (identical in-flight subgraph
 * requests shared) and without that sharing, on the same committed supergraph and the same
 * running subgraphs; and each query's own share sent to its subgraph directly.
 *
 * The subgraphs run as `npm start` runs them (scripts/start-all.ts: one process, the embedded
 * SQLite default seeded under ./data/bench-gateway, or PostgreSQL with --pg / DATABASE_URL), and
 * our gateway is measured twice: in that process (the embedded default) and alone in a process
 * of its own (gateway/main.ts), as Hive Gateway runs. Cells are interleaved (each query through
 * every target in turn), each after a warm-up second, at N keep-alive connections (node:http).
 */

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '1' },
    pg: { type: 'boolean', default: false },
    'database-url': { type: 'string' },
    only: { type: 'string' },
    port: { type: 'string', default: '4620' },
  },
});
const durationMs = Number(values.duration) * 1000;
const connections = Number(values.connections);
const rounds = Number(values.rounds);
const basePort = Number(values.port);
const databaseUrl =
  values['database-url'] ??
  (values.pg || process.env.DATABASE_URL
    ? (process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/lle_bench_gateway')
    : undefined);
const sharedSecret = process.env.SUBGRAPH_SHARED_SECRET || `bench-${randomBytes(12).toString('hex')}`;

const HEADLINE = `{ region(code: "10") {
  name placementSummary(year: 2022) { placements goal compliance }
  provinces { code name communes { code name placementSummary(year: 2022) { placements goal compliance } } }
  fomilAgreements(year: 2022) { year category status commune { code } } } }`;

const PLACEMENTS_PAGE = `{ placements(filter: { year: 2022 }, first: 50) { totalCount nodes {
  id startDate sector contractType
  commune { code name province { name } } employer { name } vacancy { title } person { firstName lastName } } } }`;
// The placements subgraph's own share of that page: its fields and the keys of the linked entities.
const PLACEMENTS_OWN = `{ placements(filter: { year: 2022 }, first: 50) { totalCount nodes {
  id startDate sector contractType commune { code } employer { id } vacancy { id } person { id } } } }`;

const STATS = '{ placementStats(filter: { years: [2022] }, groupBy: [COMMUNE]) { commune { code name } placements goal compliance } }';
const STATS_OWN = '{ placementStats(filter: { years: [2022] }, groupBy: [COMMUNE]) { commune { code } placements goal compliance } }';

/** The analyst's cookbook (docs/queries.md), every example. */
function cookbook(): string[] {
  const text = readFileSync(projectPath('docs', 'queries.md'), 'utf8');
  return [...text.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1].trim());
}

interface Case {
  name: string;
  /** Several queries: each request takes the next (round-robin). */
  queries: string[];
  role?: Role;
  check: (data: any) => boolean;
  /** The same question's own share, asked of one subgraph directly. */
  own?: { subgraph: (typeof SUBGRAPH_NAMES)[number]; query: string };
}

const CASES: Case[] = [
  {
    name: 'headline (public)',
    queries: [HEADLINE],
    check: (d) => d.region.placementSummary.placements === 4948 && d.region.provinces.flatMap((p: any) => p.communes).length === 30,
  },
  {
    name: '50 placements of 2022 (admin)',
    queries: [PLACEMENTS_PAGE],
    role: 'admin',
    check: (d) => d.placements.totalCount === 4948 && d.placements.nodes.length === 50 && d.placements.nodes[0].person.firstName,
    own: { subgraph: 'placements', query: PLACEMENTS_OWN },
  },
  {
    name: 'placementStats by commune 2022 (public)',
    queries: [STATS],
    // Communes without a placement in 2022 have no row.
    check: (d) => d.placementStats.length >= 20 && d.placementStats[0].commune.code === '10101' && d.placementStats[0].placements > 0,
    own: { subgraph: 'placements', query: STATS_OWN },
  },
  {
    // An admin token: one example lists person-level records, which analysts read as statistics only.
    name: `the cookbook (docs/queries.md, ${cookbook().length} queries in turn, admin)`,
    queries: cookbook(),
    role: 'admin',
    check: (d) => Object.values(d).every((v) => v !== null),
  },
];

interface Target {
  name: string;
  url: string;
  headers?: Record<string, string>;
}

// ---------------------------------------------------------------------------------------------
// Load

const agent = new http.Agent({ keepAlive: true, maxSockets: connections });

const request = (url: string, body: string, headers: Record<string, string>) => postJson(agent, url, body, headers);

interface Measured {
  count: number;
  errors: number;
  latencies: number[];
  elapsedMs: number;
}

/** `connections` loops sending the bodies in turn for `ms`; every latency kept. */
async function load(url: string, bodies: string[], headers: Record<string, string>, ms: number): Promise<Measured> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const until = started + ms;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const body = bodies[next++ % bodies.length];
        const t = performance.now();
        try {
          const res = await request(url, body, headers);
          if (res.status !== 200 || res.text.includes('"errors"')) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { count: latencies.length, errors, latencies, elapsedMs: performance.now() - started };
}

const percentile = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};

/** One request at a time: the latency of a request alone (p50 of 30 after 5). */
async function alone(url: string, bodies: string[], headers: Record<string, string>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 35; i++) {
    const t = performance.now();
    await request(url, bodies[i % bodies.length], headers);
    if (i >= 5) times.push(performance.now() - t);
  }
  return percentile(times, 50);
}

// ---------------------------------------------------------------------------------------------
// Processes

const children: ChildProcess[] = [];

function startProcess(label: string, args: string[], env: Record<string, string | undefined>): ChildProcess {
  const child = spawn(process.execPath, [...NODE_FLAGS, '-r', '@swc-node/register', ...args], {
    cwd: projectPath(),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  const keep = (c: Buffer) => (printed = (printed + c.toString()).slice(-5000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  child.once('exit', (code) => {
    if (!stopping) {
      console.error(`${label} exited (${code}):\n${printed}`);
      void stopAll().then(() => process.exit(1));
    }
  });
  children.push(child);
  return child;
}

async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url.replace(/\/graphql$/, '/health'), { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not yet
    }
    if (Date.now() > until) throw new Error(`${url} did not come up within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Until /ready says every lane of the all-in-one start is up (its worker threads start after the gateway). */
async function lanesUp(url: string, timeoutMs: number): Promise<void> {
  for (const until = Date.now() + timeoutMs; Date.now() < until; await new Promise((r) => setTimeout(r, 250))) {
    const body = (await (await fetch(url)).json().catch(() => ({}))) as { lanes?: Record<string, string> };
    if (Object.values(body.lanes ?? {}).every((state) => state === 'up')) return;
  }
  throw new Error(`the lanes at ${url} did not come up within ${timeoutMs} ms`);
}

/** Resident memory of a child process, MB (Linux /proc), for the start/end comparison. */
function rssMb(child: ChildProcess): number {
  const file = `/proc/${child.pid}/status`;
  if (!existsSync(file)) return NaN;
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(file, 'utf8'))?.[1];
  return kb ? Number(kb) / 1024 : NaN;
}

let stopping = false;
const hives: HiveGateway[] = [];
async function stopAll(): Promise<void> {
  stopping = true;
  await Promise.all(hives.map((h) => h.close()));
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  agent.destroy();
}
process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));

/** PostgreSQL: the database, created and seeded (scale 1) by the subgraphs when it holds no placements. */
async function preparePostgres(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name "${name}" must be lower-case letters, digits and _`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  const exists = (await client.query('select 1 from pg_database where datname = $1', [name])).rowCount;
  if (!exists) await client.query(`create database ${name}`);
  await client.end();
  const db = new Client({ connectionString: url });
  await db.connect();
  const seeded = await db
    .query('select count(*) as n from placements.placement')
    .then((r) => Number(r.rows[0].n) > 0)
    .catch(() => false);
  await db.end();
  if (seeded) return;
  const t = Date.now();
  const apps = SUBGRAPHS.map((d) => new SubgraphApp(d, { databaseUrl: url, dataDir: '' }));
  await Promise.all(apps.map((a) => a.start({ seed: true })));
  await Promise.all(apps.map((a) => a.close()));
  console.log(`seeded ${name} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

// ---------------------------------------------------------------------------------------------

const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : '—');
const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '—');

async function main() {
  const subgraphPort = (name: string) => basePort + 1 + SUBGRAPH_NAMES.indexOf(name as (typeof SUBGRAPH_NAMES)[number]);
  const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, `http://127.0.0.1:${subgraphPort(n)}/graphql`]));
  const common = { SUBGRAPH_SHARED_SECRET: sharedSecret, HOST: '127.0.0.1', LOG_LEVEL: 'warn' };

  let t = Date.now();
  if (databaseUrl) await preparePostgres(databaseUrl);
  const database = databaseUrl ? { DATABASE_URL: databaseUrl } : { DATABASE_URL: '', DATA_DIR: projectPath('data', 'bench-gateway') };
  const allInOne = startProcess('all-in-one (scripts/start-all.ts)', ['scripts/start-all.ts'], {
    ...common,
    ...database,
    PORT: String(basePort),
  });
  await waitFor(`http://127.0.0.1:${basePort}/graphql`, 180_000);
  await lanesUp(`http://127.0.0.1:${basePort}/ready`, 60_000);
  const routing = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [`${n.toUpperCase()}_URL`, subgraphUrls[n]]));
  startProcess('our gateway (gateway/main.ts)', ['gateway/main.ts'], { ...common, ...routing, PORT: String(basePort + 20) });
  await waitFor(`http://127.0.0.1:${basePort + 20}/graphql`, 60_000);
  const hiveEnv = { ...common, LOG_LEVEL: 'error' };
  hives.push(await startHiveGateway({ subgraphUrls, port: basePort + 10, env: hiveEnv }));
  hives.push(await startHiveGateway({ subgraphUrls, port: basePort + 11, env: { ...hiveEnv, HIVE_DEDUPLICATE: 'false' } }));
  console.log(`started in ${((Date.now() - t) / 1000).toFixed(1)} s`);

  const targets: Target[] = [
    { name: 'ours, all-in-one (embedded default)', url: `http://127.0.0.1:${basePort}/graphql` },
    { name: 'ours, own process', url: `http://127.0.0.1:${basePort + 20}/graphql` },
    { name: 'Hive, defaults (dedup on)', url: hives[0].url },
    { name: 'Hive, dedup off', url: hives[1].url },
  ];
  const tokens: Partial<Record<Role, string>> = {};
  for (const role of ['admin', 'analyst'] as Role[])
    tokens[role] = await signToken({ sub: `bench-${role}`, roles: [role] }, authConfigFromEnv(), '2h');

  console.log(
    `\n${databaseUrl ? `PostgreSQL ${databaseUrl.replace(/\/\/[^@]*@/, '//…@')}` : 'embedded SQLite (seeded)'}; ` +
      `${connections} connections, ${durationMs / 1000} s per cell after 1 s of warm-up, ${rounds} round(s), interleaved; node ${process.version}\n`,
  );
  const summary: string[] = [];
  const loadStarted = Date.now();
  const rssStart = rssMb(allInOne);
  for (const c of CASES.filter((c) => !values.only || c.name.includes(values.only))) {
    // Reads of personal fields declare their purpose (x-purpose, docs/security.md), as a real client must.
    const auth: Record<string, string> = c.role ? { authorization: `Bearer ${tokens[c.role]}`, 'x-purpose': 'job-placement' } : {};
    const bodies = c.queries.map((query) => JSON.stringify({ query }));
    const cells: (Target & { bodies: string[] })[] = targets.map((target) => ({ ...target, headers: auth, bodies }));
    if (c.own) {
      cells.push({
        name: `${c.own.subgraph} subgraph alone`,
        url: subgraphUrls[c.own.subgraph],
        headers: { ...auth, [SHARED_SECRET_HEADER]: sharedSecret },
        bodies: [JSON.stringify({ query: c.own.query })],
      });
    }
    // Every query answers what it should through every target before anything is timed.
    for (const cell of cells) {
      for (const body of cell.bodies) {
        const res = await request(cell.url, body, cell.headers ?? {});
        const parsed = JSON.parse(res.text) as { data?: unknown; errors?: unknown };
        if (res.status !== 200 || parsed.errors || (cell.bodies === bodies && !c.check(parsed.data))) {
          throw new Error(`${c.name} through ${cell.name}: HTTP ${res.status} ${res.text.slice(0, 500)}`);
        }
      }
    }
    const results = new Map<string, { measured: Measured[]; alone: number }>();
    for (let round = 0; round < rounds; round++) {
      // Interleaved: every target in turn, the order rotated each round.
      const order = cells.map((_, i) => cells[(i + round) % cells.length]);
      for (const cell of order) {
        await load(cell.url, cell.bodies, cell.headers ?? {}, 1000);
        const measured = await load(cell.url, cell.bodies, cell.headers ?? {}, durationMs);
        const entry = results.get(cell.name) ?? { measured: [], alone: NaN };
        entry.measured.push(measured);
        if (round === 0) entry.alone = await alone(cell.url, cell.bodies, cell.headers ?? {});
        results.set(cell.name, entry);
      }
    }
    const stats = new Map<string, { rps: number; p50: number; p99: number; alone: number; errors: number }>();
    console.log(`${c.name}`);
    console.log(
      `  ${'target'.padEnd(38)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'alone p50'.padStart(10)} errors`,
    );
    for (const cell of cells) {
      const r = results.get(cell.name)!;
      const latencies = r.measured.flatMap((m) => m.latencies);
      const count = r.measured.reduce((s, m) => s + m.count, 0);
      const elapsed = r.measured.reduce((s, m) => s + m.elapsedMs, 0);
      const s = {
        rps: (count / elapsed) * 1000,
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        alone: r.alone,
        errors: r.measured.reduce((n, m) => n + m.errors, 0),
      };
      stats.set(cell.name, s);
      console.log(
        `  ${cell.name.padEnd(38)} ${fmt(s.rps).padStart(8)} ${fmt(s.p50).padStart(8)} ${fmt(s.p99).padStart(8)} ${fmt(s.alone).padStart(10)} ${s.errors}`,
      );
    }
    const [ours, oursOwn, hive, hiveNoDedup] = targets.map((t) => stats.get(t.name)!);
    const sub = c.own ? stats.get(`${c.own.subgraph} subgraph alone`) : undefined;
    const line =
      `ours/Hive req/s: all-in-one ${ratio(ours.rps, hive.rps)} (dedup on), ${ratio(ours.rps, hiveNoDedup.rps)} (off); ` +
      `own process ${ratio(oursOwn.rps, hive.rps)} (on), ${ratio(oursOwn.rps, hiveNoDedup.rps)} (off)` +
      (sub ? `; ours/subgraph alone p50: ${ratio(ours.p50, sub.p50)} under load, ${ratio(ours.alone, sub.alone)} alone` : '');
    console.log(`  ${line}\n`);
    summary.push(
      `| ${c.name} | ${fmt(ours.rps)} / ${fmt(ours.p50)} / ${fmt(ours.p99)} | ${fmt(oursOwn.rps)} / ${fmt(oursOwn.p50)} | ` +
        `${fmt(hive.rps)} / ${fmt(hive.p50)} / ${fmt(hive.p99)} | ${fmt(hiveNoDedup.rps)} / ${fmt(hiveNoDedup.p50)} | ` +
        `${sub ? `${fmt(sub.rps)} / ${fmt(sub.p50)} (alone ${fmt(sub.alone)})` : '—'} | ${fmt(ours.alone)} | ` +
        `${ratio(ours.rps, hive.rps)} · ${ratio(ours.rps, hiveNoDedup.rps)} | ${sub ? ratio(ours.p50, sub.p50) : '—'} |`,
    );
  }
  console.log(
    '| query | ours all-in-one req/s / p50 / p99 ms | ours own process req/s / p50 | Hive defaults req/s / p50 / p99 | Hive dedup off req/s / p50 | subgraph alone req/s / p50 | ours alone p50 | ours ÷ Hive req/s (on · off) | ours ÷ subgraph p50 |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const row of summary) console.log(row);
  console.log(
    `\nall-in-one RSS: ${fmt(rssStart, 0)} MB before the load, ${fmt(rssMb(allInOne), 0)} MB after ` +
      `${((Date.now() - loadStarted) / 60_000).toFixed(1)} min of it`,
  );
  t = Date.now();
  await stopAll();
}

main().catch(async (error) => {
  console.error(error);
  await stopAll();
  process.exit(1);
});
