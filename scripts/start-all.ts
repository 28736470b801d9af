import '../kit/graphql-mode';
import { existsSync } from 'node:fs';
import { SUBGRAPHS } from '../subgraphs';
import { databaseOptions, eventsOptions, gatewayPort, securityFromEnv, subgraphPort } from '../kit/config';
import { SubgraphApp } from '../kit/subgraph';
import type { LocalHandler } from '../kit/serve';
import { databaseKind, sqliteFile, type DatabaseOptions } from '../kit/orm';
import type { FromSeed } from './seed-worker';
import { startWorker } from '../kit/worker';
import { describeBus, openBus } from '../kit/events/open';
import { startGateway } from '../gateway/server';
import { startLane, type AppendAudit } from './lane';
import { loadSupergraphSdl } from '../gateway/supergraph';
import { logger } from '../kit/observability/logger';
import { startTracing, stopTracing } from '../kit/observability/tracing';

/**
 * The embedded default's first start seeds its SQLite files in a worker thread: the seed's heap
 * (RSS 1.1 GB after seeding in this process, against 0.4 GB for a start on seeded files) goes
 * when the thread ends. Seeded files skip it; a file left empty is seeded by its subgraph's
 * start below, as before.
 */
async function seedInWorker(database: DatabaseOptions): Promise<void> {
  const files = SUBGRAPHS.map((definition) => sqliteFile(database.dataDir, definition.name));
  if (files.every((file) => existsSync(file))) return;
  const t = Date.now();
  logger.info(`seeding the embedded demo data in ${database.dataDir}/ (first start)…`);
  await new Promise<void>((resolve, reject) => {
    const worker = startWorker(require.resolve('./seed-worker'), database, 'seed');
    worker.on('message', (message: FromSeed) => {
      if ('seeded' in message) logger.info({ service: message.seeded }, `${message.seeded}: seeded (${message.ms} ms)`);
      else reject(new Error(`seeding failed: ${message.failed}`));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`seeding stopped (exit ${code})`))));
  });
  logger.info(`seeded in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

/** The whole platform in one process: every subgraph on its port, then the gateway. */
async function main() {
  const started = Date.now();
  startTracing('los-lagos-graph');
  const database = databaseOptions();
  const kind = databaseKind(database.databaseUrl); // an unsupported URL stops here, before anything is said about it
  logger.info(`database: ${kind === 'postgresql' ? 'PostgreSQL (DATABASE_URL)' : `embedded SQLite in ${database.dataDir}/`}`);
  const events = eventsOptions();
  logger.info(`events: ${describeBus(events)}`);
  // Subgraphs answer only the gateway, also here: without SUBGRAPH_SHARED_SECRET, a random secret for this run.
  const security = securityFromEnv(process.env, 'generate');
  if (!process.env.SUBGRAPH_SHARED_SECRET) logger.info('subgraphs: answer only the gateway (a shared secret generated for this run)');
  if (kind === 'sqlite') await seedInWorker(database);
  const apps = SUBGRAPHS.map((definition) => new SubgraphApp(definition, database, security));
  // All subgraphs in one process: the broker when EVENTS_URL is set, else one in-process bus.
  const bus = openBus(events);
  await Promise.all(
    apps.map(async (app) => {
      const t = Date.now();
      await app.start({ bus });
      logger.info({ service: app.name }, `${app.name}: database ready (${Date.now() - t} ms)`);
    }),
  );
  const urls: Record<string, string> = {};
  const local: Record<string, LocalHandler> = {};
  for (const app of apps) {
    const served = await app.listen(subgraphPort(app.name), process.env.HOST);
    urls[app.name] = served.url;
    local[app.name] = served.local;
    logger.info({ service: app.name }, `${app.name} subgraph at ${urls[app.name]}`);
  }
  // Queries' subgraph work in a worker thread (the gateway and the subgraphs each get a core), heavy
  // operations' in another (they cannot hold up the rest); writes and events stay here (docs/operations.md).
  const appendAudit: AppendAudit = (subgraph, drafts) => apps.find((app) => app.name === subgraph)!.auditWriter!.append(drafts);
  const lane = (name: 'read' | 'heavy', setting: string) =>
    process.env[setting] === 'false' ? undefined : startLane(name, database, security, appendAudit);
  const read = lane('read', 'READ_LANE');
  const heavy = lane('heavy', 'HEAVY_LANE');
  const gateway = await startGateway({
    supergraphSdl: loadSupergraphSdl(),
    subgraphUrls: urls,
    // Same process: the gateway calls the subgraphs in process (their ports stay open for other gateways).
    localSubgraphs: process.env.SUBGRAPH_IN_PROCESS === 'false' ? undefined : local,
    corsOrigins: process.env.CORS_ORIGINS,
    port: gatewayPort(),
    host: process.env.HOST,
    auth: security.auth,
    sharedSecret: security.sharedSecret,
    // The public views' cache follows the same events as the subgraphs.
    bus,
    lanes: { read: read?.lane, heavy: heavy?.lane },
  });
  logger.info({ service: 'gateway' }, `gateway ready at http://localhost:${gateway.port}/graphql (${Date.now() - started} ms)`);
  logger.info(
    { service: 'gateway' },
    `dashboard at http://localhost:${gateway.port}/ · public views at http://localhost:${gateway.port}/public`,
  );
  const stop = async () => {
    await gateway.close();
    await Promise.all([read?.close(), heavy?.close()]);
    await Promise.all(apps.map((app) => app.close()));
    await bus.close();
    await stopTracing();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error) => {
  logger.fatal({ err: error }, 'start failed');
  process.exit(1);
});
