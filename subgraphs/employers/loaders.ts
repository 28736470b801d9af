import type { EntityManager } from '@mikro-orm/knex';
import { loaderBy, loaderOfMany } from '../../kit/loaders';
import { Employer } from './entities/employer';
import { Vacancy } from './entities/vacancy';

export function employersLoaders(em: EntityManager) {
  return {
    employer: loaderBy(em, Employer, 'id'),
    vacancy: loaderBy(em, Vacancy, 'id'),
    vacanciesOfEmployer: loaderOfMany(em, Vacancy, 'employerId', { openedAt: 'desc', id: 'desc' }),
  };
}

export type EmployersLoaders = ReturnType<typeof employersLoaders>;
