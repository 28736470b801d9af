import { randomUUID } from 'node:crypto';
import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';

/** A domain event as it travels: its id makes consumers idempotent. */
export interface DomainEvent<P = Record<string, unknown>> {
  id: string;
  /** `<subgraph>.<what happened>`, e.g. `persons.job_seeker_registered`. */
  type: string;
  occurredAt: string;
  payload: P;
}

/**
 * The outbox: a subgraph writes its events here in the same transaction as the change, so an
 * event exists exactly when its change was committed; the relay publishes them afterwards.
 */
@Entity({ tableName: 'outbox_event' })
@Index({ properties: ['publishedAt', 'seq'] })
export class OutboxEvent {
  [OptionalProps]?: 'seq' | 'publishedAt';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  seq!: number;

  @Unique()
  @Property({ type: 'string', length: 36 })
  eventId!: string;

  @Property({ type: 'string', length: 80 })
  type!: string;

  @Property({ type: 'text' })
  payload!: string;

  @Property({ type: 'datetime' })
  occurredAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  publishedAt: Date | null = null;
}

/** Records an event in the write's transaction (`em` is the transaction's). */
export function emit(em: EntityManager, type: string, payload: Record<string, unknown>): DomainEvent {
  const event = { id: randomUUID(), type, occurredAt: new Date().toISOString(), payload };
  em.persist(em.create(OutboxEvent, { eventId: event.id, type, payload: JSON.stringify(payload), occurredAt: new Date(event.occurredAt) }));
  return event;
}

export function eventOf(row: OutboxEvent): DomainEvent {
  return { id: row.eventId, type: row.type, occurredAt: new Date(row.occurredAt).toISOString(), payload: JSON.parse(row.payload) };
}

/**
 * The seed's events: what registering the seeded rows would have published, already marked
 * published (the seed writes the projections itself). A replay from the start re-sends them too,
 * so projections rebuild from events alone.
 */
export async function recordSeedEvents(
  em: EntityManager,
  events: { type: string; payload: Record<string, unknown> }[],
  at = new Date(),
): Promise<void> {
  for (let i = 0; i < events.length; i += 1000) {
    await em.insertMany(
      OutboxEvent,
      events
        .slice(i, i + 1000)
        .map((e) => ({ eventId: randomUUID(), type: e.type, payload: JSON.stringify(e.payload), occurredAt: at, publishedAt: at })),
    );
  }
}

/** Records many events of one write in its transaction at once (a file import's chunk): as emit, batched. */
export async function emitMany(em: EntityManager, events: { type: string; payload: Record<string, unknown> }[]): Promise<void> {
  const at = new Date();
  for (let i = 0; i < events.length; i += 1000) {
    await em.insertMany(
      OutboxEvent,
      events
        .slice(i, i + 1000)
        .map((e) => ({ eventId: randomUUID(), type: e.type, payload: JSON.stringify(e.payload), occurredAt: at, publishedAt: null })),
    );
  }
}
