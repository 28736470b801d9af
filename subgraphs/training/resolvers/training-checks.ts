import { today } from '../../../kit/dates';
import { badUserInput } from '../../../kit/errors';
import type { PersonProjection } from '../entities/person-projection';
import type { Workshop } from '../entities/workshop';

/** The person a write names, from the projection (null: not known): unknown is bad input naming the field. */
export function knownPerson(person: PersonProjection | null, id: number | string): PersonProjection {
  if (!person) throw badUserInput('input.personId', `no job seeker ${id} is registered`);
  return person;
}

/** The rules of a new enrolment (enrollInCourse and the enrollments import). */
export function checkEnrollment(person: PersonProjection, enrolledAt: string): void {
  if (enrolledAt > today()) throw badUserInput('input.enrolledAt', `${enrolledAt} is in the future`);
  if (enrolledAt < person.registeredAt)
    throw badUserInput('input.enrolledAt', `${enrolledAt} is before the person registered (${person.registeredAt})`);
}

/** The rules of a workshop attendance (recordWorkshopAttendance and the workshopAttendance import). */
export function checkAttendance(person: PersonProjection, workshop: Workshop): void {
  if (workshop.date > today()) throw badUserInput('input.workshopId', `workshop ${workshop.id} is on ${workshop.date}, in the future`);
  if (workshop.date < person.registeredAt)
    throw badUserInput('input.personId', `the person registered on ${person.registeredAt}, after the workshop (${workshop.date})`);
}
