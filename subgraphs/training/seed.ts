import type { EntityManager } from '@mikro-orm/knex';
import { recordSeedEvents } from '../../kit/events/outbox';
import { insertSeed } from '../../kit/insert';
import { createdBy } from '../../kit/writes/audited';
import { network, type Network } from '../../seed/network';
import { Course } from './entities/course';
import { Enrollment, placedWithin3Months } from './entities/enrollment';
import { EnrollmentStatus } from './entities/enums';
import { PersonProjection } from './entities/person-projection';
import { PlacementStart } from './entities/placement-start';
import { attendanceRecorded, enrollmentOutcome, enrollmentRecorded, projectionRows } from './events';
import { Provider } from './entities/provider';
import { Workshop, WorkshopAttendance } from './entities/workshop';

/**
 * Enrolment rows: each snapshots its course's commune and the job outcome SENCE counts, the
 * person's first placement within 3 months (1–90 days) after completing.
 */
export function enrollmentRows(net: Network, at = new Date()) {
  const starts = new Map<number, string[]>();
  for (const p of net.placements) {
    const list = starts.get(p.personId);
    if (list) list.push(p.startDate);
    else starts.set(p.personId, [p.startDate]);
  }
  return net.enrollments.map((e) => ({
    ...e,
    communeCode: net.courses[e.courseId - 1].communeCode,
    placedAt: placedWithin3Months(e.completedAt, starts.get(e.personId) ?? []),
    dropReason: null,
    ...createdBy('seed', at),
  }));
}

/** Attendance rows: each snapshots its workshop's commune. */
export function attendanceRows(net: Network, at = new Date()) {
  return net.attendance.map((a) => ({ ...a, communeCode: net.workshops[a.workshopId - 1].communeCode, ...createdBy('seed', at) }));
}

/**
 * The network's OTECs, courses, enrolments, workshops and attendance; the projections of persons
 * and placement starts as their events would build them; and training's own events as already
 * published.
 */
export async function seedTraining(em: EntityManager): Promise<void> {
  const net = network();
  await insertSeed(em, Provider, net.providers);
  await insertSeed(em, Course, net.courses);
  const enrollments = enrollmentRows(net);
  await insertSeed(em, Enrollment, enrollments);
  await insertSeed(em, Workshop, net.workshops);
  const attendance = attendanceRows(net);
  await insertSeed(em, WorkshopAttendance, attendance);
  const projections = projectionRows(net);
  await insertSeed(em, PersonProjection, projections.persons);
  await insertSeed(em, PlacementStart, projections.placementStarts);
  await recordSeedEvents(em, [
    ...enrollments.map((e) => ({ type: 'training.enrollment_recorded', payload: enrollmentRecorded(e) })),
    ...enrollments
      .filter((e) => e.status !== EnrollmentStatus.ENROLLED)
      .map((e) => ({ type: 'training.enrollment_outcome_recorded', payload: enrollmentOutcome(e) })),
    ...attendance.map((a) => ({
      type: 'training.workshop_attendance_recorded',
      payload: attendanceRecorded(a, net.workshops[a.workshopId - 1].date),
    })),
  ]);
}
