import Redis from 'ioredis';
import { MemoryBus, type EventBus } from '../../kit/events/bus';
import type { DomainEvent } from '../../kit/events/outbox';
import { RedisBus } from '../../kit/events/redis-bus';
import { testBus, testEventsUrl } from '../support/events';

/** The bus contract, on the in-process bus always and on Redis Streams with TEST_EVENTS_URL (CI sets it). */
const kinds = ['memory', 'redis'] as const;
const until = async (check: () => boolean | Promise<boolean>, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};
const each =
  (handle: (event: DomainEvent) => Promise<void>) =>
  async (batch: DomainEvent[]): Promise<void> => {
    for (const event of batch) await handle(event);
  };
const events = (from: number, to: number): DomainEvent[] =>
  Array.from({ length: to - from }, (_, i) => ({
    id: `e${from + i}`,
    type: 'test.happened',
    occurredAt: new Date(0).toISOString(),
    payload: { n: from + i },
  }));

describe.each(kinds)('event bus [%s]', (kind) => {
  const run = kind === 'redis' && !testEventsUrl() ? it.skip : it;
  let bus: EventBus;
  beforeEach(() => {
    if (kind === 'memory' || testEventsUrl()) bus = testBus(kind);
  });
  afterEach(async () => {
    if (bus instanceof RedisBus) await bus.destroy();
    await bus?.close();
  });

  run('gives a new group every event from the start, in order, and each group all of them', async () => {
    await bus.publish(events(0, 3));
    const a: string[] = [];
    const b: string[] = [];
    const subA = await bus.subscribe(
      'a',
      each(async (e) => void a.push(e.id)),
    );
    await bus.publish(events(3, 6));
    const subB = await bus.subscribe(
      'b',
      each(async (e) => void b.push(e.id)),
    );
    await until(() => a.length === 6 && b.length === 6);
    expect(a).toEqual(['e0', 'e1', 'e2', 'e3', 'e4', 'e5']);
    expect(b).toEqual(a);
    expect(await bus.backlog('a')).toBe(0);
    await subA.close();
    await subB.close();
  });

  run('retries a failed event before anything newer, and counts it as backlog until handled', async () => {
    const seen: string[] = [];
    let failed = false;
    const sub = await bus.subscribe(
      'g',
      each(async (e) => {
        if (e.id === 'e1' && !failed) {
          failed = true;
          throw new Error('handler failed once');
        }
        seen.push(e.id);
      }),
    );
    const error = jest.spyOn(console, 'error').mockImplementation(() => {});
    await bus.publish(events(0, 4));
    await until(() => new Set(seen).size === 4);
    error.mockRestore();
    // The failed batch came again whole (what preceded e1 in it twice), e1 and what follows once each.
    expect([...new Set(seen)]).toEqual(['e0', 'e1', 'e2', 'e3']);
    expect(seen.slice(seen.indexOf('e1'))).toEqual(['e1', 'e2', 'e3']);
    expect(failed).toBe(true);
    await until(async () => (await bus.backlog('g')) === 0);
    await sub.close();
  });

  run('a group closed mid-way finishes the batch in hand, then resumes where it stopped', async () => {
    const seen: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const first = await bus.subscribe(
      'g',
      each(async (e) => {
        if (e.id === 'e2') await gate;
        seen.push(e.id);
      }),
    );
    await bus.publish(events(0, 6));
    await until(() => seen.length === 2);
    const closing = first.close();
    release();
    await closing;
    const done = seen.length;
    expect(done).toBeGreaterThanOrEqual(3);
    expect(seen).toEqual(events(0, done).map((e) => e.id));
    expect(await bus.backlog('g')).toBe(6 - done);
    const second = await bus.subscribe(
      'g',
      each(async (e) => void seen.push(e.id)),
    );
    await until(() => seen.length === 6);
    expect(seen).toEqual(['e0', 'e1', 'e2', 'e3', 'e4', 'e5']);
    await second.close();
  });
});

