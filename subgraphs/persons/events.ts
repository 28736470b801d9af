import type { Person } from './entities/person';

/** The events the persons subgraph publishes (placements and training keep projections of them). */
export const JOB_SEEKER_REGISTERED = 'persons.job_seeker_registered';
export const JOB_SEEKER_UPDATED = 'persons.job_seeker_updated';

/** A job seeker's analysis dimensions: ids and dimensions only, never RUT, names or contact. */
export function jobSeekerPayload(
  person: Pick<Person, 'id' | 'sex' | 'birthDate' | 'education' | 'registeredAt' | 'omilCommuneCode' | 'residenceCommuneCode'>,
) {
  return {
    personId: person.id,
    sex: person.sex,
    birthDate: person.birthDate,
    education: person.education,
    registeredAt: person.registeredAt,
    omilCommuneCode: person.omilCommuneCode,
    residenceCommuneCode: person.residenceCommuneCode,
  };
}
