import type { FilterQuery } from '@mikro-orm/core';
import { Args, Ctx, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { PERSON_RECORDS, readableRows } from '../../../kit/access';
import { IdArgs, numericId, periodCondition } from '../../../kit/args';
import { EnrollmentStatus } from '../entities/enums';
import type { Context } from '../../../kit/context';
import { discloseCount, exactCounts } from '../../../kit/stats/disclosure';
import { Connection, findPage } from '../../../kit/pagination';
import { Course } from '../entities/course';
import { Enrollment } from '../entities/enrollment';
import { Provider } from '../entities/provider';
import { Commune } from '../entities/references';
import { CourseOrder, CoursesArgs, type CourseFilter } from '../inputs/training-args';
import type { TrainingLoaders } from '../loaders';

type Ctx = Context<TrainingLoaders>;

@ObjectType()
export class CourseConnection extends Connection(Course, 'Course') {}

export function courseWhere(filter: CourseFilter | undefined): FilterQuery<Course> {
  const where: Record<string, unknown> = {};
  const period = periodCondition(filter);
  if (period) where.startDate = period;
  if (filter?.communes) where.communeCode = { $in: filter.communes };
  if (filter?.programmes) where.programme = { $in: filter.programmes };
  if (filter?.providers) where.providerId = { $in: filter.providers.map(Number) };
  return where as FilterQuery<Course>;
}

@Resolver(() => Course)
export class CourseResolver {
  @Query(() => Course, { nullable: true, description: 'A course by id; null when unknown.' })
  course(@Args() { id }: IdArgs, @Ctx() ctx: Ctx): Promise<Course | null> {
    return ctx.loaders.course.load(Number(id));
  }

  @Query(() => CourseConnection, { description: 'SENCE courses, latest start first unless ordered, filtered.' })
  courses(@Args() args: CoursesArgs, @Ctx() ctx: Ctx) {
    return findPage(ctx.em, Course, courseWhere(args.filter), CourseOrder.resolve(args.orderBy), args);
  }

  @FieldResolver(() => Provider)
  provider(@Root() course: Course, @Ctx() ctx: Ctx): Promise<Provider | null> {
    return ctx.loaders.provider.load(course.providerId);
  }

  @FieldResolver(() => Commune, { nullable: true })
  commune(@Root() course: Course): Commune {
    return { code: course.communeCode };
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'People enrolled (an aggregate: public; perturbed by the cell-key method except for admins, docs/security.md).',
  })
  async enrollmentCount(@Root() course: Course, @Ctx() ctx: Ctx): Promise<number | null> {
    const enrollments = await ctx.loaders.enrollmentsOfCourse.load(course.id);
    return discloseCount(
      enrollments.map((e) => e.id),
      exactCounts(ctx.viewer),
    );
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'People who completed it (an aggregate: public; perturbed by the cell-key method except for admins, docs/security.md).',
  })
  async completedCount(@Root() course: Course, @Ctx() ctx: Ctx): Promise<number | null> {
    const enrollments = await ctx.loaders.enrollmentsOfCourse.load(course.id);
    const completed = enrollments.filter((e) => e.status === EnrollmentStatus.COMPLETED).map((e) => e.id);
    return discloseCount(completed, exactCounts(ctx.viewer));
  }

  @FieldResolver(() => [Enrollment], {
    nullable: true,
    description: "The enrolments. Admins; municipality/omil of the course's commune (empty for others).",
  })
  async enrollments(@Root() course: Course, @Ctx() ctx: Ctx): Promise<Enrollment[]> {
    return readableRows(ctx.viewer, PERSON_RECORDS, await ctx.loaders.enrollmentsOfCourse.load(course.id));
  }
}

export async function courseReference(ref: { id: string }, ctx: Ctx): Promise<Course | null> {
  const id = numericId(ref.id);
  return id === null ? null : ctx.loaders.course.load(id);
}
