import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import express from 'express';
import type Redis from 'ioredis';
import type { ApolloServer } from '@apollo/server';
import type { EventBus, Subscription } from '../../kit/events/bus';
import type { GatewayContext } from '../context';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { refuse, sendError, type ClientRateLimit } from '../rate-limits';
import { openRequest } from '../../kit/observability/http';
import { REQUEST_ID_HEADER } from '../../kit/observability/request-id';
import { MemoryResponseStore, RedisResponseStore, type CachedResponse, type ResponseStore } from './cache';
import { cacheKeyOf, variablesFromParams, type PublicView } from './views';

/** The public views' fast path: how it counts an anonymous client, and who that client is. */
export interface FastPathOptions {
  rateLimit: Pick<ClientRateLimit, 'takeAnonymous' | 'limits'>;
  /** The client's address as the rate limit knows it; undefined: this request takes the Express path (behind a trusted proxy). */
  clientIp(req: IncomingMessage): string | undefined;
}

export interface PublicViewsOptions {
  views: Map<string, PublicView>;
  /** Redis for the response cache, shared by every replica (REDIS_URL); else in memory. */
  redis?: Redis;
  /** Prefix of every Redis key (default `lle:gw:`; tests use one per run). */
  redisPrefix?: string;
  /** The events of the writes: any event drops the cached answers. Without it, only max-age bounds them. */
  bus?: EventBus;
  /** The response cache (default on; the benchmark's cold figure turns it off). */
  cache?: boolean;
  /** Cached answers to anonymous requests served before Express (see `fast`); absent: every request takes the Express route. */
  fastPath?: FastPathOptions;
}

