import type { EntityManager } from '@mikro-orm/knex';
import type { AuditTrail } from './audit/trail';

/** Who is asking, from the verified JWT; null for the public (no token). */
export interface Viewer {
  sub: string;
  roles: string[];
  communes: string[];
}

/** Built once per request: a forked EntityManager, fresh DataLoaders, the viewer. */
export interface Context<Loaders = unknown> {
  em: EntityManager;
  loaders: Loaders;
  viewer: Viewer | null;
  /** Told after a write commits, so its events are published at once (the relay also polls). */
  events?: { committed(): void };
  /** The request's audit of personal data (kit/audit), flushed when the request ends; absent outside HTTP requests. */
  audit?: AuditTrail;
}

/** Loaders see the viewer too: some batch what the viewer may see (e.g. suppressed counts). */
export type LoadersFactory<Loaders> = (em: EntityManager, viewer: Viewer | null) => Loaders;

export function createContext<Loaders>(
  em: EntityManager,
  loaders: LoadersFactory<Loaders>,
  viewer: Viewer | null,
  events?: Context['events'],
  audit?: AuditTrail,
): Context<Loaders> {
  const forked = em.fork() as EntityManager;
  return { em: forked, loaders: loaders(forked, viewer), viewer, events, audit };
}
