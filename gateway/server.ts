import type { AddressInfo } from 'node:net';
import express from 'express';
import cors from 'cors';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloGateway } from '@apollo/gateway';
import { SubgraphDataSource } from './subgraph-source';
import { formatError } from '../subgraphs/kit/errors';
import { closeServer, listen, type Served } from '../subgraphs/kit/serve';

export interface GatewayOptions {
  supergraphSdl: string;
  /** Overrides of the routing URLs written in the supergraph, by subgraph name. */
  subgraphUrls?: Record<string, string>;
  /** Comma-separated allowed origins, or "*" (default): public territory data is embeddable. */
  corsOrigins?: string;
  port: number;
  host?: string;
}

export interface GatewayServer extends Served {
  subgraphs: Record<string, string>;
}

function corsOrigin(setting: string | undefined): cors.CorsOptions['origin'] {
  if (!setting || setting.trim() === '*') return '*';
  return setting.split(',').map((s) => s.trim()).filter(Boolean);
}

/** Every subgraph answers `{ __typename }` within the timeout. */
async function probe(url: string, timeoutMs = 2000): Promise<boolean> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return res.ok && ((await res.json()) as { data?: unknown }).data !== undefined;
  } catch {
    return false;
  }
}

/** The gateway: plans and forwards; it holds no data. GET /health, GET /ready, POST /graphql. */
export async function startGateway(options: GatewayOptions): Promise<GatewayServer> {
  const subgraphs: Record<string, string> = {};
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => {
      subgraphs[name] = options.subgraphUrls?.[name] ?? url!;
      return new SubgraphDataSource({ url: subgraphs[name] });
    },
  });
  const apollo = new ApolloServer({
    gateway,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: process.env.NODE_ENV !== 'production',
    plugins: [ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.use(cors({ origin: corsOrigin(options.corsOrigins) }));
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    const checks = await Promise.all(Object.entries(subgraphs).map(async ([name, url]) => [name, await probe(url)] as const));
    const ready = checks.every(([, ok]) => ok);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', subgraphs: Object.fromEntries(checks) });
  });
  app.use('/graphql', express.json({ limit: '1mb' }), expressMiddleware(apollo, { context: async () => ({}) }));

  const server = await listen(app, options.port, options.host);
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    subgraphs,
    async close() {
      await apollo.stop();
      await closeServer(server);
    },
  };
}
