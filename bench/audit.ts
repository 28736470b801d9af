import 'reflect-metadata';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUBGRAPHS } from '../subgraphs';
import { signToken } from '../kit/auth';
import { securityFromEnv } from '../kit/config';
import { MemoryBus } from '../kit/events/bus';
import { SubgraphApp } from '../kit/subgraph';
import { startGateway } from '../gateway/server';
import { loadSupergraphSdl } from '../gateway/supergraph';

/**
 * `npm run bench -- audit [seconds per round, default 5] [rounds, default 4]`: latency of one
 * personal read through the gateway (an omil token of 10101, 10 connections, the same query) with
 * the audit on and off, side by side in one run: two copies of the seeded embedded SQLite
 * platform in this process, measured in alternating rounds. Prints p50/p95 of each and their
 * ratio (target < 2x). `audit: false` is a start option of the apps only: no configuration sets it.
 */
const QUERY = 'query Bench { person(id: "1") { id rut firstName lastName email phone } }';
const CONNECTIONS = 10;
const seconds = Number(process.argv[2] ?? 5);
const rounds = Number(process.argv[3] ?? 4);

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

async function platform(dataDir: string, audit: boolean, seed: boolean) {
  const security = securityFromEnv(process.env, 'generate');
  const bus = new MemoryBus();
  const apps = SUBGRAPHS.map((d) => new SubgraphApp(d, { dataDir }, security));
  await Promise.all(apps.map((app) => app.start({ seed, bus, audit: audit ? undefined : false })));
  const urls: Record<string, string> = {};
  for (const app of apps) urls[app.name] = (await app.listen(0, '127.0.0.1')).url;
  const gateway = await startGateway({ supergraphSdl: loadSupergraphSdl(), subgraphUrls: urls, port: 0, host: '127.0.0.1', ...security });
  return {
    url: gateway.url,
    persons: apps.find((a) => a.name === 'persons')!,
    async close() {
      await gateway.close();
      await Promise.all(apps.map((a) => a.close()));
      await bus.close();
    },
  };
}

/** CONNECTIONS loops sending the query for `ms`; the latency of every answer. */
async function load(url: string, token: string, ms: number): Promise<number[]> {
  const latencies: number[] = [];
  const until = Date.now() + ms;
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': 'job-placement' };
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < until) {
        const t = performance.now();
        const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query: QUERY }) });
        const body = (await res.json()) as { data?: { person?: { rut?: string } } };
        if (!body.data?.person?.rut) throw new Error(`unexpected answer: ${JSON.stringify(body)}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return latencies;
}

async function main() {
  const base = mkdtempSync(join(tmpdir(), 'lle-bench-audit-'));
  const [dirOn, dirOff] = [join(base, 'on'), join(base, 'off')];
  console.log('seeding the embedded platform once…');
  await (await platform(dirOn, true, true)).close();
  cpSync(dirOn, dirOff, { recursive: true });
  const on = await platform(dirOn, true, false);
  const off = await platform(dirOff, false, false);
  const token = await signToken({ sub: 'bench-omil', roles: ['omil'], communes: ['10101'] }, securityFromEnv().auth);
  const samples = { on: [] as number[], off: [] as number[] };
  try {
    await load(on.url, token, 1000);
    await load(off.url, token, 1000);
    for (let round = 0; round < rounds; round++) {
      samples.off.push(...(await load(off.url, token, seconds * 1000)));
      samples.on.push(...(await load(on.url, token, seconds * 1000)));
    }
    const entries = await on.persons.db!.em.fork().getConnection().execute('select count(*) as n from audit_entry');
    const row = (name: string, xs: number[]) =>
      `${name.padEnd(10)} ${String(xs.length).padStart(7)} ${(xs.length / (rounds * seconds)).toFixed(0).padStart(7)}/s  p50 ${percentile(xs, 50).toFixed(1).padStart(6)} ms  p95 ${percentile(xs, 95).toFixed(1).padStart(6)} ms`;
    console.log(`\npersonal read through the gateway, ${CONNECTIONS} connections, ${rounds} alternating rounds of ${seconds} s each`);
    console.log(`${'audit'.padEnd(10)} ${'answers'.padStart(7)} ${'rate'.padStart(9)}`);
    console.log(row('off', samples.off));
    console.log(row('on', samples.on));
    const r50 = percentile(samples.on, 50) / percentile(samples.off, 50);
    const r95 = percentile(samples.on, 95) / percentile(samples.off, 95);
    console.log(`ratio on/off: p50 ${r50.toFixed(2)}x, p95 ${r95.toFixed(2)}x (target < 2x) — ${r50 < 2 && r95 < 2 ? 'met' : 'NOT met'}`);
    console.log(`audit entries appended while measuring: ${Number(entries[0].n).toLocaleString('en')}`);
  } finally {
    await on.close();
    await off.close();
    rmSync(base, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error('bench failed:', error);
  process.exit(1);
});
