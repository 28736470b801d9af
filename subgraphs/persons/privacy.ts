import type { MiddlewareFn } from 'type-graphql';
import { addBusinessDays, addDays } from '../../kit/dates';
import type { Context } from '../../kit/context';
import type { Purpose } from '../../domain/purposes';
import type { GraphQLResolveInfo } from 'graphql';
import { communeScope, type Access } from '../../kit/access';
import { recordField, recordRefusal } from '../../kit/audit/record';
import { codedError } from '../../kit/errors';
import type { Person } from './entities/person';
import { ObjectionPurpose, purposesOf } from './entities/rights-request';

/**
 * The viewer's communes for `access`; a viewer without it is refused, and the refusal audited as
 * a person's (naming `id`, when known).
 */
export function scopeOrRefuse(
  ctx: Pick<Context, 'viewer' | 'audit'>,
  info: GraphQLResolveInfo,
  access: Access,
  id: number | null,
): ReturnType<typeof communeScope> {
  try {
    return communeScope(ctx.viewer, access);
  } catch (error) {
    recordRefusal(ctx, info, 'Person', id);
    throw error;
  }
}

/**
 * Ley 21.719 (art. 11 of Ley 19.628 as it replaces it, "procedimiento ante el responsable"): the
 * controller answers a request within 30 calendar days of receiving it, extendable once by as
 * many. Configurable, because a regulation or the controller's own policy may count otherwise:
 * RIGHTS_RESPONSE_DAYS (30), RIGHTS_EXTENSION_DAYS (30), RIGHTS_DAY_COUNT (calendar | business:
 * Monday to Friday, public holidays not known to the platform).
 */
export interface RightsDeadline {
  days: number;
  extensionDays: number;
  count: 'calendar' | 'business';
}

function days(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 365) throw new Error(`${name} must be a whole number of days (1–365), got "${raw}"`);
  return n;
}

export function rightsDeadline(): RightsDeadline {
  const count = process.env.RIGHTS_DAY_COUNT || 'calendar';
  if (count !== 'calendar' && count !== 'business') throw new Error(`RIGHTS_DAY_COUNT must be calendar or business, got "${count}"`);
  return { days: days('RIGHTS_RESPONSE_DAYS', 30), extensionDays: days('RIGHTS_EXTENSION_DAYS', 30), count };
}

export function dueAfter(date: string, n: number, deadline = rightsDeadline()): string {
  return deadline.count === 'business' ? addBusinessDays(date, n) : addDays(date, n);
}

/**
 * The declared purpose (x-purpose, domain/purposes.ts) under which contact is read to offer jobs
 * and refer to vacancies: what an objection to JOB_OFFERS refuses.
 */
export const JOB_OFFERS_PURPOSE: Purpose = 'job-placement';

/** What the platform tells a person about their data (Person.privacy; docs/privacy.md). */
export const PURPOSES = [
  'job-seeker registration and intermediation by the OMIL (Ley 19.518 and the FOMIL programme)',
  'contact for job offers and referrals to vacancies',
  'training and job-readiness workshops (SENCE programmes)',
  'placement follow-up and statistics of the employment network (aggregates only)',
];
export const LEGAL_BASIS =
  'Processing by public bodies within their legal competences (Ley 21.719, art. 20 of Ley 19.628 as amended); disability data only with express consent.';
export const RETENTION =
  'While the person is registered and 5 years after their last activity; statistics keep only anonymous dimensions; rights requests and the audit log are kept as evidence.';

const CONTACT_FIELDS = new Set(['phone', 'email']);

/**
 * On every personal field of a person, after the access check: a blocked person's fields are
 * refused to all but admins; a person who objected to JOB_OFFERS has their contact refused to a
 * reader whose declared purpose is job offers. Still counted in statistics either way.
 */
export function personalFieldGuard(
  purposeOf: (ctx: Context) => string | null | undefined = (ctx) => ctx.audit?.request.purpose,
): MiddlewareFn<Context> {
  return ({ root, context, info }, next) => {
    const person = root as Person;
    if (person.blockedAt && !context.viewer?.roles.includes('admin')) {
      recordField(context, info, root, 'refused');
      throw codedError('FORBIDDEN', `Person ${person.id} is blocked (Ley 21.719): personal fields are for admins only`, {
        reason: 'blocked',
        field: info.fieldName,
      });
    }
    if (
      CONTACT_FIELDS.has(info.fieldName) &&
      purposesOf(person.objectedPurposes).includes(ObjectionPurpose.JOB_OFFERS) &&
      purposeOf(context) === JOB_OFFERS_PURPOSE
    ) {
      recordField(context, info, root, 'refused');
      throw codedError('FORBIDDEN', `Person ${person.id} objected to being contacted for job offers`, {
        reason: 'objection',
        field: info.fieldName,
      });
    }
    return next();
  };
}
