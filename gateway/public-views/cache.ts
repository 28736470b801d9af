import type Redis from 'ioredis';

/** A public view's answer as sent: the JSON body, its ETag and when the gateway computed it. */
export interface CachedResponse {
  body: string;
  etag: string;
  storedAt: number;
  maxAgeS: number;
}

/** Where answers wait for the next identical request: in this process, or in Redis for every replica. */
export interface ResponseStore {
  readonly kind: 'memory' | 'redis';
  get(key: string): Promise<CachedResponse | undefined>;
  set(key: string, value: CachedResponse): Promise<void>;
  /** Drops every entry (a write changed the data behind the views). */
  clear(): Promise<void>;
}

const fresh = (value: CachedResponse, now = Date.now()) => now - value.storedAt < value.maxAgeS * 1000;

/** In this process: at most `maxEntries`, the oldest dropped first. */
export class MemoryResponseStore implements ResponseStore {
  readonly kind = 'memory';
  private readonly entries = new Map<string, CachedResponse>();

  constructor(private readonly maxEntries = 5000) {}

  async get(key: string): Promise<CachedResponse | undefined> {
    const value = this.entries.get(key);
    if (value && !fresh(value)) this.entries.delete(key);
    return value && fresh(value) ? value : undefined;
  }

  async set(key: string, value: CachedResponse): Promise<void> {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  async clear(): Promise<void> {
    this.entries.clear();
  }
}

/**
 * In Redis, one hash for every view's answers: a lookup is one HGET, dropping them all one DEL
 * (whichever replica handles the event). Entries past their max-age are ignored and overwritten;
 * the hash itself expires an hour after its last write.
 */
export class RedisResponseStore implements ResponseStore {
  readonly kind = 'redis';
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.key = `${prefix}public-views`;
  }

  async get(key: string): Promise<CachedResponse | undefined> {
    const raw = await this.redis.hget(this.key, key);
    if (!raw) return undefined;
    const value = JSON.parse(raw) as CachedResponse;
    return fresh(value) ? value : undefined;
  }

  async set(key: string, value: CachedResponse): Promise<void> {
    await this.redis.multi().hset(this.key, key, JSON.stringify(value)).expire(this.key, 3600).exec();
  }

  async clear(): Promise<void> {
    await this.redis.del(this.key);
  }
}
