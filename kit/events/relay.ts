import type { EntityManager } from '@mikro-orm/knex';
import { BACKGROUND } from '../logging';
import { logger } from '../observability/logger';
import type { EventBus } from './bus';
import { eventOf, OutboxEvent } from './outbox';

/**
 * Publishes a subgraph's committed outbox events, oldest first, then marks them published: woken
 * after each write and polling as a safety net. Published-then-crashed means published again
 * (at least once); consumers skip what they have seen by event id.
 */
export class Relay {
  private timer?: NodeJS.Timeout;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly em: EntityManager,
    private readonly bus: EventBus,
    private readonly intervalMs = 250,
    private readonly batch = 200,
  ) {}

  start(): this {
    this.stopped = false;
    this.timer = setInterval(() => this.wake(), this.intervalMs);
    this.timer.unref();
    this.wake();
    return this;
  }

  /** Publishes what is pending; one pass at a time. Resolves when this pass is done. */
  wake(): Promise<unknown> {
    this.running = this.running
      .then(() => this.drain())
      .catch((error) => logger.error({ err: error }, 'relay: publishing failed; retrying'));
    return this.running;
  }

  private async drain(): Promise<void> {
    while (!this.stopped) {
      const em = this.em.fork({ loggerContext: { label: BACKGROUND } });
      const rows = await em.find(OutboxEvent, { publishedAt: null }, { orderBy: { seq: 'asc' }, limit: this.batch });
      if (!rows.length) return;
      await this.bus.publish(rows.map(eventOf));
      await em.nativeUpdate(OutboxEvent, { seq: { $in: rows.map((r) => r.seq) } }, { publishedAt: new Date() });
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
