import 'reflect-metadata';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { SUBGRAPHS } from '../subgraphs';
import { authConfigFromEnv, signToken } from '../kit/auth';
import { securityFromEnv } from '../kit/config';
import { addDays, today } from '../kit/dates';
import { formatRut } from '../kit/rut';
import { SubgraphApp } from '../kit/subgraph';
import { startGateway } from '../gateway/server';
import { loadSupergraphSdl } from '../gateway/supergraph';
import { network } from '../seed/network';
import { main as importCli } from '../scripts/import';

/**
 * `npm run bench -- import [--rows 100000] [--database-url …]`: placement files imported through
 * the gateway (POST /imports/placements, as the CLI sends them) on PostgreSQL, the whole platform
 * in this process over the seeded network (no event bus: the outbox keeps the events, so the
 * figures are the import's own). Two files in one run — 10,000 rows and all of them — each
 * dry-run then committed; seconds, rows/s and the process's peak memory (RSS, and RSS and heap
 * above the level before the import, sampled every 20 ms). Targets: the full commit under 60 s;
 * peak memory flat in the file's size (streaming): the ratio of the full file's peak to the
 * 10,000-row file's. The database (default lle_bench_import) is dropped and seeded.
 */
const TARGET_S = 60;
const SMALL = 10_000;

