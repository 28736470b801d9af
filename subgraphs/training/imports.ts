import type { EntityManager } from '@mikro-orm/knex';
import { KNOWN_COMMUNE } from '../../domain/territory';
import { emitMany } from '../../kit/events/outbox';
import { checked, checkInput, defineImport, type ImportColumn, type ImportRun, type ParsedRow } from '../../kit/imports/kind';
import { createdBy } from '../../kit/writes/audited';
import { idsByRut, personIdOf } from '../lookups';
import { Course } from './entities/course';
import { Enrollment } from './entities/enrollment';
import { EnrollmentStatus } from './entities/enums';
import { PersonProjection } from './entities/person-projection';
import { Workshop, WorkshopAttendance } from './entities/workshop';
import { attendanceRecorded, enrollmentRecorded } from './events';
import { EnrollInCourseInput, RecordWorkshopAttendanceInput } from './inputs/write-inputs';
import { checkAttendance, checkEnrollment, knownPerson } from './resolvers/training-checks';

const PERSON_RUT: ImportColumn = {
  name: 'person_rut',
  type: 'rut',
  required: true,
  description: 'RUT of the job seeker (registered in persons, readable by your token).',
  example: '12.345.678-5',
};
/** Access goes by the course's or workshop's commune: the row states it, and it must be theirs. */
const communeColumn = (of: string): ImportColumn => ({
  name: 'commune',
  type: 'code',
  pattern: /^\d{5}$/,
  known: KNOWN_COMMUNE,
  required: true,
  description: `CUT code of the ${of}'s commune (must be the ${of}'s): one of your token’s.`,
  example: '10101',
});

/** People by RUT through the graph (as the importer), then their projections here: one query per chunk. */
async function peopleOf(em: EntityManager, rows: ParsedRow[], run: ImportRun) {
  const { persons } = await idsByRut(run, { persons: rows.map((r) => String(r.values.person_rut)) });
  const ids = [...new Set(rows.map((r) => persons.get(String(r.values.person_rut))).filter((id): id is number => !!id))];
  const projections = new Map((await em.find(PersonProjection, { id: { $in: ids } })).map((p) => [p.id, p]));
  return { ids, idOf: (row: ParsedRow) => personIdOf(row, persons), projections };
}

/** The row's commune must be the one of the course or workshop it names (the access check read it). */
function sameCommune(row: ParsedRow, of: string, communeCode: string): boolean {
  if (row.values.commune === communeCode) return true;
  row.reject('commune', 'RULE', `is not the ${of}'s commune (${communeCode})`);
  return false;
}

const ENROLLMENT_COLUMNS = { personId: 'person_rut', courseId: 'course_id', enrolledAt: 'enrolled_at' };

type NewEnrollment = Pick<Enrollment, 'personId' | 'courseId' | 'communeCode' | 'status' | 'enrolledAt' | 'completedAt' | 'placedAt'>;

const enrollmentKey = (e: Pick<Enrollment, 'personId' | 'courseId'>) => `${e.personId}|${e.courseId}`;

/**
 * Enrolments: a person enrolled in a course once (as enrollInCourse allows); a known enrolment is
 * left as it is (outcomes go through recordEnrollmentOutcome).
 */
export const enrollmentsImport = defineImport<NewEnrollment>({
  kind: 'enrollments',
  purpose: 'training-referral',
  title: 'Course enrolments (inscripciones en cursos)',
  naturalKey: 'person_rut + course_id',
  key: (v) => `${v.person_rut}|${v.course_id}`,
  communeColumn: 'commune',
  columns: [
    PERSON_RUT,
    {
      name: 'course_id',
      type: 'code',
      pattern: /^\d{1,15}$/,
      required: true,
      description: 'The course (its id in the graph).',
      example: '1',
    },
    communeColumn('course'),
    {
      name: 'enrolled_at',
      type: 'date',
      required: true,
      description: 'Day of the enrolment: not in the future, not before the person registered.',
      example: '09-03-2026',
    },
  ],
  async prepare(em: EntityManager, rows: ParsedRow[], run: ImportRun) {
    const people = await peopleOf(em, rows, run);
    const courses = new Map(
      (await em.find(Course, { id: { $in: [...new Set(rows.map((r) => Number(r.values.course_id)))] } })).map((c) => [c.id, c]),
    );
    const known = new Set(
      (await em.find(Enrollment, { personId: { $in: people.ids } }, { fields: ['personId', 'courseId'] })).map(enrollmentKey),
    );
    const out: (NewEnrollment | null | undefined)[] = [];
    for (const row of rows) {
      const v = row.values;
      const personId = people.idOf(row);
      const course = courses.get(Number(v.course_id));
      if (!course) row.reject('course_id', 'RULE', `no course ${v.course_id} exists`);
      if (!personId || !course || !sameCommune(row, 'course', course.communeCode)) {
        out.push(undefined);
        continue;
      }
      const input = await checkInput(
        row,
        EnrollInCourseInput,
        { personId: String(personId), courseId: String(course.id), enrolledAt: String(v.enrolled_at) },
        ENROLLMENT_COLUMNS,
      );
      if (!input) {
        out.push(undefined);
        continue;
      }
      if (known.has(enrollmentKey({ personId, courseId: course.id }))) {
        out.push(null);
        continue;
      }
      const ok = await checked(row, ENROLLMENT_COLUMNS, 'person_rut', () =>
        checkEnrollment(knownPerson(people.projections.get(personId) ?? null, personId), input.enrolledAt),
      );
      out.push(
        ok
          ? {
              personId,
              courseId: course.id,
              communeCode: course.communeCode,
              status: EnrollmentStatus.ENROLLED,
              enrolledAt: input.enrolledAt,
              completedAt: null,
              placedAt: null,
            }
          : undefined,
      );
    }
    return out;
  },
  async write(tx, records, subject) {
    await tx.insertMany(
      Enrollment,
      records.map((r) => ({ ...r, ...createdBy(subject) })),
    );
    // The new ids, by natural key (a multi-row insert returns them on PostgreSQL only).
    const keys = new Set(records.map(enrollmentKey));
    const written = (
      await tx.find(Enrollment, { personId: { $in: [...new Set(records.map((r) => r.personId))] } }, { orderBy: { id: 'asc' } })
    ).filter((e) => keys.has(enrollmentKey(e)));
    await emitMany(
      tx,
      written.map((e) => ({ type: 'training.enrollment_recorded', payload: enrollmentRecorded(e) })),
    );
  },
});

