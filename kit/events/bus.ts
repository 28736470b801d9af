import type { DomainEvent } from './outbox';
import { logger } from '../observability/logger';

/**
 * Delivers each event to every group at least once, in order, in batches (what has arrived, up to
 * a bound): a batch counts as handled when `handle` resolves; if it throws, the same events come
 * again before anything newer.
 */
export interface EventBus {
  readonly kind: string;
  publish(events: DomainEvent[]): Promise<void>;
  /** Delivers events (each group from where it stopped) until the subscription is closed. */
  subscribe(group: string, handle: BatchHandler): Promise<Subscription>;
  /** Events published that the group has not finished handling (0: it has caught up). */
  backlog(group: string): Promise<number>;
  close(): Promise<void>;
}

export type BatchHandler = (events: DomainEvent[]) => Promise<void>;

/** Events handed to a group at once: one consumer transaction each. */
export const BATCH_MAX = 100;

export interface Subscription {
  close(): Promise<void>;
}

/**
 * The embedded default's bus: an append-only log in this process with a cursor per group. It
 * lives as long as the process; the outbox and each consumer's processed-event table are what
 * survive a restart (unpublished events are published again; duplicates are skipped by id).
 */
export class MemoryBus implements EventBus {
  readonly kind = 'memory';
  private readonly log: DomainEvent[] = [];
  /** Events dropped from the log's head once every group had handled them; cursors are absolute. */
  private base = 0;
  private readonly cursors = new Map<string, number>();
  private readonly wakers = new Map<string, () => void>();

  /** A failed handler is retried after this pause (and at the next event). */
  constructor(private readonly retryMs = 500) {}

  async publish(events: DomainEvent[]): Promise<void> {
    this.log.push(...events);
    for (const wake of this.wakers.values()) wake();
  }

  async subscribe(group: string, handle: BatchHandler): Promise<Subscription> {
    if (!this.cursors.has(group)) this.cursors.set(group, 0);
    let closed = false;
    let running: Promise<void> = Promise.resolve();
    const drain = async () => {
      while (!closed && this.cursors.get(group)! < this.base + this.log.length) {
        const at = this.cursors.get(group)!;
        const batch = this.log.slice(at - this.base, at - this.base + BATCH_MAX);
        await handle(batch);
        this.cursors.set(group, at + batch.length);
        this.compact();
      }
    };
    let retry: NodeJS.Timeout | undefined;
    const wake = () => {
      running = running.then(drain).catch((error) => {
        logger.error({ err: error, group }, `events: group ${group} failed; retrying`);
        if (!closed && !retry) retry = setTimeout(() => ((retry = undefined), wake()), this.retryMs).unref();
      });
    };
    this.wakers.set(group, wake);
    wake();
    return {
      close: async () => {
        closed = true;
        clearTimeout(retry);
        this.wakers.delete(group);
        await running;
      },
    };
  }

  async backlog(group: string): Promise<number> {
    return this.base + this.log.length - (this.cursors.get(group) ?? 0);
  }

  /** A long-running process does not keep every event it ever saw: what all groups handled goes. */
  private compact(): void {
    const handled = Math.min(...this.cursors.values());
    if (handled - this.base < 1024) return;
    this.log.splice(0, handled - this.base);
    this.base = handled;
  }

  async close(): Promise<void> {
    this.wakers.clear();
  }
}
