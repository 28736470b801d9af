import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../../kit/context';
import { dateParts, disclose, exactCounts, groupRows, statConditions, statKeys } from '../../../kit/stats';
import { JobSeekerDimension as D, JobSeekerStatsRow } from '../entities/job-seeker-stats';
import { Person } from '../entities/person';
import { JobSeekerStatsArgs } from '../inputs/person-args';
import type { PersonsLoaders } from '../loaders';

type Ctx = Context<PersonsLoaders>;

@Resolver()
export class JobSeekerStatsResolver {
  @Query(() => [JobSeekerStatsRow], {
    description: 'Job-seeker registrations grouped by any combination of dimensions: counts only, open to everyone; cells under 5 suppressed except for analysts and admins.',
  })
  async jobSeekerStats(@Args() { filter, groupBy }: JobSeekerStatsArgs, @Ctx() ctx: Ctx): Promise<JobSeekerStatsRow[]> {
    const registered = dateParts(ctx.em, 't.registered_at');
    const columns: Record<D, string> = {
      [D.YEAR]: registered.year, [D.MONTH]: registered.month, [D.COMMUNE]: 't.omil_commune_code',
      [D.PROVINCE]: 'substr(t.omil_commune_code, 1, 3)', [D.SEX]: 't.sex', [D.AGE_BAND]: 't.registration_age_band', [D.EDUCATION]: 't.education',
    };
    const dims = [...new Set(groupBy)];
    const rows = await groupRows({
      em: ctx.em, entity: Person, dimensions: columns, groupBy: dims,
      where: statConditions(columns, filter, 't.registered_at'), measures: { registrations: 'count(*)' },
    });
    const exact = exactCounts(ctx.viewer);
    return rows.map((r) => {
      const registrations = disclose(Number(r.registrations), exact);
      return { ...statKeys(r, dims), registrations, suppressed: registrations === null };
    });
  }
}
