import type { AuthChecker } from 'type-graphql';
import type { Role } from './auth';
import type { Context, Viewer } from './context';
import { codedError } from './errors';
import { recordField } from './audit/record';

/**
 * Who may read a kind of data: roles that see it in the whole region, and roles that see it only
 * in the communes of their token. Everyone else (the public, partners) sees aggregates only.
 */
export interface Access {
  name: string;
  region: Role[];
  ownCommunes: Role[];
  /** Personal data: every read (or refusal) of a field under it is audited (kit/audit) and needs a declared purpose. */
  audited?: boolean;
}

/** Records of a commune that are about no person: agreement transfers, employers' and vacancies' details. */
export const COMMUNE_RECORDS: Access = { name: 'commune records', region: ['analyst', 'admin'], ownCommunes: ['municipality', 'omil'] };

/**
 * Person-level records: a placement, an enrolment, an attendance, a referral, a person reached by
 * key — with or without a name, each is one person's. Analysts get aggregates only (counts), like
 * the public and partners; admins everywhere, municipality/omil in their communes.
 */
export const PERSON_RECORDS: Access = { name: 'person-level records', region: ['admin'], ownCommunes: ['municipality', 'omil'] };

/** Personal data (RUT, names, birth date, contact, disability): never analysts (they get counts). */
export const PERSONAL_DATA: Access = { name: 'personal data', region: ['admin'], ownCommunes: ['municipality', 'omil'], audited: true };

export function forbidden(message: string) {
  return codedError('FORBIDDEN', message);
}

function denied(viewer: Viewer | null, access: Access) {
  return viewer
    ? forbidden(`Your roles (${viewer.roles.join(', ')}) cannot read ${access.name} here`)
    : codedError('UNAUTHENTICATED', `Reading ${access.name} needs a token`, { reason: 'no token' });
}

/**
 * The communes whose records of this kind the viewer may read: 'all' (region-wide roles) or the
 * token's communes. Lists use it to narrow silently; a viewer with no such role is refused.
 */
export function communeScope(viewer: Viewer | null, access: Access): 'all' | string[] {
  if (viewer?.roles.some((r) => access.region.includes(r as Role))) return 'all';
  if (viewer?.roles.some((r) => access.ownCommunes.includes(r as Role))) return viewer.communes;
  throw denied(viewer, access);
}

/** Whether the viewer has a role that reads this data in the whole region. */
function regionWide(viewer: Viewer | null, access: Access): boolean {
  return Boolean(viewer?.roles.some((r) => access.region.includes(r as Role)));
}

/** Whether the viewer may read a row of these commune(s): any one of them is enough. */
export function canRead(viewer: Viewer | null, access: Access, communeCodes: string | string[]): boolean {
  if (viewer?.roles.some((r) => access.region.includes(r as Role))) return true;
  const codes = [communeCodes].flat();
  return Boolean(viewer?.roles.some((r) => access.ownCommunes.includes(r as Role)) && codes.some((c) => viewer.communes.includes(c)));
}

/** The communes a row belongs to, for access: `communeCodes` (a person's) or `communeCode`. */
function rowCommunes(root: unknown): string[] | undefined {
  const row = root as { communeCodes?: string[]; communeCode?: string } | undefined;
  return row?.communeCodes ?? (row?.communeCode !== undefined ? [row.communeCode] : undefined);
}

/** Restricts a filter's commune list to a scope ('all' leaves it as asked). */
export function narrow(asked: string[] | undefined, scope: 'all' | string[]): string[] | undefined {
  if (scope === 'all') return asked;
  return asked ? asked.filter((c) => scope.includes(c)) : scope;
}

/**
 * The kit's type-graphql auth checker: `@Authorized(COMMUNE_RECORDS)` on a field of a type whose
 * rows have a `communeCode` (or `communeCodes`) lets through the roles of that Access for that
 * row's commune; otherwise FORBIDDEN (UNAUTHENTICATED without a token).
 */
export const authChecker: AuthChecker<Context, Access> = ({ root, context, info }, accesses) => {
  const communes = rowCommunes(root);
  const audited = accesses.some((a) => a.audited);
  for (const access of accesses) {
    if (communes ? canRead(context.viewer, access, communes) : regionWide(context.viewer, access)) {
      if (audited) recordField(context, info, root, 'read');
      return true;
    }
  }
  if (audited) recordField(context, info, root, 'refused');
  throw denied(context.viewer, accesses[0]);
};

/**
 * The rows (with a `communeCode`) of a linked list that the viewer may read: others are dropped
 * silently; a viewer with no role for this data at all is refused.
 */
export function readableRows<T extends { communeCode: string }>(viewer: Viewer | null, access: Access, rows: T[]): T[] {
  const scope = communeScope(viewer, access);
  return scope === 'all' ? rows : rows.filter((row) => scope.includes(row.communeCode));
}
