import 'reflect-metadata';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { SUBGRAPHS } from '../subgraphs';
import { authConfigFromEnv, signToken } from '../kit/auth';
import { securityFromEnv } from '../kit/config';
import { RedisBus } from '../kit/events/redis-bus';
import { SubgraphApp } from '../kit/subgraph';
import { startGateway } from '../gateway/server';
import { minimumWageOn } from '../domain/minimum-wage';
import { schemaArtifacts } from '../scripts/schema-artifacts';

/**
 * `npm run bench -- writes [--duration 30] [--concurrency 16] [--database-url …] [--events-url …]`:
 * placements registered through the gateway, sustained, at a fixed concurrency, on PostgreSQL with
 * the Redis Streams broker. `--topology processes` (default) runs the production topology: each
 * subgraph and the gateway in a process of its own (built first), the load from this one;
 * `--topology single` runs the whole platform inside this process (one event loop). Reports registrations per second,
 * request latency p50/p95, and the lag from commit (the outbox event's occurredAt, written in the
 * placement's transaction) to each consumer's effect (its processed_event.processed_at for that
 * event id, committed with the projection change). Targets: ≥ 100 registrations/s, lag p95 < 1 s.
 * The database (default lle_bench_writes on the local server) is dropped, created and seeded (scale 1).
 */
const REGISTER = `mutation Register($input: RegisterPlacementInput!) {
  registerPlacement(input: $input) { replayed placement { id } }
}`;
const TARGET_RATE = 100;
const TARGET_LAG_MS = 1000;

const percentile = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

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

/** The subgraphs that handle a registered placement: the lag is measured to each of them. */
const consumers = SUBGRAPHS.filter((d) => d.events?.handlers['placements.placement_registered']).map((d) => d.name);

