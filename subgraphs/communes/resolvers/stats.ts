import { ageBandDimension, sexDimension, whenAndWhere } from '../../../domain/dimensions';
import type { Context } from '../../../kit/context';
import { enumDimension } from '../../../kit/stats/dimension';
import { defineStatistic } from '../../../kit/stats/statistic';
import { Attention } from '../entities/attention';
import { Commune } from '../entities/commune';
import { EmployerVisit } from '../entities/employer-visit';
import { AttentionKind, Indicator, VisitPurpose } from '../entities/enums';
import { IndicatorGoal } from '../entities/indicator-goal';
import { JobFair } from '../entities/job-fair';
import { Province } from '../entities/province';
import { VacancyCapture } from '../entities/vacancy-capture';
import type { CommunesLoaders } from '../loaders';

/**
 * The OMIL services' statistics, in the shape of placementStats. Each indicator's goals live in
 * `indicator_goal` per commune and year: they attach to cells cut by year, commune and province
 * alone (the kit's one rule), picked by indicator.
 */
const goalOf = <M extends string>(indicator: Indicator, measure: M, what: string) => ({
  entity: IndicatorGoal,
  columns: { YEAR: 't.year', COMMUNE: 't.commune_code', PROVINCE: 'substr(t.commune_code, 1, 3)' },
  where: `t.indicator = '${indicator}'`,
  sql: 'sum(t.goal)',
  field: 'goal',
  description: `Summed FOMIL ${what} goals of the cell; only when grouping and filtering by year, commune and province alone (no date range).`,
  ratio: { field: 'compliance', of: measure, description: `${measure} / goal (1.01 = 101%).` },
});
const previousYear = <M extends string>(measure: M, field: string) => ({
  dimension: 'YEAR' as const,
  measure,
  field,
  change: 'yearOverYearChange',
  description:
    'With YEAR grouped: the same cell a year earlier (0 when it had none; null before the first year of data, or with a from/to range).',
});
/** When and where, with the communes and provinces loaded here (this subgraph owns them, names included). */
function where(date: string, what: string) {
  const dimensions = whenAndWhere({ date, what, commune: 't.commune_code', Commune: () => Commune, Province: () => Province });
  const loaders = (ctx: Context<unknown>) => (ctx as Context<CommunesLoaders>).loaders;
  const codes = (keys: unknown[]) => keys.map((k) => (k as { code: string }).code);
  return {
    ...dimensions,
    COMMUNE: { ...dimensions.COMMUNE, load: (ctx: Context<unknown>, keys: unknown[]) => loaders(ctx).commune.loadMany(codes(keys)) },
    PROVINCE: { ...dimensions.PROVINCE, load: (ctx: Context<unknown>, keys: unknown[]) => loaders(ctx).province.loadMany(codes(keys)) },
  };
}

export const attentionStats = defineStatistic({
  field: 'attentionStats',
  typeName: 'Attention',
  description:
    'OMIL attentions and people attended (distinct persons with at least one attention), grouped by any combination of dimensions; cancelled attentions left out; one SQL GROUP BY. Counts of people are perturbed (cell-key method) except for admins and the territory × year totals (docs/security.md).',
  entity: Attention,
  where: "t.status = 'ACTIVE'",
  period: { column: 't.date', description: 'attention dates' },
  dimensions: {
    ...where('t.date', 'the attention'),
    KIND: enumDimension(AttentionKind, 't.kind', 'kinds', 'Kind of attention.'),
    SEX: sexDimension('t.sex'),
    AGE_BAND: ageBandDimension('t.age_band', 'Age band on the attention date.'),
  },
  measures: {
    attentions: { sql: 'count(*)', people: true, records: { id: 't.id' }, description: 'Attentions (perturbed where `perturbed`).' },
    peopleAttended: {
      sql: 'count(distinct t.person_id)',
      people: true,
      records: { id: 't.person_id', distinct: true },
      description:
        'Distinct persons with at least one attention in the cell (a person attended by two OMILs counts once in their sum); perturbed where `perturbed`.',
    },
  },
  ratios: { attentionsPerPerson: { of: 'attentions', per: 'peopleAttended', description: 'attentions / peopleAttended.' } },
  target: goalOf(Indicator.PEOPLE_ATTENDED, 'peopleAttended', 'people-attended'),
  previousYear: previousYear('peopleAttended', 'previousYearPeopleAttended'),
});

export const employerVisitStats = defineStatistic({
  field: 'employerVisitStats',
  typeName: 'EmployerVisit',
  description:
    'OMIL visits to employers, grouped by any combination of dimensions; one SQL GROUP BY. Counts of employers, never suppressed.',
  entity: EmployerVisit,
  period: { column: 't.date', description: 'visit dates' },
  dimensions: {
    ...where('t.date', 'the visit'),
    PURPOSE: enumDimension(VisitPurpose, 't.purpose', 'purposes', 'Purpose of the visit.'),
  },
  measures: {
    visits: { sql: 'count(*)', people: false, description: 'Visits.' },
    employersVisited: { sql: 'count(distinct t.employer_id)', people: false, description: 'Distinct employers visited.' },
  },
  target: goalOf(Indicator.EMPLOYER_VISITS, 'visits', 'employer-visit'),
  previousYear: previousYear('visits', 'previousYearVisits'),
});

export const vacancyCaptureStats = defineStatistic({
  field: 'vacancyCaptureStats',
  typeName: 'VacancyCapture',
  description: 'Vacancies captured by the OMILs and their positions, grouped; one SQL GROUP BY. Never suppressed (no people).',
  entity: VacancyCapture,
  period: { column: 't.date', description: 'capture dates' },
  dimensions: where('t.date', 'the capture'),
  measures: {
    vacanciesCaptured: { sql: 'count(*)', people: false, description: 'Vacancies captured.' },
    positions: { sql: 'sum(t.positions)', people: false, description: 'Their positions when captured.' },
  },
  target: goalOf(Indicator.VACANCIES_CAPTURED, 'vacanciesCaptured', 'vacancies-captured'),
  previousYear: previousYear('vacanciesCaptured', 'previousYearVacanciesCaptured'),
});

export const jobFairStats = defineStatistic({
  field: 'jobFairStats',
  typeName: 'JobFair',
  description:
    'Job fairs, the employers present, the vacancies offered and the attendance, grouped; one SQL GROUP BY. Attendance is perturbed (cell-key method) except for admins and the territory × year totals.',
  entity: JobFair,
  period: { column: 't.date', description: 'fair dates' },
  dimensions: where('t.date', 'the fair'),
  measures: {
    fairs: { sql: 'count(*)', people: false, description: 'Job fairs held.' },
    employersPresent: { sql: 'sum(t.employers_present)', people: false, description: 'Employers present (one per fair they attended).' },
    vacanciesOffered: { sql: 'sum(t.vacancies_offered)', people: false, description: 'Vacancies offered.' },
    attendance: {
      sql: 'sum(t.attendance)',
      people: true,
      // Each fair's tally stands for that many attendances: its key counts that many times.
      records: { id: 't.id', weight: 't.attendance' },
      description: 'Attendances of job seekers (perturbed where `perturbed`).',
    },
  },
  target: goalOf(Indicator.JOB_FAIRS, 'fairs', 'job-fair'),
  previousYear: previousYear('fairs', 'previousYearFairs'),
});
