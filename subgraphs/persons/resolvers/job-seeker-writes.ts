import type { EntityManager } from '@mikro-orm/knex';
import { Args, Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import { ageAt, ageBandAt, MIN_WORKING_AGE } from '../../../domain/classifications';
import { isLosLagosCommune } from '../../../domain/territory';
import { record } from '../../../kit/audit/record';
import type { Context } from '../../../kit/context';
import { today } from '../../../kit/dates';
import { badUserInput } from '../../../kit/errors';
import { emit } from '../../../kit/events/outbox';
import { createdBy } from '../../../kit/writes/audited';
import { conflict, createOnce, updateVersioned, writerFor } from '../../../kit/writes/write';
import { Person } from '../entities/person';
import { JOB_SEEKER_REGISTERED, JOB_SEEKER_UPDATED, jobSeekerPayload } from '../events';
import { chileanPhone } from '../inputs/contact';
import { RegisterJobSeekerArgs, UpdateJobSeekerArgs } from '../inputs/job-seeker-inputs';
import type { PersonsLoaders } from '../loaders';

type Ctx = Context<PersonsLoaders>;

@ObjectType()
export class RegisterJobSeekerPayload {
  @Field(() => Person)
  person!: Person;

  @Field({ description: 'True when this idempotency key had already registered the person: nothing was written.' })
  replayed!: boolean;
}

@ObjectType()
export class UpdateJobSeekerPayload {
  @Field(() => Person)
  person!: Person;

  @Field({ description: 'Always false: a correction is not replayed (a stale version is CONFLICT).' })
  replayed!: boolean;
}

type Facts = Pick<Person, 'birthDate' | 'registeredAt' | 'residenceCommuneCode' | 'omilCommuneCode' | 'disabilityConsent' | 'disability'>;

/** The checks that need more than one field or today's date; the first violation is the answer. */
function checkFacts(facts: Facts, registering: boolean): void {
  const now = today();
  if (registering && facts.registeredAt > now) throw badUserInput('input.registeredAt', `is in the future (today is ${now})`);
  if (facts.birthDate > now) throw badUserInput('input.birthDate', `is in the future (today is ${now})`);
  const age = ageAt(facts.birthDate, facts.registeredAt);
  if (age < MIN_WORKING_AGE) {
    throw badUserInput(
      'input.birthDate',
      `makes the person ${age} at registration (${facts.registeredAt}); the minimum is ${MIN_WORKING_AGE}`,
    );
  }
  for (const field of ['residenceCommuneCode', 'omilCommuneCode'] as const) {
    if (!isLosLagosCommune(facts[field])) throw badUserInput(`input.${field}`, `is not a commune of Los Lagos (${facts[field]})`);
  }
  if (facts.disability != null && !facts.disabilityConsent) {
    throw badUserInput('input.disability', 'is sensitive data, stored only with the express consent of the person (disabilityConsent)');
  }
}

async function checkRutFree(em: EntityManager, rut: string, except?: number): Promise<void> {
  const holder = await em.findOne(Person, { rut }, { fields: ['id'] });
  if (holder && holder.id !== except) throw conflict(`A job seeker with RUT ${rut} is registered already`, { field: 'input.rut' });
}

const trimmed = (s: string | null | undefined) => (s == null ? s : s.trim());

@Resolver()
export class JobSeekerWritesResolver {
  @Mutation(() => RegisterJobSeekerPayload, {
    description: 'Registers a job seeker with an OMIL of your token (omil) or anywhere (admin). Idempotent by key.',
  })
  async registerJobSeeker(@Args() { input }: RegisterJobSeekerArgs, @Ctx() ctx: Ctx): Promise<RegisterJobSeekerPayload> {
    const subject = writerFor(ctx.viewer, input.omilCommuneCode);
    const facts = {
      birthDate: input.birthDate,
      registeredAt: input.registeredAt ?? today(),
      residenceCommuneCode: input.residenceCommuneCode,
      omilCommuneCode: input.omilCommuneCode,
      disabilityConsent: input.disabilityConsent,
      disability: input.disability ?? null,
    };
    const result = await createOnce(
      ctx,
      {
        operation: 'registerJobSeeker',
        idempotencyKey: input.idempotencyKey,
        input,
        subject,
        load: (em, id) => em.findOne(Person, { id: Number(id) }),
      },
      async (tx) => {
        checkFacts(facts, true);
        await checkRutFree(tx, input.rut);
        const person = tx.create(Person, {
          ...facts,
          rut: input.rut,
          firstName: input.firstName.trim(),
          lastName: input.lastName.trim(),
          secondLastName: trimmed(input.secondLastName) ?? '',
          sex: input.sex,
          education: input.education,
          registrationAgeBand: ageBandAt(facts.birthDate, facts.registeredAt),
          bneRegistered: input.bneRegistered,
          phone: input.phone == null ? null : chileanPhone(input.phone),
          email: trimmed(input.email) ?? null,
          correctionReason: null,
          ...createdBy(subject),
        });
        await tx.persistAndFlush(person);
        emit(tx, JOB_SEEKER_REGISTERED, jobSeekerPayload(person));
        return person;
      },
    ).catch(async (error) => {
      // Two registrations of one RUT under different keys at once: the unique index decided.
      if (error?.extensions?.code === 'CONFLICT' && !error.extensions.field && (await ctx.em.fork().count(Person, { rut: input.rut }))) {
        throw conflict(`A job seeker with RUT ${input.rut} is registered already`, { field: 'input.rut' });
      }
      throw error;
    });
    if (!result.replayed) {
      const written = Object.keys(input).filter((field) => field !== 'idempotencyKey' && input[field as keyof typeof input] != null);
      record(ctx, { type: 'Person', id: result.record.id, fields: written, outcome: 'written' });
    }
    return { person: result.record, replayed: result.replayed };
  }

  @Mutation(() => UpdateJobSeekerPayload, {
    description: "Corrects a job seeker of your token's OMIL communes (admin: anywhere): the version read and a reason.",
  })
  async updateJobSeeker(@Args() { input }: UpdateJobSeekerArgs, @Ctx() ctx: Ctx): Promise<UpdateJobSeekerPayload> {
    const { id, version, reason, ...given } = input;
    const required = ['rut', 'firstName', 'lastName', 'birthDate', 'sex', 'education', 'residenceCommuneCode', 'omilCommuneCode'] as const;
    for (const field of [...required, 'bneRegistered', 'disabilityConsent'] as const) {
      if (given[field] === null) throw badUserInput(`input.${field}`, 'cannot be cleared');
    }
    const changes = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as Partial<Person>;
    if (!Object.keys(changes).length) throw badUserInput('input', 'names no field to correct');
    if (changes.firstName) changes.firstName = changes.firstName.trim();
    if (changes.lastName) changes.lastName = changes.lastName.trim();
    if (changes.secondLastName !== undefined) changes.secondLastName = trimmed(changes.secondLastName) ?? '';
    if (changes.phone) changes.phone = chileanPhone(changes.phone);
    if (changes.email) changes.email = changes.email.trim();
    const person = await updateVersioned(
      ctx,
      {
        entity: Person,
        id: Number(id),
        version,
        authorize: (current) => writerFor(ctx.viewer, current.omilCommuneCode),
      },
      async (tx, current) => {
        if (changes.omilCommuneCode) writerFor(ctx.viewer, changes.omilCommuneCode);
        const next = { ...current, ...changes } as Person;
        // Withdrawing consent withdraws the data it allowed.
        if (changes.disabilityConsent === false && changes.disability === undefined) changes.disability = next.disability = null;
        checkFacts(next, false);
        if (changes.rut) await checkRutFree(tx, changes.rut, current.id);
        changes.registrationAgeBand = ageBandAt(next.birthDate, next.registeredAt);
        changes.correctionReason = reason.trim();
        emit(tx, JOB_SEEKER_UPDATED, jobSeekerPayload(next));
        return changes;
      },
    );
    record(ctx, { type: 'Person', id: person.id, fields: Object.keys(changes), outcome: 'written' });
    return { person, replayed: false };
  }
}
