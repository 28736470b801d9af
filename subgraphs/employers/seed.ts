import type { EntityManager } from '@mikro-orm/knex';
import { insertSeed } from '../../kit/insert';
import { network } from '../../seed/network';
import { Employer } from './entities/employer';
import { Vacancy } from './entities/vacancy';

/** The network's employers and their vacancies (synthetic names, valid company RUTs). */
export async function seedEmployers(em: EntityManager): Promise<void> {
  await insertSeed(em, Employer, network().employers);
  await insertSeed(em, Vacancy, network().vacancies);
}
