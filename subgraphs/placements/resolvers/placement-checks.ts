import type { EntityManager } from '@mikro-orm/knex';
import { ageAt, ContractType, isKnownOccupation, MIN_WORKING_AGE } from '../../../domain/classifications';
import { minimumWageOn } from '../../../domain/minimum-wage';
import { today } from '../../../kit/dates';
import { badUserInput } from '../../../kit/errors';
import { EmployerProjection } from '../entities/employer-projection';
import { PersonProjection } from '../entities/person-projection';
import { snapshotOf } from '../entities/placement';
import { VacancyProjection } from '../entities/vacancy-projection';

/** The facts of a placement as registered or corrected (ids numeric). */
export interface PlacementFacts {
  personId: number;
  employerId: number;
  vacancyId: number | null;
  communeCode: string;
  startDate: string;
  occupationCode: string;
  contractType: ContractType;
  monthlyWage: number | null;
}

/** The person a write names, from the projection: unknown is bad input naming the field. */
export async function knownPerson(em: EntityManager, id: number, field = 'input.personId'): Promise<PersonProjection> {
  const person = await em.findOne(PersonProjection, { id });
  if (!person) throw badUserInput(field, `no job seeker ${id} is registered`);
  return person;
}

/** A date of a record: not in the future, not before the person registered. */
export function checkDate(date: string, person: PersonProjection, field: string): void {
  if (date > today()) throw badUserInput(field, `${date} is in the future`);
  if (date < person.registeredAt) throw badUserInput(field, `${date} is before the person registered (${person.registeredAt})`);
}

/**
 * Every rule of a placement that needs data, in the write's transaction; returns the analysis
 * columns snapshotted from the projections (the seed derives them with the same snapshotOf).
 */
export async function checkPlacement(
  em: EntityManager,
  p: PlacementFacts,
  /** The projections, when the caller loaded them already (a file import, a chunk at a time). */
  known?: { person?: PersonProjection | null; employer?: EmployerProjection | null; vacancy?: VacancyProjection | null },
) {
  if (!isKnownOccupation(p.occupationCode))
    throw badUserInput('input.occupationCode', `${p.occupationCode} is not a CIUO-08.CL code the product knows`);
  const person = known ? known.person : await knownPerson(em, p.personId);
  if (!person) throw badUserInput('input.personId', `no job seeker ${p.personId} is registered`);
  const employer = known ? known.employer : await em.findOne(EmployerProjection, { id: p.employerId });
  if (!employer) throw badUserInput('input.employerId', `no employer ${p.employerId} is registered`);
  if (p.vacancyId !== null) {
    const vacancy = known ? known.vacancy : await em.findOne(VacancyProjection, { id: p.vacancyId });
    if (!vacancy) throw badUserInput('input.vacancyId', `no vacancy ${p.vacancyId} is registered`);
    if (vacancy.employerId !== p.employerId)
      throw badUserInput('input.vacancyId', `vacancy ${p.vacancyId} is employer ${vacancy.employerId}'s, not ${p.employerId}'s`);
  }
  checkDate(p.startDate, person, 'input.startDate');
  const age = ageAt(person.birthDate, p.startDate);
  if (age < MIN_WORKING_AGE)
    throw badUserInput('input.startDate', `the person is ${age} on ${p.startDate}: at least ${MIN_WORKING_AGE} to work`);
  if (p.contractType === ContractType.APPRENTICESHIP && age >= 21)
    throw badUserInput('input.contractType', `apprenticeship contracts are for people under 21; the person is ${age} on ${p.startDate}`);
  if (p.monthlyWage !== null) {
    let minimum: number;
    try {
      minimum = minimumWageOn(p.startDate);
    } catch {
      throw badUserInput('input.startDate', `no minimum wage is recorded for ${p.startDate}`);
    }
    if (p.monthlyWage < minimum)
      throw badUserInput('input.monthlyWage', `${p.monthlyWage} is below the minimum monthly wage in force on ${p.startDate} (${minimum})`);
  }
  const snapshot = snapshotOf(p, person, employer);
  return { ...snapshot, ageBand: snapshot.ageBand! };
}
