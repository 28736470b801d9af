import type { EntityManager } from '@mikro-orm/knex';
import type { EventConsumers, EventHandler } from '../../kit/events/consumer';
import type { Network } from '../../seed/types';
import { Enrollment, placedWithin3Months } from './entities/enrollment';
import { EnrollmentStatus } from './entities/enums';
import { PersonProjection } from './entities/person-projection';
import { PlacementStart } from './entities/placement-start';

/** The persons subgraph's job seeker payload, as far as training reads it. */
interface JobSeekerPayload {
  personId: number | string;
  birthDate: string;
  registeredAt: string;
  omilCommuneCode: string;
}
/** The placements subgraph's placement payloads (registered, corrected, cancelled). */
interface PlacementPayload {
  placementId: number | string;
  personId: number | string;
  startDate: string;
}

const personRow = (p: JobSeekerPayload): PersonProjection => ({
  id: Number(p.personId),
  birthDate: p.birthDate,
  registeredAt: p.registeredAt,
  omilCommuneCode: p.omilCommuneCode,
});
const startRow = (p: PlacementPayload): PlacementStart => ({
  placementId: Number(p.placementId),
  personId: Number(p.personId),
  startDate: p.startDate,
});

/** The job outcome of a person's completed enrolments, again from their active placements' starts. */
export async function recomputePlacedAt(em: EntityManager, personId: number): Promise<void> {
  const starts = (await em.find(PlacementStart, { personId })).map((s) => s.startDate);
  const completed = await em.find(Enrollment, { personId, status: EnrollmentStatus.COMPLETED });
  for (const e of completed) {
    const placedAt = placedWithin3Months(e.completedAt, starts);
    // A derived column: no version bump, so an executive's concurrent update is not refused for it.
    if (placedAt !== e.placedAt) await em.nativeUpdate(Enrollment, { id: e.id }, { placedAt });
  }
}

// An erased person (Ley 21.719): the projection goes; enrolments and attendance keep only the
// person's id, so statistics do not move. Earlier events of the person carry only `erased`.
const personErased: EventHandler = async (em, e) => {
  await em.nativeDelete(PersonProjection, { id: Number(e.payload.personId) });
};
const upsertPerson: EventHandler = async (em, e) => {
  if (e.payload.erased) return personErased(em, e);
  await em.upsert(PersonProjection, personRow(e.payload));
};
const placementStarts: EventHandler = async (em, e) => {
  const row = startRow(e.payload);
  // A correction may move the start date; the person of a placement never changes.
  await em.upsert(PlacementStart, row);
  await recomputePlacedAt(em, row.personId);
};
const placementCancelled: EventHandler = async (em, e) => {
  const row = startRow(e.payload);
  await em.nativeDelete(PlacementStart, { placementId: row.placementId });
  await recomputePlacedAt(em, row.personId);
};

export const trainingEvents: EventConsumers = {
  handlers: {
    'persons.job_seeker_registered': upsertPerson,
    'persons.job_seeker_updated': upsertPerson,
    'persons.person_erased': personErased,
    'placements.placement_registered': placementStarts,
    'placements.placement_corrected': placementStarts,
    'placements.placement_cancelled': placementCancelled,
  },
  async reset(em: EntityManager) {
    await em.nativeDelete(PersonProjection, {});
    await em.nativeDelete(PlacementStart, {});
    // Derived from the placements' events: the replay sets it again.
    await em.nativeUpdate(Enrollment, { placedAt: { $ne: null } }, { placedAt: null });
  },
};

/** The projections as the network's events would build them (the seed writes them directly). */
export function projectionRows(net: Network) {
  return {
    persons: net.persons.map((p) => personRow({ ...p, personId: p.id })),
    placementStarts: net.placements.map((p) => startRow({ ...p, placementId: p.id })),
  };
}

// Training's own events: ids and when and where, never names.
export const enrollmentRecorded = (e: { id: number; personId: number; courseId: number; communeCode: string; enrolledAt: string }) => ({
  enrollmentId: e.id,
  personId: e.personId,
  courseId: e.courseId,
  communeCode: e.communeCode,
  enrolledAt: e.enrolledAt,
});
export const enrollmentOutcome = (e: {
  id: number;
  personId: number;
  courseId: number;
  status: EnrollmentStatus;
  completedAt: string | null;
}) => ({
  enrollmentId: e.id,
  personId: e.personId,
  courseId: e.courseId,
  status: e.status,
  completedAt: e.completedAt,
});
export const attendanceRecorded = (a: { id: number; personId: number; workshopId: number; communeCode: string }, date: string) => ({
  attendanceId: a.id,
  personId: a.personId,
  workshopId: a.workshopId,
  communeCode: a.communeCode,
  date,
});
