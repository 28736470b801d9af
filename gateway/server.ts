import { clientErrorStatusPlugin } from './status';
import type { AddressInfo } from 'node:net';
import express from 'express';
import cors from 'cors';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloGateway } from '@apollo/gateway';
import { SubgraphDataSource } from './subgraph-source';
import { deduplicated, httpFetcher, localFetcher, type Fetcher } from './transport';
import { LanedDataSource, type Lanes } from './lanes';
import type { LocalHandler } from '../kit/serve';
import { datasetPlugin } from './dataset';
import { exportRouter } from './exports';
import { assertSafeBinding, viewerFromAuthorization, type AuthConfig } from '../kit/auth';
import { securityFromEnv } from '../kit/config';
import { auditRequest } from '../kit/audit/plugin';
import { formatError } from '../kit/errors';
import { httpError, jsonErrorHandler, jsonNotFound, operationGuardPlugin } from '../kit/http-guards';
import { closeServer, listen, type Served } from '../kit/serve';
import { observeHttp } from '../kit/observability/http';
import { observePlugin } from '../kit/observability/graphql';
import { logger } from '../kit/observability/logger';
import { metricsHandler } from '../kit/observability/metrics';
import { REQUEST_ID_HEADER } from '../kit/observability/request-id';
import type { GatewayContext } from './context';
import { limitsFromEnv, limitsPlugin, requestSpent, type Limits } from './limits';
import { apiSchemaSdl } from './supergraph';
import { importProxy } from './import/proxy';
import { exportHandler, exportIndex } from './export/export';
import { resilienceFromEnv, type Resilience } from './resilience';
import { clientClaim, loadTrustedDocuments, trustedDocumentsPlugin, type TrustedDocuments } from './trusted-documents';
import type { EventBus } from '../kit/events/bus';
import { publicViews, type PublicViewsOptions } from './public-views/router';
import { clientRateLimit, type RateLimits } from './rate-limits';
import Redis from 'ioredis';
import { loadPublicViews } from './public-views/views';
import { pagesRouter, type PagesOptions } from './pages/router';

export interface GatewayOptions {
  supergraphSdl: string;
  /** Overrides of the routing URLs written in the supergraph, by subgraph name. */
  subgraphUrls?: Record<string, string>;
  /**
   * Subgraphs running in this process (the embedded default), by name: called in process, with
   * the same checks as over HTTP (docs/performance.md). Others are called over keep-alive HTTP.
   */
  localSubgraphs?: Record<string, LocalHandler>;
  /** Share identical in-flight subgraph reads (default: on, unless SUBGRAPH_DEDUPLICATE=false). */
  deduplicate?: boolean;
  /** Comma-separated allowed origins, or "*" (default): public territory data is embeddable. */
  corsOrigins?: string;
  port: number;
  host?: string;
  /** Token verification (default: from the environment, as the subgraphs). */
  auth?: AuthConfig;
  /** Sent to every subgraph when set (SUBGRAPH_SHARED_SECRET). */
  sharedSecret?: string;
  limits?: Limits;
  /** Subgraph timeout, request deadline, circuit breaker (default: from the environment). */
  resilience?: Resilience;
  /** Introspection (default: off when NODE_ENV=production unless INTROSPECTION=true). */
  introspection?: boolean;
  /** Partner clients' registered operations (default: trusted-documents/). */
  trustedDocuments?: TrustedDocuments;
  /** Refuse partner tokens without a `client` claim (default: in production, unless PARTNER_REQUIRE_CLIENT=false). */
  requirePartnerClient?: boolean;
  /** The writes' events: the public views' cache drops what they change (docs/browser.md). */
  bus?: EventBus;
  /** Public views: cache options. */
  publicViews?: Partial<PublicViewsOptions>;
  /** Requests a minute per client on /graphql and /public (default RATE_LIMIT, RATE_LIMIT_TOKEN). */
  rateLimits?: RateLimits;
  /** Redis for the public views' cache and the rate limits, shared by replicas (default REDIS_URL); else in memory. */
  redisUrl?: string;
  /** Prefix of the gateway's Redis keys (default `lle:gw:`; tests use one per run). */
  redisPrefix?: string;
  /** The dashboard, the IDE and the widget's pages. */
  pages?: PagesOptions;
  /** Worker threads with copies of the subgraphs for queries and for heavy operations (the all-in-one start; gateway/lanes.ts). */
  lanes?: Lanes;
}

