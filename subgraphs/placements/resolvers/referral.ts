import { Args, Ctx, Field, FieldResolver, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import type { Context } from '../../../kit/context';
import { emit } from '../../../kit/events/outbox';
import { createOnce, updateVersioned, writerFor } from '../../../kit/writes/write';
import { Commune, Person, Vacancy } from '../entities/references';
import { Referral } from '../entities/referral';
import { VacancyProjection } from '../entities/vacancy-projection';
import { RecordReferralOutcomeArgs, ReferToVacancyArgs } from '../inputs/referral-inputs';
import type { PlacementsLoaders } from '../loaders';
import { REFERRAL_RECORDED, referralRecorded } from '../events';
import { knownPerson } from './placement-checks';
import { checkReferral } from './referral-checks';

type Ctx = Context<PlacementsLoaders>;

@ObjectType()
export class ReferToVacancyPayload {
  @Field(() => Referral)
  referral!: Referral;

  @Field({ description: 'True when the idempotency key was used before: the first referral, nothing written.' })
  replayed!: boolean;
}

@ObjectType()
export class RecordReferralOutcomePayload {
  @Field(() => Referral)
  referral!: Referral;

  @Field({ description: 'Always false: updates are not replayed (a stale version is CONFLICT).' })
  replayed!: boolean;
}

@Resolver(() => Referral)
export class ReferralResolver {
  @Mutation(() => ReferToVacancyPayload, {
    description: 'Refers a registered job seeker to an open vacancy (omil of the referring commune, or admin). Idempotent by key.',
  })
  async referToVacancy(@Args() { input }: ReferToVacancyArgs, @Ctx() ctx: Ctx): Promise<ReferToVacancyPayload> {
    const subject = writerFor(ctx.viewer, input.communeCode);
    const { record, replayed } = await createOnce(
      ctx,
      {
        operation: 'referToVacancy',
        idempotencyKey: input.idempotencyKey,
        input,
        subject,
        load: (em, id) => em.findOne(Referral, { id: Number(id) }),
      },
      async (tx) => {
        const person = await knownPerson(tx, Number(input.personId));
        const vacancyId = Number(input.vacancyId);
        const vacancy = checkReferral(person, vacancyId, await tx.findOne(VacancyProjection, { id: vacancyId }), input.referredAt);
        const now = new Date();
        const referral = tx.create(Referral, {
          personId: person.id,
          vacancyId: vacancy.id,
          employerId: vacancy.employerId,
          communeCode: input.communeCode,
          referredAt: input.referredAt,
          createdBy: subject,
          updatedBy: subject,
          createdAt: now,
          updatedAt: now,
        });
        await tx.persistAndFlush(referral);
        emit(tx, REFERRAL_RECORDED, referralRecorded(referral));
        return referral;
      },
    );
    return { referral: record, replayed };
  }

  @Mutation(() => RecordReferralOutcomePayload, {
    description: 'Records how a referral ended (again, with the new version, to correct it).',
  })
  async recordReferralOutcome(@Args() { input }: RecordReferralOutcomeArgs, @Ctx() ctx: Ctx): Promise<RecordReferralOutcomePayload> {
    const referral = await updateVersioned(
      ctx,
      { entity: Referral, id: Number(input.id), version: input.version, authorize: (r) => writerFor(ctx.viewer, r.communeCode) },
      async (tx, current) => {
        emit(tx, 'placements.referral_outcome_recorded', {
          referralId: current.id,
          personId: current.personId,
          vacancyId: current.vacancyId,
          communeCode: current.communeCode,
          outcome: input.outcome,
        });
        return { outcome: input.outcome, outcomeReason: input.reason ?? null };
      },
    );
    return { referral, replayed: false };
  }

  @FieldResolver(() => Person, { nullable: true })
  person(@Root() referral: Referral): Person {
    return { id: String(referral.personId) };
  }

  @FieldResolver(() => Vacancy, { nullable: true })
  vacancy(@Root() referral: Referral): Vacancy {
    return { id: String(referral.vacancyId) };
  }

  @FieldResolver(() => Commune, { nullable: true, description: 'The commune of the OMIL that referred.' })
  commune(@Root() referral: Referral): Commune {
    return { code: referral.communeCode };
  }
}
