import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { Args, Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import { ageBandAt } from '../../../domain/classifications';
import type { Context } from '../../../kit/context';
import { badUserInput } from '../../../kit/errors';
import { emit } from '../../../kit/events/outbox';
import { createdBy } from '../../../kit/writes/audited';
import { conflict, createOnce, updateVersioned, writerFor } from '../../../kit/writes/write';
import { Attention } from '../entities/attention';
import { EmployerVisit } from '../entities/employer-visit';
import { RecordStatus } from '../entities/enums';
import { JobFair, JobFairAttendance, JobFairEmployer, JobFairVacancy } from '../entities/job-fair';
import { PersonProjection } from '../entities/projections';
import { VacancyCapture } from '../entities/vacancy-capture';
import {
  ATTENTION_CANCELLED,
  ATTENTION_RECORDED,
  attendancePayload,
  attentionPayload,
  capturePayload,
  EMPLOYER_VISIT_RECORDED,
  JOB_FAIR_ATTENDANCE_RECORDED,
  JOB_FAIR_REGISTERED,
  jobFairPayload,
  VACANCY_CAPTURED,
  visitPayload,
} from '../events';
import {
  AddJobFairEmployerArgs,
  AddJobFairVacancyArgs,
  CancelAttentionArgs,
  RecordAttentionArgs,
  RecordEmployerVisitArgs,
  RecordJobFairAttendanceArgs,
  RecordVacancyCaptureArgs,
  RegisterJobFairArgs,
} from '../inputs/service-inputs';
import type { CommunesLoaders } from '../loaders';
import { checkAttention, jobFairWriter, knownEmployer, knownPerson, knownVacancy, notInFuture } from './service-checks';

type Ctx = Context<CommunesLoaders>;

const REPLAYED = 'True when this idempotency key had already written it: nothing was written.';
const NEVER_REPLAYED = 'Always false: a cancellation is not replayed (a stale version is CONFLICT).';

@ObjectType()
export class RecordAttentionPayload {
  @Field(() => Attention)
  attention!: Attention;

  @Field({ description: REPLAYED })
  replayed!: boolean;
}

@ObjectType()
export class CancelAttentionPayload {
  @Field(() => Attention)
  attention!: Attention;

  @Field({ description: NEVER_REPLAYED })
  replayed!: boolean;
}

@ObjectType()
export class RecordEmployerVisitPayload {
  @Field(() => EmployerVisit)
  visit!: EmployerVisit;

  @Field({ description: REPLAYED })
  replayed!: boolean;
}

@ObjectType()
export class RecordVacancyCapturePayload {
  @Field(() => VacancyCapture)
  capture!: VacancyCapture;

  @Field({ description: REPLAYED })
  replayed!: boolean;
}

@ObjectType()
export class RegisterJobFairPayload {
  @Field(() => JobFair)
  jobFair!: JobFair;

  @Field({ description: REPLAYED })
  replayed!: boolean;
}

@ObjectType()
export class AddJobFairEmployerPayload {
  @Field(() => JobFairEmployer)
  employerPresent!: JobFairEmployer;

  @Field({ description: REPLAYED })
  replayed!: boolean;
}

@ObjectType()
export class AddJobFairVacancyPayload {
  @Field(() => JobFairVacancy)
  vacancyOffered!: JobFairVacancy;

  @Field({ description: REPLAYED })
  replayed!: boolean;
}

@ObjectType()
export class RecordJobFairAttendancePayload {
  @Field(() => JobFairAttendance)
  attendance!: JobFairAttendance;

  @Field({ description: REPLAYED })
  replayed!: boolean;
}

const byId =
  <T extends object>(entity: new () => T) =>
  (em: EntityManager, id: string) =>
    em.findOne(entity, { id: Number(id) } as never) as Promise<T | null>;

/** One more on a job fair's count, atomically (concurrent adds each count). */
const increment = (tx: EntityManager, id: number, column: 'employersPresent' | 'vacanciesOffered' | 'attendance', sql: string) =>
  tx.nativeUpdate(JobFair, { id }, { [column]: raw(`${sql} + 1`) });

@Resolver()
export class ServiceWritesResolver {
  @Mutation(() => RecordAttentionPayload, {
    description: 'Records an attention by an OMIL of your token (omil) or anywhere (admin). Idempotent by key.',
  })
  async recordAttention(@Args() { input }: RecordAttentionArgs, @Ctx() ctx: Ctx): Promise<RecordAttentionPayload> {
    const subject = writerFor(ctx.viewer, input.communeCode);
    const { record, replayed } = await createOnce(
      ctx,
      { operation: 'recordAttention', idempotencyKey: input.idempotencyKey, input, subject, load: byId(Attention) },
      async (tx) => {
        const personId = Number(input.personId);
        const person = checkAttention(input.date, personId, await tx.findOne(PersonProjection, { id: personId }));
        const attention = tx.create(Attention, {
          communeCode: input.communeCode,
          personId: person.id,
          date: input.date,
          kind: input.kind,
          status: RecordStatus.ACTIVE,
          cancelReason: null,
          sex: person.sex,
          ageBand: ageBandAt(person.birthDate, input.date),
          ...createdBy(subject),
        });
        await tx.persistAndFlush(attention);
        emit(tx, ATTENTION_RECORDED, attentionPayload(attention));
        return attention;
      },
    );
    return { attention: record, replayed };
  }

  @Mutation(() => CancelAttentionPayload, {
    description: 'Cancels an attention recorded by mistake (its row stays, CANCELLED, with the reason): the version read and a reason.',
  })
  async cancelAttention(@Args() { input }: CancelAttentionArgs, @Ctx() ctx: Ctx): Promise<CancelAttentionPayload> {
    const attention = await updateVersioned(
      ctx,
      {
        entity: Attention,
        id: Number(input.id),
        version: input.version,
        authorize: (current) => writerFor(ctx.viewer, current.communeCode),
      },
      async (tx, current) => {
        if (current.status === RecordStatus.CANCELLED)
          throw conflict(`Attention ${current.id} is cancelled already`, { field: 'input.id' });
        emit(tx, ATTENTION_CANCELLED, attentionPayload(current));
        return { status: RecordStatus.CANCELLED, cancelReason: input.reason.trim() };
      },
    );
    return { attention, replayed: false };
  }

  @Mutation(() => RecordEmployerVisitPayload, { description: "Records an OMIL's visit to a known employer. Idempotent by key." })
  async recordEmployerVisit(@Args() { input }: RecordEmployerVisitArgs, @Ctx() ctx: Ctx): Promise<RecordEmployerVisitPayload> {
    const subject = writerFor(ctx.viewer, input.communeCode);
    const { record, replayed } = await createOnce(
      ctx,
      { operation: 'recordEmployerVisit', idempotencyKey: input.idempotencyKey, input, subject, load: byId(EmployerVisit) },
      async (tx) => {
        notInFuture('input.date', input.date);
        const employer = await knownEmployer(tx, Number(input.employerId));
        const visit = tx.create(EmployerVisit, {
          communeCode: input.communeCode,
          employerId: employer.id,
          date: input.date,
          purpose: input.purpose,
          ...createdBy(subject),
        });
        await tx.persistAndFlush(visit);
        emit(tx, EMPLOYER_VISIT_RECORDED, visitPayload(visit));
        return visit;
      },
    );
    return { visit: record, replayed };
  }

  @Mutation(() => RecordVacancyCapturePayload, {
    description: 'Records a vacancy captured by an OMIL, once per vacancy (again: CONFLICT). Idempotent by key.',
  })
  async recordVacancyCapture(@Args() { input }: RecordVacancyCaptureArgs, @Ctx() ctx: Ctx): Promise<RecordVacancyCapturePayload> {
    const subject = writerFor(ctx.viewer, input.communeCode);
    const { record, replayed } = await createOnce(
      ctx,
      { operation: 'recordVacancyCapture', idempotencyKey: input.idempotencyKey, input, subject, load: byId(VacancyCapture) },
      async (tx) => {
        notInFuture('input.date', input.date);
        const vacancy = await knownVacancy(tx, Number(input.vacancyId));
        if (input.date < vacancy.openedAt) throw badUserInput('input.date', `is before the vacancy opened (${vacancy.openedAt})`);
        if (await tx.count(VacancyCapture, { vacancyId: vacancy.id }))
          throw conflict(`Vacancy ${vacancy.id} is captured already`, { field: 'input.vacancyId' });
        const capture = tx.create(VacancyCapture, {
          communeCode: input.communeCode,
          vacancyId: vacancy.id,
          date: input.date,
          positions: vacancy.positions,
          ...createdBy(subject),
        });
        await tx.persistAndFlush(capture);
        emit(tx, VACANCY_CAPTURED, capturePayload(capture));
        return capture;
      },
    );
    return { capture: record, replayed };
  }

  @Mutation(() => RegisterJobFairPayload, { description: 'Registers a job fair an OMIL held. Idempotent by key.' })
  async registerJobFair(@Args() { input }: RegisterJobFairArgs, @Ctx() ctx: Ctx): Promise<RegisterJobFairPayload> {
    const subject = writerFor(ctx.viewer, input.communeCode);
    const { record, replayed } = await createOnce(
      ctx,
      { operation: 'registerJobFair', idempotencyKey: input.idempotencyKey, input, subject, load: byId(JobFair) },
      async (tx) => {
        notInFuture('input.date', input.date);
        const fair = tx.create(JobFair, {
          communeCode: input.communeCode,
          name: input.name.trim(),
          date: input.date,
          place: input.place.trim(),
          employersPresent: 0,
          vacanciesOffered: 0,
          attendance: 0,
          ...createdBy(subject),
        });
        await tx.persistAndFlush(fair);
        emit(tx, JOB_FAIR_REGISTERED, jobFairPayload(fair));
        return fair;
      },
    );
    return { jobFair: record, replayed };
  }

  @Mutation(() => AddJobFairEmployerPayload, {
    description: 'Adds a known employer present at a job fair (once per fair). Idempotent by key.',
  })
  async addJobFairEmployer(@Args() { input }: AddJobFairEmployerArgs, @Ctx() ctx: Ctx): Promise<AddJobFairEmployerPayload> {
    const { fair, subject } = await jobFairWriter(ctx.em, ctx.viewer, Number(input.jobFairId));
    const { record, replayed } = await createOnce(
      ctx,
      { operation: 'addJobFairEmployer', idempotencyKey: input.idempotencyKey, input, subject, load: byId(JobFairEmployer) },
      async (tx) => {
        const employer = await knownEmployer(tx, Number(input.employerId));
        if (await tx.count(JobFairEmployer, { jobFairId: fair.id, employerId: employer.id }))
          throw conflict(`Employer ${employer.id} is present at job fair ${fair.id} already`, { field: 'input.employerId' });
        const row = tx.create(JobFairEmployer, { jobFairId: fair.id, employerId: employer.id, ...createdBy(subject) });
        await tx.persistAndFlush(row);
        await increment(tx, fair.id, 'employersPresent', 'employers_present');
        return row;
      },
    );
    return { employerPresent: record, replayed };
  }

  @Mutation(() => AddJobFairVacancyPayload, {
    description: 'Adds a known vacancy, opened by the fair day, offered at a job fair (once per fair). Idempotent by key.',
  })
  async addJobFairVacancy(@Args() { input }: AddJobFairVacancyArgs, @Ctx() ctx: Ctx): Promise<AddJobFairVacancyPayload> {
    const { fair, subject } = await jobFairWriter(ctx.em, ctx.viewer, Number(input.jobFairId));
    const { record, replayed } = await createOnce(
      ctx,
      { operation: 'addJobFairVacancy', idempotencyKey: input.idempotencyKey, input, subject, load: byId(JobFairVacancy) },
      async (tx) => {
        const vacancy = await knownVacancy(tx, Number(input.vacancyId));
        if (vacancy.openedAt > fair.date)
          throw badUserInput('input.vacancyId', `opened on ${vacancy.openedAt}, after the fair (${fair.date})`);
        if (await tx.count(JobFairVacancy, { jobFairId: fair.id, vacancyId: vacancy.id }))
          throw conflict(`Vacancy ${vacancy.id} is offered at job fair ${fair.id} already`, { field: 'input.vacancyId' });
        const row = tx.create(JobFairVacancy, { jobFairId: fair.id, vacancyId: vacancy.id, ...createdBy(subject) });
        await tx.persistAndFlush(row);
        await increment(tx, fair.id, 'vacanciesOffered', 'vacancies_offered');
        return row;
      },
    );
    return { vacancyOffered: record, replayed };
  }

  @Mutation(() => RecordJobFairAttendancePayload, {
    description: "Records a job seeker's attendance at a job fair: once per person and fair (again: CONFLICT). Idempotent by key.",
  })
  async recordJobFairAttendance(@Args() { input }: RecordJobFairAttendanceArgs, @Ctx() ctx: Ctx): Promise<RecordJobFairAttendancePayload> {
    const { fair, subject } = await jobFairWriter(ctx.em, ctx.viewer, Number(input.jobFairId));
    const { record, replayed } = await createOnce(
      ctx,
      { operation: 'recordJobFairAttendance', idempotencyKey: input.idempotencyKey, input, subject, load: byId(JobFairAttendance) },
      async (tx) => {
        const person = await knownPerson(tx, Number(input.personId));
        if (fair.date < person.registeredAt)
          throw badUserInput('input.personId', `registered on ${person.registeredAt}, after the fair (${fair.date})`);
        if (await tx.count(JobFairAttendance, { jobFairId: fair.id, personId: person.id }))
          throw conflict(`Job seeker ${person.id} attended job fair ${fair.id} already`, { field: 'input.personId' });
        const row = tx.create(JobFairAttendance, { jobFairId: fair.id, personId: person.id, ...createdBy(subject) });
        await tx.persistAndFlush(row);
        await increment(tx, fair.id, 'attendance', 'attendance');
        emit(tx, JOB_FAIR_ATTENDANCE_RECORDED, attendancePayload(fair, person.id));
        return row;
      },
    );
    return { attendance: record, replayed };
  }
}
