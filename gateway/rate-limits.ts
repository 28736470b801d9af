import type express from 'express';
import type Redis from 'ioredis';
import { viewerFromAuthorization, type AuthConfig } from '../kit/auth';
import { positiveIntFromEnv } from '../kit/config';
import { logger } from '../kit/observability/logger';
import { MemoryRateLimiter, RedisRateLimiter, type SharedRateLimiter } from '../kit/rate-limit';
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

/** Answers with a coded JSON error; never cached. */
export function sendError(res: express.Response, status: number, code: string, message: string, extensions: Record<string, unknown> = {}) {
  res
    .status(status)
    .set('cache-control', 'no-store')
    .json({ errors: [{ message, extensions: { code, ...extensions } }] });
}

function refuse(res: express.Response, limit: number, retryAfterS: number) {
  res.set('retry-after', String(retryAfterS));
  sendError(res, 429, 'RATE_LIMITED', `More than ${limit} requests a minute: retry in ${retryAfterS} s`, {
    limit,
    retryAfter: retryAfterS,
  });
}

/**
 * One sliding-minute budget per client for everything it asks of the gateway (POST and GET
 * /graphql, the public views): a flood of anonymous requests gets 429 with Retry-After while
 * token holders keep their own budget. A batch counts once (its size is capped by the limits).
 */
export function clientRateLimit(options: RateLimitOptions): express.RequestHandler {
  const limits = options.limits ?? rateLimitsFromEnv();
  const limiter: SharedRateLimiter = options.redis
    ? new RedisRateLimiter(options.redis, `${options.prefix ?? 'lle:gw:'}rate:`)
    : new MemoryRateLimiter();
  return async (req, res, next) => {
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
      // The shared count is unreachable (Redis down): serve rather than refuse everyone.
      logger.warn({ err: error }, 'rate limit: the shared count is unreachable; the request passes');
      next();
    }
  };
}
