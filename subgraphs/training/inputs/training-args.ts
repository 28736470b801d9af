import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { TrainingDimension, WorkshopDimension } from '../entities/training-stats';
import { ArrayMaxSize, IsEnum, Matches, ValidateNested } from 'class-validator';
import { PeriodFilter, StatsFilterBase } from '../../../kit/args';
import { EnrollmentStatus, Programme, WorkshopTopic } from '../entities/enums';
import { PageArgs } from '../../../kit/pagination';
import { IsCommuneCode } from '../../../kit/validation';

@InputType({ description: 'Courses by programme, provider and a period of start dates.' })
export class CommuneCourseFilter extends PeriodFilter {
  @Field(() => [Programme], { nullable: true })
  @IsEnum(Programme, { each: true })
  programmes?: Programme[];

  @Field(() => [ID], { nullable: true, description: 'OTEC provider ids.' })
  @Matches(/^\d{1,15}$/, { each: true, message: 'must be provider ids' })
  providers?: string[];
}

@InputType({ description: 'Filters of `courses`.' })
export class CourseFilter extends CommuneCourseFilter {
  @Field(() => [String], { nullable: true })
  @ArrayMaxSize(400)
  @IsCommuneCode({ each: true })
  communes?: string[];
}

@InputType({ description: 'Workshops by topic and a period of dates.' })
export class CommuneWorkshopFilter extends PeriodFilter {
  @Field(() => [WorkshopTopic], { nullable: true })
  @IsEnum(WorkshopTopic, { each: true })
  topics?: WorkshopTopic[];
}

@InputType({ description: 'Filters of `workshops`.' })
export class WorkshopFilter extends CommuneWorkshopFilter {
  @Field(() => [String], { nullable: true })
  @ArrayMaxSize(400)
  @IsCommuneCode({ each: true })
  communes?: string[];
}

@InputType({ description: 'Filters of `enrollments`: a period of enrolment dates, communes of the courses, statuses.' })
export class EnrollmentFilter extends PeriodFilter {
  @Field(() => [String], { nullable: true })
  @ArrayMaxSize(400)
  @IsCommuneCode({ each: true })
  communes?: string[];

  @Field(() => [EnrollmentStatus], { nullable: true })
  @IsEnum(EnrollmentStatus, { each: true })
  statuses?: EnrollmentStatus[];
}

@ArgsType()
export class CoursesArgs extends PageArgs {
  @Field(() => CourseFilter, { nullable: true })
  @ValidateNested()
  filter?: CourseFilter;
}

@ArgsType()
export class CommuneCoursesArgs extends PageArgs {
  @Field(() => CommuneCourseFilter, { nullable: true })
  @ValidateNested()
  filter?: CommuneCourseFilter;
}

@ArgsType()
export class WorkshopsArgs extends PageArgs {
  @Field(() => WorkshopFilter, { nullable: true })
  @ValidateNested()
  filter?: WorkshopFilter;
}

@ArgsType()
export class CommuneWorkshopsArgs extends PageArgs {
  @Field(() => CommuneWorkshopFilter, { nullable: true })
  @ValidateNested()
  filter?: CommuneWorkshopFilter;
}

@ArgsType()
export class EnrollmentsArgs extends PageArgs {
  @Field(() => EnrollmentFilter, { nullable: true })
  @ValidateNested()
  filter?: EnrollmentFilter;
}

@InputType({ description: "Filters of `trainingStats`; the period is the course's start." })
export class TrainingStatsFilter extends StatsFilterBase {
  @Field(() => [Programme], { nullable: true })
  programmes?: Programme[];
}

@InputType({ description: "Filters of `workshopStats`; the period is the workshop's date." })
export class WorkshopStatsFilter extends StatsFilterBase {
  @Field(() => [WorkshopTopic], { nullable: true })
  topics?: WorkshopTopic[];
}

@ArgsType()
export class TrainingStatsArgs {
  @Field(() => TrainingStatsFilter, { nullable: true })
  @ValidateNested()
  filter?: TrainingStatsFilter;

  @Field(() => [TrainingDimension], { defaultValue: [], description: 'Any combination; empty = the grand total.' })
  groupBy!: TrainingDimension[];
}

@ArgsType()
export class WorkshopStatsArgs {
  @Field(() => WorkshopStatsFilter, { nullable: true })
  @ValidateNested()
  filter?: WorkshopStatsFilter;

  @Field(() => [WorkshopDimension], { defaultValue: [], description: 'Any combination; empty = the grand total.' })
  groupBy!: WorkshopDimension[];
}
