import type { EntityManager } from '@mikro-orm/knex';
import type { EventConsumers, EventHandler } from '../../kit/events/consumer';
import type { Education, Sex } from '../../domain/classifications';
import type { Network } from '../../seed/types';
import { EmployerProjection } from './entities/employer-projection';
import { Placement } from './entities/placement';
import { Referral } from './entities/referral';
import { PersonProjection } from './entities/person-projection';
import { VacancyProjection } from './entities/vacancy-projection';

/** Payloads as the persons and employers subgraphs publish them. */
interface JobSeekerPayload {
  personId: number | string;
  sex: Sex;
  birthDate: string;
  education: Education;
  registeredAt: string;
  omilCommuneCode: string;
  residenceCommuneCode: string;
  /** The purposes the person objected to (absent: none). */
  objections?: string[];
}
interface EmployerPayload {
  employerId: number | string;
  sector: string;
  ciiuClass: string;
  size: string;
  communeCode: string;
}
interface VacancyPayload {
  vacancyId: number | string;
  employerId: number | string;
  communeCode: string;
  sector: string;
  occupationCode: string;
  contractType: string;
  positions: number;
  status: string;
  openedAt: string;
}

export const personRow = (p: JobSeekerPayload): PersonProjection => ({
  id: Number(p.personId),
  sex: p.sex,
  birthDate: p.birthDate,
  education: p.education,
  registeredAt: p.registeredAt,
  omilCommuneCode: p.omilCommuneCode,
  residenceCommuneCode: p.residenceCommuneCode,
  referralsObjected: (p.objections ?? []).includes('REFERRALS'),
});
export const employerRow = (e: EmployerPayload): EmployerProjection => ({
  id: Number(e.employerId),
  sector: e.sector,
  ciiuClass: e.ciiuClass,
  size: e.size,
  communeCode: e.communeCode,
});
export const vacancyRow = (v: VacancyPayload): VacancyProjection => ({
  id: Number(v.vacancyId),
  employerId: Number(v.employerId),
  communeCode: v.communeCode,
  sector: v.sector,
  occupationCode: v.occupationCode,
  contractType: v.contractType,
  positions: v.positions,
  status: v.status,
  openedAt: v.openedAt,
});

/**
 * Erasure of a person (Ley 21.719): the projection goes, and the free-text reasons of the
 * person's placements and referrals are replaced (an executive may have named the person);
 * the placements and their snapshotted dimensions stay, so statistics do not move.
 */
const ERASED_TEXT = '[erased]';
async function erasePerson(em: EntityManager, personId: number): Promise<void> {
  await em.nativeDelete(PersonProjection, { id: personId });
  await em.nativeUpdate(Placement, { personId, cancellationReason: { $ne: null } }, { cancellationReason: ERASED_TEXT });
  await em.nativeUpdate(Placement, { personId, correctionReason: { $ne: null } }, { correctionReason: ERASED_TEXT });
  await em.nativeUpdate(Referral, { personId, outcomeReason: { $ne: null } }, { outcomeReason: ERASED_TEXT });
}

// Each event carries the whole projected record: registered and updated both upsert by id. An
// erased person's earlier events carry only `erased` (the persons subgraph rewrites them): a
// replay then builds nothing of the person.
const upsertPerson: EventHandler = async (em, e) => {
  if (e.payload.erased) return erasePerson(em, Number(e.payload.personId));
  await em.upsert(PersonProjection, personRow(e.payload));
};
const personErased: EventHandler = (em, e) => erasePerson(em, Number(e.payload.personId));
const upsertEmployer: EventHandler = (em, e) => em.upsert(EmployerProjection, employerRow(e.payload)).then(() => undefined);
const upsertVacancy: EventHandler = (em, e) => em.upsert(VacancyProjection, vacancyRow(e.payload)).then(() => undefined);

export const placementsEvents: EventConsumers = {
  handlers: {
    'persons.job_seeker_registered': upsertPerson,
    'persons.job_seeker_updated': upsertPerson,
    'persons.person_erased': personErased,
    'employers.employer_registered': upsertEmployer,
    'employers.employer_updated': upsertEmployer,
    'employers.vacancy_registered': upsertVacancy,
    'employers.vacancy_status_changed': upsertVacancy,
  },
  async reset(em: EntityManager) {
    await em.nativeDelete(PersonProjection, {});
    await em.nativeDelete(EmployerProjection, {});
    await em.nativeDelete(VacancyProjection, {});
  },
};

/** The projections as the network's events would build them (the seed writes them directly). */
export function projectionRows(net: Network) {
  return {
    persons: net.persons.map((p) => personRow({ ...p, personId: p.id })),
    employers: net.employers.map((e) => employerRow({ ...e, employerId: e.id })),
    vacancies: net.vacancies.map((v) => {
      const employer = net.employers[v.employerId - 1];
      return vacancyRow({ ...v, vacancyId: v.id, communeCode: employer.communeCode, sector: employer.sector });
    }),
  };
}

/** The payload of `placements.placement_registered` and `placement_corrected`: ids and when and where. */
export function placementRegistered(p: {
  id: number;
  personId: number;
  employerId: number;
  vacancyId: number | null;
  communeCode: string;
  startDate: string;
}) {
  return {
    placementId: p.id,
    personId: p.personId,
    employerId: p.employerId,
    vacancyId: p.vacancyId,
    communeCode: p.communeCode,
    startDate: p.startDate,
  };
}

export const REFERRAL_RECORDED = 'placements.referral_recorded';

/** A referral's event: ids, commune and date (no RUT, no name). */
export function referralRecorded(r: Pick<Referral, 'id' | 'personId' | 'vacancyId' | 'employerId' | 'communeCode' | 'referredAt'>) {
  return {
    referralId: r.id,
    personId: r.personId,
    vacancyId: r.vacancyId,
    employerId: r.employerId,
    communeCode: r.communeCode,
    referredAt: r.referredAt,
  };
}
