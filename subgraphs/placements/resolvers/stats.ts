import {
  ageBandDimension,
  communeDimension,
  contractTypeDimension,
  educationDimension,
  occupationMajorGroupDimension,
  provinceDimension,
  sectorDimension,
  sexDimension,
} from '../../../domain/dimensions';
import { monthDimension, yearDimension } from '../../../kit/stats/dimension';
import { defineStatistic } from '../../../kit/stats/statistic';
import { PlacementStatus } from '../entities/enums';
import { Placement } from '../entities/placement';
import { PlacementGoal } from '../entities/placement-goal';
import { PlacementMonth } from '../entities/placement-month';
import { Commune, Province } from '../entities/references';

/**
 * `placementStats`, declared once. Every dimension is a column of the placement row, snapshotted
 * when it was registered; goals exist per commune and year, so they attach to cells cut by year,
 * commune and province alone.
 */
export const placementStats = defineStatistic({
  field: 'placementStats',
  typeName: 'Placement',
  description:
    'Placements grouped by any combination of dimensions, filtered; one SQL GROUP BY. Counts are perturbed (cell-key method) except for admins and the territory × year totals (docs/security.md).',
  entity: Placement,
  where: `t.status <> '${PlacementStatus.CANCELLED}'`,
  period: { column: 't.start_date', description: 'start dates' },
  dimensions: {
    YEAR: yearDimension('t.year', 'Year of the start date.'),
    MONTH: monthDimension('t.month', 'Month of the start date, 1–12.'),
    COMMUNE: communeDimension(() => Commune, 't.omil_commune_code', 'The OMIL commune.'),
    PROVINCE: provinceDimension(() => Province, 't.province_code'),
    SECTOR: sectorDimension('t.sector'),
    OCCUPATION_MAJOR_GROUP: occupationMajorGroupDimension('t.occupation_major_group'),
    SEX: sexDimension('t.sex'),
    AGE_BAND: ageBandDimension('t.age_band', 'Age band at the start date.'),
    CONTRACT_TYPE: contractTypeDimension('t.contract_type'),
    EDUCATION: educationDimension('t.education'),
  },
  measures: {
    placements: { sql: 'count(*)', people: true, records: { id: 't.id' }, description: 'Placements (perturbed where `perturbed`).' },
  },
  target: {
    entity: PlacementGoal,
    columns: { YEAR: 't.year', COMMUNE: 't.commune_code', PROVINCE: 't.province_code' },
    sql: 'sum(t.goal)',
    field: 'goal',
    description:
      'Summed FOMIL placement goals of the cell; only when grouping and filtering by year, commune and province alone (no date range).',
    ratio: { field: 'compliance', of: 'placements', description: 'placements / goal (1.01 = 101%).' },
  },
  rollup: { entity: PlacementMonth, dimensions: ['YEAR', 'MONTH', 'COMMUNE', 'PROVINCE'] },
  previousYear: {
    dimension: 'YEAR',
    measure: 'placements',
    field: 'previousYearPlacements',
    change: 'yearOverYearChange',
    description:
      'With YEAR grouped: the same cell a year earlier (0 when it had none; null before the first year of data, or with a from/to range).',
  },
});
