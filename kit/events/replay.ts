import { BACKGROUND } from '../logging';
import type { SubgraphApp } from '../subgraph';
import type { EventBus } from './bus';
import { ProcessedEvent } from './consumer';
import { eventParties, unpublished, waitForEvents } from './idle';
import { OutboxEvent } from './outbox';

export interface EventCounts {
  /** Outbox rows per subgraph: all of them, and those not yet published. */
  outbox: Record<string, { events: number; unpublished: number }>;
  /** Events each consuming subgraph has handled (its processed_event rows). */
  processed: Record<string, number>;
}

export async function eventCounts(apps: SubgraphApp<any>[]): Promise<EventCounts> {
  const parties = eventParties(apps);
  const pending = await unpublished(parties);
  const counts: EventCounts = { outbox: {}, processed: {} };
  for (const app of apps) {
    const em = app.db!.em.fork({ loggerContext: { label: BACKGROUND } });
    counts.outbox[app.name] = { events: await em.count(OutboxEvent), unpublished: pending[app.name] };
    if (app.definition.events) counts.processed[app.name] = await em.count(ProcessedEvent);
  }
  return counts;
}

/**
 * Replay from the start: every consumer forgets its projections and the events it saw, every
 * subgraph sends its whole outbox again, and this resolves once the relays and consumers are idle.
 * The apps must be started with `bus`.
 */
export async function replayAll(apps: SubgraphApp<any>[], bus: EventBus, timeoutMs?: number): Promise<EventCounts> {
  for (const app of apps) await app.resetProjections();
  for (const app of apps) await app.republish();
  await waitForEvents(bus, eventParties(apps), { timeoutMs });
  return eventCounts(apps);
}
