import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { territoryReference } from '../../../kit/references';
import type { Context } from '../../../kit/context';
import { COMMUNE_CODE } from '../../../kit/validation';
import { Commune } from '../entities/references';
import { Employer } from '../entities/employer';
import { Vacancy } from '../entities/vacancy';
import { findPage } from '../../../kit/pagination';
import { CommuneEmployersArgs, CommuneVacanciesArgs, EmployerOrder, VacancyOrder } from '../inputs/employer-args';
import type { EmployersLoaders } from '../loaders';
import { EmployerConnection, employerWhere } from './employer';
import { VacancyConnection, vacancyWhere } from './vacancy';

type Ctx = Context<EmployersLoaders>;

@Resolver(() => Commune)
export class CommuneEmployersResolver {
  @FieldResolver(() => EmployerConnection, { description: 'Employers located in the commune.' })
  employers(@Root() commune: Commune, @Args() args: CommuneEmployersArgs, @Ctx() ctx: Ctx) {
    return findPage(
      ctx.em,
      Employer,
      employerWhere({ ...args.filter, communes: [commune.code] }),
      EmployerOrder.resolve(args.orderBy),
      args,
    );
  }

  @FieldResolver(() => VacancyConnection, { description: 'Vacancies in the commune, newest opening first unless ordered.' })
  vacancies(@Root() commune: Commune, @Args() args: CommuneVacanciesArgs, @Ctx() ctx: Ctx) {
    return findPage(ctx.em, Vacancy, vacancyWhere({ ...args.filter, communes: [commune.code] }), VacancyOrder.resolve(args.orderBy), args);
  }
}

export const communeReference = territoryReference(COMMUNE_CODE);
