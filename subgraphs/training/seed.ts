import type { EntityManager } from '@mikro-orm/knex';
import { addDays } from '../../kit/dates';
import { insertSeed } from '../../kit/insert';
import { network, type Network } from '../../seed/network';
import { Course } from './entities/course';
import { Enrollment } from './entities/enrollment';
import { Provider } from './entities/provider';
import { Workshop, WorkshopAttendance } from './entities/workshop';

/**
 * Enrolment rows: each snapshots its course's commune and the job outcome SENCE counts, the
 * person's first placement within 3 months (1–90 days) after completing.
 */
export function enrollmentRows(net: Network) {
  const starts = new Map<number, string[]>();
  for (const p of net.placements) {
    const list = starts.get(p.personId);
    if (list) list.push(p.startDate);
    else starts.set(p.personId, [p.startDate]);
  }
  return net.enrollments.map((e) => {
    const { completedAt } = e;
    const placedAt =
      completedAt === null
        ? null
        : ((starts.get(e.personId) ?? []).filter((d) => d > completedAt && d <= addDays(completedAt, 90)).sort()[0] ?? null);
    return { ...e, communeCode: net.courses[e.courseId - 1].communeCode, placedAt };
  });
}

/** Attendance rows: each snapshots its workshop's commune. */
export function attendanceRows(net: Network) {
  return net.attendance.map((a) => ({ ...a, communeCode: net.workshops[a.workshopId - 1].communeCode }));
}

/** The network's OTECs, courses, enrolments, workshops and attendance. */
export async function seedTraining(em: EntityManager): Promise<void> {
  const net = network();
  await insertSeed(em, Provider, net.providers);
  await insertSeed(em, Course, net.courses);
  await insertSeed(em, Enrollment, enrollmentRows(net));
  await insertSeed(em, Workshop, net.workshops);
  await insertSeed(em, WorkshopAttendance, attendanceRows(net));
}
