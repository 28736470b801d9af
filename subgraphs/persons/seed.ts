import type { EntityManager } from '@mikro-orm/knex';
import { ageBandAt } from '../../domain/classifications';
import { insertSeed } from '../../kit/insert';
import { network } from '../../seed/network';
import { Person } from './entities/person';

/** The network's job seekers (synthetic names, RUTs with valid check digits). */
export async function seedPersons(em: EntityManager): Promise<void> {
  await insertSeed(
    em,
    Person,
    network().persons.map((p) => ({ ...p, registrationAgeBand: ageBandAt(p.birthDate, p.registeredAt) })),
  );
}
