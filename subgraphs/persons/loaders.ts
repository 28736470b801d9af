import type { EntityManager } from '@mikro-orm/knex';
import { loaderBy } from '../../kit/loaders';
import { Person } from './entities/person';

export function personsLoaders(em: EntityManager) {
  return { person: loaderBy(em, Person, 'id') };
}

export type PersonsLoaders = ReturnType<typeof personsLoaders>;
