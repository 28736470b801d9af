import type { EntityManager } from '@mikro-orm/knex';
import type { Viewer } from '../../../kit/context';
import { today } from '../../../kit/dates';
import { badUserInput } from '../../../kit/errors';
import { notFound, writerFor } from '../../../kit/writes/write';
import { JobFair } from '../entities/job-fair';
import { EmployerProjection, PersonProjection, VacancyProjection } from '../entities/projections';

/** The explicit checks of the services' writes that need today's date or the projections. */
export function notInFuture(field: string, date: string): void {
  const now = today();
  if (date > now) throw badUserInput(field, `is in the future (today is ${now})`);
}

export async function knownPerson(em: EntityManager, id: number, field = 'input.personId'): Promise<PersonProjection> {
  const person = await em.findOne(PersonProjection, { id });
  if (!person) throw badUserInput(field, `no job seeker ${id} is known`);
  return person;
}

/** Nothing happens to a job seeker before they registered. */
export function notBeforeRegistration(field: string, date: string, person: PersonProjection): void {
  if (date < person.registeredAt) throw badUserInput(field, `is before the job seeker registered (${person.registeredAt})`);
}

/** The rules of a new attention, on the person's projection (null: not known); the person. */
export function checkAttention(date: string, personId: number, person: PersonProjection | null): PersonProjection {
  notInFuture('input.date', date);
  if (!person) throw badUserInput('input.personId', `no job seeker ${personId} is known`);
  notBeforeRegistration('input.date', date, person);
  return person;
}

export async function knownEmployer(em: EntityManager, id: number): Promise<EmployerProjection> {
  const employer = await em.findOne(EmployerProjection, { id });
  if (!employer) throw badUserInput('input.employerId', `no employer ${id} is known`);
  return employer;
}

export async function knownVacancy(em: EntityManager, id: number): Promise<VacancyProjection> {
  const vacancy = await em.findOne(VacancyProjection, { id });
  if (!vacancy) throw badUserInput('input.vacancyId', `no vacancy ${id} is known`);
  return vacancy;
}

/**
 * The job fair a write adds to, and who writes: the fair's commune decides. An unknown fair is
 * NOT_FOUND for those who may write somewhere; everyone else is refused as for any write.
 */
export async function jobFairWriter(em: EntityManager, viewer: Viewer | null, id: number): Promise<{ fair: JobFair; subject: string }> {
  const fair = await em.fork().findOne(JobFair, { id });
  if (!fair) {
    if (!viewer?.roles.some((r) => r === 'omil' || r === 'admin')) writerFor(viewer, '');
    throw notFound(`JobFair ${id} does not exist`);
  }
  return { fair, subject: writerFor(viewer, fair.communeCode) };
}
