import type { EntityManager } from '@mikro-orm/knex';
import { insertSeed } from '../../kit/insert';
import { network } from '../../seed/network';
import { Course } from './entities/course';
import { Enrollment } from './entities/enrollment';
import { Provider } from './entities/provider';
import { Workshop, WorkshopAttendance } from './entities/workshop';

/** The network's OTECs, courses, enrolments, workshops and attendance. */
export async function seedTraining(em: EntityManager): Promise<void> {
  const net = network();
  await insertSeed(em, Provider, net.providers);
  await insertSeed(em, Course, net.courses);
  await insertSeed(em, Enrollment, net.enrollments);
  await insertSeed(em, Workshop, net.workshops);
  await insertSeed(em, WorkshopAttendance, net.attendance);
}
