import type { EntityManager } from '@mikro-orm/knex';
import { ageBandAt } from '../../domain/classifications';
import { recordSeedEvents } from '../../kit/events/outbox';
import { insertSeed } from '../../kit/insert';
import { createdBy } from '../../kit/writes/audited';
import { network } from '../../seed/network';
import { Person } from './entities/person';
import { JOB_SEEKER_REGISTERED, jobSeekerPayload } from './events';

/**
 * The network's job seekers (synthetic names, RUTs with valid check digits), written by "seed" on
 * their registration day, and their registration events as already published.
 */
export async function seedPersons(em: EntityManager): Promise<void> {
  const persons = network().persons;
  await insertSeed(
    em,
    Person,
    persons.map((p) => ({
      ...p,
      registrationAgeBand: ageBandAt(p.birthDate, p.registeredAt),
      correctionReason: null,
      ...createdBy('seed', new Date(`${p.registeredAt}T12:00:00Z`)),
    })),
  );
  await recordSeedEvents(
    em,
    persons.map((p) => ({ type: JOB_SEEKER_REGISTERED, payload: jobSeekerPayload(p) })),
  );
}
