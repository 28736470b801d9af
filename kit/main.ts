import './graphql-mode';
import { databaseOptions, eventsOptions, securityFromEnv, subgraphPort } from './config';
import type { EventBus } from './events/bus';
import { describeBus, openBus } from './events/open';
import { SubgraphApp, type SubgraphDefinition } from './subgraph';
import { logger } from './observability/logger';
import { startTracing, stopTracing } from './observability/tracing';

/**
 * `node dist/subgraphs/<name>/main.js`: one subgraph alone, stopped cleanly on SIGINT/SIGTERM.
 * Separate processes share events only through the broker: on PostgreSQL, EVENTS_URL is required.
 */
export function runSubgraph(definition: SubgraphDefinition<any>): void {
  const started = Date.now();
  const log = logger.child({ service: definition.name });
  let app: SubgraphApp<any>;
  let bus: EventBus | undefined;
  Promise.resolve()
    .then(() => {
      startTracing(definition.name);
      const database = databaseOptions();
      const security = securityFromEnv(process.env, 'required');
      const events = eventsOptions();
      if (events.url) {
        bus = openBus(events);
        log.info(`${definition.name}: events through ${describeBus(events)}`);
      } else if (database.databaseUrl) {
        throw new Error(
          'a subgraph running alone on PostgreSQL needs EVENTS_URL (redis://host:6379): its events reach the other subgraphs only through the broker',
        );
      } else {
        // An in-process bus would mark events published that no other process can read: they wait in the outbox.
        log.warn(`${definition.name}: EVENTS_URL unset; events stay in the outbox until a start with a broker`);
      }
      app = new SubgraphApp(definition, database, security);
      return app.start({ bus });
    })
    .then(() => app.listen(subgraphPort(definition.name), process.env.HOST))
    .then((served) => {
      log.info(
        { url: served.url, startMs: Date.now() - started },
        `${definition.name} subgraph ready at ${served.url} (${Date.now() - started} ms)`,
      );
      const stop = () =>
        void app
          .close()
          .then(() => bus?.close())
          .then(stopTracing)
          .then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    })
    .catch((error) => {
      log.fatal({ err: error }, `${definition.name} subgraph failed to start`);
      process.exit(1);
    });
}
