import { SUBGRAPHS } from '../subgraphs';
import { databaseOptions, eventsOptions, gatewayPort, subgraphPort } from '../kit/config';
import { SubgraphApp } from '../kit/subgraph';
import { describeBus, openBus } from '../kit/events/open';
import { startGateway } from '../gateway/server';
import { loadSupergraphSdl } from '../gateway/supergraph';
import { logger } from '../kit/observability/logger';
import { startTracing, stopTracing } from '../kit/observability/tracing';

/** The whole platform in one process: every subgraph on its port, then the gateway. */
async function main() {
  const started = Date.now();
  startTracing('los-lagos-graph');
  const database = databaseOptions();
  logger.info(`database: ${database.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded SQLite in ${database.dataDir}/`}`);
  const events = eventsOptions();
  logger.info(`events: ${describeBus(events)}`);
  const apps = SUBGRAPHS.map((definition) => new SubgraphApp(definition, database));
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
  for (const app of apps) {
    urls[app.name] = (await app.listen(subgraphPort(app.name), '127.0.0.1')).url;
    logger.info({ service: app.name }, `${app.name} subgraph at ${urls[app.name]}`);
  }
  const gateway = await startGateway({
    supergraphSdl: loadSupergraphSdl(),
    subgraphUrls: urls,
    corsOrigins: process.env.CORS_ORIGINS,
    port: gatewayPort(),
    host: process.env.HOST,
    // The public views' cache follows the same events as the subgraphs.
    bus,
  });
  logger.info({ service: 'gateway' }, `gateway ready at http://localhost:${gateway.port}/graphql (${Date.now() - started} ms)`);
  logger.info(
    { service: 'gateway' },
    `dashboard at http://localhost:${gateway.port}/ · public views at http://localhost:${gateway.port}/public`,
  );
  const stop = async () => {
    await gateway.close();
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
