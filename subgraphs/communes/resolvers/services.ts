import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PERSON_RECORDS, readableRows } from '../../../kit/access';
import { numericId } from '../../../kit/args';
import { YearArgs } from '../../../kit/args';
import type { Context } from '../../../kit/context';
import { Attention } from '../entities/attention';
import { Commune } from '../entities/commune';
import { EmployerVisit } from '../entities/employer-visit';
import { byIndicator, IndicatorGoal } from '../entities/indicator-goal';
import { JobFair, JobFairAttendance, JobFairEmployer, JobFairVacancy } from '../entities/job-fair';
import { Employer, Person, Vacancy } from '../entities/references';
import { Region } from '../entities/region';
import { VacancyCapture } from '../entities/vacancy-capture';
import type { CommunesLoaders } from '../loaders';

type Ctx = Context<CommunesLoaders>;

// The OMIL services' links: communes here, persons, employers and vacancies by key (the gateway resolves them).
const person = (row: { personId: number }): Person => ({ id: String(row.personId) });
const employer = (row: { employerId: number }): Employer => ({ id: String(row.employerId) });
const vacancy = (row: { vacancyId: number }): Vacancy => ({ id: String(row.vacancyId) });

@Resolver(() => Attention)
export class AttentionResolver {
  @FieldResolver(() => Person, { nullable: true })
  person(@Root() row: Attention): Person {
    return person(row);
  }

  @FieldResolver(() => Commune, { description: 'The OMIL that attended.' })
  commune(@Root() row: Attention, @Ctx() ctx: Ctx): Promise<Commune | null> {
    return ctx.loaders.commune.load(row.communeCode);
  }
}

@Resolver(() => EmployerVisit)
export class EmployerVisitResolver {
  @FieldResolver(() => Employer, { nullable: true })
  employer(@Root() row: EmployerVisit): Employer {
    return employer(row);
  }

  @FieldResolver(() => Commune, { description: 'The OMIL that visited.' })
  commune(@Root() row: EmployerVisit, @Ctx() ctx: Ctx): Promise<Commune | null> {
    return ctx.loaders.commune.load(row.communeCode);
  }
}

@Resolver(() => VacancyCapture)
export class VacancyCaptureResolver {
  @FieldResolver(() => Vacancy, { nullable: true })
  vacancy(@Root() row: VacancyCapture): Vacancy {
    return vacancy(row);
  }

  @FieldResolver(() => Commune, { description: 'The OMIL that captured it.' })
  commune(@Root() row: VacancyCapture, @Ctx() ctx: Ctx): Promise<Commune | null> {
    return ctx.loaders.commune.load(row.communeCode);
  }
}

@Resolver(() => JobFair)
export class JobFairResolver {
  @FieldResolver(() => Commune)
  commune(@Root() row: JobFair, @Ctx() ctx: Ctx): Promise<Commune | null> {
    return ctx.loaders.commune.load(row.communeCode);
  }
}

@Resolver(() => JobFairEmployer)
export class JobFairEmployerResolver {
  @FieldResolver(() => Employer, { nullable: true })
  employer(@Root() row: JobFairEmployer): Employer {
    return employer(row);
  }
}

@Resolver(() => JobFairVacancy)
export class JobFairVacancyResolver {
  @FieldResolver(() => Vacancy, { nullable: true })
  vacancy(@Root() row: JobFairVacancy): Vacancy {
    return vacancy(row);
  }
}

@Resolver(() => JobFairAttendance)
export class JobFairAttendanceResolver {
  @FieldResolver(() => Person, { nullable: true })
  person(@Root() row: JobFairAttendance): Person {
    return person(row);
  }
}

/** What the communes subgraph holds of a person (Ley 21.719 access): attentions and job fairs attended. */
@Resolver(() => Person)
export class PersonServicesResolver {
  @FieldResolver(() => [Attention], {
    nullable: true,
    description: "The person's OMIL attentions (cancelled ones too) that the viewer may read (commune records), earliest first.",
  })
  async attentions(@Root() row: Person, @Ctx() ctx: Ctx): Promise<Attention[]> {
    const id = numericId(row.id);
    return readableRows(ctx.viewer, PERSON_RECORDS, id === null ? [] : await ctx.loaders.attentionsOfPerson.load(id));
  }

  @FieldResolver(() => [JobFair], {
    nullable: true,
    description: 'Job fairs the person attended, that the viewer may read (commune records).',
  })
  async jobFairs(@Root() row: Person, @Ctx() ctx: Ctx): Promise<JobFair[]> {
    const id = numericId(row.id);
    const attended = id === null ? [] : await ctx.loaders.jobFairAttendanceOfPerson.load(id);
    const fairs = (await ctx.loaders.jobFair.loadMany(attended.map((a) => a.jobFairId))).filter((f): f is JobFair => f instanceof JobFair);
    return readableRows(ctx.viewer, PERSON_RECORDS, fairs);
  }
}

@Resolver(() => Commune)
export class CommuneGoalsResolver {
  @FieldResolver(() => [IndicatorGoal], { description: "The year's FOMIL service goals (placement goals: placementStats)." })
  indicatorGoals(@Root() commune: Commune, @Args() { year }: YearArgs, @Ctx() ctx: Ctx): Promise<IndicatorGoal[]> {
    return ctx.loaders.indicatorGoals.load({ communeCode: commune.code, year });
  }
}

@Resolver(() => Region)
export class RegionGoalsResolver {
  @FieldResolver(() => [IndicatorGoal], { description: "The year's FOMIL service goals of the region's communes, by commune." })
  indicatorGoals(@Root() region: Region, @Args() { year }: YearArgs, @Ctx() ctx: Ctx): Promise<IndicatorGoal[]> {
    return ctx.em.find(IndicatorGoal, { year, communeCode: { $like: `${region.code}%` } }).then(byIndicator);
  }
}

@Resolver(() => IndicatorGoal)
export class IndicatorGoalResolver {
  @FieldResolver(() => Commune)
  commune(@Root() goal: IndicatorGoal, @Ctx() ctx: Ctx): Promise<Commune | null> {
    return ctx.loaders.commune.load(goal.communeCode);
  }
}
