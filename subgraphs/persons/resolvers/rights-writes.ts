import type { EntityManager } from '@mikro-orm/knex';
import { Args, Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import { record } from '../../../kit/audit/record';
import type { Context } from '../../../kit/context';
import { today } from '../../../kit/dates';
import { badUserInput } from '../../../kit/errors';
import { emit, OutboxEvent } from '../../../kit/events/outbox';
import { createdBy } from '../../../kit/writes/audited';
import { IdempotencyRecord } from '../../../kit/writes/idempotency';
import { conflict, createOnce, notFound, updateVersioned, writerFor } from '../../../kit/writes/write';
import { Person } from '../entities/person';
import { purposesOf, RightsKind, RightsRequest, RightsStatus } from '../entities/rights-request';
import { erasedPayload, JOB_SEEKER_REGISTERED, JOB_SEEKER_UPDATED, jobSeekerPayload, PERSON_ERASED } from '../events';
import {
  ExtendRightsRequestArgs,
  ReceiveRightsRequestArgs,
  ResolveRightsRequestArgs,
  RightsDecision,
  UnblockJobSeekerArgs,
} from '../inputs/rights-inputs';
import type { PersonsLoaders } from '../loaders';
import { dueAfter, rightsDeadline } from '../privacy';

type Ctx = Context<PersonsLoaders>;

@ObjectType()
export class RightsRequestPayload {
  @Field(() => RightsRequest)
  request!: RightsRequest;

  @Field({ description: 'True when this idempotency key had already recorded the request: nothing was written.' })
  replayed!: boolean;
}

@ObjectType()
export class UnblockJobSeekerPayload {
  @Field(() => Person)
  person!: Person;
}

/** A person that can still be acted on: known and not erased (else NOT_FOUND). */
async function livePerson(em: EntityManager, id: number, field = 'input.personId'): Promise<Person> {
  const person = await em.findOne(Person, { id });
  if (!person || person.erasedAt) throw notFound(`Person ${id} does not exist (${field})`);
  return person;
}

/** Changes a person inside a request's transaction: a new version, who and when. */
async function changePerson(tx: EntityManager, person: Person, subject: string, changes: Partial<Person>): Promise<void> {
  await tx.nativeUpdate(Person, { id: person.id }, {
    ...changes,
    version: person.version + 1,
    updatedBy: subject,
    updatedAt: new Date(),
  } as never);
}

/**
 * Erasure (supresión): the person's identifiers and personal fields go; the anonymous analysis
 * dimensions (sex, education, registration date and age band, communes) stay, so every statistic
 * answers as before. The person's earlier events in the outbox keep only the id and the fact,
 * the registration's idempotency key stops answering with the record, and PERSON_ERASED tells
 * every subgraph to drop its projection of the person.
 */
export async function erasePerson(tx: EntityManager, person: Person, subject: string): Promise<void> {
  const id = person.id;
  await changePerson(tx, person, subject, {
    rut: null,
    firstName: '',
    lastName: '',
    secondLastName: '',
    birthDate: null,
    phone: null,
    email: null,
    disabilityConsent: false,
    disability: null,
    correctionReason: null,
    blockedAt: null,
    objectedPurposes: '',
    erasedAt: new Date(),
  });
  const events = await tx.find(OutboxEvent, {
    type: { $in: [JOB_SEEKER_REGISTERED, JOB_SEEKER_UPDATED] },
    payload: { $like: `{"personId":${id},%` },
  });
  for (const event of events) event.payload = JSON.stringify(erasedPayload(id));
  await tx.nativeUpdate(IdempotencyRecord, { operation: 'registerJobSeeker', resultId: String(id) }, { inputHash: 'erased' });
  await tx.nativeUpdate(RightsRequest, { personId: id }, { details: null });
  emit(tx, PERSON_ERASED, { personId: id });
}

@Resolver()
export class RightsWritesResolver {
  @Mutation(() => RightsRequestPayload, {
    description:
      "Records a person's request to exercise a right (Ley 21.719), with its legal due date: omil of the person's OMIL commune, or admin. Idempotent by key.",
  })
  async receiveRightsRequest(@Args() { input }: ReceiveRightsRequestArgs, @Ctx() ctx: Ctx): Promise<RightsRequestPayload> {
    const person = await livePerson(ctx.em.fork() as EntityManager, Number(input.personId));
    const subject = writerFor(ctx.viewer, person.omilCommuneCode);
    const receivedAt = input.receivedAt ?? today();
    if (receivedAt > today()) throw badUserInput('input.receivedAt', `is in the future (today is ${today()})`);
    const purposes = input.purposes ?? [];
    if (input.kind === RightsKind.OBJECTION && !purposes.length)
      throw badUserInput('input.purposes', 'an objection names what it objects to');
    if (input.kind !== RightsKind.OBJECTION && purposes.length)
      throw badUserInput('input.purposes', `is for OBJECTION only, not ${input.kind}`);
    const result = await createOnce(
      ctx,
      {
        operation: 'receiveRightsRequest',
        idempotencyKey: input.idempotencyKey,
        input,
        subject,
        load: (em, id) => em.findOne(RightsRequest, { id: Number(id) }),
      },
      async (tx) => {
        const request = tx.create(RightsRequest, {
          personId: person.id,
          communeCode: person.omilCommuneCode,
          kind: input.kind,
          receivedAt,
          dueDate: dueAfter(receivedAt, rightsDeadline().days),
          purposeList: [...new Set(purposes)].join(','),
          details: input.details?.trim() || null,
          status: RightsStatus.OPEN,
          extensionReason: null,
          resolution: null,
          resolvedAt: null,
          handledBy: null,
          ...createdBy(subject),
        });
        await tx.persistAndFlush(request);
        return request;
      },
    );
    if (!result.replayed) record(ctx, { type: 'Person', id: person.id, fields: ['rightsRequest'], outcome: 'written' });
    return { request: result.record, replayed: result.replayed };
  }

  @Mutation(() => RightsRequestPayload, { description: 'Extends an open request once (Ley 21.719: once, by as many days), with a reason.' })
  async extendRightsRequest(@Args() { input }: ExtendRightsRequestArgs, @Ctx() ctx: Ctx): Promise<RightsRequestPayload> {
    const request = await updateVersioned(
      ctx,
      { entity: RightsRequest, id: Number(input.id), version: input.version, authorize: (r) => writerFor(ctx.viewer, r.communeCode) },
      async (_tx, current) => {
        if (current.status !== RightsStatus.OPEN)
          throw conflict(`Request ${current.id} is ${current.status} already`, { field: 'input.id' });
        if (current.extensionReason) throw conflict(`Request ${current.id} was extended once already`, { field: 'input.id' });
        return { dueDate: dueAfter(current.dueDate, rightsDeadline().extensionDays), extensionReason: input.reason.trim() };
      },
    );
    return { request, replayed: false };
  }

  @Mutation(() => RightsRequestPayload, {
    description:
      'Resolves an open request: GRANTED erases (ERASURE), blocks (BLOCKING) or records the objection (OBJECTION) in the same transaction; ACCESS/PORTABILITY record the delivery; DENIED records why.',
  })
  async resolveRightsRequest(@Args() { input }: ResolveRightsRequestArgs, @Ctx() ctx: Ctx): Promise<RightsRequestPayload> {
    const request = await updateVersioned(
      ctx,
      { entity: RightsRequest, id: Number(input.id), version: input.version, authorize: (r) => writerFor(ctx.viewer, r.communeCode) },
      async (tx, current, subject) => {
        if (current.status !== RightsStatus.OPEN)
          throw conflict(`Request ${current.id} is ${current.status} already`, { field: 'input.id' });
        if (input.decision === RightsDecision.GRANTED) {
          if (current.kind === RightsKind.RECTIFICATION) {
            throw badUserInput(
              'input.decision',
              'a rectification is granted by updateJobSeeker with input.rightsRequestId (the correction itself)',
            );
          }
          const person = await livePerson(tx, current.personId, 'request.personId');
          if (current.kind === RightsKind.ERASURE) await erasePerson(tx, person, subject);
          if (current.kind === RightsKind.BLOCKING) await changePerson(tx, person, subject, { blockedAt: new Date() });
          if (current.kind === RightsKind.OBJECTION) {
            const objectedPurposes = [...new Set([...purposesOf(person.objectedPurposes), ...purposesOf(current.purposeList)])]
              .sort()
              .join(',');
            await changePerson(tx, person, subject, { objectedPurposes });
            emit(tx, JOB_SEEKER_UPDATED, jobSeekerPayload({ ...person, objectedPurposes }));
          }
        }
        return {
          status: input.decision === RightsDecision.GRANTED ? RightsStatus.GRANTED : RightsStatus.DENIED,
          resolution: input.resolution.trim(),
          resolvedAt: today(),
          handledBy: subject,
        };
      },
    );
    const written: Record<RightsKind, string[]> = {
      ACCESS: [],
      PORTABILITY: [],
      RECTIFICATION: [],
      ERASURE: [
        'rut',
        'firstName',
        'lastName',
        'secondLastName',
        'birthDate',
        'phone',
        'email',
        'disability',
        'erased',
        'RightsRequest.details',
      ],
      BLOCKING: ['blocked'],
      OBJECTION: ['objections'],
    };
    const fields = request.status === RightsStatus.GRANTED ? written[request.kind] : [];
    record(ctx, { type: 'Person', id: request.personId, fields: ['rightsRequest', ...fields], outcome: 'written' });
    return { request, replayed: false };
  }

  @Mutation(() => UnblockJobSeekerPayload, {
    description: "Lifts a person's blocking (the person's version and a reason, added to the granted BLOCKING request's resolution).",
  })
  async unblockJobSeeker(@Args() { input }: UnblockJobSeekerArgs, @Ctx() ctx: Ctx): Promise<UnblockJobSeekerPayload> {
    const person = await updateVersioned(
      ctx,
      {
        entity: Person,
        id: Number(input.id),
        version: input.version,
        authorize: (current) => {
          if (current.erasedAt) throw notFound(`Person ${current.id} does not exist`);
          return writerFor(ctx.viewer, current.omilCommuneCode);
        },
      },
      async (tx, current, subject) => {
        if (!current.blockedAt) throw badUserInput('input.id', `person ${current.id} is not blocked`);
        const [granted] = await tx.find(
          RightsRequest,
          { personId: current.id, kind: RightsKind.BLOCKING, status: RightsStatus.GRANTED },
          { orderBy: { id: 'desc' }, limit: 1 },
        );
        if (granted) {
          const lifted = `${granted.resolution ?? ''} — lifted on ${today()} by ${subject}: ${input.reason.trim()}`;
          await tx.nativeUpdate(RightsRequest, { id: granted.id }, { resolution: lifted.slice(0, 1000), version: granted.version + 1 });
        }
        return { blockedAt: null };
      },
    );
    record(ctx, { type: 'Person', id: person.id, fields: ['blocked'], outcome: 'written' });
    return { person };
  }
}

/**
 * A rectification request granted by the correction itself (updateJobSeeker with
 * input.rightsRequestId), in the correction's transaction.
 */
export async function grantRectification(
  tx: EntityManager,
  requestId: number,
  personId: number,
  subject: string,
  fields: string[],
  reason: string,
): Promise<void> {
  const request = await tx.findOne(RightsRequest, { id: requestId });
  if (!request || request.personId !== personId) throw badUserInput('input.rightsRequestId', `is not a request of person ${personId}`);
  if (request.kind !== RightsKind.RECTIFICATION)
    throw badUserInput('input.rightsRequestId', `is a ${request.kind} request, not RECTIFICATION`);
  if (request.status !== RightsStatus.OPEN)
    throw conflict(`Request ${request.id} is ${request.status} already`, { field: 'input.rightsRequestId' });
  await tx.nativeUpdate(
    RightsRequest,
    { id: request.id },
    {
      status: RightsStatus.GRANTED,
      resolution: `Rectified ${fields.join(', ')}: ${reason}`.slice(0, 1000),
      resolvedAt: today(),
      handledBy: subject,
      version: request.version + 1,
      updatedBy: subject,
      updatedAt: new Date(),
    },
  );
}
