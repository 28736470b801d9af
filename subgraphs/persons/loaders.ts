import type { EntityManager } from '@mikro-orm/knex';
import { loaderBy, loaderOfMany } from '../../kit/loaders';
import { Person } from './entities/person';
import { RightsRequest } from './entities/rights-request';

export function personsLoaders(em: EntityManager) {
  return { person: loaderBy(em, Person, 'id'), rightsOfPerson: loaderOfMany(em, RightsRequest, 'personId', { id: 'asc' }) };
}

export type PersonsLoaders = ReturnType<typeof personsLoaders>;
