import { gatewayPort, securityFromEnv, SUBGRAPH_NAMES, subgraphUrl } from '../kit/config';
import { startGateway } from './server';
import { loadSupergraphSdl } from './supergraph';

/** `node dist/gateway/main.js`: the gateway alone, subgraphs at <NAME>_URL (else localhost ports). */
async function main() {
  const { auth, sharedSecret } = securityFromEnv(process.env, 'required');
  const gateway = await startGateway({
    auth,
    sharedSecret,
    supergraphSdl: loadSupergraphSdl(),
    subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, subgraphUrl(name)])),
    corsOrigins: process.env.CORS_ORIGINS,
    port: gatewayPort(),
    host: process.env.HOST,
  });
  console.log(`gateway ready at ${gateway.url}`);
  const stop = () => void gateway.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  console.error('gateway failed to start:', error);
  process.exit(1);
});
