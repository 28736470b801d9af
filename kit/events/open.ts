import type { EventsOptions } from '../config';
import { MemoryBus, type EventBus } from './bus';
import { DEFAULT_STREAM, RedisBus } from './redis-bus';

/** The configured bus: the Redis broker with EVENTS_URL, else the in-process bus. */
export function openBus(options: EventsOptions): EventBus {
  return options.url ? new RedisBus(options.url, { stream: options.stream }) : new MemoryBus();
}

/** Where events travel, for start-up logs (no credentials). */
export function describeBus(options: EventsOptions): string {
  if (!options.url) return 'in-process bus';
  const url = new URL(options.url);
  return `Redis Streams at ${url.host}, stream ${options.stream ?? DEFAULT_STREAM} (EVENTS_URL)`;
}
