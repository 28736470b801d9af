import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { ArrayMaxSize, IsEnum, Matches, ValidateNested } from 'class-validator';
import { PeriodFilter } from '../../../kit/args';
import { Order, SortDirection } from '../../../kit/order';
import { Course } from '../entities/course';
import { Enrollment } from '../entities/enrollment';
import { Provider } from '../entities/provider';
import { Workshop } from '../entities/workshop';
import { EnrollmentStatus, Programme, WorkshopTopic } from '../entities/enums';
import { PageArgs } from '../../../kit/pagination';
import { IsCommuneCode } from '../../../kit/validation';

export const CourseOrder = Order<Course, 'START_DATE' | 'NAME'>(
  'Course',
  { START_DATE: 'startDate', NAME: 'name' },
  { field: 'START_DATE', direction: SortDirection.DESC },
);
export const WorkshopOrder = Order<Workshop, 'DATE'>('Workshop', { DATE: 'date' }, { field: 'DATE', direction: SortDirection.DESC });
export const EnrollmentOrder = Order<Enrollment, 'ENROLLED_AT'>(
  'Enrollment',
  { ENROLLED_AT: 'enrolledAt' },
  { field: 'ENROLLED_AT', direction: SortDirection.ASC },
);
export const ProviderOrder = Order<Provider, 'NAME'>('Provider', { NAME: 'name' }, { field: 'NAME', direction: SortDirection.ASC });

@InputType({ description: "Filters of a commune's courses: a period of start dates, programmes, providers; all given conditions apply." })
export class CommuneCourseFilter extends PeriodFilter {
  @Field(() => [Programme], { nullable: true })
  @IsEnum(Programme, { each: true })
  programmes?: Programme[];

  @Field(() => [ID], { nullable: true, description: 'OTEC provider ids.' })
  @Matches(/^\d{1,15}$/, { each: true, message: 'must be provider ids' })
  providers?: string[];
}

@InputType({ description: 'Filters of `courses`: a period of start dates, communes, programmes, providers; all given conditions apply.' })
export class CourseFilter extends CommuneCourseFilter {
  @Field(() => [String], { nullable: true })
  @ArrayMaxSize(400)
  @IsCommuneCode({ each: true })
  communes?: string[];
}

@InputType({ description: "Filters of a commune's workshops: a period of workshop dates, topics; all given conditions apply." })
export class CommuneWorkshopFilter extends PeriodFilter {
  @Field(() => [WorkshopTopic], { nullable: true })
  @IsEnum(WorkshopTopic, { each: true })
  topics?: WorkshopTopic[];
}

@InputType({ description: 'Filters of `workshops`: a period of workshop dates, communes, topics; all given conditions apply.' })
export class WorkshopFilter extends CommuneWorkshopFilter {
  @Field(() => [String], { nullable: true })
  @ArrayMaxSize(400)
  @IsCommuneCode({ each: true })
  communes?: string[];
}

@InputType({
  description: "Filters of `enrollments`: a period of enrolment dates, the courses' communes, statuses; all given conditions apply.",
})
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

  @Field(() => CourseOrder, { nullable: true, description: 'Default: latest start first.' })
  @ValidateNested()
  orderBy?: InstanceType<typeof CourseOrder>;
}

@ArgsType()
export class CommuneCoursesArgs extends PageArgs {
  @Field(() => CommuneCourseFilter, { nullable: true })
  @ValidateNested()
  filter?: CommuneCourseFilter;

  @Field(() => CourseOrder, { nullable: true, description: 'Default: latest start first.' })
  @ValidateNested()
  orderBy?: InstanceType<typeof CourseOrder>;
}

@ArgsType()
export class WorkshopsArgs extends PageArgs {
  @Field(() => WorkshopFilter, { nullable: true })
  @ValidateNested()
  filter?: WorkshopFilter;

  @Field(() => WorkshopOrder, { nullable: true, description: 'Default: latest first.' })
  @ValidateNested()
  orderBy?: InstanceType<typeof WorkshopOrder>;
}

@ArgsType()
export class CommuneWorkshopsArgs extends PageArgs {
  @Field(() => CommuneWorkshopFilter, { nullable: true })
  @ValidateNested()
  filter?: CommuneWorkshopFilter;

  @Field(() => WorkshopOrder, { nullable: true, description: 'Default: latest first.' })
  @ValidateNested()
  orderBy?: InstanceType<typeof WorkshopOrder>;
}

@ArgsType()
export class EnrollmentsArgs extends PageArgs {
  @Field(() => EnrollmentFilter, { nullable: true })
  @ValidateNested()
  filter?: EnrollmentFilter;

  @Field(() => EnrollmentOrder, { nullable: true, description: 'Default: earliest enrolment first.' })
  @ValidateNested()
  orderBy?: InstanceType<typeof EnrollmentOrder>;
}

@ArgsType()
export class ProvidersArgs extends PageArgs {
  @Field(() => ProviderOrder, { nullable: true, description: 'Default: by name.' })
  @ValidateNested()
  orderBy?: InstanceType<typeof ProviderOrder>;
}
