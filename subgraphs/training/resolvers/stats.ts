import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../../kit/context';
import { dateParts, disclose, exactCounts, groupRows, statConditions, statKeys } from '../../../kit/stats';
import { Course } from '../entities/course';
import { Enrollment } from '../entities/enrollment';
import { TrainingDimension as T, TrainingStatsRow, WorkshopDimension as W, WorkshopStatsRow } from '../entities/training-stats';
import { Workshop, WorkshopAttendance } from '../entities/workshop';
import { TrainingStatsArgs, WorkshopStatsArgs } from '../inputs/training-args';
import type { TrainingLoaders } from '../loaders';

type Ctx = Context<TrainingLoaders>;

const ratio = (part: number | null, whole: number | null) => (part !== null && whole ? part / whole : null);

@Resolver()
export class TrainingStatsResolver {
  @Query(() => [TrainingStatsRow], {
    description: 'Enrolments, completions and job outcomes (placed within 3 months) grouped by any combination of dimensions; one SQL GROUP BY.',
  })
  async trainingStats(@Args() { filter, groupBy }: TrainingStatsArgs, @Ctx() ctx: Ctx): Promise<TrainingStatsRow[]> {
    const start = dateParts(ctx.em, 'c.start_date');
    const columns: Record<T, string> = {
      [T.YEAR]: start.year, [T.MONTH]: start.month, [T.COMMUNE]: 't.commune_code',
      [T.PROVINCE]: 'substr(t.commune_code, 1, 3)', [T.PROGRAMME]: 'c.programme',
    };
    const dims = [...new Set(groupBy)];
    const rows = await groupRows({
      em: ctx.em, entity: Enrollment, joins: [{ entity: Course, alias: 'c', on: ['t.course_id', 'c.id'] }],
      dimensions: columns, groupBy: dims, where: statConditions(columns, filter, 'c.start_date'),
      measures: {
        enrollments: 'count(*)',
        completions: "sum(case when t.status = 'COMPLETED' then 1 else 0 end)",
        placed: 'sum(case when t.placed_at is not null then 1 else 0 end)',
      },
    });
    const exact = exactCounts(ctx.viewer);
    return rows.map((r) => {
      const enrollments = disclose(Number(r.enrollments), exact);
      const completions = disclose(Number(r.completions), exact);
      const placed = disclose(Number(r.placed), exact);
      return {
        ...statKeys(r, dims),
        enrollments, completions, placedWithin3Months: placed,
        completionRate: ratio(completions, enrollments),
        placementRate: ratio(placed, completions),
        suppressed: enrollments === null || completions === null || placed === null,
      };
    });
  }

  @Query(() => [WorkshopStatsRow], { description: 'Job-readiness workshops and their attendance, grouped; one SQL GROUP BY.' })
  async workshopStats(@Args() { filter, groupBy }: WorkshopStatsArgs, @Ctx() ctx: Ctx): Promise<WorkshopStatsRow[]> {
    const held = dateParts(ctx.em, 't.date');
    const columns: Record<W, string> = {
      [W.YEAR]: held.year, [W.MONTH]: held.month, [W.COMMUNE]: 't.commune_code',
      [W.PROVINCE]: 'substr(t.commune_code, 1, 3)', [W.TOPIC]: 't.topic',
    };
    const dims = [...new Set(groupBy)];
    const rows = await groupRows({
      em: ctx.em, entity: Workshop, joins: [{ entity: WorkshopAttendance, alias: 'a', on: ['a.workshop_id', 't.id'], left: true }],
      dimensions: columns, groupBy: dims, where: statConditions(columns, filter, 't.date'),
      measures: { workshops: 'count(distinct t.id)', attendance: 'count(a.id)' },
    });
    const exact = exactCounts(ctx.viewer);
    return rows.map((r) => {
      const attendance = disclose(Number(r.attendance), exact);
      return { ...statKeys(r, dims), workshops: Number(r.workshops), attendance, suppressed: attendance === null };
    });
  }
}
