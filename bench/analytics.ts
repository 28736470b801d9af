import 'reflect-metadata';
import { Client } from 'pg';
import { authConfigFromEnv, signToken } from '../kit/auth';
import { securityFromEnv } from '../kit/config';
import { startSubgraphs } from './in-process';
import { startGateway } from '../gateway/server';
import { loadSupergraphSdl } from '../gateway/supergraph';
import { postJson } from './http-client';
import http from 'node:http';

/**
 * `npm run bench -- analytics [iterations] [--http]`: analyst queries through the gateway against the
 * equivalent raw SQL on the same PostgreSQL database, side by side in one run (interleaved), with
 * p50/p95 of each and their ratio. Data: `npm run seed -- --scale 60` (1,014,840 placements). Both clients are lean and
 * sequential: `pg` for the SQL, node:http on a kept-alive connection for the graph.
 *
 * The raw SQL always reads the placements. The graph reads placementStats' rollup (placement_month,
 * kept by triggers) for questions cut by year, month and territory alone, marked "(rollup)"; the
 * same question with a filter the rollup does not hold (both sexes) shows the graph reading the
 * placements, side by side.
 */
const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/lle_scale';
const iterations = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 60);

interface Case {
  name: string;
  graphql: string;
  sql: string;
  /** The total both must agree on. */
  total: (data: any) => number;
  sqlTotal: (rows: any[]) => number;
}

// What the statistic counts: cancelled placements are left out (subgraphs/placements/resolvers/stats.ts).
const ACTIVE = "status <> 'CANCELLED'";

const sumOf = (rows: any[], key: string) => rows.reduce((s, r) => s + Number(r[key]), 0);

const CASES: Case[] = [
  {
    name: 'region × commune × month, 2022 (rollup)',
    graphql: '{ placementStats(filter: { years: [2022] }, groupBy: [COMMUNE, MONTH]) { commune { code } month placements } }',
    sql: `select omil_commune_code, month, count(*) as n from placements.placement where year in (2022) and ${ACTIVE} group by omil_commune_code, month order by omil_commune_code, month`,
    total: (d) => sumOf(d.placementStats, 'placements'),
    sqlTotal: (rows) => sumOf(rows, 'n'),
  },
  {
    name: 'same, from the placements (sexes: both)',
    graphql:
      '{ placementStats(filter: { years: [2022], sexes: [FEMALE, MALE] }, groupBy: [COMMUNE, MONTH]) { commune { code } month placements } }',
    sql: `select omil_commune_code, month, count(*) as n from placements.placement where year in (2022) and sex in ('FEMALE', 'MALE') and ${ACTIVE} group by omil_commune_code, month order by omil_commune_code, month`,
    total: (d) => sumOf(d.placementStats, 'placements'),
    sqlTotal: (rows) => sumOf(rows, 'n'),
  },
  {
    name: 'same, with commune names (+ communes; rollup)',
    graphql: '{ placementStats(filter: { years: [2022] }, groupBy: [COMMUNE, MONTH]) { commune { code name } month placements } }',
    sql: `select p.omil_commune_code, c.name, p.month, count(*) as n from placements.placement p join communes.commune c on c.code = p.omil_commune_code
          where p.year in (2022) and p.${ACTIVE} group by p.omil_commune_code, c.name, p.month order by p.omil_commune_code, p.month`,
    total: (d) => sumOf(d.placementStats, 'placements'),
    sqlTotal: (rows) => sumOf(rows, 'n'),
  },
  {
    name: 'provinces against goals, 2022 (rollup)',
    graphql: '{ placementStats(filter: { years: [2022] }, groupBy: [PROVINCE]) { province { code } placements goal compliance } }',
    sql: `select p.province_code, p.n, g.goal from
            (select province_code, count(*) as n from placements.placement where year in (2022) and ${ACTIVE} group by province_code) p
            left join (select province_code, sum(goal) as goal from placements.placement_goal where year in (2022) group by province_code) g
            on g.province_code = p.province_code order by p.province_code`,
    total: (d) => sumOf(d.placementStats, 'placements'),
    sqlTotal: (rows) => sumOf(rows, 'n'),
  },
  {
    name: 'sector × sex, all years',
    graphql: '{ placementStats(groupBy: [SECTOR, SEX]) { sector sex placements } }',
    sql: `select sector, sex, count(*) as n from placements.placement where ${ACTIVE} group by sector, sex order by sector, sex`,
    total: (d) => sumOf(d.placementStats, 'placements'),
    sqlTotal: (rows) => sumOf(rows, 'n'),
  },
  {
    name: 'years, year-over-year change (rollup)',
    graphql: '{ placementStats(groupBy: [YEAR]) { year placements previousYearPlacements yearOverYearChange } }',
    sql: `select year, count(*) as n from placements.placement where ${ACTIVE} group by year order by year`,
    total: (d) => sumOf(d.placementStats, 'placements'),
    sqlTotal: (rows) => sumOf(rows, 'n'),
  },
];

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

