import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { GraphQLSchema } from 'graphql';
import { timingSafeEqual } from 'node:crypto';
import { SHARED_SECRET_HEADER } from './config';
import { formatError } from './errors';
import { observeHttp } from './observability/http';
import { observePlugin } from './observability/graphql';
import { logger } from './observability/logger';
import { metricsHandler } from './observability/metrics';

export interface Served {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface ServeOptions<C extends BaseContext> {
  /** The subgraph's name, in its logs, metrics and spans. */
  name: string;
  schema: GraphQLSchema;
  context: (req: express.Request) => Promise<C>;
  port: number;
  host?: string;
  plugins?: ApolloServerPlugin<C>[];
  /** When set, /graphql refuses requests without it (they did not come through the gateway). */
  sharedSecret?: string;
  /** Added to the `extensions` of every response (the dataset label). */
  extensions?: () => Record<string, unknown>;
}

/** Puts the given extensions on every single-result response, errors included. */
function extensionsPlugin<C extends BaseContext>(extensions: () => Record<string, unknown>): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, ...extensions() };
        },
      };
    },
  };
}

/** Listens and resolves once the port is bound (port 0 = ephemeral, as tests use). */
export function listen(app: express.Express, port: number, host = '0.0.0.0'): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(server)));
    server.once('error', reject);
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function requireSharedSecret(secret: string): express.RequestHandler {
  const expected = Buffer.from(secret);
  return (req, res, next) => {
    const given = Buffer.from(String(req.headers[SHARED_SECRET_HEADER] ?? ''));
    if (given.length === expected.length && timingSafeEqual(given, expected)) return next();
    res.status(403).json({ errors: [{ message: 'This subgraph answers only the gateway', extensions: { code: 'FORBIDDEN' } }] });
  };
}

/** One subgraph over HTTP: POST /graphql, GET /health, GET /metrics. */
export async function serveSubgraph<C extends BaseContext>(options: ServeOptions<C>): Promise<Served> {
  const apollo = new ApolloServer<C>({
    schema: options.schema,
    formatError,
    logger,
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      observePlugin<C>(options.name),
      ...(options.extensions ? [extensionsPlugin<C>(options.extensions)] : []),
      ...(options.plugins ?? []),
    ],
    introspection: process.env.NODE_ENV !== 'production',
  });
  await apollo.start();
  const app = express();
  app.disable('x-powered-by');
  const observed = observeHttp(options.name);
  app.use(observed.start);
  app.get('/metrics', metricsHandler());
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  if (options.sharedSecret) app.use('/graphql', requireSharedSecret(options.sharedSecret));
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    observed.enter,
    expressMiddleware(apollo, { context: ({ req }) => options.context(req) }),
  );
  const server = await listen(app, options.port, options.host);
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    async close() {
      await apollo.stop();
      await closeServer(server);
    },
  };
}
