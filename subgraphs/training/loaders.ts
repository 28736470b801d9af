import type { EntityManager } from '@mikro-orm/knex';
import { raw } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { loaderBy, loaderOfMany } from '../../kit/loaders';
import { cellKeyOf, cellKeySql } from '../../kit/stats/disclosure';
import { Course } from './entities/course';
import { Enrollment } from './entities/enrollment';
import { Provider } from './entities/provider';
import { Workshop, WorkshopAttendance } from './entities/workshop';

/** Attendees per workshop and the cell key of their attendances (for the perturbed count): one GROUP BY per batch. */
function attendeeCounts(em: EntityManager) {
  return new DataLoader<number, { count: number; key: number }>(async (ids) => {
    const rows: { workshopId: number; n: number | string; k: number | string | null }[] = await em
      .createQueryBuilder(WorkshopAttendance, 'a')
      .select(['a.workshopId', raw('count(*) as n'), raw(`${cellKeySql({ id: 'a.id' })} as k`)])
      .where({ workshopId: { $in: [...ids] } })
      .groupBy('a.workshopId')
      .execute('all');
    const counts = new Map(rows.map((r) => [Number(r.workshopId), { count: Number(r.n), key: cellKeyOf(r.k) }]));
    return ids.map((id) => counts.get(id) ?? { count: 0, key: 0 });
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
