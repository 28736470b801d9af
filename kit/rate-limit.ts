/**
 * Requests per client in a sliding minute, in this process: `take(key, limit)` counts a request
 * and says whether it may pass, and if not, in how many seconds one will. Several gateway replicas
 * each count their own share; `RedisRateLimiter` below shares one count between them.
 */
export class RateLimiter {
  /** Per key, its hits in time order; those before `start` have left the window. */
  private readonly hits = new Map<string, { times: number[]; start: number }>();
  /** Keys held before the idle ones are swept out (one flood from many addresses must not grow it forever). */
  private sweepAt = 10_000;

  constructor(private readonly windowMs = 60_000) {}

  // Amortised O(1) a request: hits leave from the front of a time-ordered list, never filtered whole.
  take(key: string, limit: number, now = Date.now()): { ok: true } | { ok: false; retryAfterS: number } {
    const since = now - this.windowMs;
    let window = this.hits.get(key);
    if (!window) {
      if (this.hits.size >= this.sweepAt) this.sweep(since);
      this.hits.set(key, (window = { times: [], start: 0 }));
    }
    const { times } = window;
    while (window.start < times.length && times[window.start] <= since) window.start++;
    if (window.start > 1024 && window.start * 2 > times.length) {
      window.times = times.slice(window.start);
      window.start = 0;
    }
    if (window.times.length - window.start >= limit) {
      return { ok: false, retryAfterS: Math.max(1, Math.ceil((window.times[window.start] + this.windowMs - now) / 1000)) };
    }
    window.times.push(now);
    return { ok: true };
  }

  private sweep(since: number): void {
    for (const [key, window] of this.hits) if (window.times[window.times.length - 1] <= since) this.hits.delete(key);
    this.sweepAt = Math.max(10_000, this.hits.size * 2);
  }
}

export type RateVerdict = { ok: true } | { ok: false; retryAfterS: number };

/** A limiter whose count may live elsewhere (Redis): the same sliding minute, asynchronously. */
export interface SharedRateLimiter {
  take(key: string, limit: number): Promise<RateVerdict>;
}

/** The in-process limiter behind the shared interface (one process, or a replica's own share). */
export class MemoryRateLimiter implements SharedRateLimiter {
  private readonly limiter: RateLimiter;
  constructor(windowMs = 60_000) {
    this.limiter = new RateLimiter(windowMs);
  }
  async take(key: string, limit: number): Promise<RateVerdict> {
    return this.limiter.take(key, limit);
  }
}

/** The minimal Redis client the shared limiter needs (ioredis fits). */
export interface RedisEval {
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
}

/**
 * A sorted set of request times per key, trimmed to the window, counted and added to in one
 * script: every replica sees the same count. Answers [allowed (1/0), ms until the oldest leaves].
 */
const SLIDING_WINDOW = `
local key, now, window, limit, member = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
if count >= limit then
  local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  return {0, tonumber(oldest[2]) + window - now}
end
redis.call('ZADD', key, now, member)
redis.call('PEXPIRE', key, window)
return {1, 0}`;

/** Requests per key in a sliding window kept in Redis, shared by every process that uses the same prefix. */
export class RedisRateLimiter implements SharedRateLimiter {
  private seq = 0;
  constructor(
    private readonly redis: RedisEval,
    private readonly prefix: string,
    private readonly windowMs = 60_000,
  ) {}

  async take(key: string, limit: number): Promise<RateVerdict> {
    const now = Date.now();
    const member = `${now}:${process.pid}:${(this.seq = (this.seq + 1) % 1e9)}:${Math.random()}`;
    const [allowed, waitMs] = (await this.redis.eval(SLIDING_WINDOW, 1, `${this.prefix}${key}`, now, this.windowMs, limit, member)) as [
      number,
      number,
    ];
    return allowed === 1 ? { ok: true } : { ok: false, retryAfterS: Math.max(1, Math.ceil(waitMs / 1000)) };
  }
}