/** Waits until every placement registered since `since` is processed by every consumer. */
async function drained(pg: Client, since: Date, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const counts = await Promise.all(
      consumers.map(async (schema) =>
        Number(
          (
            await pg.query(
              `select count(*) as n from placements.outbox_event o left join "${schema}".processed_event pe on pe.event_id = o.event_id
               where o.type = 'placements.placement_registered' and o.occurred_at >= $1 and pe.event_id is null`,
              [since],
            )
          ).rows[0].n,
        ),
      ),
    );
    if (counts.every((n) => n === 0)) return;
    if (Date.now() > until) throw new Error(`events not drained within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '30' },
      concurrency: { type: 'string', default: '16' },
      'database-url': { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/lle_bench_writes' },
      'events-url': { type: 'string', default: process.env.EVENTS_URL ?? 'redis://127.0.0.1:6379' },
      topology: { type: 'string', default: 'processes' },
    },
  });
  const durationMs = Number(values.duration) * 1000;
  const concurrency = Number(values.concurrency);
  const url = values['database-url']!;
  const stream = `lle:bench:${process.pid}`;

  let t = Date.now();
  await freshDatabase(url);
  const security = securityFromEnv();
  const bus = new RedisBus(values['events-url']!, { stream });
  const apps = SUBGRAPHS.map((d) => new SubgraphApp(d, { databaseUrl: url, dataDir: '' }, security));
  await Promise.all(apps.map((a) => a.start({ seed: true, bus })));
  console.log(
    `database ${url.replace(/\/\/[^@]*@/, '//…@')} seeded in ${((Date.now() - t) / 1000).toFixed(1)} s; events: Redis stream ${stream}`,
  );
  let gatewayUrl: string;
  let stop: () => Promise<void>;
  const children: ChildProcess[] = [];
  if (values.topology === 'single') {
    const urls: Record<string, string> = {};
    for (const app of apps) urls[app.name] = (await app.listen(0, '127.0.0.1')).url;
    // Composed from the code as it is (not the committed schema/), like `npm run compose` would.
    const supergraphSdl = (await schemaArtifacts())['supergraph.graphql'];
    const gateway = await startGateway({ supergraphSdl, subgraphUrls: urls, port: 0, host: '127.0.0.1', ...security });
    gatewayUrl = gateway.url;
    stop = async () => {
      await gateway.close();
      for (const app of apps) await app.close();
    };
  } else {
    // The seeded database is ready: the processes below only migrate (nothing) and serve.
    for (const app of apps) await app.close();
    console.log('building (tsc)…');
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
    const port = 4700;
    const env = {
      ...process.env,
      DATABASE_URL: url,
      EVENTS_URL: values['events-url'],
      EVENTS_STREAM: stream,
      PORT: String(port),
      HOST: '127.0.0.1',
    };
    for (const entry of [...SUBGRAPHS.map((d) => `dist/subgraphs/${d.name}/main.js`), 'dist/gateway/main.js']) {
      children.push(spawn(process.execPath, [entry], { env, stdio: ['ignore', 'ignore', 'inherit'] }));
    }
    gatewayUrl = `http://127.0.0.1:${port}/graphql`;
    const until = Date.now() + 60_000;
    for (;;) {
      const ready = await fetch(`http://127.0.0.1:${port}/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) break;
      if (Date.now() > until) throw new Error('the platform processes did not become ready within 60 s');
      await new Promise((r) => setTimeout(r, 250));
    }
    stop = async () => {
      for (const child of children) child.kill('SIGTERM');
      await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
    };
  }
  console.log(`topology: ${values.topology === 'single' ? 'one process' : 'a process per subgraph and the gateway'}`);
  const token = await signToken({ sub: 'bench-writes', roles: ['admin'] }, authConfigFromEnv());

  // Real people and employers of the seed, so every registration passes the checks.
  const pg = new Client({ connectionString: url });
  await pg.connect();
  const candidates = (
    await pg.query(
      `select distinct on (person_id) person_id, employer_id, omil_commune_code, occupation_code
       from placements.placement where contract_type <> 'APPRENTICESHIP' order by person_id limit 5000`,
    )
  ).rows;
  const today = new Date().toISOString().slice(0, 10);
  const wage = minimumWageOn(today) + 50_000;
  let next = 0;
  const register = async () => {
    const c = candidates[next++ % candidates.length];
    const input = {
      idempotencyKey: randomUUID(),
      personId: String(c.person_id),
      employerId: String(c.employer_id),
      communeCode: c.omil_commune_code,
      startDate: today,
      occupationCode: c.occupation_code,
      contractType: 'INDEFINITE',
      monthlyWage: wage,
    };
    const started = performance.now();
    const res = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: REGISTER, variables: { input } }),
    });
    const body = (await res.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
    const elapsed = performance.now() - started;
    if (body.errors?.length || !body.data?.registerPlacement?.placement?.id) {
      throw new Error(`${body.errors?.[0]?.extensions?.code ?? res.status}: ${body.errors?.[0]?.message ?? 'no placement'}`);
    }
    return elapsed;
  };

  // One checked request, then a short warm-up outside the measure.
  try {
    await register();
  } catch (error) {
    console.error(`registerPlacement failed before the run: ${(error as Error).message}`);
    process.exitCode = 1;
  }
  if (!process.exitCode) {
    const warmStart = new Date();
    const warmUntil = Date.now() + 3000;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (Date.now() < warmUntil) await register();
      }),
    );
    await drained(pg, warmStart, 120_000);

    console.log(`running ${values.duration} s at concurrency ${concurrency}…`);
    const latencies: number[] = [];
    const errors = new Map<string, number>();
    const runStart = new Date();
    t = Date.now();
    const deadline = t + durationMs;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (Date.now() < deadline) {
          try {
            latencies.push(await register());
          } catch (error) {
            const key = (error as Error).message.slice(0, 120);
            errors.set(key, (errors.get(key) ?? 0) + 1);
          }
        }
      }),
    );
    const seconds = (Date.now() - t) / 1000;
    const drainStart = Date.now();
    await drained(pg, runStart, 300_000);
    const drainMs = Date.now() - drainStart;

    const rate = latencies.length / seconds;
    console.log(
      `\nregistrations: ${latencies.length} in ${seconds.toFixed(1)} s = ${rate.toFixed(1)}/s (target ≥ ${TARGET_RATE}/s: ${(rate / TARGET_RATE).toFixed(2)}×)`,
    );
    if (errors.size) console.log(`errors: ${[...errors].map(([k, n]) => `${n}× ${k}`).join('; ')}`);
    console.log(
      `request latency: p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, max ${ms(Math.max(...latencies))}`,
    );
    console.log(`events drained ${drainMs} ms after the last request`);

    // Lag per consumer of placements.placement_registered: commit (occurredAt) → its processed mark.
    for (const schema of consumers) {
      const lags = (
        await pg.query(
          `select extract(epoch from (pe.processed_at - o.occurred_at)) * 1000 as lag
           from placements.outbox_event o join "${schema}".processed_event pe on pe.event_id = o.event_id
           where o.type = 'placements.placement_registered' and o.occurred_at >= $1`,
          [runStart],
        )
      ).rows.map((r) => Number(r.lag));
      if (!lags.length) continue;
      const p95 = percentile(lags, 95);
      console.log(
        `event lag to ${schema} (${lags.length} events): p50 ${ms(percentile(lags, 50))}, p95 ${ms(p95)}, max ${ms(Math.max(...lags))}` +
          ` (target p95 < ${TARGET_LAG_MS} ms: ${(p95 / TARGET_LAG_MS).toFixed(2)} of it)`,
      );
    }
  }

  await pg.end();
  await stop();
  await bus.destroy();
  await bus.close();
}

main().catch((error) => {
  // Driver errors quote whole statements (the seed's inserts): the start is enough.
  console.error(String(error?.stack ?? error).slice(0, 2000));
  process.exit(1);
});
