import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PERSON_RECORDS, readableRows } from '../../../kit/access';
import { territoryReference } from '../../../kit/references';
import type { Context } from '../../../kit/context';
import { COMMUNE_CODE } from '../../../kit/validation';
import { findPage } from '../../../kit/pagination';
import { Course } from '../entities/course';
import { Enrollment } from '../entities/enrollment';
import { Commune, Person } from '../entities/references';
import { Workshop } from '../entities/workshop';
import { CommuneCoursesArgs, CommuneWorkshopsArgs, CourseOrder, WorkshopOrder } from '../inputs/training-args';
import type { TrainingLoaders } from '../loaders';
import { CourseConnection, courseWhere } from './course';
import { WorkshopConnection, workshopWhere } from './workshop';

type Ctx = Context<TrainingLoaders>;

@Resolver(() => Commune)
export class CommuneTrainingResolver {
  @FieldResolver(() => CourseConnection, { description: 'SENCE courses given in the commune, latest start first unless ordered.' })
  courses(@Root() commune: Commune, @Args() args: CommuneCoursesArgs, @Ctx() ctx: Ctx) {
    return findPage(ctx.em, Course, courseWhere({ ...args.filter, communes: [commune.code] }), CourseOrder.resolve(args.orderBy), args);
  }

  @FieldResolver(() => WorkshopConnection, { description: "The OMIL's job-readiness workshops, latest first unless ordered." })
  workshops(@Root() commune: Commune, @Args() args: CommuneWorkshopsArgs, @Ctx() ctx: Ctx) {
    return findPage(
      ctx.em,
      Workshop,
      workshopWhere({ ...args.filter, communes: [commune.code] }),
      WorkshopOrder.resolve(args.orderBy),
      args,
    );
  }
}

@Resolver(() => Person)
export class PersonTrainingResolver {
  @FieldResolver(() => [Enrollment], {
    nullable: true,
    description: "The person's course enrolments that the viewer may read (commune records).",
  })
  async enrollments(@Root() person: Person, @Ctx() ctx: Ctx): Promise<Enrollment[]> {
    return readableRows(ctx.viewer, PERSON_RECORDS, await ctx.loaders.enrollmentsOfPerson.load(Number(person.id)));
  }

  @FieldResolver(() => [Workshop], {
    nullable: true,
    description: 'Workshops the person attended, that the viewer may read (commune records).',
  })
  async workshops(@Root() person: Person, @Ctx() ctx: Ctx): Promise<Workshop[]> {
    const attended = readableRows(ctx.viewer, PERSON_RECORDS, await ctx.loaders.attendanceOfPerson.load(Number(person.id)));
    const workshops = await ctx.loaders.workshop.loadMany(attended.map((a) => a.workshopId));
    return workshops.filter((w): w is Workshop => w instanceof Workshop);
  }
}

export const communeReference = territoryReference(COMMUNE_CODE);
