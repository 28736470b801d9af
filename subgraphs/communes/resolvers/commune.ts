import type { FilterQuery } from '@mikro-orm/core';
import { Args, Ctx, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { YearArgs } from '../../../kit/args';
import type { Context } from '../../../kit/context';
import { Connection, findPage } from '../../../kit/pagination';
import { Commune } from '../entities/commune';
import { FomilAgreement } from '../entities/fomil-agreement';
import { OmilOffice } from '../entities/omil-office';
import { Province } from '../entities/province';
import { Region } from '../entities/region';
import { CommuneArgs, CommuneOrder, CommunesArgs, type CommuneFilter } from '../inputs/territory-args';
import type { CommunesLoaders } from '../loaders';

type Ctx = Context<CommunesLoaders>;

@ObjectType()
export class CommuneConnection extends Connection(Commune, 'Commune') {}

async function communeWhere(ctx: Ctx, filter: CommuneFilter | undefined): Promise<FilterQuery<Commune>> {
  const and: FilterQuery<Commune>[] = [];
  if (filter?.provinces) and.push({ provinceCode: { $in: filter.provinces } });
  // CUT codes nest: a commune's code starts with its region's.
  if (filter?.regions) and.push({ $or: [...new Set(filter.regions)].map((r) => ({ code: { $like: `${r}%` } })) });
  if (filter?.withAgreementIn !== undefined && filter.withAgreementIn !== null) {
    const agreements = await ctx.em.find(FomilAgreement, { year: filter.withAgreementIn }, { fields: ['communeCode'] });
    and.push({ code: { $in: agreements.map((a) => a.communeCode) } });
  }
  return and.length ? { $and: and } : {};
}

@Resolver(() => Commune)
export class CommuneResolver {
  @Query(() => Commune, { nullable: true, description: 'A commune by CUT code; null when unknown.' })
  commune(@Args() { code }: CommuneArgs, @Ctx() ctx: Ctx): Promise<Commune | null> {
    return ctx.loaders.commune.load(code);
  }

  @Query(() => CommuneConnection, { description: 'Communes by CUT code unless ordered, filtered.' })
  async communes(@Args() args: CommunesArgs, @Ctx() ctx: Ctx) {
    return findPage(ctx.em, Commune, await communeWhere(ctx, args.filter), CommuneOrder.resolve(args.orderBy), args);
  }

  @FieldResolver(() => Province)
  province(@Root() commune: Commune, @Ctx() ctx: Ctx): Promise<Province | null> {
    return ctx.loaders.province.load(commune.provinceCode);
  }

  @FieldResolver(() => Region)
  region(@Root() commune: Commune, @Ctx() ctx: Ctx): Promise<Region | null> {
    return ctx.loaders.region.load(commune.code.slice(0, 2));
  }

  @FieldResolver(() => OmilOffice, { nullable: true, description: "The commune's OMIL." })
  omil(@Root() commune: Commune, @Ctx() ctx: Ctx): Promise<OmilOffice | null> {
    return ctx.loaders.omilOffice.load(commune.code);
  }

  @FieldResolver(() => FomilAgreement, { nullable: true, description: 'The FOMIL agreement of that year, if any.' })
  fomilAgreement(@Root() commune: Commune, @Args() { year }: YearArgs, @Ctx() ctx: Ctx): Promise<FomilAgreement | null> {
    return ctx.loaders.agreement.load({ communeCode: commune.code, year });
  }
}

export const communeReference = (ref: { code: string }, ctx: Ctx) => ctx.loaders.commune.load(ref.code);
