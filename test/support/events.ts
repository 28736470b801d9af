import { randomBytes } from 'node:crypto';
import { MemoryBus, type EventBus } from '../../kit/events/bus';
import { RedisBus } from '../../kit/events/redis-bus';

/** The Redis broker for tests (CI sets it; tests that need it are skipped without it). */
export function testEventsUrl(): string | undefined {
  return process.env.TEST_EVENTS_URL || undefined;
}

/** A bus of the given kind; a Redis one reads and writes a stream no other run or suite uses. */
export function testBus(kind: 'memory' | 'redis'): EventBus {
  if (kind === 'memory') return new MemoryBus();
  const url = testEventsUrl();
  if (!url) throw new Error('TEST_EVENTS_URL is not set');
  return new RedisBus(url, { stream: `lle:test:${process.pid}:${randomBytes(4).toString('hex')}`, blockMs: 500, retryMs: 200 });
}

/** Polls until `read` gives `expected` (events flow asynchronously), then asserts it. */
export async function eventually<T>(read: () => Promise<T>, expected: T, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  let value = await read();
  while (JSON.stringify(value) !== JSON.stringify(expected) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    value = await read();
  }
  expect(value).toEqual(expected);
}
