import type { FilterQuery } from '@mikro-orm/core';
import { Args, Ctx, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { PERSON_RECORDS, communeScope, narrow } from '../../../kit/access';
import { periodCondition } from '../../../kit/args';
import type { Context } from '../../../kit/context';
import { Connection, findPage } from '../../../kit/pagination';
import { Course } from '../entities/course';
import { Enrollment } from '../entities/enrollment';
import { Person } from '../entities/references';
import { EnrollmentOrder, EnrollmentsArgs } from '../inputs/training-args';
import type { TrainingLoaders } from '../loaders';

type Ctx = Context<TrainingLoaders>;

@ObjectType()
export class EnrollmentConnection extends Connection(Enrollment, 'Enrollment') {}

@Resolver(() => Enrollment)
export class EnrollmentResolver {
  @Query(() => EnrollmentConnection, {
    nullable: true,
    description:
      "Enrolments, earliest enrolment first unless ordered. Admins; municipality/omil only their communes' courses (the list narrows).",
  })
  async enrollments(@Args() { filter, ...args }: EnrollmentsArgs, @Ctx() ctx: Ctx) {
    const communes = narrow(filter?.communes, communeScope(ctx.viewer, PERSON_RECORDS));
    const where: Record<string, unknown> = {};
    const period = periodCondition(filter);
    if (period) where.enrolledAt = period;
    if (communes) where.communeCode = { $in: communes };
    if (filter?.statuses) where.status = { $in: filter.statuses };
    return findPage(ctx.em, Enrollment, where as FilterQuery<Enrollment>, EnrollmentOrder.resolve(args.orderBy), args);
  }

  @FieldResolver(() => Person, { nullable: true })
  person(@Root() enrollment: Enrollment): Person {
    return { id: String(enrollment.personId) };
  }

  @FieldResolver(() => Course)
  course(@Root() enrollment: Enrollment, @Ctx() ctx: Ctx): Promise<Course | null> {
    return ctx.loaders.course.load(enrollment.courseId);
  }
}
