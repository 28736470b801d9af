import DataLoader from 'dataloader';
import type { EntityName } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';

/**
 * One SELECT … WHERE key IN (…) per batch, answers in key order (null for unknown keys).
 * The building block of every subgraph's loaders.ts.
 */
export function loaderBy<T extends object, K extends keyof T & string>(
  em: EntityManager,
  entity: EntityName<T>,
  key: K,
): DataLoader<T[K], T | null> {
  return new DataLoader<T[K], T | null>(async (keys) => {
    const rows = (await em.find(entity, { [key]: { $in: [...keys] } } as never)) as T[];
    const byKey = new Map(rows.map((row) => [row[key], row]));
    return keys.map((k) => byKey.get(k) ?? null);
  });
}

/** Like loaderBy, but many rows per key (children of a parent), in `orderBy` order. */
export function loaderOfMany<T extends object, K extends keyof T & string>(
  em: EntityManager,
  entity: EntityName<T>,
  key: K,
  orderBy: Partial<Record<keyof T & string, 'asc' | 'desc'>>,
): DataLoader<T[K], T[]> {
  return new DataLoader<T[K], T[]>(async (keys) => {
    const rows = (await em.find(entity, { [key]: { $in: [...keys] } } as never, { orderBy: orderBy as never })) as T[];
    const byKey = new Map<T[K], T[]>(keys.map((k) => [k, []]));
    for (const row of rows) byKey.get(row[key])?.push(row);
    return keys.map((k) => byKey.get(k) ?? []);
  });
}

/**
 * A loader whose keys are composite (say commune and year): batches are grouped by `group` so
 * that each distinct group costs one statement, e.g. one per year asked in the same request.
 */
export function groupedLoader<K, V, G extends string | number>(
  group: (key: K) => G,
  load: (group: G, keys: K[]) => Promise<V[]>,
  cacheKey: (key: K) => string,
): DataLoader<K, V, string> {
  return new DataLoader<K, V, string>(
    async (keys) => {
      const groups = new Map<G, { keys: K[]; at: number[] }>();
      keys.forEach((k, i) => {
        const g = group(k);
        const entry = groups.get(g) ?? { keys: [], at: [] };
        entry.keys.push(k);
        entry.at.push(i);
        groups.set(g, entry);
      });
      const out = new Array<V>(keys.length);
      await Promise.all(
        [...groups].map(async ([g, entry]) => {
          const values = await load(g, entry.keys);
          entry.at.forEach((i, j) => (out[i] = values[j]));
        }),
      );
      return out;
    },
    { cacheKeyFn: cacheKey },
  );
}
