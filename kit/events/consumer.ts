import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { BACKGROUND } from '../logging';
import type { EventBus, Subscription } from './bus';
import type { DomainEvent } from './outbox';

/** The events a subgraph has handled, so a redelivered one changes nothing (idempotent by id). */
@Entity({ tableName: 'processed_event' })
export class ProcessedEvent {
  [OptionalProps]?: 'processedAt';

  @PrimaryKey({ type: 'string', length: 36 })
  eventId!: string;

  @Property({ type: 'string', length: 80 })
  type!: string;

  @Property({ type: 'datetime' })
  processedAt: Date = new Date();
}

export type EventHandler = (em: EntityManager, event: DomainEvent<any>) => Promise<void>;

/** What a subgraph does with other subgraphs' events: handlers by type, and how to start over. */
export interface EventConsumers {
  handlers: Record<string, EventHandler>;
  /** Clears what the handlers build (projections, derived columns) before a replay from the start. */
  reset(em: EntityManager): Promise<void>;
}

/**
 * Handles each delivered event once: a batch's handlers and their processed marks commit together
 * (one transaction, one commit to wait for, however many events), events already processed are
 * skipped by id. A handler that throws rolls the whole batch back; the bus delivers it again.
 */
export function consume(root: EntityManager, bus: EventBus, group: string, consumers: EventConsumers): Promise<Subscription> {
  return bus.subscribe(group, async (events) => {
    const handled = events.filter((event) => consumers.handlers[event.type]);
    if (!handled.length) return;
    await root.fork({ loggerContext: { label: BACKGROUND } }).transactional(async (tx) => {
      const seen = new Set(
        (await tx.find(ProcessedEvent, { eventId: { $in: handled.map((e) => e.id) } }, { fields: ['eventId'] })).map((p) => p.eventId),
      );
      for (const event of handled) {
        // The same event twice in one batch (published again by a relay that died) counts once.
        if (seen.has(event.id)) continue;
        seen.add(event.id);
        await consumers.handlers[event.type](tx as EntityManager, event);
        tx.persist(tx.create(ProcessedEvent, { eventId: event.id, type: event.type }));
      }
    });
  });
}
