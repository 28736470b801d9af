import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import type { GraphQLResolveInfo } from 'graphql';
import {
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  GraphQLISODateTime,
  Info,
  Int,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { AuditOutcome } from '../../../kit/audit/entry';
import { entriesOfPerson } from '../../../kit/audit/query';
import { canRead, PERSONAL_DATA } from '../../../kit/access';
import { recordRefusal } from '../../../kit/audit/record';
import { IdArgs } from '../../../kit/args';
import type { Context } from '../../../kit/context';
import { today } from '../../../kit/dates';
import { Connection, findPage } from '../../../kit/pagination';
import { Person } from '../entities/person';
import { ObjectionPurpose, purposesOf, RightsRequest, RightsStatus } from '../entities/rights-request';
import { RightsRequestsArgs, type RightsRequestFilter } from '../inputs/rights-inputs';
import type { PersonsLoaders } from '../loaders';
import { LEGAL_BASIS, PURPOSES, RETENTION, scopeOrRefuse } from '../privacy';

type Ctx = Context<PersonsLoaders>;

@ObjectType()
export class RightsRequestConnection extends Connection(RightsRequest, 'RightsRequest') {}

const RequestOrder = { key: 'dueDate', orderBy: { dueDate: 'asc', id: 'asc' } } as const;

function requestWhere(filter: RightsRequestFilter | undefined, scope: 'all' | string[]): FilterQuery<RightsRequest> {
  const and: FilterQuery<RightsRequest>[] = [];
  if (scope !== 'all') and.push({ communeCode: { $in: scope } });
  if (filter?.persons) and.push({ personId: { $in: filter.persons.map(Number) } });
  if (filter?.statuses) and.push({ status: { $in: filter.statuses } });
  if (filter?.kinds) and.push({ kind: { $in: filter.kinds } });
  if (filter?.overdue === true) and.push({ status: RightsStatus.OPEN, dueDate: { $lt: today() } });
  if (filter?.overdue === false) and.push({ $or: [{ status: { $ne: RightsStatus.OPEN } }, { dueDate: { $gte: today() } }] });
  return and.length ? { $and: and } : {};
}

@ObjectType({ description: "A reader of a person's data, from the audit log of personal data." })
export class DataRecipient {
  @Field(() => String, { nullable: true, description: "The token's subject (an officer's or a service's)." })
  subject!: string | null;

  @Field(() => [String])
  roles!: string[];

  @Field(() => [String], { description: "The token's communes (CUT codes)." })
  communes!: string[];

  @Field(() => [String], { description: 'The purposes declared (x-purpose).' })
  purposes!: string[];

  @Field(() => Int, { description: 'Requests that read or wrote the data.' })
  requests!: number;

  @Field(() => GraphQLISODateTime)
  firstAt!: Date;

  @Field(() => GraphQLISODateTime)
  lastAt!: Date;
}

/** The audit entries of a person, grouped by who (subject): the recipients of Ley 21.719's access. */
export async function recipientsOf(em: EntityManager, personId: number): Promise<DataRecipient[]> {
  const entries = (await entriesOfPerson(em, personId, 'Person')).filter((e) => e.outcome !== AuditOutcome.REFUSED);
  const split = (s: string) => (s ? s.split(',') : []);
  const bySubject = new Map<string, DataRecipient>();
  for (const entry of entries) {
    const known = bySubject.get(entry.viewerSub ?? '');
    if (!known) {
      bySubject.set(entry.viewerSub ?? '', {
        subject: entry.viewerSub,
        roles: split(entry.viewerRoles),
        communes: split(entry.viewerCommunes),
        purposes: entry.purpose ? [entry.purpose] : [],
        requests: 1,
        firstAt: entry.at,
        lastAt: entry.at,
      });
      continue;
    }
    known.requests += 1;
    known.lastAt = entry.at;
    if (entry.purpose && !known.purposes.includes(entry.purpose)) known.purposes.push(entry.purpose);
  }
  return [...bySubject.values()];
}

@ObjectType({
  description: 'What the platform tells a person about their data (Ley 21.719 access): origin, purposes, legal basis, retention.',
})
export class PersonalDataNotice {
  @Field({ description: 'Where the data came from.' })
  origin!: string;

  @Field(() => [String])
  purposes!: string[];

  @Field()
  legalBasis!: string;

  @Field()
  retention!: string;

  @Field(() => [DataRecipient], { description: 'Who read or wrote the data, from the audit log (refused attempts left out).' })
  recipients!: DataRecipient[];
}

@Resolver(() => RightsRequest)
export class RightsRequestResolver {
  @Query(() => RightsRequestConnection, {
    description:
      'Rights requests, earliest due first: admins all; municipality/omil those of their communes. Filter by person, status, kind, overdue.',
  })
  rightsRequests(@Args() args: RightsRequestsArgs, @Ctx() ctx: Ctx, @Info() info: GraphQLResolveInfo) {
    const where = requestWhere(args.filter, scopeOrRefuse(ctx, info, PERSONAL_DATA, null));
    return findPage(ctx.em, RightsRequest, where, RequestOrder as never, args);
  }

  @Query(() => RightsRequest, { nullable: true, description: 'A rights request by id; null when unknown or outside your communes.' })
  async rightsRequest(@Args() { id }: IdArgs, @Ctx() ctx: Ctx, @Info() info: GraphQLResolveInfo): Promise<RightsRequest | null> {
    scopeOrRefuse(ctx, info, PERSONAL_DATA, null);
    const request = await ctx.em.findOne(RightsRequest, { id: Number(id) });
    if (!request || canRead(ctx.viewer, PERSONAL_DATA, request.communeCode)) return request;
    // Outside the viewer's communes: null, as an unknown one, and the refusal on record.
    recordRefusal(ctx, info, 'Person', request.personId);
    return null;
  }

  @FieldResolver(() => Person, { nullable: true, description: 'Null once the person was erased.' })
  async person(@Root() request: RightsRequest, @Ctx() ctx: Ctx): Promise<Person | null> {
    const person = await ctx.loaders.person.load(request.personId);
    return person && !person.erasedAt ? person : null;
  }

  @FieldResolver(() => [ObjectionPurpose], { description: 'OBJECTION: what the person objects to (empty for other kinds).' })
  purposes(@Root() request: RightsRequest): ObjectionPurpose[] {
    return purposesOf(request.purposeList);
  }

  @FieldResolver(() => Boolean, { description: 'Open and past its due date.' })
  overdue(@Root() request: RightsRequest): boolean {
    return request.status === RightsStatus.OPEN && request.dueDate < today();
  }
}

@Resolver(() => Person)
export class PersonRightsResolver {
  @FieldResolver(() => [RightsRequest], { nullable: true, description: "The person's rights requests, oldest first." })
  @Authorized(PERSONAL_DATA)
  async rightsRequests(@Root() person: Person, @Ctx() ctx: Ctx): Promise<RightsRequest[]> {
    const requests = await ctx.loaders.rightsOfPerson.load(person.id);
    // Reached through the person: the same readers as the person's data (both of their communes).
    for (const request of requests) request.readerCommunes = person.communeCodes;
    return requests;
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'Blocked (Ley 21.719): personal fields refused to all but admins until unblocked.',
  })
  @Authorized(PERSONAL_DATA)
  blocked(@Root() person: Person): boolean {
    return person.blockedAt !== null;
  }

  @FieldResolver(() => [ObjectionPurpose], { nullable: true, description: 'The purposes the person objected to.' })
  @Authorized(PERSONAL_DATA)
  objections(@Root() person: Person): ObjectionPurpose[] {
    return purposesOf(person.objectedPurposes);
  }

  @FieldResolver(() => PersonalDataNotice, { nullable: true, description: 'Origin, purposes, legal basis and retention of the data held.' })
  @Authorized(PERSONAL_DATA)
  async privacy(@Root() person: Person, @Ctx() ctx: Ctx): Promise<PersonalDataNotice> {
    const by = person.createdBy === 'seed' ? 'synthetic demonstration data' : `recorded by ${person.createdBy}`;
    return {
      origin: `Collected from the person by the OMIL of commune ${person.omilCommuneCode} at registration on ${person.registeredAt} (${by}).`,
      purposes: PURPOSES,
      legalBasis: LEGAL_BASIS,
      retention: RETENTION,
      recipients: await recipientsOf(ctx.em, person.id),
    };
  }
}
