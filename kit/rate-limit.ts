/**
 * Requests per client in a sliding minute, in this process: `take(key, limit)` counts a request
 * and says whether it may pass, and if not, in how many seconds one will. Several gateway replicas
 * each count their own share (a shared store is the portals' public-views work).
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly windowMs = 60_000) {}

  take(key: string, limit: number, now = Date.now()): { ok: true } | { ok: false; retryAfterS: number } {
    const since = now - this.windowMs;
    const recent = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (recent.length >= limit) {
      this.hits.set(key, recent);
      return { ok: false, retryAfterS: Math.max(1, Math.ceil((recent[0] + this.windowMs - now) / 1000)) };
    }
    recent.push(now);
    this.hits.set(key, recent);
    return { ok: true };
  }
}
