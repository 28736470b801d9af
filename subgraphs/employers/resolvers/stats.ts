import { contractTypeDimension, occupationMajorGroupDimension, sectorDimension, whenAndWhere } from '../../../domain/dimensions';
import { enumDimension } from '../../../kit/stats/dimension';
import { defineStatistic } from '../../../kit/stats/statistic';
import { VacancyStatus } from '../entities/enums';
import { Commune, Province } from '../entities/references';
import { Vacancy } from '../entities/vacancy';

/** `vacancyStats`, declared once. Vacancies are not people: no cell is suppressed. */
export const vacancyStats = defineStatistic({
  field: 'vacancyStats',
  typeName: 'Vacancy',
  description:
    'Vacancies and positions grouped by any combination of dimensions; one SQL GROUP BY. Vacancies are not people: no cell is suppressed.',
  entity: Vacancy,
  period: { column: 't.opened_at', description: 'opening dates' },
  dimensions: {
    ...whenAndWhere({ date: 't.opened_at', what: 'opening', commune: 't.commune_code', Commune: () => Commune, Province: () => Province }),
    SECTOR: sectorDimension('t.sector'),
    OCCUPATION_MAJOR_GROUP: occupationMajorGroupDimension('substr(t.occupation_code, 1, 1)'),
    CONTRACT_TYPE: contractTypeDimension('t.contract_type'),
    STATUS: enumDimension(VacancyStatus, 't.status', 'statuses', 'Status today.'),
  },
  measures: {
    vacancies: { sql: 'count(*)', people: false, description: 'Vacancies.' },
    positions: { sql: 'sum(t.positions)', people: false, description: 'Positions offered.' },
  },
});
