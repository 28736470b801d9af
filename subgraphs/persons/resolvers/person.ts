import type { FilterQuery } from '@mikro-orm/core';
import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { canRead, communeScope, narrow, PERSON_RECORDS, PERSONAL_DATA } from '../../../kit/access';
import { AGE_BAND_RANGE, ageBandAt, AgeBand } from '../../../domain/classifications';
import { recordRefusal } from '../../../kit/audit/record';
import type { Context } from '../../../kit/context';
import { minusYears } from '../../../kit/dates';
import { Connection, findPage } from '../../../kit/pagination';
import { Person } from '../entities/person';
import { Commune } from '../entities/references';
import { IdArgs, numericId, periodCondition, RutArgs, RutsArgs } from '../../../kit/args';
import { PersonOrder, PersonsArgs, type PersonFilter } from '../inputs/person-args';
import { scopeOrRefuse } from '../privacy';
import type { PersonsLoaders } from '../loaders';

type Ctx = Context<PersonsLoaders>;

@ObjectType()
export class PersonConnection extends Connection(Person, 'Person') {}

const today = () => new Date().toISOString().slice(0, 10);

/** Birth dates of people in an age band today. */
function bornIn(band: AgeBand, on: string) {
  const [lo, hi] = AGE_BAND_RANGE[band];
  return { birthDate: { $lte: minusYears(on, lo), $gt: minusYears(on, hi + 1) } };
}

function personWhere(filter: PersonFilter | undefined, communes: string[] | undefined): FilterQuery<Person> {
  // An erased person is counted in statistics but found by no lookup or list.
  const and: FilterQuery<Person>[] = [{ erasedAt: null }];
  const registered = periodCondition(filter);
  if (communes) and.push({ $or: [{ omilCommuneCode: { $in: communes } }, { residenceCommuneCode: { $in: communes } }] });
  if (registered) and.push({ registeredAt: registered });
  if (filter?.sexes?.length) and.push({ sex: { $in: filter.sexes } });
  if (filter?.educationLevels?.length) and.push({ education: { $in: filter.educationLevels } });
  if (filter?.ageBands?.length) and.push({ $or: filter.ageBands.map((band) => bornIn(band, today())) });
  return { $and: and };
}

/**
 * A person by id or RUT is personal data: a viewer without a personal-data role is refused up
 * front; for one with it, a person outside their communes is null, as an unknown one is, so a
 * lookup cannot probe whether someone is registered elsewhere. Both refusals are audited (naming
 * the person asked for, when one exists).
 */
async function readable(ctx: Ctx, info: GraphQLResolveInfo, find: () => Promise<Person | null>): Promise<Person | null> {
  try {
    communeScope(ctx.viewer, PERSONAL_DATA);
  } catch (error) {
    recordRefusal(ctx, info, 'Person', (await find())?.id ?? null);
    throw error;
  }
  const person = await find();
  if (person?.erasedAt) return null;
  if (person && !canRead(ctx.viewer, PERSONAL_DATA, person.communeCodes)) {
    recordRefusal(ctx, info, 'Person', person.id);
    return null;
  }
  return person;
}

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, {
    nullable: true,
    description: 'A job seeker by id; null when unknown or outside your communes. Admins and municipality/omil only.',
  })
  async person(@Args() { id }: IdArgs, @Ctx() ctx: Ctx, @Info() info: GraphQLResolveInfo): Promise<Person | null> {
    const key = numericId(id);
    return readable(ctx, info, async () => (key === null ? null : ctx.loaders.person.load(key)));
  }

  @Query(() => Person, {
    nullable: true,
    description: 'A job seeker by RUT; null when unknown or outside your communes. Same access as `person`.',
  })
  async personByRut(@Args() { rut }: RutArgs, @Ctx() ctx: Ctx, @Info() info: GraphQLResolveInfo): Promise<Person | null> {
    return readable(ctx, info, () => ctx.em.findOne(Person, { rut }));
  }

  @Query(() => [Person], {
    description:
      'Job seekers by RUT, up to 400 at once (file imports resolve their RUTs so); unknown ones and those outside your communes are left out. Same access as `person`.',
  })
  async personsByRut(@Args() { ruts }: RutsArgs, @Ctx() ctx: Ctx, @Info() info: GraphQLResolveInfo): Promise<Person[]> {
    scopeOrRefuse(ctx, info, PERSONAL_DATA, null);
    const people = ruts.length ? await ctx.em.find(Person, { rut: { $in: [...new Set(ruts)] } }) : [];
    // Those outside the viewer's communes are left out, as unknown ones are, and their refusal is on record.
    return people.filter((person) => {
      if (canRead(ctx.viewer, PERSONAL_DATA, person.communeCodes)) return true;
      recordRefusal(ctx, info, 'Person', person.id);
      return false;
    });
  }

  @Query(() => PersonConnection, {
    nullable: true,
    description:
      'Job seekers, newest registration first unless ordered. Admins see all; municipality/omil only their communes (the list narrows). Analysts: use counts.',
  })
  async persons(@Args() args: PersonsArgs, @Ctx() ctx: Ctx, @Info() info: GraphQLResolveInfo) {
    const communes = narrow(args.filter?.communes, scopeOrRefuse(ctx, info, PERSONAL_DATA, null));
    return findPage(ctx.em, Person, personWhere(args.filter, communes), PersonOrder.resolve(args.orderBy), args);
  }

  @FieldResolver(() => AgeBand, { nullable: true, description: 'Age band today (null under 18).' })
  ageBand(@Root() person: Person): AgeBand | null {
    return person.birthDate ? ageBandAt(person.birthDate, today()) : null;
  }

  @FieldResolver(() => Commune, { nullable: true, description: 'Commune of residence.' })
  residenceCommune(@Root() person: Person): Commune {
    return { code: person.residenceCommuneCode };
  }

  @FieldResolver(() => Commune, { nullable: true, description: 'Commune of the OMIL that registered the person.' })
  omilCommune(@Root() person: Person): Commune {
    return { code: person.omilCommuneCode };
  }
}

/**
 * Other subgraphs reach a person by key (a placement's, an enrolment's): a viewer without
 * person-level access (the public, partners, analysts) is refused outright, so `_entities` never
 * answers them (the refusal is audited, with the personal fields asked); others get the row where
 * they may read the person's records — its personal fields still ask for PERSONAL_DATA.
 */
export async function personReference(ref: { id: string }, ctx: Ctx, info: GraphQLResolveInfo): Promise<Person | null> {
  const id = numericId(ref.id);
  scopeOrRefuse(ctx, info, PERSON_RECORDS, id);
  const person = id === null ? null : await ctx.loaders.person.load(id);
  return person && !person.erasedAt && canRead(ctx.viewer, PERSON_RECORDS, person.communeCodes) ? person : null;
}
