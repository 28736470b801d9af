import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../../kit/context';
import { Commune } from '../entities/commune';
import { Province } from '../entities/province';
import { Region } from '../entities/region';
import { ProvinceArgs } from '../inputs/territory-args';
import type { CommunesLoaders } from '../loaders';

type Ctx = Context<CommunesLoaders>;

@Resolver(() => Province)
export class ProvinceResolver {
  @Query(() => Province, { nullable: true, description: 'A province by CUT code; null when unknown.' })
  province(@Args() { code }: ProvinceArgs, @Ctx() ctx: Ctx): Promise<Province | null> {
    return ctx.loaders.province.load(code);
  }

  @FieldResolver(() => Region)
  region(@Root() province: Province, @Ctx() ctx: Ctx): Promise<Region | null> {
    return ctx.loaders.region.load(province.regionCode);
  }

  @FieldResolver(() => [Commune])
  communes(@Root() province: Province, @Ctx() ctx: Ctx): Promise<Commune[]> {
    return ctx.loaders.communesOfProvince.load(province.code);
  }
}

export const provinceReference = (ref: { code: string }, ctx: Ctx) => ctx.loaders.province.load(ref.code);