const ATTENDANCE_COLUMNS = { personId: 'person_rut', workshopId: 'workshop_id' };

type NewAttendance = Pick<WorkshopAttendance, 'personId' | 'workshopId' | 'communeCode'> & { date: string };

const attendanceKey = (a: Pick<WorkshopAttendance, 'personId' | 'workshopId'>) => `${a.personId}|${a.workshopId}`;

/** Workshop attendance: a person at a workshop once; a known attendance is left as it is. */
export const workshopAttendanceImport = defineImport<NewAttendance>({
  kind: 'workshopAttendance',
  purpose: 'training-referral',
  title: 'Workshop attendance (asistencia a talleres de apresto)',
  naturalKey: 'person_rut + workshop_id',
  key: (v) => `${v.person_rut}|${v.workshop_id}`,
  communeColumn: 'commune',
  columns: [
    PERSON_RUT,
    {
      name: 'workshop_id',
      type: 'code',
      pattern: /^\d{1,15}$/,
      required: true,
      description: 'The workshop (its id in the graph): held, not in the future, after the person registered.',
      example: '1',
    },
    communeColumn('workshop'),
  ],
  async prepare(em: EntityManager, rows: ParsedRow[], run: ImportRun) {
    const people = await peopleOf(em, rows, run);
    const workshops = new Map(
      (await em.find(Workshop, { id: { $in: [...new Set(rows.map((r) => Number(r.values.workshop_id)))] } })).map((w) => [w.id, w]),
    );
    const known = new Set(
      (await em.find(WorkshopAttendance, { personId: { $in: people.ids } }, { fields: ['personId', 'workshopId'] })).map(attendanceKey),
    );
    const out: (NewAttendance | null | undefined)[] = [];
    for (const row of rows) {
      const v = row.values;
      const personId = people.idOf(row);
      const workshop = workshops.get(Number(v.workshop_id));
      if (!workshop) row.reject('workshop_id', 'RULE', `no workshop ${v.workshop_id} exists`);
      if (!personId || !workshop || !sameCommune(row, 'workshop', workshop.communeCode)) {
        out.push(undefined);
        continue;
      }
      const input = await checkInput(
        row,
        RecordWorkshopAttendanceInput,
        { personId: String(personId), workshopId: String(workshop.id) },
        ATTENDANCE_COLUMNS,
      );
      if (!input) {
        out.push(undefined);
        continue;
      }
      if (known.has(attendanceKey({ personId, workshopId: workshop.id }))) {
        out.push(null);
        continue;
      }
      const ok = await checked(row, ATTENDANCE_COLUMNS, 'person_rut', () =>
        checkAttendance(knownPerson(people.projections.get(personId) ?? null, personId), workshop),
      );
      out.push(ok ? { personId, workshopId: workshop.id, communeCode: workshop.communeCode, date: workshop.date } : undefined);
    }
    return out;
  },
  async write(tx, records, subject) {
    await tx.insertMany(
      WorkshopAttendance,
      records.map(({ date: _date, ...r }) => ({ ...r, ...createdBy(subject) })),
    );
    // The new ids, by natural key (a multi-row insert returns them on PostgreSQL only).
    const dates = new Map(records.map((r) => [attendanceKey(r), r.date]));
    const written = (
      await tx.find(WorkshopAttendance, { personId: { $in: [...new Set(records.map((r) => r.personId))] } }, { orderBy: { id: 'asc' } })
    ).filter((a) => dates.has(attendanceKey(a)));
    await emitMany(
      tx,
      written.map((a) => ({ type: 'training.workshop_attendance_recorded', payload: attendanceRecorded(a, dates.get(attendanceKey(a))!) })),
    );
  },
});
