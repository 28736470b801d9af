import { RateLimiter } from '../../kit/rate-limit';

describe('the in-process sliding-minute rate limiter', () => {
  it('lets `limit` requests a minute through, then says when the next one may come', () => {
    const limiter = new RateLimiter(60_000);
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) expect(limiter.take('ip:a', 3, t0 + i * 1000)).toEqual({ ok: true });
    expect(limiter.take('ip:a', 3, t0 + 10_000)).toEqual({ ok: false, retryAfterS: 50 });
    // Another client has its own budget.
    expect(limiter.take('ip:b', 3, t0 + 10_000)).toEqual({ ok: true });
    // The first hit leaves the window one minute after it came.
    expect(limiter.take('ip:a', 3, t0 + 60_001)).toEqual({ ok: true });
    expect(limiter.take('ip:a', 3, t0 + 60_002)).toEqual({ ok: false, retryAfterS: 1 });
  });

  it('keeps counting right over many hits (the list is trimmed from its front)', () => {
    const limiter = new RateLimiter(1000);
    let passed = 0;
    for (let ms = 0; ms < 10_000; ms++) if (limiter.take('k', 500, ms).ok) passed++;
    // 500 a second for 10 s.
    expect(passed).toBe(5000);
  });

  it('forgets idle clients once many have come', () => {
    const limiter = new RateLimiter(1000);
    for (let i = 0; i < 10_000; i++) limiter.take(`ip:${i}`, 1, 0);
    limiter.take('ip:late', 1, 5000);
    expect((limiter as unknown as { hits: Map<string, unknown> }).hits.size).toBe(1);
    expect(limiter.take('ip:0', 1, 5000)).toEqual({ ok: true });
  });
});
