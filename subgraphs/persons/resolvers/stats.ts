import { ageBandDimension, educationDimension, sexDimension, whenAndWhere } from '../../../domain/dimensions';
import { defineStatistic } from '../../../kit/stats/statistic';
import { Person } from '../entities/person';
import { Commune, Province } from '../entities/references';

/** `jobSeekerStats`, declared once: registrations by the registering OMIL, counts only, open to everyone. */
export const jobSeekerStats = defineStatistic({
  field: 'jobSeekerStats',
  typeName: 'JobSeeker',
  description:
    'Job-seeker registrations grouped by any combination of dimensions: counts only, open to everyone; perturbed (cell-key method) except for admins (docs/security.md).',
  entity: Person,
  period: { column: 't.registered_at', description: 'registration dates' },
  dimensions: {
    ...whenAndWhere({
      date: 't.registered_at',
      what: 'registration',
      commune: 't.omil_commune_code',
      Commune: () => Commune,
      Province: () => Province,
      communeDescription: 'The registering OMIL.',
    }),
    SEX: sexDimension('t.sex'),
    AGE_BAND: ageBandDimension('t.registration_age_band', 'Age band at registration.'),
    EDUCATION: educationDimension('t.education'),
  },
  measures: {
    registrations: { sql: 'count(*)', people: true, records: { id: 't.id' }, description: 'Registrations (perturbed where `perturbed`).' },
  },
  previousYear: {
    dimension: 'YEAR',
    measure: 'registrations',
    field: 'previousYearRegistrations',
    change: 'yearOverYearChange',
    description:
      'With YEAR grouped: the same cell a year earlier (0 when it had none; null before the first year of data, or with a from/to range).',
  },
});