export interface PublicViews {
  router: express.Router;
  /** Resolves once the cache follows the events (the bus subscription exists). */
  ready: Promise<void>;
  /**
   * The portals' common request — an anonymous GET /public/<view>?… whose answer is cached —
   * answered before Express runs, with what the Express route does for it: the request's record
   * (id, span, log line, metrics), the client's rate limit, the same headers, 304. Resolves false
   * for anything else, which Express then handles.
   */
  fast(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  close(): Promise<void>;
}

const etagOf = (body: string) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;

/** Public data: any origin may read it, without credentials (the widget sends none). */
function openCors(res: ServerResponse) {
  res.setHeader('access-control-allow-origin', '*');
  res.setHeader('access-control-expose-headers', 'etag, retry-after, x-cache, age');
}

/** An answer that is not to be kept. */
function sendBody(res: ServerResponse, status: number, body: string) {
  res.statusCode = status;
  res.setHeader('cache-control', 'no-store');
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(body);
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * The public views over plain GET: `/public/<id>?<variables>` and `GET /graphql?documentId=<id>&variables=<json>`,
 * run as the public (no token reaches the subgraphs, so one answer fits every caller), answered
 * with `Cache-Control: public, max-age`, an ETag (304 on If-None-Match) and from a response cache
 * dropped by the writes' events. The gateway's rate limit (gateway/rate-limits.ts) runs before.
 */
export function publicViews(apollo: ApolloServer<GatewayContext>, options: PublicViewsOptions): PublicViews {
  const prefix = options.redisPrefix ?? 'lle:gw:';
  const redis = options.redis;
  const store: ResponseStore | undefined =
    options.cache === false ? undefined : redis ? new RedisResponseStore(redis, prefix) : new MemoryResponseStore();
  /** Counts the drops: an answer computed across one is not stored (it may predate the write). */
  let epoch = 0;

  let subscription: Subscription | undefined;
  const ready = (async () => {
    if (!store || !options.bus) return;
    // A shared cache is dropped once per event (one group for every replica); a replica's own memory by itself.
    const group = store.kind === 'redis' ? 'gateway-public-cache' : `gateway-public-cache-${hostname()}`;
    subscription = await options.bus.subscribe(group, async () => {
      epoch++;
      await store.clear();
    });
  })();

  function send(req: IncomingMessage, res: ServerResponse, view: PublicView, answer: CachedResponse, hit: boolean) {
    const age = Math.max(0, Math.floor((Date.now() - answer.storedAt) / 1000));
    res.setHeader('cache-control', `public, max-age=${answer.maxAgeS}`);
    res.setHeader('age', String(age));
    res.setHeader('etag', answer.etag);
    res.setHeader('x-cache', hit ? 'HIT' : 'MISS');
    res.setHeader('x-public-view', view.id);
    if (matches(req.headers['if-none-match'], answer.etag)) {
      res.statusCode = 304;
      res.end();
      return;
    }
    res.statusCode = 200;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(answer.body); // node:http leaves the body out of an answer to HEAD
  }

  async function fast(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = req.url ?? '';
    if (!store || !options.fastPath || req.method !== 'GET' || req.headers.authorization || !url.startsWith('/public/')) return false;
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    let id: string;
    try {
      id = decodeURIComponent(path.slice('/public/'.length));
    } catch {
      return false;
    }
    const view = options.views.get(id);
    const ip = options.fastPath.clientIp(req);
    if (!view || !ip) return false;
    // Express 5 parses a query string with node:querystring, as here.
    const parsed = variablesFromParams(view, parseQuery(q < 0 ? '' : url.slice(q + 1)) as Record<string, string | string[]>);
    if (!parsed.ok) return false;
    const cached = await store.get(cacheKeyOf(view, parsed.variables)).catch(() => undefined);
    if (!cached) return false;
    const { record, close } = openRequest('gateway', { method: 'GET', path, headers: req.headers });
    res.setHeader(REQUEST_ID_HEADER, record.id);
    res.once('close', () => close(res.statusCode, !res.writableFinished));
    openCors(res);
    const verdict = await options.fastPath.rateLimit.takeAnonymous(ip);
    if (verdict && !verdict.ok) refuse(res, options.fastPath.rateLimit.limits.anonymous, verdict.retryAfterS);
    else send(req, res, view, cached, true);
    return true;
  }

  async function answer(req: IncomingMessage, res: ServerResponse, view: PublicView, params: Record<string, string | string[]>) {
    const parsed = variablesFromParams(view, params);
    if (!parsed.ok) {
      return sendError(res, 400, 'BAD_USER_INPUT', `Invalid value for "${parsed.field}": ${parsed.reason}`, {
        field: parsed.field,
        reason: parsed.reason,
      });
    }
    const key = cacheKeyOf(view, parsed.variables);
    const cached = await store?.get(key).catch(() => undefined);
    if (cached) return send(req, res, view, cached, true);
    const startEpoch = epoch;
    const response = await apollo.executeOperation(
      { query: view.query, operationName: view.operationName, variables: parsed.variables },
      { contextValue: { viewer: null } },
    );
    if (response.body.kind !== 'single') return sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Unexpected incremental answer');
    const body = JSON.stringify(response.body.singleResult);
    const status = response.http.status ?? 200;
    if (status !== 200 || response.body.singleResult.errors?.length) {
      // Errors and partial answers are never cached or marked cacheable.
      return sendBody(res, status, body);
    }
    // The freshness is what the subgraphs' @cacheControl hints allow (the gateway keeps the most
    // restrictive); an answer they call uncacheable is served but neither stored nor marked cacheable.
    const policy = /^max-age=(\d+), public$/.exec(response.http.headers.get('cache-control') ?? '');
    const maxAgeS = policy ? Number(policy[1]) : 0;
    if (maxAgeS === 0) return sendBody(res, 200, body);
    const fresh: CachedResponse = { body, etag: etagOf(body), storedAt: Date.now(), maxAgeS };
    if (store && epoch === startEpoch) await store.set(key, fresh).catch(() => {});
    send(req, res, view, fresh, false);
  }

  const router = express.Router();
  router.get('/public', (_req, res) => {
    openCors(res);
    res.set('cache-control', 'public, max-age=60').json({
      views: [...options.views.values()].map((v) => ({
        id: v.id,
        url: `/public/${v.id}`,
        operationName: v.operationName,
        variables: v.variables.map(({ name, type, list, required }) => ({ name, type: list ? `[${type}]` : type, required })),
        query: v.query,
      })),
    });
  });
  router.get('/public/:id', (req, res, next) => {
    openCors(res);
    const view = options.views.get(req.params.id);
    if (!view) return sendError(res, 404, 'NOT_FOUND', `No public view "${req.params.id}" (see /public)`);
    answer(req, res, view, req.query as Record<string, string | string[]>).catch(next);
  });
  // GraphQL over HTTP GET naming a public view by id; other documentIds (partners' trusted documents) go on to Apollo.
  router.get('/graphql', (req, res, next) => {
    const id = req.query.documentId ?? req.query.id;
    const view = typeof id === 'string' ? options.views.get(id.replace(/^public:/, '')) : undefined;
    if (!view) return next();
    openCors(res);
    let variables: Record<string, unknown> = {};
    if (typeof req.query.variables === 'string') {
      try {
        variables = JSON.parse(req.query.variables) as Record<string, unknown>;
      } catch {
        return sendError(res, 400, 'BAD_REQUEST', 'The "variables" parameter is not valid JSON');
      }
      if (!variables || typeof variables !== 'object' || Array.isArray(variables)) {
        return sendError(res, 400, 'BAD_REQUEST', 'The "variables" parameter must be a JSON object');
      }
    }
    if (req.query.operationName !== undefined && req.query.operationName !== view.operationName) {
      return sendError(res, 400, 'BAD_REQUEST', `Public view "${view.id}" is operation ${view.operationName}`);
    }
    // The same path as the short URL: variables as strings, typed by the view's declarations.
    const params = Object.fromEntries(
      Object.entries(variables).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v : JSON.stringify(v)]),
    );
    answer(req, res, view, params).catch(next);
  });

  return {
    router,
    ready,
    fast,
    async close() {
      await ready.catch(() => {});
      await subscription?.close();
    },
  };
}
