import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { COMMUNE_RECORDS, readableRows } from '../../../kit/access';
import { numericId } from '../../../kit/args';
import type { Context } from '../../../kit/context';
import { Placement } from '../entities/placement';
import { Employer, Person, Vacancy } from '../entities/references';
import type { PlacementsLoaders } from '../loaders';

type Ctx = Context<PlacementsLoaders>;

const DESCRIPTION = 'Its placements the viewer may read: analysts and admins all; municipality/omil those of their communes.';

async function placementsOf(ctx: Ctx, loader: PlacementsLoaders['placementsOfPerson'], id: string): Promise<Placement[]> {
  const key = numericId(id);
  return key === null ? [] : readableRows(ctx.viewer, COMMUNE_RECORDS, await loader.load(key));
}

@Resolver(() => Person)
export class PersonPlacementsResolver {
  @FieldResolver(() => [Placement], { nullable: true, description: DESCRIPTION })
  placements(@Root() person: Person, @Ctx() ctx: Ctx): Promise<Placement[]> {
    return placementsOf(ctx, ctx.loaders.placementsOfPerson, person.id);
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

export const byId = (ref: { id: string }) => ({ id: String(ref.id) });
