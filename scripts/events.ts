import 'reflect-metadata';
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { SUBGRAPHS } from '../subgraphs';
import { eventsOptions, securityFromEnv } from '../kit/config';
import type { EventBus } from '../kit/events/bus';
import { describeBus, openBus } from '../kit/events/open';
import { RedisBus } from '../kit/events/redis-bus';
import { eventCounts, replayAll, type EventCounts } from '../kit/events/replay';
import { SubgraphApp } from '../kit/subgraph';

/**
 * `npm run events -- <status|replay|trim> [--database-url postgres://…] [--events-url redis://…]`
 * - status: per subgraph, outbox events (and how many are unpublished) and events processed;
 *   with the broker, the stream's length and each group's pending entries and lag.
 * - replay: every consumer forgets its projections, every subgraph re-sends its whole outbox;
 *   waits until the relays and consumers are idle and prints the counts.
 * - trim: removes from the stream what every group has acknowledged (the broker only).
 * Each subgraph is opened as a start opens it (migrations included), never seeded, never served.
 */
const USAGE = 'usage: npm run events -- <status|replay|trim> [--database-url postgres://…] [--events-url redis://…] [--timeout-s 600]';

function fail(message: string): never {
  console.error(`events: ${message}\n${USAGE}`);
  process.exit(2);
}

function printCounts(counts: EventCounts, resent?: boolean): void {
  const rows = SUBGRAPHS.map(({ name }) => ({
    subgraph: name,
    [resent ? 're-sent' : 'outbox events']: counts.outbox[name].events,
    unpublished: counts.outbox[name].unpublished,
    processed: counts.processed[name] ?? '—',
  }));
  console.table(rows);
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'database-url': { type: 'string' }, 'events-url': { type: 'string' }, 'timeout-s': { type: 'string', default: '600' } },
  });
  const command = positionals[0];
  if (!['status', 'replay', 'trim'].includes(command)) fail(command ? `unknown command "${command}"` : 'no command');
  const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL ?? undefined;
  const events = eventsOptions({ ...process.env, ...(values['events-url'] ? { EVENTS_URL: values['events-url'] } : {}) });
  const timeoutMs = Number(values['timeout-s']) * 1000;
  if (!(timeoutMs > 0)) fail(`--timeout-s must be a positive number, got "${values['timeout-s']}"`);
  if (databaseUrl && !events.url && command === 'replay') {
    fail('a replay on PostgreSQL goes through the broker that the running subgraphs read: set EVENTS_URL or --events-url');
  }
  if (command === 'trim' && !events.url) fail('trim needs the broker: set EVENTS_URL or --events-url');

  console.log(
    `database: ${databaseUrl ? databaseUrl.replace(/\/\/[^@]*@/, '//…@') : `embedded SQLite in ${process.env.DATA_DIR || './data'}/`}`,
  );
  console.log(`events: ${describeBus(events)}`);
  const database = { databaseUrl, dataDir: process.env.DATA_DIR || './data' };
  const apps = SUBGRAPHS.map((definition) => new SubgraphApp(definition, database, securityFromEnv()));
  // Its own consumer name: entries this process is handed are never mistaken for a running subgraph's.
  const bus: EventBus | undefined =
    command === 'replay'
      ? events.url
        ? new RedisBus(events.url, { stream: events.stream, consumer: `${hostname()}-events-${process.pid}` })
        : openBus(events)
      : events.url
        ? new RedisBus(events.url, { stream: events.stream })
        : undefined;
  try {
    if (command === 'trim') {
      console.log(`trimmed ${await (bus as RedisBus).trim()} entries acknowledged by every group`);
      return;
    }
    for (const app of apps) await app.start({ seed: false, bus: command === 'replay' ? bus : undefined });
    if (command === 'status') {
      printCounts(await eventCounts(apps));
      if (bus instanceof RedisBus) {
        console.log(`stream ${bus.stream}: ${await bus.length()} entries`);
        console.table(await bus.groups());
      }
      return;
    }
    const started = Date.now();
    const after = await replayAll(apps, bus!, timeoutMs);
    console.log(`replayed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    printCounts(after, true);
  } finally {
    for (const app of apps) await app.close();
    await bus?.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
