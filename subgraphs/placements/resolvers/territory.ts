import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { territoryReference, YearArgs } from '../../../kit/args';
import { COMMUNE_CODE, REGION_CODE } from '../../../kit/validation';
import type { Context } from '../../../kit/context';
import { exactCounts } from '../../../kit/stats';
import type { PageArgs } from '../../../kit/pagination';
import { Placement } from '../entities/placement';
import { PlacementGoal } from '../entities/placement-goal';
import { Commune, PlacementSummary, Region, summary } from '../entities/territory';
import { CommunePlacementsArgs } from '../inputs/placement-args';
import { yearRange, type PlacementsLoaders } from '../loaders';
import { PlacementConnection, placementPage } from './placement';

type Ctx = Context<PlacementsLoaders>;

@Resolver(() => Commune)
export class CommunePlacementsResolver {
  @FieldResolver(() => PlacementSummary, { description: "The year's placements against the commune's goal." })
  async placementSummary(@Root() commune: Commune, @Args() { year }: YearArgs, @Ctx() ctx: Ctx): Promise<PlacementSummary> {
    const key = { communeCode: commune.code, year };
    const [placements, goal] = await Promise.all([ctx.loaders.placementCount.load(key), ctx.loaders.goal.load(key)]);
    return summary(year, placements, goal, exactCounts(ctx.viewer));
  }

  @FieldResolver(() => PlacementConnection, {
    nullable: true,
    description: 'Placements registered by this OMIL. Needs a token: analysts and admins, or municipality/omil of this commune (empty for others).',
  })
  placements(@Root() commune: Commune, @Args() { filter, ...page }: CommunePlacementsArgs, @Ctx() ctx: Ctx) {
    return placementPage(ctx, { ...filter, communes: [commune.code] }, page as PageArgs);
  }
}

@Resolver(() => Region)
export class RegionPlacementsResolver {
  @FieldResolver(() => PlacementSummary, { description: "The year's placements of the region against the sum of its communes' goals." })
  async placementSummary(@Root() region: Region, @Args() { year }: YearArgs, @Ctx() ctx: Ctx): Promise<PlacementSummary> {
    // CUT codes nest: a commune's code starts with its region's.
    const inRegion = { $like: `${region.code}%` };
    const [placements, goals] = await Promise.all([
      ctx.em.count(Placement, { communeCode: inRegion, startDate: yearRange(year) }),
      ctx.em.find(PlacementGoal, { communeCode: inRegion, year }),
    ]);
    return summary(year, placements, goals.length ? goals.reduce((s, g) => s + g.goal, 0) : null, exactCounts(ctx.viewer));
  }
}

export const communeReference = territoryReference(COMMUNE_CODE);
export const regionReference = territoryReference(REGION_CODE);
