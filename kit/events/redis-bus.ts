import { hostname } from 'node:os';
import Redis from 'ioredis';
import { BATCH_MAX, type BatchHandler, type EventBus, type Subscription } from './bus';
import type { DomainEvent } from './outbox';
import { logger } from '../observability/logger';

export interface RedisBusOptions {
  /** The stream every subgraph publishes to and every group reads (default `lle:events`). */
  stream?: string;
  /** This process's name inside each group; its pending entries are redelivered to it at start. */
  consumer?: string;
  /** How long one XREADGROUP waits for new entries before looping (and noticing close()). */
  blockMs?: number;
  /** Entries read per round trip. */
  count?: number;
  /** Pause after a failed handler or a lost connection before trying again. */
  retryMs?: number;
  /** Entries another consumer of the group has held unacknowledged this long are taken over (a dead process). */
  claimIdleMs?: number;
}

export const DEFAULT_STREAM = 'lle:events';

type Entry = [id: string, fields: string[]];

function eventOf([, fields]: Entry): DomainEvent {
  const f: Record<string, string> = {};
  for (let i = 0; i < fields.length; i += 2) f[fields[i]] = fields[i + 1];
  return { id: f.id, type: f.type, occurredAt: f.occurredAt, payload: JSON.parse(f.payload) };
}

/**
 * Redis Streams with consumer groups: every subgraph appends to one stream; each consuming
 * subgraph is a group, which Redis remembers the position of and the entries it was given but
 * has not acknowledged. An entry is acknowledged (XACK) only after its handler committed, so a
 * process killed mid-way gets it again at its next start (its pending entries are read first) —
 * at least once; consumers skip duplicates by event id.
 *
 * The stream is never trimmed here: an entry trimmed before a stopped group read it would be
 * lost to that group (its outbox row is already marked published). `npm run events -- trim`
 * removes only what every group has acknowledged.
 */
export class RedisBus implements EventBus {
  readonly kind = 'redis';
  readonly stream: string;
  private readonly client: Redis;
  private readonly subscriptions = new Set<Subscription>();
  private readonly options: Required<Omit<RedisBusOptions, 'stream'>>;

  constructor(url: string, options: RedisBusOptions = {}) {
    this.stream = options.stream ?? DEFAULT_STREAM;
    this.options = {
      consumer: options.consumer ?? hostname(),
      blockMs: options.blockMs ?? 2000,
      count: options.count ?? BATCH_MAX,
      retryMs: options.retryMs ?? 1000,
      claimIdleMs: options.claimIdleMs ?? 60_000,
    };
    this.client = new Redis(url, { lazyConnect: false, connectionName: 'lle-events' });
    // Connection errors surface on the commands that fail (and are retried); don't crash on the event.
    this.client.on('error', () => {});
  }

  async publish(events: DomainEvent[]): Promise<void> {
    if (!events.length) return;
    const pipeline = this.client.pipeline();
    for (const e of events) {
      pipeline.xadd(this.stream, '*', 'id', e.id, 'type', e.type, 'occurredAt', e.occurredAt, 'payload', JSON.stringify(e.payload));
    }
    const results = (await pipeline.exec()) ?? [];
    const failed = results.find(([error]) => error);
    if (failed) throw failed[0];
  }

  async subscribe(group: string, handle: BatchHandler): Promise<Subscription> {
    await this.createGroup(group);
    const { consumer, blockMs, count, retryMs, claimIdleMs } = this.options;
    // XREADGROUP BLOCK holds its connection: one connection per subscription.
    const reader = this.client.duplicate({ connectionName: `lle-events-${group}` });
    reader.on('error', () => {});
    let closed = false;
    let endPause = () => {};
    const pause = (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        endPause = () => (clearTimeout(timer), resolve());
      });

    const read = async (id: '0' | '>'): Promise<Entry[]> => {
      const block = id === '>' ? ['BLOCK', blockMs] : [];
      const reply = (await reader.call('XREADGROUP', 'GROUP', group, consumer, 'COUNT', count, ...block, 'STREAMS', this.stream, id)) as
        [string, Entry[]][] | null;
      return reply?.[0]?.[1] ?? [];
    };

