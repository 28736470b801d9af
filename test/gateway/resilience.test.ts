import { CircuitBreaker, outagePath, resilienceFromEnv, TimeoutError, withTimeout } from '../../gateway/resilience';

describe('time budgets towards the subgraphs (gateway/resilience.ts)', () => {
  it('opens the circuit after consecutive failures, fails fast, then lets one request try again', () => {
    let now = 0;
    const breaker = new CircuitBreaker(3, 1000, () => now);
    breaker.failure();
    breaker.failure();
    expect(breaker.allow()).toBe(true);
    breaker.failure();
    expect(breaker.state).toBe('open');
    expect(breaker.allow()).toBe(false);
    now = 1000;
    expect(breaker.state).toBe('half-open');
    expect([breaker.allow(), breaker.allow()]).toEqual([true, false]);
    breaker.failure();
    expect(breaker.allow()).toBe(false);
    now = 2000;
    expect(breaker.allow()).toBe(true);
    breaker.success();
    expect(breaker.state).toBe('closed');
    expect([breaker.allow(), breaker.allow()]).toEqual([true, true]);
  });

  it('times out slow work with the given code', async () => {
    await expect(withTimeout(new Promise(() => {}), 20, 'SUBGRAPH_TIMEOUT')).rejects.toEqual(new TimeoutError('SUBGRAPH_TIMEOUT'));
    await expect(withTimeout(Promise.resolve(7), 20, 'SUBGRAPH_TIMEOUT')).resolves.toBe(7);
  });

  it('names the path of what a failed fetch would have filled', () => {
    expect(outagePath('query Q { regions { code } other: communes { code } }')).toEqual(['regions']);
    expect(
      outagePath('query Q($representations: [_Any!]!) { _entities(representations: $representations) { ... on Person { version } } }'),
    ).toEqual(['_entities', 0, 'version']);
    expect(outagePath('not graphql')).toBeUndefined();
  });

  it('reads its settings from the environment, with 10 s and 30 s defaults', () => {
    expect(resilienceFromEnv({})).toEqual({
      subgraphTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      breakerFailures: 5,
      breakerResetMs: 10_000,
    });
    expect(resilienceFromEnv({ SUBGRAPH_TIMEOUT_MS: '2500' }).subgraphTimeoutMs).toBe(2500);
    expect(() => resilienceFromEnv({ REQUEST_TIMEOUT_MS: 'soon' })).toThrow('REQUEST_TIMEOUT_MS must be a positive integer, got "soon"');
  });
});
