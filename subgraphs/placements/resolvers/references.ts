import { Args, ArgsType, Ctx, Field, FieldResolver, Resolver, Root } from 'type-graphql';
import { PERSON_RECORDS, readableRows } from '../../../kit/access';
import { numericId, YearArgs } from '../../../kit/args';
import type { Context } from '../../../kit/context';
import { territoryReference } from '../../../kit/references';
import { COMMUNE_CODE, REGION_CODE } from '../../../kit/validation';
import { provincesOfRegion } from '../../../domain/dimensions';
import { PlacementStatus } from '../entities/enums';
import { Placement } from '../entities/placement';
import { Referral } from '../entities/referral';
import { PlacementSummary, summaryOf } from '../entities/placement-summary';
import { Commune, Employer, Person, Region, Vacancy } from '../entities/references';
import { CommunePlacementsArgs } from '../inputs/placement-args';
import type { PlacementsLoaders } from '../loaders';
import { placementStats } from './stats';
import { PlacementConnection, placementPage } from './placement';

type Ctx = Context<PlacementsLoaders>;

@Resolver(() => Commune)
export class CommunePlacementsResolver {
  @FieldResolver(() => PlacementSummary, { description: "The year's placements against the commune's goal." })
  async placementSummary(@Root() commune: Commune, @Args() { year }: YearArgs, @Ctx() ctx: Ctx): Promise<PlacementSummary> {
    return summaryOf(year, await ctx.loaders.communeYear.load({ communeCode: commune.code, year }));
  }

  @FieldResolver(() => PlacementConnection, {
    nullable: true,
    description:
      'Placements registered by this OMIL. Person-level records: admins, or municipality/omil of this commune (empty for others).',
  })
  placements(@Root() commune: Commune, @Args() args: CommunePlacementsArgs, @Ctx() ctx: Ctx) {
    return placementPage(ctx, { ...args.filter, communes: [commune.code] }, args);
  }
}

@Resolver(() => Region)
export class RegionPlacementsResolver {
  @FieldResolver(() => PlacementSummary, { description: "The year's placements of the region against the sum of its communes' goals." })
  async placementSummary(@Root() region: Region, @Args() { year }: YearArgs, @Ctx() ctx: Ctx): Promise<PlacementSummary> {
    // The region's cell of placementStats: every province of the region (CUT codes nest).
    const [row] = await placementStats.run(ctx, { filter: { years: [year], provinces: provincesOfRegion(region.code) }, groupBy: [] });
    return summaryOf(year, row ?? null);
  }
}

const DESCRIPTION = 'Its placements the viewer may read: admins all; municipality/omil those of their communes (person-level records).';

async function placementsOf(
  ctx: Ctx,
  loader: PlacementsLoaders['placementsOfPerson'],
  id: string,
  includeCancelled = false,
): Promise<Placement[]> {
  const key = numericId(id);
  if (key === null) return [];
  const rows = await loader.load(key);
  return readableRows(ctx.viewer, PERSON_RECORDS, includeCancelled ? rows : rows.filter((p) => p.status !== PlacementStatus.CANCELLED));
}

@ArgsType()
class PersonPlacementsArgs {
  // The right of access covers what is held, and a cancelled placement is still held (with its reason).
  @Field({ defaultValue: false, description: 'Also cancelled placements (kept with their reason): what the right of access shows.' })
  includeCancelled!: boolean;
}

@Resolver(() => Person)
export class PersonPlacementsResolver {
  @FieldResolver(() => [Placement], { nullable: true, description: DESCRIPTION })
  placements(@Root() person: Person, @Args() { includeCancelled }: PersonPlacementsArgs, @Ctx() ctx: Ctx): Promise<Placement[]> {
    return placementsOf(ctx, ctx.loaders.placementsOfPerson, person.id, includeCancelled);
  }

  @FieldResolver(() => [Referral], {
    nullable: true,
    description:
      'Its referrals to vacancies that the viewer may read (commune records: analysts and admins all; municipality/omil their communes).',
  })
  async referrals(@Root() person: Person, @Ctx() ctx: Ctx): Promise<Referral[]> {
    const key = numericId(person.id);
    return readableRows(ctx.viewer, PERSON_RECORDS, key === null ? [] : await ctx.loaders.referralsOfPerson.load(key));
  }
}

@Resolver(() => Employer)
export class EmployerPlacementsResolver {
  @FieldResolver(() => [Placement], { nullable: true, description: DESCRIPTION })
  placements(@Root() employer: Employer, @Ctx() ctx: Ctx): Promise<Placement[]> {
    return placementsOf(ctx, ctx.loaders.placementsOfEmployer, employer.id);
  }
}

@Resolver(() => Vacancy)
export class VacancyPlacementsResolver {
  @FieldResolver(() => [Placement], { nullable: true, description: DESCRIPTION })
  placements(@Root() vacancy: Vacancy, @Ctx() ctx: Ctx): Promise<Placement[]> {
    return placementsOf(ctx, ctx.loaders.placementsOfVacancy, vacancy.id);
  }
}

export const communeReference = territoryReference(COMMUNE_CODE);
export const regionReference = territoryReference(REGION_CODE);
