import { registerEnumType } from 'type-graphql';

export enum EmployerSize {
  MICRO = 'MICRO',
  SMALL = 'SMALL',
  MEDIUM = 'MEDIUM',
  LARGE = 'LARGE',
}
registerEnumType(EmployerSize, { name: 'EmployerSize', description: 'Company size (micro, pequeña, mediana, gran empresa).' });

export enum VacancyStatus {
  OPEN = 'OPEN',
  FILLED = 'FILLED',
  CLOSED = 'CLOSED',
}
registerEnumType(VacancyStatus, {
  name: 'VacancyStatus',
  description: 'OPEN: taking applicants; FILLED: every position placed; CLOSED: closed unfilled.',
});
