import { Args, Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { Context } from '../../../kit/context';
import { emit } from '../../../kit/events/outbox';
import { conflict, createOnce, updateVersioned, writerFor } from '../../../kit/writes/write';
import { PlacementStatus } from '../entities/enums';
import { Placement } from '../entities/placement';
import { placementRegistered } from '../events';
import { CancelPlacementArgs, CorrectPlacementArgs, RegisterPlacementArgs } from '../inputs/placement-inputs';
import type { PlacementsLoaders } from '../loaders';
import { checkPlacement } from './placement-checks';

type Ctx = Context<PlacementsLoaders>;

@ObjectType()
export class RegisterPlacementPayload {
  @Field(() => Placement)
  placement!: Placement;

  @Field({ description: 'True when the idempotency key was used before: the first placement, nothing written.' })
  replayed!: boolean;
}

@ObjectType()
export class CancelPlacementPayload {
  @Field(() => Placement)
  placement!: Placement;

  @Field({ description: 'Always false: updates are not replayed (a stale version is CONFLICT).' })
  replayed!: boolean;
}

@ObjectType()
export class CorrectPlacementPayload {
  @Field(() => Placement)
  placement!: Placement;

  @Field({ description: 'Always false: updates are not replayed (a stale version is CONFLICT).' })
  replayed!: boolean;
}

const notCancelled = (p: Placement) => {
  if (p.status === PlacementStatus.CANCELLED) throw conflict(`Placement ${p.id} is cancelled`, { field: 'input.id' });
};

@Resolver()
export class PlacementWritesResolver {
  @Mutation(() => RegisterPlacementPayload, {
    description:
      'Registers a placement (omil of its commune, or admin). Idempotent by key; the person and employer must be registered; publishes placements.placement_registered.',
  })
  async registerPlacement(@Args() { input }: RegisterPlacementArgs, @Ctx() ctx: Ctx): Promise<RegisterPlacementPayload> {
    const subject = writerFor(ctx.viewer, input.communeCode);
    const { record, replayed } = await createOnce(
      ctx,
      {
        operation: 'registerPlacement',
        idempotencyKey: input.idempotencyKey,
        input,
        subject,
        load: (em, id) => em.findOne(Placement, { id: Number(id) }),
      },
      async (tx) => {
        const facts = {
          personId: Number(input.personId),
          employerId: Number(input.employerId),
          vacancyId: input.vacancyId == null ? null : Number(input.vacancyId),
          communeCode: input.communeCode,
          startDate: input.startDate,
          occupationCode: input.occupationCode,
          contractType: input.contractType,
          monthlyWage: input.monthlyWage,
        };
        const snapshot = await checkPlacement(tx, facts);
        const now = new Date();
        const placement = tx.create(Placement, {
          ...facts,
          ...snapshot,
          createdBy: subject,
          updatedBy: subject,
          createdAt: now,
          updatedAt: now,
        });
        await tx.persistAndFlush(placement);
        emit(tx, 'placements.placement_registered', placementRegistered(placement));
        return placement;
      },
    );
    return { placement: record, replayed };
  }

  @Mutation(() => CancelPlacementPayload, {
    description: 'Cancels a placement with a reason: kept, left out of lists and statistics; publishes placements.placement_cancelled.',
  })
  async cancelPlacement(@Args() { input }: CancelPlacementArgs, @Ctx() ctx: Ctx): Promise<CancelPlacementPayload> {
    const placement = await updateVersioned(
      ctx,
      { entity: Placement, id: Number(input.id), version: input.version, authorize: (p) => writerFor(ctx.viewer, p.communeCode) },
      async (tx, current) => {
        notCancelled(current);
        emit(tx, 'placements.placement_cancelled', { placementId: current.id, personId: current.personId, startDate: current.startDate });
        return { status: PlacementStatus.CANCELLED, cancellationReason: input.reason };
      },
    );
    return { placement, replayed: false };
  }

  @Mutation(() => CorrectPlacementPayload, {
    description:
      'Corrects a placement’s start date, occupation, contract type or wage, with a reason; the rules of registration apply again and its analysis columns are derived again. Publishes placements.placement_corrected.',
  })
  async correctPlacement(@Args() { input }: CorrectPlacementArgs, @Ctx() ctx: Ctx): Promise<CorrectPlacementPayload> {
    const placement = await updateVersioned(
      ctx,
      { entity: Placement, id: Number(input.id), version: input.version, authorize: (p) => writerFor(ctx.viewer, p.communeCode) },
      async (tx, current) => {
        notCancelled(current);
        const facts = {
          personId: current.personId,
          employerId: current.employerId,
          vacancyId: current.vacancyId,
          communeCode: current.communeCode,
          startDate: input.startDate ?? current.startDate,
          occupationCode: input.occupationCode ?? current.occupationCode,
          contractType: input.contractType ?? current.contractType,
          monthlyWage: input.monthlyWage ?? current.monthlyWage,
        };
        const snapshot = await checkPlacement(tx, facts);
        emit(tx, 'placements.placement_corrected', placementRegistered({ ...facts, id: current.id }));
        return { ...facts, ...snapshot, correctionReason: input.reason };
      },
    );
    return { placement, replayed: false };
  }
}
