import type { EntityManager } from '@mikro-orm/knex';
import type { DomainEvent } from '../../kit/events/outbox';
import type { EventConsumers } from '../../kit/events/consumer';
import type { Network } from '../../seed/network';
import { Attention } from './entities/attention';
import type { EmployerVisit } from './entities/employer-visit';
import type { JobFair } from './entities/job-fair';
import { EmployerProjection, PersonProjection, VacancyProjection } from './entities/projections';
import type { VacancyCapture } from './entities/vacancy-capture';

/** The events the communes subgraph publishes: ids and analysis dimensions only. */
export const ATTENTION_RECORDED = 'communes.attention_recorded';
export const ATTENTION_CANCELLED = 'communes.attention_cancelled';
export const EMPLOYER_VISIT_RECORDED = 'communes.employer_visit_recorded';
export const VACANCY_CAPTURED = 'communes.vacancy_captured';
export const JOB_FAIR_REGISTERED = 'communes.job_fair_registered';
export const JOB_FAIR_ATTENDANCE_RECORDED = 'communes.job_fair_attendance_recorded';

type AttentionFacts = Pick<Attention, 'id' | 'personId' | 'communeCode' | 'date' | 'kind'>;
export const attentionPayload = (a: AttentionFacts) => ({
  attentionId: a.id,
  personId: a.personId,
  communeCode: a.communeCode,
  date: a.date,
  kind: a.kind,
});
export const visitPayload = (v: Pick<EmployerVisit, 'id' | 'employerId' | 'communeCode' | 'date' | 'purpose'>) => ({
  visitId: v.id,
  employerId: v.employerId,
  communeCode: v.communeCode,
  date: v.date,
  purpose: v.purpose,
});
export const capturePayload = (c: Pick<VacancyCapture, 'id' | 'vacancyId' | 'communeCode' | 'date'>) => ({
  captureId: c.id,
  vacancyId: c.vacancyId,
  communeCode: c.communeCode,
  date: c.date,
});
export const jobFairPayload = (f: Pick<JobFair, 'id' | 'communeCode' | 'date'>) => ({
  jobFairId: f.id,
  communeCode: f.communeCode,
  date: f.date,
});
export const attendancePayload = (f: Pick<JobFair, 'id' | 'communeCode' | 'date'>, personId: number) => ({
  ...jobFairPayload(f),
  personId,
});

/** What registering the seeded services would have published (recorded as published by the seed). */
export function servicesEvents(net: Network): { type: string; payload: Record<string, unknown> }[] {
  return [
    ...net.attentions.flatMap((a) => [
      { type: ATTENTION_RECORDED, payload: attentionPayload(a) },
      ...(a.cancelReason ? [{ type: ATTENTION_CANCELLED, payload: attentionPayload(a) }] : []),
    ]),
    ...net.employerVisits.map((v) => ({ type: EMPLOYER_VISIT_RECORDED, payload: visitPayload(v) })),
    ...net.vacancyCaptures.map((c) => ({ type: VACANCY_CAPTURED, payload: capturePayload(c) })),
    ...net.jobFairs.flatMap((f) => [
      { type: JOB_FAIR_REGISTERED, payload: jobFairPayload(f) },
      ...f.personIds.map((id) => ({ type: JOB_FAIR_ATTENDANCE_RECORDED, payload: attendancePayload(f, id) })),
    ]),
  ];
}

// The payloads consumed, as their publishers document them (docs/writes.md).
interface JobSeekerEvent {
  personId: number;
  sex: PersonProjection['sex'];
  birthDate: string;
  registeredAt: string;
  omilCommuneCode: string;
  residenceCommuneCode: string;
}
interface EmployerEvent {
  employerId: number;
  sector: string;
  communeCode: string;
}
interface VacancyEvent {
  vacancyId: number;
  employerId: number;
  communeCode: string;
  positions: number;
  status: string;
  openedAt: string;
}

/**
 * An erased person (Ley 21.719): the projection goes and the free-text reasons of the person's
 * attentions are replaced; attentions and attendance keep the id and their dimensions, so
 * statistics (people attended: distinct ids) do not move. Earlier events carry only `erased`.
 */
const personErased = async (em: EntityManager, { payload }: DomainEvent<{ personId: number }>) => {
  await em.nativeDelete(PersonProjection, { id: Number(payload.personId) });
  await em.nativeUpdate(Attention, { personId: Number(payload.personId), cancelReason: { $ne: null } }, { cancelReason: '[erased]' });
};
const person = async (em: EntityManager, event: DomainEvent<JobSeekerEvent & { erased?: boolean }>) => {
  if (event.payload.erased) return personErased(em, event);
  const p = event.payload;
  await em.upsert(PersonProjection, {
    id: Number(p.personId),
    sex: p.sex,
    birthDate: p.birthDate,
    registeredAt: p.registeredAt,
    omilCommuneCode: p.omilCommuneCode,
    residenceCommuneCode: p.residenceCommuneCode,
  });
};
const employer = async (em: EntityManager, { payload: p }: DomainEvent<EmployerEvent>) => {
  await em.upsert(EmployerProjection, { id: Number(p.employerId), sector: p.sector, communeCode: p.communeCode });
};
const vacancy = async (em: EntityManager, { payload: p }: DomainEvent<VacancyEvent>) => {
  await em.upsert(VacancyProjection, {
    id: Number(p.vacancyId),
    employerId: Number(p.employerId),
    communeCode: p.communeCode,
    positions: p.positions,
    status: p.status,
    openedAt: p.openedAt,
  });
};

/**
 * The persons, employers and vacancies this subgraph validates against (known ids, dates not
 * before a registration or an opening) and snapshots an attention's sex and age band from.
 */
export const communesConsumers: EventConsumers = {
  handlers: {
    'persons.job_seeker_registered': person,
    'persons.job_seeker_updated': person,
    'persons.person_erased': personErased,
    'employers.employer_registered': employer,
    'employers.employer_updated': employer,
    'employers.vacancy_registered': vacancy,
    'employers.vacancy_status_changed': vacancy,
  },
  async reset(em) {
    for (const entity of [PersonProjection, EmployerProjection, VacancyProjection]) await em.nativeDelete(entity, {});
  },
};
