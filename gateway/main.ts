import '../kit/graphql-mode';
import { eventsOptions, gatewayPort, securityFromEnv, SUBGRAPH_NAMES, subgraphUrl } from '../kit/config';
import { openBus } from '../kit/events/open';
import { startGateway } from './server';
import { loadSupergraphSdl } from './supergraph';
import { logger } from '../kit/observability/logger';
import { startTracing, stopTracing } from '../kit/observability/tracing';

/** `node dist/gateway/main.js`: the gateway alone, subgraphs at <NAME>_URL (else localhost ports). */
async function main() {
  startTracing('gateway');
  const { auth, sharedSecret } = securityFromEnv(process.env, 'required');
  // The public views' cache follows the writes' events through the broker (EVENTS_URL); without it, max-age alone bounds it.
  const events = eventsOptions();
  const bus = events.url ? openBus(events) : undefined;
  const gateway = await startGateway({
    auth,
    sharedSecret,
    supergraphSdl: loadSupergraphSdl(),
    subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, subgraphUrl(name)])),
    corsOrigins: process.env.CORS_ORIGINS,
    port: gatewayPort(),
    host: process.env.HOST,
    bus,
  });
  logger.info({ service: 'gateway', url: gateway.url }, `gateway ready at ${gateway.url}`);
  const stop = () =>
    void gateway
      .close()
      .then(() => bus?.close())
      .then(stopTracing)
      .then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  logger.fatal({ service: 'gateway', err: error }, 'gateway failed to start');
  process.exit(1);
});