describe('Redis Streams bus: a consumer that dies before acknowledging', () => {
  const run = testEventsUrl() ? it : it.skip;

  run('gets its unacknowledged entries again at its next start, before new ones', async () => {
    const bus = testBus('redis') as RedisBus;
    const raw = new Redis(testEventsUrl()!);
    try {
      await (await bus.subscribe('g', async () => {})).close();
      await bus.publish(events(0, 3));
      // The dead process: read as consumer "worker" and never acknowledged.
      await raw.xreadgroup('GROUP', 'g', 'worker', 'COUNT', 2, 'STREAMS', bus.stream, '>');
      expect(await bus.backlog('g')).toBe(3);
      const restarted = new RedisBus(testEventsUrl()!, { stream: bus.stream, consumer: 'worker', blockMs: 200 });
      const seen: string[] = [];
      const sub = await restarted.subscribe(
        'g',
        each(async (e) => void seen.push(e.id)),
      );
      await bus.publish(events(3, 4));
      await until(() => seen.length === 4);
      expect(seen).toEqual(['e0', 'e1', 'e2', 'e3']);
      await until(async () => (await bus.backlog('g')) === 0);
      await sub.close();
      await restarted.close();
    } finally {
      await bus.destroy();
      await bus.close();
      await raw.quit();
    }
  });

  run('is taken over by another consumer of the group once idle long enough', async () => {
    const bus = testBus('redis') as RedisBus;
    const raw = new Redis(testEventsUrl()!);
    try {
      await (await bus.subscribe('g', async () => {})).close();
      await bus.publish(events(0, 2));
      await raw.xreadgroup('GROUP', 'g', 'gone', 'COUNT', 10, 'STREAMS', bus.stream, '>');
      await new Promise((r) => setTimeout(r, 150));
      const other = new RedisBus(testEventsUrl()!, { stream: bus.stream, consumer: 'other', blockMs: 100, claimIdleMs: 100 });
      const seen: string[] = [];
      const sub = await other.subscribe(
        'g',
        each(async (e) => void seen.push(e.id)),
      );
      await until(() => seen.length === 2);
      expect(seen).toEqual(['e0', 'e1']);
      await sub.close();
      await other.close();
    } finally {
      await bus.destroy();
      await bus.close();
      await raw.quit();
    }
  });

  run('trims only what every group has acknowledged', async () => {
    const bus = testBus('redis') as RedisBus;
    try {
      const seen: string[] = [];
      const fast = await bus.subscribe(
        'fast',
        each(async (e) => void seen.push(e.id)),
      );
      await (await bus.subscribe('slow', async () => {})).close();
      await bus.publish(events(0, 5));
      await until(() => seen.length === 5);
      expect(await bus.trim()).toBe(0);
      expect(await bus.length()).toBe(5);
      const slow: string[] = [];
      const later = await bus.subscribe(
        'slow',
        each(async (e) => void slow.push(e.id)),
      );
      await until(() => slow.length === 5);
      await until(async () => (await bus.backlog('slow')) === 0);
      expect(await bus.trim()).toBe(5);
      expect(await bus.length()).toBe(0);
      await fast.close();
      await later.close();
    } finally {
      await bus.destroy();
      await bus.close();
    }
  });
});

describe('the in-process bus over a long run', () => {
  it('drops what every group has handled, and still delivers everything in order to each group', async () => {
    const bus = new MemoryBus();
    const a: string[] = [];
    const b: string[] = [];
    const subA = await bus.subscribe(
      'a',
      each(async (e) => void a.push(e.id)),
    );
    const subB = await bus.subscribe(
      'b',
      each(async (e) => void b.push(e.id)),
    );
    for (let from = 0; from < 5000; from += 250) await bus.publish(events(from, from + 250));
    await until(() => a.length === 5000 && b.length === 5000);
    expect(a).toEqual(events(0, 5000).map((e) => e.id));
    expect(b).toEqual(a);
    expect(await bus.backlog('a')).toBe(0);
    // Held in memory: less than what was published (what both groups handled is gone).
    expect((bus as unknown as { log: unknown[] }).log.length).toBeLessThan(1100);
    await subA.close();
    await subB.close();
  });
});
