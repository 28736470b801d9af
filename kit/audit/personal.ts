import { getMetadataStorage } from 'type-graphql';
import type { Access } from '../access';

let cache: { size: number; map: Map<string, Access[]> } | undefined;

/**
 * The personal fields of every object type, as "Type.field" → its audited Accesses: read from
 * type-graphql's `@Authorized(...)` metadata of entity fields (an Access with `audited: true`).
 */
export function personalFields(): Map<string, Access[]> {
  const storage = getMetadataStorage();
  // Decorators run as modules load: rebuilt if more were declared since.
  if (cache?.size === storage.authorizedFields.length) return cache.map;
  const map = new Map<string, Access[]>();
  for (const authorized of storage.authorizedFields) {
    const accesses = (authorized.roles as unknown[]).filter(
      (r): r is Access => typeof r === 'object' && r !== null && (r as Access).audited === true,
    );
    if (!accesses.length) continue;
    for (const type of storage.objectTypes.filter((o) => o.target === authorized.target)) {
      map.set(`${type.name}.${authorized.fieldName}`, accesses);
    }
  }
  cache = { size: storage.authorizedFields.length, map };
  return map;
}

/** Whether a viewer has any role that may read some personal data (others are refused by access control). */
export function mayReadPersonal(roles: readonly string[] | undefined, accesses: Iterable<Access[]> = personalFields().values()): boolean {
  if (!roles?.length) return false;
  for (const list of accesses) {
    for (const access of list)
      if (roles.some((r) => (access.region as string[]).includes(r) || (access.ownCommunes as string[]).includes(r))) return true;
  }
  return false;
}
