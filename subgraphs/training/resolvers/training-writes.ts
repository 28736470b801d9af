import type { EntityManager } from '@mikro-orm/knex';
import { Args, Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { Context } from '../../../kit/context';
import { today } from '../../../kit/dates';
import { badUserInput } from '../../../kit/errors';
import { emit } from '../../../kit/events/outbox';
import { conflict, createOnce, updateVersioned, writerFor } from '../../../kit/writes/write';
import { Course } from '../entities/course';
import { Enrollment, placedWithin3Months } from '../entities/enrollment';
import { EnrollmentStatus } from '../entities/enums';
import { PersonProjection } from '../entities/person-projection';
import { PlacementStart } from '../entities/placement-start';
import { Workshop, WorkshopAttendance } from '../entities/workshop';
import { attendanceRecorded, enrollmentOutcome, enrollmentRecorded } from '../events';
import { EnrollInCourseArgs, EnrollmentOutcome, RecordEnrollmentOutcomeArgs, RecordWorkshopAttendanceArgs } from '../inputs/write-inputs';
import type { TrainingLoaders } from '../loaders';
import { checkAttendance, checkEnrollment, knownPerson } from './training-checks';

type Ctx = Context<TrainingLoaders>;

@ObjectType()
export class EnrollInCoursePayload {
  @Field(() => Enrollment)
  enrollment!: Enrollment;

  @Field({ description: 'True when the idempotency key was used before: the first enrolment, nothing written.' })
  replayed!: boolean;
}

@ObjectType()
export class RecordEnrollmentOutcomePayload {
  @Field(() => Enrollment)
  enrollment!: Enrollment;

  @Field({ description: 'Always false: updates are not replayed (a stale version is CONFLICT).' })
  replayed!: boolean;
}

@ObjectType()
export class RecordWorkshopAttendancePayload {
  @Field(() => WorkshopAttendance)
  attendance!: WorkshopAttendance;

  @Field({ description: 'True when the idempotency key was used before: the first attendance, nothing written.' })
  replayed!: boolean;
}

/** The person a write names, from the projection: unknown is bad input naming the field. */
const personOf = async (em: EntityManager, id: string) => knownPerson(await em.findOne(PersonProjection, { id: Number(id) }), id);

const audit = (subject: string, now = new Date()) => ({ createdBy: subject, updatedBy: subject, createdAt: now, updatedAt: now });

@Resolver()
export class TrainingWritesResolver {
  @Mutation(() => EnrollInCoursePayload, {
    description:
      "Enrols a registered job seeker in a course (omil of the course's commune, or admin). Idempotent by key; once per person and course.",
  })
  async enrollInCourse(@Args() { input }: EnrollInCourseArgs, @Ctx() ctx: Ctx): Promise<EnrollInCoursePayload> {
    const course = await ctx.em.findOne(Course, { id: Number(input.courseId) });
    if (!course) throw badUserInput('input.courseId', `no course ${input.courseId} exists`);
    const subject = writerFor(ctx.viewer, course.communeCode);
    const { record, replayed } = await createOnce(
      ctx,
      {
        operation: 'enrollInCourse',
        idempotencyKey: input.idempotencyKey,
        input,
        subject,
        load: (em, id) => em.findOne(Enrollment, { id: Number(id) }),
      },
      async (tx) => {
        const person = await personOf(tx, input.personId);
        checkEnrollment(person, input.enrolledAt);
        if (await tx.count(Enrollment, { personId: person.id, courseId: course.id }))
          throw conflict(`Person ${person.id} is enrolled in course ${course.id} already`, { field: 'input.courseId' });
        const enrollment = tx.create(Enrollment, {
          personId: person.id,
          courseId: course.id,
          communeCode: course.communeCode,
          status: EnrollmentStatus.ENROLLED,
          enrolledAt: input.enrolledAt,
          completedAt: null,
          placedAt: null,
          ...audit(subject),
        });
        await tx.persistAndFlush(enrollment);
        emit(tx, 'training.enrollment_recorded', enrollmentRecorded(enrollment));
        return enrollment;
      },
    );
    return { enrollment: record, replayed };
  }

  @Mutation(() => RecordEnrollmentOutcomePayload, {
    description:
      'Records how an enrolment ended: COMPLETED on a date (its job outcome, placed within 3 months, follows the placements) or DROPPED with a reason.',
  })
  async recordEnrollmentOutcome(@Args() { input }: RecordEnrollmentOutcomeArgs, @Ctx() ctx: Ctx): Promise<RecordEnrollmentOutcomePayload> {
    const enrollment = await updateVersioned(
      ctx,
      { entity: Enrollment, id: Number(input.id), version: input.version, authorize: (e) => writerFor(ctx.viewer, e.communeCode) },
      async (tx, current) => {
        let changes: Partial<Enrollment>;
        if (input.outcome === EnrollmentOutcome.COMPLETED) {
          const completedAt = input.completedAt;
          if (!completedAt) throw badUserInput('input.completedAt', 'is required when the outcome is COMPLETED');
          if (completedAt > today()) throw badUserInput('input.completedAt', `${completedAt} is in the future`);
          if (completedAt < current.enrolledAt)
            throw badUserInput('input.completedAt', `${completedAt} is before the enrolment (${current.enrolledAt})`);
          const starts = (await tx.find(PlacementStart, { personId: current.personId })).map((s) => s.startDate);
          changes = {
            status: EnrollmentStatus.COMPLETED,
            completedAt,
            dropReason: null,
            placedAt: placedWithin3Months(completedAt, starts),
          };
        } else {
          if (!input.reason) throw badUserInput('input.reason', 'is required when the outcome is DROPPED');
          changes = { status: EnrollmentStatus.DROPPED, completedAt: null, dropReason: input.reason, placedAt: null };
        }
        emit(tx, 'training.enrollment_outcome_recorded', enrollmentOutcome({ ...current, ...changes } as Enrollment));
        return changes;
      },
    );
    return { enrollment, replayed: false };
  }

  @Mutation(() => RecordWorkshopAttendancePayload, {
    description:
      "Records that a registered job seeker attended a held workshop (omil of the workshop's commune, or admin). Once per person and workshop.",
  })
  async recordWorkshopAttendance(
    @Args() { input }: RecordWorkshopAttendanceArgs,
    @Ctx() ctx: Ctx,
  ): Promise<RecordWorkshopAttendancePayload> {
    const workshop = await ctx.em.findOne(Workshop, { id: Number(input.workshopId) });
    if (!workshop) throw badUserInput('input.workshopId', `no workshop ${input.workshopId} exists`);
    const subject = writerFor(ctx.viewer, workshop.communeCode);
    const { record, replayed } = await createOnce(
      ctx,
      {
        operation: 'recordWorkshopAttendance',
        idempotencyKey: input.idempotencyKey,
        input,
        subject,
        load: (em, id) => em.findOne(WorkshopAttendance, { id: Number(id) }),
      },
      async (tx) => {
        const person = await personOf(tx, input.personId);
        checkAttendance(person, workshop);
        if (await tx.count(WorkshopAttendance, { personId: person.id, workshopId: workshop.id }))
          throw conflict(`Person ${person.id} attended workshop ${workshop.id} already`, { field: 'input.personId' });
        const attendance = tx.create(WorkshopAttendance, {
          personId: person.id,
          workshopId: workshop.id,
          communeCode: workshop.communeCode,
          ...audit(subject),
        });
        await tx.persistAndFlush(attendance);
        emit(tx, 'training.workshop_attendance_recorded', attendanceRecorded(attendance, workshop.date));
        return attendance;
      },
    );
    return { attendance: record, replayed };
  }
}