async function main() {
  const pg = new Client({ connectionString: url });
  await pg.connect();
  const count = Number((await pg.query('select count(*) as n from placements.placement')).rows[0].n);
  console.log(`database: ${url.replace(/\/\/[^@]*@/, '//…@')}, ${count.toLocaleString('en')} placements`);
  if (count < 1_000_000) console.log('  (fewer than 1,000,000: run `npm run seed -- --scale 60` first for the target figures)');

  const security = securityFromEnv();
  const subgraphs = await startSubgraphs({ databaseUrl: url, dataDir: '' }, security);
  const { urls, local } = subgraphs;
  // One process, as `npm start` runs: the gateway calls the subgraphs in process (--http: over HTTP).
  const gateway = await startGateway({
    supergraphSdl: loadSupergraphSdl(),
    subgraphUrls: urls,
    localSubgraphs: process.argv.includes('--http') ? undefined : local,
    port: 0,
    host: '127.0.0.1',
    ...security,
  });
  // Admin: exact counts, so each answer's total can be checked against the raw SQL (others get perturbed cells).
  const token = await signToken({ sub: 'bench', roles: ['admin'] }, authConfigFromEnv());

  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const viaGraph = async (query: string) => {
    const res = await postJson(agent, gateway.url, JSON.stringify({ query }), { authorization: `Bearer ${token}` });
    const body = JSON.parse(res.text) as { data?: unknown; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };

  console.log(`\n${iterations} runs of each, interleaved, after 5 warm-up runs (ms)\n`);
  console.log('query'.padEnd(50), 'graph p50  p95 ', ' SQL p50  p95 ', ' ratio p50  p95');
  const results = [];
  for (const c of CASES) {
    for (let i = 0; i < 5; i++) {
      await viaGraph(c.graphql);
      await pg.query(c.sql);
    }
    const graph: number[] = [];
    const sql: number[] = [];
    let data: unknown;
    let rows: any[] = [];
    for (let i = 0; i < iterations; i++) {
      let t = performance.now();
      data = await viaGraph(c.graphql);
      graph.push(performance.now() - t);
      t = performance.now();
      rows = (await pg.query(c.sql)).rows;
      sql.push(performance.now() - t);
    }
    if (c.total(data) !== c.sqlTotal(rows)) throw new Error(`${c.name}: the graph says ${c.total(data)}, SQL ${c.sqlTotal(rows)}`);
    const r = { name: c.name, g50: percentile(graph, 50), g95: percentile(graph, 95), s50: percentile(sql, 50), s95: percentile(sql, 95) };
    results.push(r);
    console.log(
      r.name.padEnd(50),
      r.g50.toFixed(1).padStart(9),
      r.g95.toFixed(1).padStart(5),
      r.s50.toFixed(1).padStart(8),
      r.s95.toFixed(1).padStart(5),
      `${(r.g50 / r.s50).toFixed(2)}×`.padStart(10),
      `${(r.g95 / r.s95).toFixed(2)}×`.padStart(6),
    );
  }
  const [main, records] = results;
  console.log(
    `\ntarget: region × commune × month at most 1.5× raw SQL → p50 ${(main.g50 / main.s50).toFixed(2)}× ` +
      `${main.g50 / main.s50 <= 1.5 ? 'met' : 'NOT met'} (p95 ${(main.g95 / main.s95).toFixed(2)}×); ` +
      `read from the placements instead of the rollup: ${(records.g50 / records.s50).toFixed(2)}×`,
  );

  agent.destroy();
  await gateway.close();
  await subgraphs.close();
  await pg.end();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
