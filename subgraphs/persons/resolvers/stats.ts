import { ageBandDimension, communeDimension, educationDimension, provinceDimension, sexDimension } from '../../../domain/dimensions';
import { monthDimension, yearDimension } from '../../../kit/stats/dimension';
import { defineStatistic } from '../../../kit/stats/statistic';
import { Person } from '../entities/person';
import { Commune, Province } from '../entities/references';

/** `jobSeekerStats`, declared once: registrations by the registering OMIL, counts only, open to everyone. */
export const jobSeekerStats = defineStatistic({
  field: 'jobSeekerStats',
  typeName: 'JobSeeker',
  description:
    'Job-seeker registrations grouped by any combination of dimensions: counts only, open to everyone; cells under 5 suppressed except for analysts and admins.',
  entity: Person,
  period: { column: 't.registered_at', description: 'registration dates' },
  dimensions: {
    YEAR: yearDimension({ of: 't.registered_at' }, 'Year of registration.'),
    MONTH: monthDimension({ of: 't.registered_at' }, 'Month of registration, 1–12.'),
    COMMUNE: communeDimension(() => Commune, 't.omil_commune_code', 'The registering OMIL.'),
    PROVINCE: provinceDimension(() => Province, 'substr(t.omil_commune_code, 1, 3)'),
    SEX: sexDimension('t.sex'),
    AGE_BAND: ageBandDimension('t.registration_age_band', 'Age band at registration.'),
    EDUCATION: educationDimension('t.education'),
  },
  measures: {
    registrations: { sql: 'count(*)', people: true, description: 'Registrations; null when suppressed.' },
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