export interface GatewayServer extends Served {
  subgraphs: Record<string, string>;
}

function corsOrigin(setting: string | undefined): cors.CorsOptions['origin'] {
  if (!setting || setting.trim() === '*') return '*';
  return setting
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A subgraph is ready when its /ready (beside /graphql) says its database answers, within the timeout. */
async function probe(url: string, timeoutMs = 2000): Promise<boolean> {
  try {
    const res = await fetch(new URL('ready', url.replace(/\/graphql\/?$/, '/')), { signal: AbortSignal.timeout(timeoutMs) });
    return res.ok && ((await res.json()) as { status?: unknown }).status === 'ready';
  } catch {
    return false;
  }
}

/** The gateway: plans and forwards; it holds no data. GET /health, GET /ready, POST /graphql. */
export async function startGateway(options: GatewayOptions): Promise<GatewayServer> {
  const security = options.auth ? { auth: options.auth, sharedSecret: options.sharedSecret } : securityFromEnv();
  assertSafeBinding(options.host, security.auth);
  const limits = options.limits ?? limitsFromEnv();
  const resilience = options.resilience ?? resilienceFromEnv();
  const production = process.env.NODE_ENV === 'production';
  const requireClient =
    options.requirePartnerClient ??
    (production ? process.env.PARTNER_REQUIRE_CLIENT !== 'false' : process.env.PARTNER_REQUIRE_CLIENT === 'true');
  const trustedDocuments = options.trustedDocuments ?? loadTrustedDocuments();
  const trusted = trustedDocumentsPlugin(trustedDocuments, { requireClient });
  const apiSdl = apiSchemaSdl(options.supergraphSdl);
  const subgraphs: Record<string, string> = {};
  const deduplicate = options.deduplicate ?? process.env.SUBGRAPH_DEDUPLICATE !== 'false';
  const network = httpFetcher();
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    logger,
    buildService: ({ name, url }) => {
      subgraphs[name] = options.subgraphUrls?.[name] ?? url!;
      const local = options.localSubgraphs?.[name];
      // Identical reads are shared across requests whatever their request ids, unless audited (gateway/transport.ts).
      const source = (fetcher: Fetcher, at: string) =>
        new SubgraphDataSource(
          at,
          security.sharedSecret,
          name,
          resilience,
          deduplicate ? deduplicated(fetcher, [REQUEST_ID_HEADER]) : fetcher,
        );
      const usual = source(local ? localFetcher(local) : network, subgraphs[name]);
      if (!options.lanes) return usual;
      return new LanedDataSource(name, usual, options.lanes, (handler) => source(localFetcher(handler), subgraphs[name]));
    },
    // Query plans kept per operation (default 30 MiB).
    experimental_approximateQueryPlanStoreMiB: Number(process.env.QUERY_PLAN_CACHE_MIB) || 30,
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError,
    logger,
    includeStacktraceInErrorResponses: false,
    // The process drains HTTP first, then stops Apollo (kit/shutdown.ts): Apollo's own signal handlers would stop it first and re-raise the signal.
    stopOnTerminationSignals: false,
    introspection: options.introspection ?? (!production || process.env.INTROSPECTION === 'true'),
    csrfPrevention: true,
    allowBatchedHttpRequests: true,
    parseOptions: { maxTokens: limits.tokens },
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      operationGuardPlugin(),
      trusted,
      limitsPlugin(limits),
      datasetPlugin(),
      clientErrorStatusPlugin(),
      observePlugin('gateway'),
    ],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  const observed = observeHttp('gateway');
  app.use(observed.start);
  app.use(cors({ origin: corsOrigin(options.corsOrigins), exposedHeaders: [REQUEST_ID_HEADER] }));
  app.get('/metrics', metricsHandler());
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // The client-facing schema for codegen, served even with introspection off (docs/partners.md).
  app.get('/schema.graphql', (_req, res) => {
    res.type('text/plain; charset=utf-8').send(apiSdl);
  });
  if (process.env.TRUST_PROXY)
    app.set('trust proxy', /^\d+$/.test(process.env.TRUST_PROXY) ? Number(process.env.TRUST_PROXY) : process.env.TRUST_PROXY);
  const redisUrl = options.redisUrl ?? (process.env.REDIS_URL || undefined);
  const redis = redisUrl ? new Redis(redisUrl, { connectionName: 'lle-gateway', maxRetriesPerRequest: 2 }) : undefined;
  redis?.on('error', () => {});
  const redisPrefix = options.redisPrefix ?? 'lle:gw:';
  const rateLimit = clientRateLimit({ auth: security.auth, limits: options.rateLimits, redis, prefix: redisPrefix, trustedDocuments });
  const views = publicViews(apollo, {
    views: loadPublicViews(apiSdl),
    redis,
    redisPrefix,
    bus: options.bus,
    // Behind a trusted proxy the client's address is Express's to work out: those requests take its route.
    fastPath: { rateLimit, clientIp: (req) => (process.env.TRUST_PROXY ? undefined : req.socket.remoteAddress) },
    ...options.publicViews,
  });
  await views.ready;
  // Every client's budget, before the IDE page, the public views and Apollo (docs/browser.md).
  app.use(['/graphql', '/public'], rateLimit.middleware);
  app.use(pagesRouter(options.pages), views.router);
  app.get('/ready', async (_req, res) => {
    const checks = await Promise.all(Object.entries(subgraphs).map(async ([name, url]) => [name, await probe(url)] as const));
    const ready = checks.every(([, ok]) => ok);
    // The lanes are told, not required: while one is down its requests take the usual path.
    const lanes = options.lanes
      ? Object.fromEntries(Object.entries(options.lanes).flatMap(([name, lane]) => (lane ? [[name, lane.handlers ? 'up' : 'down']] : [])))
      : undefined;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', subgraphs: Object.fromEntries(checks), lanes });
  });
  // Portability: the access query's answer as a JSON file and CSV per record kind (docs/privacy.md).
  app.use(
    '/export',
    exportRouter(() => `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`),
  );
  // File imports: streamed to the subgraph that owns the kind (docs/imports.md).
  app.use('/imports', importProxy(subgraphs, security.sharedSecret));
  // Tables for analysts: statistics and lists as CSV or XLSX, asked of the graph as the caller.
  app.get('/export', exportIndex(apiSdl));
  app.get('/export/:file', exportHandler(apiSdl));
  app.use(
    '/graphql',
    express.json({ limit: limits.bodyBytes }),
    (req, res, next) => {
      if (Array.isArray(req.body) && req.body.length > limits.batch) {
        return httpError(
          res,
          400,
          'BATCH_LIMIT_EXCEEDED',
          `A batch may hold ${limits.batch} operations; this one holds ${req.body.length}`,
          { limit: limits.batch, value: req.body.length },
        );
      }
      next();
    },
    observed.enter,
    expressMiddleware(apollo, {
      // The gateway verifies first, so a bad token is refused before any planning.
      context: async ({ req, res }) => {
        const { requestId, purpose } = auditRequest(req);
        res.setHeader(REQUEST_ID_HEADER, requestId);
        return {
          viewer: await viewerFromAuthorization(req.headers.authorization, security.auth),
          authorization: req.headers.authorization,
          client: clientClaim(req.headers.authorization),
          requestId,
          purpose: purpose ?? undefined,
          deadline: Date.now() + resilience.requestTimeoutMs,
          spent: requestSpent(req),
        };
      },
    }),
  );
  app.use(jsonNotFound());
  app.use(jsonErrorHandler());

  // A public view's cached answer to an anonymous client goes out before Express (the portals' common request).
  const server = await listen(
    (req, res) => {
      views.fast(req, res).then(
        (served) => served || app(req, res),
        () => app(req, res),
      );
    },
    options.port,
    options.host,
    'PORT',
  );
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    subgraphs,
    async close() {
      // In-flight requests finish before Apollo stops (it refuses operations once stopping).
      await closeServer(server);
      await views.close();
      redis?.disconnect();
      await apollo.stop();
      network.destroy();
    },
  };
}
