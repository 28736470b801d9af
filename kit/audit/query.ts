import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { Args, ArgsType, Ctx, Field, FieldResolver, ID, InputType, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { PeriodFilter, periodCondition } from '../args';
import type { Context } from '../context';
import { codedError } from '../errors';
import { Connection, findPage, PageArgs, type ConnectionShape } from '../pagination';
import { AuditEntry, AuditOutcome } from './entry';

@InputType({ description: 'Which audit entries: all given conditions apply.' })
export class AuditFilter {
  @Field(() => ID, { nullable: true, description: 'Entries about this person (their id).' })
  personId?: string;

  @Field(() => String, { nullable: true, description: 'Entries of this viewer (the token subject).' })
  viewer?: string;

  @Field(() => PeriodFilter, { nullable: true, description: 'Entries whose request was served in this period (UTC days, inclusive).' })
  period?: PeriodFilter;

  @Field(() => [AuditOutcome], { nullable: true })
  outcomes?: AuditOutcome[];
}

@ArgsType()
export class AuditEntriesArgs extends PageArgs {
  @Field(() => AuditFilter, { nullable: true })
  filter?: AuditFilter;
}

@ObjectType()
export class AuditEntryConnection extends Connection(AuditEntry, 'AuditEntry') {}

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000);

function auditWhere(filter: AuditFilter | undefined): FilterQuery<AuditEntry> {
  const where: Record<string, unknown> = {};
  if (filter?.personId != null) where.personId = String(filter.personId);
  if (filter?.viewer != null) where.viewerSub = filter.viewer;
  if (filter?.outcomes?.length) where.outcome = { $in: filter.outcomes };
  const period = periodCondition(filter?.period);
  if (period) {
    where.at = {
      ...(period.$gte ? { $gte: new Date(`${period.$gte}T00:00:00Z`) } : {}),
      ...(period.$lte ? { $lt: nextDay(period.$lte) } : {}),
    };
  }
  return where as FilterQuery<AuditEntry>;
}

/** One page of the log, newest first (the order of `seq`). */
export function listAudit(em: EntityManager, filter: AuditFilter | undefined, page: PageArgs): Promise<ConnectionShape<AuditEntry>> {
  return findPage(em, AuditEntry, auditWhere(filter), { key: 'seq.DESC', orderBy: { seq: 'desc' } }, page);
}

/**
 * Every entry about one person, oldest first: who read or wrote their data, when, for what
 * (the recipients of a right of access). `type` narrows to one record type (e.g. 'Person').
 */
export function entriesOfPerson(em: EntityManager, personId: string | number, type?: string): Promise<AuditEntry[]> {
  return em.fork().find(AuditEntry, { personId: String(personId), ...(type ? { personType: type } : {}) }, { orderBy: { seq: 'asc' } });
}

const list = (s: string) => (s ? s.split(',') : []);

/** `auditEntries`: the log of this subgraph's database, for admins only. */
@Resolver(() => AuditEntry)
export class AuditResolver {
  @Query(() => AuditEntryConnection, {
    description: 'The audit log of personal data (reads, writes, refusals), newest first, by person, viewer and period. Admins only.',
  })
  auditEntries(@Args() args: AuditEntriesArgs, @Ctx() ctx: Context) {
    if (!ctx.viewer) throw codedError('UNAUTHENTICATED', 'Reading the audit log needs a token', { reason: 'no token' });
    if (!ctx.viewer.roles.includes('admin'))
      throw codedError('FORBIDDEN', `Your roles (${ctx.viewer.roles.join(', ')}) cannot read the audit log`);
    return listAudit(ctx.em, args.filter, args);
  }

  @FieldResolver(() => [String], { description: "The token's roles." })
  viewerRoles(@Root() entry: AuditEntry): string[] {
    return list(entry.viewerRoles);
  }

  @FieldResolver(() => [String], { description: "The token's communes (CUT codes)." })
  viewerCommunes(@Root() entry: AuditEntry): string[] {
    return list(entry.viewerCommunes);
  }

  @FieldResolver(() => [String], { description: 'The personal fields read, written or refused (sorted).' })
  fields(@Root() entry: AuditEntry): string[] {
    return list(entry.fields);
  }
}
