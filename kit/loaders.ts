import DataLoader from 'dataloader';
import {
  DateType,
  EventType,
  ReferenceKind,
  Utils,
  type EntityMetadata,
  type EntityName,
  type FilterQuery,
  type QueryOrderMap,
} from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';

const readPrototypes = new WeakMap<EntityMetadata, object>();

/**
 * What the query builder's mapping leaves to em.find's loading step: filters, `onInit`/`onLoad`
 * hooks and subscribers, inheritance, virtual entities, embeddables, lazy or referenced
 * properties, relations as entities, and custom types other than dates (a bigint comes back a
 * number on SQLite, a string from em.find). Rows of such entities are not read by readRows.
 */
function unreadable(em: EntityManager, meta: EntityMetadata): string | undefined {
  if (Object.keys(meta.filters ?? {}).length || Object.keys(em.config.get('filters') ?? {}).length) return 'filters';
  const events = em.getEventManager();
  if (events.hasListeners(EventType.onInit, meta) || events.hasListeners(EventType.onLoad, meta)) return 'load hooks';
  if (meta.discriminatorColumn || meta.virtual) return 'inheritance or a virtual entity';
  for (const prop of meta.props) {
    if (prop.lazy || prop.ref || prop.embedded || prop.kind === ReferenceKind.EMBEDDED)
      return `${prop.name}: lazy, a reference or embedded`;
    if (prop.kind !== ReferenceKind.SCALAR && !prop.mapToPk) return `${prop.name}: a relation`;
    if (prop.customType && !(prop.customType instanceof DateType)) return `${prop.name}: ${prop.customType.constructor.name}`;
  }
  return undefined;
}

/**
 * The prototype of rows read for answering: the entity's class (its getters, `instanceof`), with
 * MikroORM's property setters shadowed by plain fields. Those setters turn each instance's
 * properties into change-tracking accessors on first assignment, the bulk of loading an entity.
 */
function readPrototype(em: EntityManager, meta: EntityMetadata): object {
  let prototype = readPrototypes.get(meta);
  if (prototype) return prototype;
  const unread = unreadable(em, meta);
  if (unread) throw new Error(`${meta.className} cannot be read outside the unit of work (${unread}): load it with em.find`);
  prototype = Object.create(meta.prototype) as object;
  for (const name of Object.keys(meta.properties)) {
    if (Object.getOwnPropertyDescriptor(meta.prototype, name)?.set) {
      Object.defineProperty(prototype, name, { value: undefined, writable: true, enumerable: false, configurable: true });
    }
  }
  readPrototypes.set(meta, prototype);
  return prototype;
}

/**
 * Rows to answer with, not to change: instances of the entity's class with the values `em.find`
 * would give (MikroORM maps and converts the columns), outside the unit of work, so no identity
 * map, snapshot or change tracking is paid for. Loaders and lists serve reads only: writes load
 * their rows with `em.find` (given to `em.assign`, `persist` or `remove`, such a row is mishandled).
 */
export async function readRows<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  { orderBy, offset, limit }: { orderBy?: QueryOrderMap<T>; offset?: number; limit?: number } = {},
): Promise<T[]> {
  const prototype = readPrototype(em, em.getMetadata().get(Utils.className(entity)));
  const qb = em.createQueryBuilder(entity).select('*').where(where);
  if (orderBy) qb.orderBy(orderBy);
  if (offset) qb.offset(offset);
  if (limit !== undefined) qb.limit(limit);
  const rows = (await qb.execute('all')) as object[];
  return rows.map((row) => Object.assign(Object.create(prototype) as T, row));
}

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
    const rows = await readRows(em, entity, { [key]: { $in: [...keys] } } as never);
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
    const rows = await readRows(em, entity, { [key]: { $in: [...keys] } } as never, { orderBy: orderBy as never });
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
