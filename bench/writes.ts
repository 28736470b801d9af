import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { SUBGRAPHS } from '../subgraphs';
import { authConfigFromEnv, signToken } from '../kit/auth';
import { securityFromEnv } from '../kit/config';
import { eventParties, waitForEvents } from '../kit/events/idle';
import { RedisBus } from '../kit/events/redis-bus';
import { SubgraphApp } from '../kit/subgraph';
import { startGateway } from '../gateway/server';
import { minimumWageOn } from '../domain/minimum-wage';
import { schemaArtifacts } from '../scripts/schema-artifacts';

/**
 * `npm run bench -- writes [--duration 30] [--concurrency 16] [--database-url …] [--events-url …]`:
 * placements registered through the gateway, sustained, at a fixed concurrency, on PostgreSQL with
 * the Redis Streams broker — the whole platform in this process. Reports registrations per second,
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

async function main() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '30' },
      concurrency: { type: 'string', default: '16' },
      'database-url': { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/lle_bench_writes' },
      'events-url': { type: 'string', default: process.env.EVENTS_URL ?? 'redis://127.0.0.1:6379' },
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
  const urls: Record<string, string> = {};
  for (const app of apps) urls[app.name] = (await app.listen(0, '127.0.0.1')).url;
  // Composed from the code as it is (not the committed schema/), like `npm run compose` would.
  const supergraphSdl = (await schemaArtifacts())['supergraph.graphql'];
  const gateway = await startGateway({ supergraphSdl, subgraphUrls: urls, port: 0, host: '127.0.0.1', ...security });
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
    const res = await fetch(gateway.url, {
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
    const warmUntil = Date.now() + 3000;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (Date.now() < warmUntil) await register();
      }),
    );
    await waitForEvents(bus, eventParties(apps), { timeoutMs: 120_000 });

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
    await waitForEvents(bus, eventParties(apps), { timeoutMs: 300_000 });
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
    const consumers = (
      await pg.query(
        `select table_schema from information_schema.tables where table_name = 'processed_event' and table_schema <> 'placements'`,
      )
    ).rows.map((r) => r.table_schema as string);
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
  await gateway.close();
  for (const app of apps) await app.close();
  await bus.destroy();
  await bus.close();
}

main().catch((error) => {
  // Driver errors quote whole statements (the seed's inserts): the start is enough.
  console.error(String(error?.stack ?? error).slice(0, 2000));
  process.exit(1);
});