    const loop = async () => {
      // First what this consumer was given and never acknowledged (it stopped mid-way), then new entries.
      let pending = true;
      let lastClaim = 0;
      while (!closed) {
        try {
          if (Date.now() - lastClaim >= claimIdleMs) {
            lastClaim = Date.now();
            if (await this.claimAbandoned(group, consumer, claimIdleMs)) pending = true;
          }
          const entries = await read(pending ? '0' : '>');
          if (pending && !entries.length) pending = false;
          if (!entries.length || closed) continue;
          // Pending entries deleted from the stream come back without fields: acknowledged, skipped.
          const events = entries.filter((entry) => entry[1]).map(eventOf);
          if (events.length) await handle(events);
          await this.client.xack(this.stream, group, ...entries.map((entry) => entry[0]));
        } catch (error) {
          if (closed) return;
          logger.error({ err: error, group }, `events: group ${group} failed; retrying in ${retryMs} ms`);
          // What failed is still pending: read it again, in order, before anything newer.
          pending = true;
          await pause(retryMs);
        }
      }
    };
    const running = loop();
    const subscription: Subscription = {
      close: async () => {
        if (closed) return;
        closed = true;
        endPause();
        // Ends a blocked XREADGROUP now; a handler in progress finishes and is acknowledged first.
        reader.disconnect();
        await running;
        this.subscriptions.delete(subscription);
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** A new group starts from the stream's beginning (0): it sees every event still in the stream. */
  private async createGroup(group: string): Promise<void> {
    try {
      await this.client.xgroup('CREATE', this.stream, group, '0', 'MKSTREAM');
    } catch (error) {
      if (!String(error).includes('BUSYGROUP')) throw error;
    }
  }

  /** Takes over entries that another consumer of the group was given and left unacknowledged for minIdleMs. */
  private async claimAbandoned(group: string, consumer: string, minIdleMs: number): Promise<number> {
    let claimed = 0;
    let cursor = '0-0';
    do {
      const [next, entries] = (await this.client.xautoclaim(this.stream, group, consumer, minIdleMs, cursor, 'COUNT', 100, 'JUSTID')) as [
        string,
        string[],
      ];
      claimed += entries.length;
      cursor = next;
    } while (cursor !== '0-0');
    return claimed;
  }

  /** Entries the group has not acknowledged yet: delivered and pending, plus not yet delivered. */
  async backlog(group: string): Promise<number> {
    const groups = (await this.groups()).filter((g) => g.name === group);
    if (!groups.length) return Number(await this.client.xlen(this.stream));
    const { pending, lag, lastDeliveredId } = groups[0];
    if (lag !== null) return pending + lag;
    // Redis cannot always count the lag (after deletions): say whether anything follows the group.
    const after = await this.client.xrange(this.stream, `(${lastDeliveredId}`, '+', 'COUNT', 1);
    return pending + after.length;
  }

  /** The groups reading the stream, as XINFO GROUPS tells them. */
  async groups(): Promise<{ name: string; pending: number; lag: number | null; lastDeliveredId: string; entriesRead: number | null }[]> {
    if (!(await this.client.exists(this.stream))) return [];
    const reply = (await this.client.xinfo('GROUPS', this.stream)) as unknown[][];
    return reply.map((fields) => {
      const f: Record<string, unknown> = {};
      for (let i = 0; i < fields.length; i += 2) f[String(fields[i])] = fields[i + 1];
      return {
        name: String(f.name),
        pending: Number(f.pending),
        lag: f.lag === null || f.lag === undefined ? null : Number(f.lag),
        lastDeliveredId: String(f['last-delivered-id']),
        entriesRead: f['entries-read'] === null || f['entries-read'] === undefined ? null : Number(f['entries-read']),
      };
    });
  }

  async length(): Promise<number> {
    return Number(await this.client.xlen(this.stream));
  }

  /**
   * Removes the entries every group has acknowledged (older than each group's oldest pending entry
   * and its last delivered one). A group created later starts after them: replay covers it.
   */
  async trim(): Promise<number> {
    const groups = await this.groups();
    if (!groups.length) return 0;
    const bounds: string[] = [];
    for (const g of groups) {
      const summary = (await this.client.xpending(this.stream, g.name)) as [number, string | null, string | null, unknown];
      bounds.push(summary[0] > 0 && summary[1] ? summary[1] : nextId(g.lastDeliveredId));
    }
    const minId = bounds.sort(compareIds)[0];
    return Number(await this.client.call('XTRIM', this.stream, 'MINID', minId));
  }

  /** Deletes the stream and its groups (tests' own streams). */
  async destroy(): Promise<void> {
    await this.client.del(this.stream);
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.client.quit().catch(() => this.client.disconnect());
  }
}

function parseId(id: string): [bigint, bigint] {
  const [ms, seq = '0'] = id.split('-');
  return [BigInt(ms), BigInt(seq)];
}

function compareIds(a: string, b: string): number {
  const [am, as] = parseId(a);
  const [bm, bs] = parseId(b);
  return am === bm ? (as < bs ? -1 : as > bs ? 1 : 0) : am < bm ? -1 : 1;
}

function nextId(id: string): string {
  const [ms, seq] = parseId(id);
  return `${ms}-${seq + 1n}`;
}
