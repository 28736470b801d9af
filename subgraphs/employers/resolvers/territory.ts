import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { territoryReference } from '../../../kit/args';
import type { Context } from '../../../kit/context';
import { COMMUNE_CODE } from '../../../kit/validation';
import type { PageArgs } from '../../../kit/pagination';
import { Commune } from '../entities/territory';
import { CommuneEmployersArgs, CommuneVacanciesArgs } from '../inputs/employer-args';
import type { EmployersLoaders } from '../loaders';
import { EmployerConnection, employerPage, employerWhere } from './employer';
import { VacancyConnection, vacancyPage, vacancyWhere } from './vacancy';

type Ctx = Context<EmployersLoaders>;

@Resolver(() => Commune)
export class CommuneEmployersResolver {
  @FieldResolver(() => EmployerConnection, { description: 'Employers located in the commune.' })
  employers(@Root() commune: Commune, @Args() { filter, ...page }: CommuneEmployersArgs, @Ctx() ctx: Ctx) {
    return employerPage(ctx, employerWhere({ ...filter, communes: [commune.code] }), page as PageArgs);
  }

  @FieldResolver(() => VacancyConnection, { description: 'Vacancies in the commune, newest first.' })
  vacancies(@Root() commune: Commune, @Args() { filter, ...page }: CommuneVacanciesArgs, @Ctx() ctx: Ctx) {
    return vacancyPage(ctx, vacancyWhere({ ...filter, communes: [commune.code] }), page as PageArgs);
  }
}

export const communeReference = territoryReference(COMMUNE_CODE);
