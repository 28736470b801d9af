import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../../kit/context';
import { YearArgs } from '../../../kit/args';
import { Commune } from '../entities/commune';
import { FomilAgreement } from '../entities/fomil-agreement';
import { Province } from '../entities/province';
import { Region } from '../entities/region';
import { RegionArgs } from '../inputs/territory-args';
import type { CommunesLoaders } from '../loaders';

type Ctx = Context<CommunesLoaders>;

@Resolver(() => Region)
export class RegionResolver {
  @Query(() => Region, { nullable: true, description: 'A region by CUT code; null when unknown.' })
  region(@Args() { code }: RegionArgs, @Ctx() ctx: Ctx): Promise<Region | null> {
    return ctx.loaders.region.load(code);
  }

  @Query(() => [Region])
  regions(@Ctx() ctx: Ctx): Promise<Region[]> {
    return ctx.em.find(Region, {}, { orderBy: { code: 'asc' } });
  }

  @FieldResolver(() => [Province])
  provinces(@Root() region: Region, @Ctx() ctx: Ctx): Promise<Province[]> {
    return ctx.loaders.provincesOfRegion.load(region.code);
  }

  @FieldResolver(() => [Commune], { description: 'All communes of the region, by code.' })
  communes(@Root() region: Region, @Ctx() ctx: Ctx): Promise<Commune[]> {
    return ctx.em.find(Commune, { code: { $like: `${region.code}%` } }, { orderBy: { code: 'asc' } });
  }

  @FieldResolver(() => [FomilAgreement], { description: "The year's FOMIL agreements of the region's communes." })
  fomilAgreements(@Root() region: Region, @Args() { year }: YearArgs, @Ctx() ctx: Ctx): Promise<FomilAgreement[]> {
    return ctx.em.find(FomilAgreement, { year, communeCode: { $like: `${region.code}%` } }, { orderBy: { communeCode: 'asc' } });
  }
}

export const regionReference = (ref: { code: string }, ctx: Ctx) => ctx.loaders.region.load(ref.code);
