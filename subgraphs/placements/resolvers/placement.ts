import type { FilterQuery } from '@mikro-orm/core';
import { Args, Ctx, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { canRead, PERSON_RECORDS, communeScope, narrow } from '../../../kit/access';
import type { Context } from '../../../kit/context';
import { Connection, findPage, type PageArgs } from '../../../kit/pagination';
import { numericId, periodCondition } from '../../../kit/args';
import { PlacementStatus } from '../entities/enums';
import { Placement } from '../entities/placement';
import { Commune, Employer, Person, Vacancy } from '../entities/references';
import { PlacementOrder, PlacementsArgs, type PlacementFilter } from '../inputs/placement-args';
import type { OrderValue } from '../../../kit/order';
import type { PlacementsLoaders } from '../loaders';

type Ctx = Context<PlacementsLoaders>;

@ObjectType()
export class PlacementConnection extends Connection(Placement, 'Placement') {}

/** The SQL condition of a placement filter. */
export function placementWhere(filter: PlacementFilter | undefined): FilterQuery<Placement> {
  // Cancelled placements are kept but never listed.
  const where: Record<string, unknown> = { status: PlacementStatus.ACTIVE };
  const period = periodCondition(filter);
  if (period) where.startDate = period;
  if (filter?.communes) where.communeCode = { $in: filter.communes };
  return where as FilterQuery<Placement>;
}

/**
 * One page of placements: one statement, plus a COUNT only if totalCount is asked. Individual
 * records: the communes asked for are narrowed to those the viewer may read.
 */
export async function placementPage(
  ctx: Ctx,
  filter: PlacementFilter | undefined,
  args: PageArgs & { orderBy?: OrderValue<'START_DATE'> },
) {
  const communes = narrow(filter?.communes, communeScope(ctx.viewer, PERSON_RECORDS));
  return findPage(ctx.em, Placement, placementWhere({ ...filter, communes }), PlacementOrder.resolve(args.orderBy), args);
}

@Resolver(() => Placement)
export class PlacementResolver {
  @Query(() => PlacementConnection, {
    nullable: true,
    description:
      'Placements, earliest start first unless ordered, filtered. Person-level records: admins see every commune; municipality/omil only theirs (the list narrows silently).',
  })
  placements(@Args() args: PlacementsArgs, @Ctx() ctx: Ctx) {
    return placementPage(ctx, args.filter, args);
  }

  @FieldResolver(() => Commune, { nullable: true, description: 'The commune of the OMIL that registered it.' })
  commune(@Root() placement: Placement): Commune {
    return { code: placement.communeCode };
  }

  @FieldResolver(() => Person, { nullable: true, description: 'The person placed (personal fields need personal-data access).' })
  person(@Root() placement: Placement): Person {
    return { id: String(placement.personId) };
  }

  @FieldResolver(() => Employer, { nullable: true })
  employer(@Root() placement: Placement): Employer {
    return { id: String(placement.employerId) };
  }

  @FieldResolver(() => Vacancy, { nullable: true, description: 'The vacancy it filled, where there was one.' })
  vacancy(@Root() placement: Placement): Vacancy | null {
    return placement.vacancyId === null ? null : { id: String(placement.vacancyId) };
  }
}

export async function placementReference(ref: { id: string | number }, ctx: Ctx): Promise<Placement | null> {
  communeScope(ctx.viewer, PERSON_RECORDS);
  const id = numericId(ref.id);
  const placement = id === null ? null : await ctx.loaders.placement.load(id);
  return placement && canRead(ctx.viewer, PERSON_RECORDS, placement.communeCode) ? placement : null;
}
