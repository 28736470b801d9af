import type { Person } from './entities/person';
import { purposesOf } from './entities/rights-request';

/** The events the persons subgraph publishes (placements, training and communes keep projections of them). */
export const JOB_SEEKER_REGISTERED = 'persons.job_seeker_registered';
export const JOB_SEEKER_UPDATED = 'persons.job_seeker_updated';
/** A person's data was erased: consumers drop their projection of the person (replay-safe). */
export const PERSON_ERASED = 'persons.person_erased';

/**
 * A job seeker's analysis dimensions: ids and dimensions only, never RUT, names or contact; and
 * the purposes the person objected to (placements refuses referrals of an objecting person).
 */
export function jobSeekerPayload(
  person: Pick<Person, 'id' | 'sex' | 'birthDate' | 'education' | 'registeredAt' | 'omilCommuneCode' | 'residenceCommuneCode'> &
    Partial<Pick<Person, 'objectedPurposes'>>,
) {
  return {
    personId: person.id,
    sex: person.sex,
    birthDate: person.birthDate,
    education: person.education,
    registeredAt: person.registeredAt,
    omilCommuneCode: person.omilCommuneCode,
    residenceCommuneCode: person.residenceCommuneCode,
    ...(person.objectedPurposes ? { objections: purposesOf(person.objectedPurposes) } : {}),
  };
}

/**
 * What an erasure leaves of the person's earlier job-seeker events in the outbox: the id and the
 * fact, so that a replay from the start rebuilds no projection of the person.
 */
export const erasedPayload = (personId: number) => ({ personId, erased: true });
