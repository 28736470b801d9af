import type { EntityManager } from '@mikro-orm/knex';
import { raw } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { loaderBy, loaderOfMany } from '../../kit/loaders';
import { Course } from './entities/course';
import { Enrollment } from './entities/enrollment';
import { Provider } from './entities/provider';
import { Workshop, WorkshopAttendance } from './entities/workshop';

/** Attendees per workshop: one GROUP BY per batch. */
function attendeeCounts(em: EntityManager) {
  return new DataLoader<number, number>(async (ids) => {
    const rows: { workshopId: number; n: number | string }[] = await em
      .createQueryBuilder(WorkshopAttendance, 'a')
      .select(['a.workshopId', raw('count(*) as n')])
      .where({ workshopId: { $in: [...ids] } })
      .groupBy('a.workshopId')
      .execute('all');
    const counts = new Map(rows.map((r) => [Number(r.workshopId), Number(r.n)]));
    return ids.map((id) => counts.get(id) ?? 0);
  });
}

export function trainingLoaders(em: EntityManager) {
  return {
    provider: loaderBy(em, Provider, 'id'),
    course: loaderBy(em, Course, 'id'),
    workshop: loaderBy(em, Workshop, 'id'),
    coursesOfProvider: loaderOfMany(em, Course, 'providerId', { startDate: 'desc', id: 'asc' }),
    enrollmentsOfCourse: loaderOfMany(em, Enrollment, 'courseId', { id: 'asc' }),
    enrollmentsOfPerson: loaderOfMany(em, Enrollment, 'personId', { enrolledAt: 'asc', id: 'asc' }),
    attendanceOfPerson: loaderOfMany(em, WorkshopAttendance, 'personId', { id: 'asc' }),
    attendanceOfWorkshop: loaderOfMany(em, WorkshopAttendance, 'workshopId', { id: 'asc' }),
    attendeeCount: attendeeCounts(em),
  };
}

export type TrainingLoaders = ReturnType<typeof trainingLoaders>;
