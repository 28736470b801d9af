import type { FilterQuery } from '@mikro-orm/core';
import { Args, Ctx, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { canRead, COMMUNE_RECORDS, communeScope, narrow } from '../../kit/access';
import type { Context } from '../../kit/context';
import { Connection, pageWindow, toConnection, type PageArgs } from '../../kit/pagination';
import { checkDateRange } from '../../kit/validation';
import { Placement } from '../entities/placement';
import { Commune } from '../entities/territory';
import { PlacementsArgs, type PlacementFilter } from '../inputs/placement-args';
import type { PlacementsLoaders } from '../loaders';

type Ctx = Context<PlacementsLoaders>;

@ObjectType()
export class PlacementConnection extends Connection(Placement, 'Placement') {}

/** The SQL condition of a placement filter; a year and a from/to range intersect. */
export function placementWhere(filter: PlacementFilter | undefined): FilterQuery<Placement> {
  checkDateRange(filter?.from, filter?.to);
  const where: Record<string, unknown> = {};
  const bounds = [filter?.year ? `${filter.year}-01-01` : undefined, filter?.from].filter(Boolean) as string[];
  const ends = [filter?.year ? `${filter.year}-12-31` : undefined, filter?.to].filter(Boolean) as string[];
  const date: Record<string, string> = {};
  if (bounds.length) date.$gte = bounds.sort().at(-1)!;
  if (ends.length) date.$lte = ends.sort()[0];
  if (Object.keys(date).length) where.startDate = date;
  if (filter?.communes) where.communeCode = { $in: filter.communes };
  return where as FilterQuery<Placement>;
}

/**
 * One page of placements by start date: one statement, plus a COUNT only if totalCount is asked.
 * Individual records: the communes asked for are narrowed to those the viewer may read.
 */
export async function placementPage(ctx: Ctx, filter: PlacementFilter | undefined, page: PageArgs) {
  const communes = narrow(filter?.communes, communeScope(ctx.viewer, COMMUNE_RECORDS));
  const where = placementWhere({ ...filter, communes });
  const { offset, limit } = pageWindow(page);
  const rows = await ctx.em.find(Placement, where, { orderBy: { startDate: 'asc', id: 'asc' }, offset, limit });
  return toConnection(rows, page, () => ctx.em.count(Placement, where));
}

@Resolver(() => Placement)
export class PlacementResolver {
  @Query(() => PlacementConnection, {
    nullable: true,
    description: 'Placements by start date, filtered. Needs a token: analysts and admins see every commune; municipality/omil only theirs (the list narrows silently).',
  })
  placements(@Args() { filter, ...page }: PlacementsArgs, @Ctx() ctx: Ctx) {
    return placementPage(ctx, filter, page as PageArgs);
  }

  @FieldResolver(() => Commune, { description: 'The commune of the OMIL that registered it.' })
  commune(@Root() placement: Placement): Commune {
    return { code: placement.communeCode };
  }
}

export async function placementReference(ref: { id: string | number }, ctx: Ctx): Promise<Placement | null> {
  if (!/^\d{1,15}$/.test(String(ref.id))) return null;
  const placement = await ctx.loaders.placement.load(Number(ref.id));
  return placement && canRead(ctx.viewer, COMMUNE_RECORDS, placement.communeCode) ? placement : null;
}
