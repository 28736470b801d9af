import type { FilterQuery } from '@mikro-orm/core';
import { Args, Ctx, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { PERSON_RECORDS, readableRows } from '../../../kit/access';
import { IdArgs, numericId, periodCondition } from '../../../kit/args';
import type { Context } from '../../../kit/context';
import { exactCounts, perturb } from '../../../kit/stats/disclosure';
import { Connection, findPage } from '../../../kit/pagination';
import { Commune, Person } from '../entities/references';
import { Workshop, WorkshopAttendance } from '../entities/workshop';
import { WorkshopOrder, WorkshopsArgs, type WorkshopFilter } from '../inputs/training-args';
import type { TrainingLoaders } from '../loaders';

type Ctx = Context<TrainingLoaders>;

@ObjectType()
export class WorkshopConnection extends Connection(Workshop, 'Workshop') {}

export function workshopWhere(filter: WorkshopFilter | undefined): FilterQuery<Workshop> {
  const where: Record<string, unknown> = {};
  const period = periodCondition(filter);
  if (period) where.date = period;
  if (filter?.communes) where.communeCode = { $in: filter.communes };
  if (filter?.topics) where.topic = { $in: filter.topics };
  return where as FilterQuery<Workshop>;
}

@Resolver(() => Workshop)
export class WorkshopResolver {
  @Query(() => Workshop, { nullable: true, description: 'A workshop by id; null when unknown.' })
  workshop(@Args() { id }: IdArgs, @Ctx() ctx: Ctx): Promise<Workshop | null> {
    return ctx.loaders.workshop.load(Number(id));
  }

  @Query(() => WorkshopConnection, { description: 'Job-readiness workshops, latest first unless ordered, filtered.' })
  workshops(@Args() args: WorkshopsArgs, @Ctx() ctx: Ctx) {
    return findPage(ctx.em, Workshop, workshopWhere(args.filter), WorkshopOrder.resolve(args.orderBy), args);
  }

  @FieldResolver(() => Commune, { nullable: true })
  commune(@Root() workshop: Workshop): Commune {
    return { code: workshop.communeCode };
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'People who attended (an aggregate: public; perturbed by the cell-key method except for admins, docs/security.md).',
  })
  async attendeeCount(@Root() workshop: Workshop, @Ctx() ctx: Ctx): Promise<number | null> {
    const { count, key } = await ctx.loaders.attendeeCount.load(workshop.id);
    return exactCounts(ctx.viewer) ? count : perturb(count, key);
  }

  @FieldResolver(() => [Person], {
    nullable: true,
    description: "Who attended. Admins; municipality/omil of the workshop's commune (empty for others).",
  })
  async attendees(@Root() workshop: Workshop, @Ctx() ctx: Ctx): Promise<Person[]> {
    const rows = readableRows(ctx.viewer, PERSON_RECORDS, await ctx.loaders.attendanceOfWorkshop.load(workshop.id));
    return rows.map((a) => ({ id: String(a.personId) }));
  }
}

export async function workshopReference(ref: { id: string }, ctx: Ctx): Promise<Workshop | null> {
  const id = numericId(ref.id);
  return id === null ? null : ctx.loaders.workshop.load(id);
}

@Resolver(() => WorkshopAttendance)
export class WorkshopAttendanceResolver {
  @FieldResolver(() => Person, { nullable: true })
  person(@Root() attendance: WorkshopAttendance): Person {
    return { id: String(attendance.personId) };
  }

  @FieldResolver(() => Workshop)
  async workshop(@Root() attendance: WorkshopAttendance, @Ctx() ctx: Ctx): Promise<Workshop> {
    return (await ctx.loaders.workshop.load(attendance.workshopId))!;
  }
}
