import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import express from 'express';
import type Redis from 'ioredis';
import type { ApolloServer } from '@apollo/server';
import type { EventBus, Subscription } from '../../kit/events/bus';
import type { GatewayContext } from '../context';
import { sendError } from '../rate-limits';
import { MemoryResponseStore, RedisResponseStore, type CachedResponse, type ResponseStore } from './cache';
import { cacheKeyOf, variablesFromParams, type PublicView } from './views';

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
}

export interface PublicViews {
  router: express.Router;
  /** Resolves once the cache follows the events (the bus subscription exists). */
  ready: Promise<void>;
  close(): Promise<void>;
}

const etagOf = (body: string) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;

/** Public data: any origin may read it, without credentials (the widget sends none). */
function openCors(res: express.Response) {
  res.set({ 'access-control-allow-origin': '*', 'access-control-expose-headers': 'etag, retry-after, x-cache, age' });
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

  function send(req: express.Request, res: express.Response, view: PublicView, answer: CachedResponse, hit: boolean) {
    const age = Math.max(0, Math.floor((Date.now() - answer.storedAt) / 1000));
    res.set({
      'cache-control': `public, max-age=${answer.maxAgeS}`,
      age: String(age),
      etag: answer.etag,
      'x-cache': hit ? 'HIT' : 'MISS',
      'x-public-view': view.id,
    });
    if (matches(req.headers['if-none-match'], answer.etag)) return res.status(304).end();
    res.status(200).type('application/json; charset=utf-8').send(answer.body);
  }

  async function answer(req: express.Request, res: express.Response, view: PublicView, params: Record<string, string | string[]>) {
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
      res.status(status).set('cache-control', 'no-store').type('application/json; charset=utf-8').send(body);
      return;
    }
    // The freshness is what the subgraphs' @cacheControl hints allow (the gateway keeps the most
    // restrictive); an answer they call uncacheable is served but neither stored nor marked cacheable.
    const policy = /^max-age=(\d+), public$/.exec(response.http.headers.get('cache-control') ?? '');
    const maxAgeS = policy ? Number(policy[1]) : 0;
    if (maxAgeS === 0) {
      res.status(200).set('cache-control', 'no-store').type('application/json; charset=utf-8').send(body);
      return;
    }
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
    async close() {
      await ready.catch(() => {});
      await subscription?.close();
    },
  };
}
