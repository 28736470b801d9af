import type { EntityManager } from '@mikro-orm/knex';
import { BACKGROUND } from '../logging';
import type { SubgraphApp } from '../subgraph';
import type { EventBus } from './bus';
import { OutboxEvent } from './outbox';

/** One subgraph as far as events go: its outbox, and its consumer group when it consumes. */
export interface EventParty {
  name: string;
  em: EntityManager;
  group?: string;
}

/** The parties of started subgraph apps: a subgraph's group is its name (see SubgraphApp.start). */
export function eventParties(apps: SubgraphApp<any>[]): EventParty[] {
  return apps.map((app) => ({ name: app.name, em: app.db!.em, group: app.definition.events ? app.name : undefined }));
}

/** Outbox rows not yet published, per subgraph. */
export async function unpublished(parties: EventParty[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const p of parties)
    counts[p.name] = await p.em.fork({ loggerContext: { label: BACKGROUND } }).count(OutboxEvent, { publishedAt: null });
  return counts;
}

/** Every outbox published and every group caught up (handlers done and acknowledged). */
export async function eventsSettled(bus: EventBus, parties: EventParty[]): Promise<boolean> {
  if (Object.values(await unpublished(parties)).some((n) => n > 0)) return false;
  for (const p of parties) if (p.group && (await bus.backlog(p.group)) > 0) return false;
  return true;
}

/**
 * Waits until the relays and consumers are idle: settled twice in a row, since a handler may emit
 * events of its own after the outboxes were counted.
 */
export async function waitForEvents(bus: EventBus, parties: EventParty[], { timeoutMs = 60_000, pollMs = 20 } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let settled = 0;
  while (settled < 2) {
    if (Date.now() > deadline) {
      const left = await unpublished(parties);
      const backlog: Record<string, number> = {};
      for (const p of parties) if (p.group) backlog[p.group] = await bus.backlog(p.group);
      throw new Error(`events still moving after ${timeoutMs} ms: unpublished ${JSON.stringify(left)}, backlog ${JSON.stringify(backlog)}`);
    }
    settled = (await eventsSettled(bus, parties)) ? settled + 1 : 0;
    if (settled < 2) await new Promise((r) => setTimeout(r, pollMs));
  }
}
