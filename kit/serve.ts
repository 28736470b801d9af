import { createServer, type IncomingHttpHeaders, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApolloServer, HeaderMap, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { GraphQLSchema } from 'graphql';
import { timingSafeEqual } from 'node:crypto';
import { SHARED_SECRET_HEADER } from './config';
import { drain, trackRequests } from './shutdown';
import { formatError } from './errors';
import { jsonErrorHandler, jsonNotFound, operationGuardPlugin } from './http-guards';
import { observeHttp, openRequest, withinRequest } from './observability/http';
import { REQUEST_ID_HEADER } from './observability/request-id';
import { observePlugin } from './observability/graphql';
import { logger } from './observability/logger';
import { metricsHandler } from './observability/metrics';
import { cacheControlPlugins } from './cache-control';

export interface Served {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** A POST /graphql as it reaches a subgraph: its headers (lower-case names) and its JSON body. */
export interface LocalRequest {
  headers: Record<string, string>;
  body: string;
}

export interface LocalResponse {
  status: number;
  headers: [string, string][];
  body: string;
}

/**
 * The same POST /graphql without the network, for a gateway in the same process (the embedded
 * default): the same shared-secret check, body limit, context (the token verified again) and
 * Apollo pipeline as the HTTP route; only the socket, Express and the body stream are skipped.
 */
export type LocalHandler = (request: LocalRequest) => Promise<LocalResponse>;

export interface ServedSubgraph extends Served {
  local: LocalHandler;
}

/** The request the context function sees: its headers (the HTTP route passes the Express request). */
export interface ContextRequest {
  headers: IncomingHttpHeaders;
}

export interface ServeOptions<C extends BaseContext> {
  /** The subgraph's name, in its logs, metrics and spans. */
  name: string;
  schema: GraphQLSchema;
  context: (req: ContextRequest) => Promise<C>;
  port: number;
  host?: string;
  plugins?: ApolloServerPlugin<C>[];
  /** When set, /graphql refuses requests without it (they did not come through the gateway). */
  sharedSecret?: string;
  /** Added to the `extensions` of every response (the dataset label). */
  extensions?: () => Record<string, unknown>;
  /** More routes beside /graphql (file imports), behind the same shared secret. */
  routes?: express.Router;
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
export function listen(app: RequestListener, port: number, host?: string, portSetting = 'PORT'): Promise<Server> {
  host ||= '127.0.0.1';
  return new Promise((resolve, reject) => {
    const failed = (error?: Error & { code?: string }) => {
      if (error?.code === 'EADDRINUSE') reject(new Error(`port ${port} on ${host} is already in use: set ${portSetting} to another port`));
      else reject(error);
    };
    const server = trackRequests(createServer(app));
    server.listen(port, host, () => resolve(server));
    // Idle kept-alive sockets outlive the clients' own idle timeouts (the gateway's fetcher, load
    // balancers): with Node's 5 s, a request sent as the server closes an idle socket is reset.
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
    server.once('error', failed);
  });
}

/** Stops accepting, lets in-flight requests finish (bounded by SHUTDOWN_GRACE_MS), then closes. */
export function closeServer(server: Server): Promise<void> {
  return drain(server);
}

const BODY_LIMIT = 1024 * 1024;
const NOT_FROM_GATEWAY = { errors: [{ message: 'This subgraph answers only the gateway', extensions: { code: 'FORBIDDEN' } }] };

function secretMatches(expected: Buffer, header: unknown): boolean {
  const given = Buffer.from(String(header ?? ''));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function requireSharedSecret(secret: string): express.RequestHandler {
  const expected = Buffer.from(secret);
  return (req, res, next) => {
    if (secretMatches(expected, req.headers[SHARED_SECRET_HEADER])) return next();
    res.status(403).json(NOT_FROM_GATEWAY);
  };
}

const jsonError = (status: number, body: unknown): LocalResponse => ({
  status,
  headers: [['content-type', 'application/json; charset=utf-8']],
  body: JSON.stringify(body),
});

/** POST /graphql in process: what the Express route does, in the same order. */
function localHandler<C extends BaseContext>(apollo: ApolloServer<C>, options: ServeOptions<C>): LocalHandler {
  const expected = options.sharedSecret ? Buffer.from(options.sharedSecret) : undefined;
  return async ({ headers, body }) => {
    if (expected && !secretMatches(expected, headers[SHARED_SECRET_HEADER])) return jsonError(403, NOT_FROM_GATEWAY);
    if (Buffer.byteLength(body) > BODY_LIMIT) return jsonError(413, { errors: [{ message: 'request entity too large' }] });
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return jsonError(400, { errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
    }
    const headerMap = new HeaderMap();
    for (const [name, value] of Object.entries(headers)) headerMap.set(name.toLowerCase(), value);
    // The same request record, span, log line and metrics as over HTTP.
    const observed = openRequest(options.name, { method: 'POST', path: '/graphql', headers: Object.fromEntries(headerMap) });
    let status = 500;
    try {
      const answer = await withinRequest(observed.record, async () => {
        const response = await apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: 'POST', headers: headerMap, search: '', body: parsed },
          context: () => options.context({ headers: Object.fromEntries(headerMap) }),
        });
        let text: string;
        if (response.body.kind === 'complete') text = response.body.string;
        else {
          text = '';
          for await (const chunk of response.body.asyncIterator) text += chunk;
        }
        return { status: response.status ?? 200, headers: [...response.headers], body: text };
      });
      status = answer.status;
      answer.headers.push([REQUEST_ID_HEADER, observed.record.id]);
      return answer;
    } finally {
      observed.close(status);
    }
  };
}

/** One subgraph over HTTP: POST /graphql, GET /health, GET /ready, GET /metrics. */
export async function serveSubgraph<C extends BaseContext>(options: ServeOptions<C>): Promise<ServedSubgraph> {
  const apollo = new ApolloServer<C>({
    schema: options.schema,
    formatError,
    logger,
    includeStacktraceInErrorResponses: false,
    // The process drains HTTP first, then stops Apollo (kit/shutdown.ts): Apollo's own signal handlers would stop it first and re-raise the signal.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      operationGuardPlugin<C>(),
      observePlugin<C>(options.name),
      ...cacheControlPlugins<C>(),
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
  app.get('/ready', async (_req, res) => {
    const ready = options.ready ? await options.ready() : true;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', database: ready });
  });
  if (options.sharedSecret) app.use(['/graphql', '/imports'], requireSharedSecret(options.sharedSecret));
  if (options.routes) app.use(options.routes);
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    observed.enter,
    expressMiddleware(apollo, { context: ({ req }) => options.context(req) }),
  );
  app.use(jsonNotFound());
  app.use(jsonErrorHandler());
  const server = await listen(app, options.port, options.host, options.portSetting);
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    local: localHandler(apollo, options),
    async close() {
      // In-flight requests finish before Apollo stops (it refuses operations once stopping).
      await closeServer(server);
      await apollo.stop();
    },
  };
}
