import type { EntityManager } from '@mikro-orm/knex';
import { Args, Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import { CIIU_CLASSES, isKnownCiiuClass } from '../../../domain/classifications';
import { isLosLagosCommune } from '../../../domain/territory';
import type { Context } from '../../../kit/context';
import { badUserInput } from '../../../kit/errors';
import { emit } from '../../../kit/events/outbox';
import { createdBy } from '../../../kit/writes/audited';
import { conflict, createOnce, updateVersioned, writerFor } from '../../../kit/writes/write';
import { Employer } from '../entities/employer';
import { EMPLOYER_REGISTERED, EMPLOYER_UPDATED, employerPayload } from '../events';
import { RegisterEmployerArgs, UpdateEmployerArgs } from '../inputs/employer-inputs';
import type { EmployersLoaders } from '../loaders';

type Ctx = Context<EmployersLoaders>;

@ObjectType()
export class RegisterEmployerPayload {
  @Field(() => Employer)
  employer!: Employer;

  @Field({ description: 'True when this idempotency key had already registered the employer: nothing was written.' })
  replayed!: boolean;
}

@ObjectType()
export class UpdateEmployerPayload {
  @Field(() => Employer)
  employer!: Employer;

  @Field({ description: 'Always false: a correction is not replayed (a stale version is CONFLICT).' })
  replayed!: boolean;
}

/** A Los Lagos commune, as the field's value; else BAD_USER_INPUT naming it. */
export function checkCommune(field: string, code: string): void {
  if (!isLosLagosCommune(code)) throw badUserInput(field, `is not a commune of Los Lagos (${code})`);
}

/** The class must be one the product knows and belong to the section; `blame` is the field given last. */
export function checkActivity(sector: string, ciiuClass: string, blame: 'sector' | 'ciiuClass' = 'ciiuClass'): void {
  if (!isKnownCiiuClass(ciiuClass)) throw badUserInput('input.ciiuClass', `is not a CIIU Rev.4.CL class the product knows (${ciiuClass})`);
  const section = CIIU_CLASSES[ciiuClass].section;
  if (section !== sector) {
    throw badUserInput(`input.${blame}`, `class ${ciiuClass} belongs to section ${section}, not ${sector}`);
  }
}

async function checkRutFree(em: EntityManager, rut: string, except?: number): Promise<void> {
  const holder = await em.findOne(Employer, { rut }, { fields: ['id'] });
  if (holder && holder.id !== except) throw conflict(`An employer with RUT ${rut} is registered already`, { field: 'input.rut' });
}

@Resolver()
export class EmployerWritesResolver {
  @Mutation(() => RegisterEmployerPayload, {
    description: 'Registers an employer in a commune of your token (omil) or anywhere (admin). Idempotent by key.',
  })
  async registerEmployer(@Args() { input }: RegisterEmployerArgs, @Ctx() ctx: Ctx): Promise<RegisterEmployerPayload> {
    const subject = writerFor(ctx.viewer, input.communeCode);
    const result = await createOnce(
      ctx,
      {
        operation: 'registerEmployer',
        idempotencyKey: input.idempotencyKey,
        input,
        subject,
        load: (em, id) => em.findOne(Employer, { id: Number(id) }),
      },
      async (tx) => {
        checkActivity(input.sector, input.ciiuClass);
        checkCommune('input.communeCode', input.communeCode);
        await checkRutFree(tx, input.rut);
        const employer = tx.create(Employer, {
          rut: input.rut,
          name: input.name.trim(),
          sector: input.sector,
          ciiuClass: input.ciiuClass,
          size: input.size,
          communeCode: input.communeCode,
          correctionReason: null,
          ...createdBy(subject),
        });
        await tx.persistAndFlush(employer);
        emit(tx, EMPLOYER_REGISTERED, employerPayload(employer));
        return employer;
      },
    ).catch(async (error) => {
      // Two registrations of one RUT under different keys at once: the unique index decided.
      if (error?.extensions?.code === 'CONFLICT' && !error.extensions.field && (await ctx.em.fork().count(Employer, { rut: input.rut }))) {
        throw conflict(`An employer with RUT ${input.rut} is registered already`, { field: 'input.rut' });
      }
      throw error;
    });
    return { employer: result.record, replayed: result.replayed };
  }

  @Mutation(() => UpdateEmployerPayload, {
    description: "Corrects an employer of your token's communes (admin: anywhere): the version read and a reason.",
  })
  async updateEmployer(@Args() { input }: UpdateEmployerArgs, @Ctx() ctx: Ctx): Promise<UpdateEmployerPayload> {
    const { id, version, reason, ...given } = input;
    for (const [field, value] of Object.entries(given)) if (value === null) throw badUserInput(`input.${field}`, 'cannot be cleared');
    const changes = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as Partial<Employer>;
    if (!Object.keys(changes).length) throw badUserInput('input', 'names no field to correct');
    if (changes.name) changes.name = changes.name.trim();
    const employer = await updateVersioned(
      ctx,
      { entity: Employer, id: Number(id), version, authorize: (current) => writerFor(ctx.viewer, current.communeCode) },
      async (tx, current) => {
        if (changes.communeCode) {
          writerFor(ctx.viewer, changes.communeCode);
          checkCommune('input.communeCode', changes.communeCode);
        }
        const next = { ...current, ...changes } as Employer;
        checkActivity(next.sector, next.ciiuClass, changes.ciiuClass ? 'ciiuClass' : 'sector');
        if (changes.rut) await checkRutFree(tx, changes.rut, current.id);
        changes.correctionReason = reason.trim();
        emit(tx, EMPLOYER_UPDATED, employerPayload(next));
        return changes;
      },
    );
    return { employer, replayed: false };
  }
}
