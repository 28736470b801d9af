import type { ServerResponse } from 'node:http';
import type express from 'express';
import type Redis from 'ioredis';
import { viewerFromAuthorization, type AuthConfig } from '../kit/auth';
import { positiveIntFromEnv } from '../kit/config';
import { logger } from '../kit/observability/logger';
import { MemoryRateLimiter, RedisRateLimiter, type RateVerdict, type SharedRateLimiter } from '../kit/rate-limit';
import { clientClaim, DEFAULT_REQUESTS_PER_MINUTE, type TrustedDocuments } from './trusted-documents';

/** Requests a minute, per client: anonymous callers per IP, token holders per subject. */
export interface RateLimits {
  anonymous: number;
  /** Any role but partner; a partner client gets its manifest's requestsPerMinute. */
  token: number;
}

export function rateLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): RateLimits {
  return { anonymous: positiveIntFromEnv(env, 'RATE_LIMIT', 120), token: positiveIntFromEnv(env, 'RATE_LIMIT_TOKEN', 1200) };
}

export interface RateLimitOptions {
  auth: AuthConfig;
  limits?: RateLimits;
  /** Counts shared by every gateway replica (REDIS_URL); else this process's own. */
  redis?: Redis;
  /** Prefix of the Redis keys. */
  prefix?: string;
  trustedDocuments?: TrustedDocuments;
}

/** Answers with a coded JSON error; never cached. Plain node:http, so the public views' fast path (no Express) answers alike. */
export function sendError(res: ServerResponse, status: number, code: string, message: string, extensions: Record<string, unknown> = {}) {
  res.statusCode = status;
  res.setHeader('cache-control', 'no-store');
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] }));
}

export function refuse(res: ServerResponse, limit: number, retryAfterS: number) {
  res.setHeader('retry-after', String(retryAfterS));
  sendError(res, 429, 'RATE_LIMITED', `More than ${limit} requests a minute: retry in ${retryAfterS} s`, {
    limit,
    retryAfter: retryAfterS,
  });
}

export interface ClientRateLimit {
  /** Counts every request to /graphql and /public against its client's budget. */
  middleware: express.RequestHandler;
  /** Counts an anonymous request from `ip` (the public views' fast path): a verdict, or undefined when the shared count is unreachable (it passes). */
  takeAnonymous(ip: string): Promise<RateVerdict | undefined>;
  limits: RateLimits;
}

/**
 * One sliding-minute budget per client for everything it asks of the gateway (POST and GET
 * /graphql, the public views): a flood of anonymous requests gets 429 with Retry-After while
 * token holders keep their own budget. A batch counts once (its size is capped by the limits).
 */
export function clientRateLimit(options: RateLimitOptions): ClientRateLimit {
  const limits = options.limits ?? rateLimitsFromEnv();
  const limiter: SharedRateLimiter = options.redis
    ? new RedisRateLimiter(options.redis, `${options.prefix ?? 'lle:gw:'}rate:`)
    : new MemoryRateLimiter();
  const unreachable = (error: unknown) =>
    // The shared count is unreachable (Redis down): serve rather than refuse everyone.
    logger.warn({ err: error }, 'rate limit: the shared count is unreachable; the request passes');
  const takeAnonymous = (ip: string) =>
    limiter.take(`ip:${ip}`, limits.anonymous).catch((error: unknown) => {
      unreachable(error);
      return undefined;
    });
  const middleware: express.RequestHandler = async (req, res, next) => {
    let key: string;
    let limit: number;
    try {
      const viewer = await viewerFromAuthorization(req.headers.authorization, options.auth);
      if (viewer) {
        key = `sub:${viewer.sub}`;
        const client = clientClaim(req.headers.authorization);
        const partner = viewer.roles.every((r) => r === 'partner');
        limit = partner
          ? ((client ? options.trustedDocuments?.get(client)?.requestsPerMinute : undefined) ?? DEFAULT_REQUESTS_PER_MINUTE)
          : limits.token;
      } else {
        key = `ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
        limit = limits.anonymous;
      }
    } catch (error) {
      // The same coded refusal as Apollo's (its reason included); a flood of bad tokens spends the address's budget.
      const verdict = await limiter
        .take(`ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`, limits.anonymous)
        .catch(() => ({ ok: true }) as const);
      if (!verdict.ok) return refuse(res, limits.anonymous, verdict.retryAfterS);
      const { code: _code, http: _http, ...extensions } = (error as { extensions?: Record<string, unknown> }).extensions ?? {};
      return sendError(res, 401, 'UNAUTHENTICATED', (error as Error).message, extensions);
    }
    try {
      const verdict = await limiter.take(key, limit);
      if (verdict.ok) return next();
      refuse(res, limit, verdict.retryAfterS);
    } catch (error) {
      unreachable(error);
      next();
    }
  };
  return { middleware, takeAnonymous, limits };
}
