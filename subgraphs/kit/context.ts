import type { EntityManager } from '@mikro-orm/knex';

/** Who is asking. Null for now (public); the identity issue fills it from the verified JWT. */
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
}

export type LoadersFactory<Loaders> = (em: EntityManager) => Loaders;

export function createContext<Loaders>(em: EntityManager, loaders: LoadersFactory<Loaders>): Context<Loaders> {
  const forked = em.fork() as EntityManager;
  return { em: forked, loaders: loaders(forked), viewer: null };
}