async function freshDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name "${name}" must be lower-case letters, digits and _`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`drop database if exists ${name} with (force)`);
  await client.query(`create database ${name}`);
  await client.end();
}

/** `rows` valid placements of seeded people and employers, none with the same person, employer and start date. */
async function writeFile(path: string, rows: number, offset: number): Promise<number> {
  const net = network();
  const last = addDays(today(), -1);
  const out = createWriteStream(path);
  out.write('person_rut;employer_rut;omil_commune;start_date;occupation_code;contract_type;monthly_wage\r\n');
  for (let i = 0; i < rows; i++) {
    const person = net.persons[i % net.persons.length];
    const round = Math.floor(i / net.persons.length) + offset;
    const employer = net.employers[(i * 7 + round * 13) % net.employers.length];
    let start = addDays(person.registeredAt, 1 + ((round * 37 + i) % 300));
    if (start < '2020-01-01') start = addDays('2020-01-01', i % 300); // minimum wages are recorded from 2019-03
    if (start > last) start = last;
    const line = `${formatRut(person.rut)};${formatRut(employer.rut)};${person.omilCommuneCode};${start.split('-').reverse().join('-')};5223;INDEFINITE;750.000\r\n`;
    if (!out.write(line)) await new Promise((r) => out.once('drain', () => r(undefined)));
  }
  await new Promise<void>((r) => out.end(() => r()));
  return statSync(path).size;
}

interface Measured {
  seconds: number;
  peakRssMb: number;
  rssMb: number;
  heapMb: number;
  line: string;
}

async function measure(run: () => Promise<string>): Promise<Measured> {
  global.gc?.();
  const base = process.memoryUsage();
  let rss = base.rss;
  let heap = base.heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  }, 20);
  const t = performance.now();
  const line = await run();
  const seconds = (performance.now() - t) / 1000;
  clearInterval(timer);
  return { seconds, peakRssMb: rss / 2 ** 20, rssMb: (rss - base.rss) / 2 ** 20, heapMb: (heap - base.heapUsed) / 2 ** 20, line };
}

async function main() {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '100000' },
      'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/lle_bench_import' },
    },
  });
  const rows = Number(values.rows);
  const url = values['database-url']!;
  await freshDatabase(url);
  const security = securityFromEnv();
  let t = Date.now();
  const apps = SUBGRAPHS.map((d) => new SubgraphApp(d, { databaseUrl: url, dataDir: '' }, security));
  await Promise.all(apps.map((a) => a.start({ seed: true })));
  const urls: Record<string, string> = {};
  for (const app of apps) urls[app.name] = (await app.listen(0, '127.0.0.1')).url;
  const gateway = await startGateway({ supergraphSdl: loadSupergraphSdl(), subgraphUrls: urls, port: 0, host: '127.0.0.1', ...security });
  console.log(`PostgreSQL seeded and platform started in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  const token = await signToken({ sub: 'bench-admin', roles: ['admin'], communes: [] }, authConfigFromEnv(), '2h');
  const dir = mkdtempSync(join(tmpdir(), 'lle-bench-import-'));
  const results: { rows: number; mb: number; mode: string; m: Measured }[] = [];
  try {
    for (const [n, offset] of [
      [Math.min(SMALL, rows), 10],
      [rows, 20],
    ]) {
      const file = join(dir, `placements-${n}.csv`);
      t = Date.now();
      const size = await writeFile(file, n, offset);
      console.log(`file of ${n} rows: ${(size / 2 ** 20).toFixed(1)} MB (written in ${((Date.now() - t) / 1000).toFixed(1)} s)`);
      for (const mode of ['dry run', 'commit']) {
        const args = [
          '--kind',
          'placements',
          '--file',
          file,
          '--token',
          token,
          '--url',
          gateway.url,
          ...(mode === 'dry run' ? ['--dry-run'] : []),
        ];
        const m = await measure(async () => {
          const lines: string[] = [];
          const code = await importCli(args, (l) => lines.push(l));
          if (code !== 0) throw new Error(`import failed:\n${lines.slice(0, 12).join('\n')}`);
          return lines[0];
        });
        console.log(`  ${mode}: ${m.line}`);
        results.push({ rows: n, mb: size / 2 ** 20, mode, m });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await gateway.close();
    await Promise.all(apps.map((a) => a.close()));
  }
  // One line per file: dry run and commit side by side.
  const mb = (x: number) => x.toFixed(0).padStart(6);
  console.log('\n   rows  file MB | dry run s  rows/s | commit s  rows/s | peak RSS MB  +RSS MB  +heap MB (dry · commit)');
  for (let k = 0; k < results.length; k += 2) {
    const [dry, commit] = [results[k], results[k + 1]];
    const rate = (r: typeof dry) =>
      Math.round(r.rows / r.m.seconds)
        .toString()
        .padStart(7);
    console.log(
      `${String(dry.rows).padStart(7)} ${dry.mb.toFixed(1).padStart(8)} | ${dry.m.seconds.toFixed(1).padStart(9)} ${rate(dry)} | ` +
        `${commit.m.seconds.toFixed(1).padStart(8)} ${rate(commit)} | ${mb(dry.m.peakRssMb)} · ${mb(commit.m.peakRssMb)}  ` +
        `${mb(dry.m.rssMb)} · ${mb(commit.m.rssMb)}  ${mb(dry.m.heapMb)} · ${mb(commit.m.heapMb)}`,
    );
  }
  const [smallDry, smallCommit, fullDry, fullCommit] = results;
  const ratio = (full: number, small: number) => `×${(full / Math.max(small, 1)).toFixed(2)}`;
  console.log(
    `\nfull commit: ${fullCommit.m.seconds.toFixed(1)} s (target < ${TARGET_S} s: ${fullCommit.m.seconds < TARGET_S ? 'met' : 'MISSED'}); ` +
      `flatness, peak memory of ${fullDry.rows} rows ÷ ${smallDry.rows} rows (file ×${(fullDry.rows / smallDry.rows).toFixed(0)}): ` +
      `peak RSS dry run ${ratio(fullDry.m.peakRssMb, smallDry.m.peakRssMb)}, commit ${ratio(fullCommit.m.peakRssMb, smallCommit.m.peakRssMb)}; ` +
      `heap above start dry run ${ratio(fullDry.m.heapMb, smallDry.m.heapMb)}, commit ${ratio(fullCommit.m.heapMb, smallCommit.m.heapMb)}`,
  );
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
