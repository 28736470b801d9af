import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { GraphQLSchema } from 'graphql';
import { timingSafeEqual } from 'node:crypto';
import { SHARED_SECRET_HEADER } from './config';
import { drain, trackRequests } from './shutdown';
import { formatError } from './errors';
import { jsonErrorHandler, operationGuardPlugin } from './http-guards';

export interface Served {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface ServeOptions<C extends BaseContext> {
  schema: GraphQLSchema;
  context: (req: express.Request) => Promise<C>;
  port: number;
  host?: string;
  plugins?: ApolloServerPlugin<C>[];
  /** When set, /graphql refuses requests without it (they did not come through the gateway). */
  sharedSecret?: string;
  /** Added to the `extensions` of every response (the dataset label). */
  extensions?: () => Record<string, unknown>;
  /** The setting that moves the port, named when it is taken. */
  portSetting?: string;
  /** GET /ready: 200 when it resolves true (the subgraph's database answers), else 503. */
  ready?: () => Promise<boolean>;
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

/**
 * Listens and resolves once the port is bound (port 0 = ephemeral, as tests use); binds 127.0.0.1
 * unless told otherwise (HOST). A taken port is reported with `portSetting`, the setting that moves it.
 */
export function listen(app: express.Express, port: number, host?: string, portSetting = 'PORT'): Promise<Server> {
  host ||= '127.0.0.1';
  return new Promise((resolve, reject) => {
    const failed = (error?: Error & { code?: string }) => {
      if (error?.code === 'EADDRINUSE') reject(new Error(`port ${port} on ${host} is already in use: set ${portSetting} to another port`));
      else reject(error);
    };
    const server = trackRequests(app.listen(port, host, (error?: Error) => (error ? failed(error) : resolve(server))));
    server.once('error', failed);
  });
}

/** Stops accepting, lets in-flight requests finish (bounded by SHUTDOWN_GRACE_MS), then closes. */
export function closeServer(server: Server): Promise<void> {
  return drain(server);
}

function requireSharedSecret(secret: string): express.RequestHandler {
  const expected = Buffer.from(secret);
  return (req, res, next) => {
    const given = Buffer.from(String(req.headers[SHARED_SECRET_HEADER] ?? ''));
    if (given.length === expected.length && timingSafeEqual(given, expected)) return next();
    res.status(403).json({ errors: [{ message: 'This subgraph answers only the gateway', extensions: { code: 'FORBIDDEN' } }] });
  };
}

/** One subgraph over HTTP: POST /graphql, GET /health. */
export async function serveSubgraph<C extends BaseContext>(options: ServeOptions<C>): Promise<Served> {
  const apollo = new ApolloServer<C>({
    schema: options.schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      operationGuardPlugin<C>(),
      ...(options.extensions ? [extensionsPlugin<C>(options.extensions)] : []),
      ...(options.plugins ?? []),
    ],
    introspection: process.env.NODE_ENV !== 'production',
  });
  await apollo.start();
  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    const ready = options.ready ? await options.ready() : true;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', database: ready });
  });
  if (options.sharedSecret) app.use('/graphql', requireSharedSecret(options.sharedSecret));
  app.use('/graphql', express.json({ limit: '1mb' }), expressMiddleware(apollo, { context: ({ req }) => options.context(req) }));
  app.use(jsonErrorHandler());
  const server = await listen(app, options.port, options.host, options.portSetting);
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    async close() {
      // In-flight requests finish before Apollo stops (it refuses operations once stopping).
      await closeServer(server);
      await apollo.stop();
    },
  };
}
