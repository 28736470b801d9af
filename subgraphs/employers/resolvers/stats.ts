import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../../kit/context';
import { dateParts, groupRows, statConditions, statKeys } from '../../../kit/stats';
import { Vacancy } from '../entities/vacancy';
import { VacancyDimension as D, VacancyStatsRow } from '../entities/vacancy-stats';
import { VacancyStatsArgs } from '../inputs/employer-args';
import type { EmployersLoaders } from '../loaders';

type Ctx = Context<EmployersLoaders>;

@Resolver()
export class VacancyStatsResolver {
  @Query(() => [VacancyStatsRow], { description: 'Vacancies and positions grouped by any combination of dimensions; one SQL GROUP BY.' })
  async vacancyStats(@Args() { filter, groupBy }: VacancyStatsArgs, @Ctx() ctx: Ctx): Promise<VacancyStatsRow[]> {
    const opened = dateParts(ctx.em, 't.opened_at');
    const columns: Record<D, string> = {
      [D.YEAR]: opened.year, [D.MONTH]: opened.month, [D.COMMUNE]: 't.commune_code', [D.PROVINCE]: 'substr(t.commune_code, 1, 3)',
      [D.SECTOR]: 't.sector', [D.OCCUPATION_MAJOR_GROUP]: 'substr(t.occupation_code, 1, 1)', [D.CONTRACT_TYPE]: 't.contract_type', [D.STATUS]: 't.status',
    };
    const dims = [...new Set(groupBy)];
    const rows = await groupRows({
      em: ctx.em, entity: Vacancy, dimensions: columns, groupBy: dims,
      where: statConditions(columns, filter, 't.opened_at'), measures: { vacancies: 'count(*)', positions: 'sum(t.positions)' },
    });
    return rows.map((r) => ({ ...statKeys(r, dims), vacancies: Number(r.vacancies), positions: Number(r.positions ?? 0) }));
  }
}
