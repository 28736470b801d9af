import { ArgsType, Field, InputType } from 'type-graphql';
import { StatsFilterBase } from '../../../kit/args';
import { JobSeekerDimension } from '../entities/job-seeker-stats';
import { ArrayMaxSize, IsEnum, ValidateNested } from 'class-validator';
import { AgeBand, Education, Sex } from '../../../domain/classifications';
import { PageArgs } from '../../../kit/pagination';
import { RutScalar } from '../../../kit/rut';
import { LocalDate } from '../../../kit/scalars';
import { IsCommuneCode } from '../../../kit/validation';

@ArgsType()
export class RutArgs {
  @Field(() => RutScalar, { description: 'Any common formatting: 12345678-5, 12.345.678-5, 123456785.' })
  rut!: string;
}

@InputType({ description: 'Filters of `persons`; all given conditions apply.' })
export class PersonFilter {
  @Field(() => [String], { nullable: true, description: 'Communes of residence or of the registering OMIL (CUT codes).' })
  @ArrayMaxSize(400)
  @IsCommuneCode({ each: true })
  communes?: string[];

  @Field(() => LocalDate, { nullable: true, description: 'Registered on or after.' })
  registeredFrom?: string;

  @Field(() => LocalDate, { nullable: true, description: 'Registered on or before.' })
  registeredTo?: string;

  @Field(() => [Sex], { nullable: true })
  @IsEnum(Sex, { each: true })
  sex?: Sex[];

  @Field(() => [AgeBand], { nullable: true, description: 'Age band today.' })
  @IsEnum(AgeBand, { each: true })
  ageBands?: AgeBand[];

  @Field(() => [Education], { nullable: true })
  @IsEnum(Education, { each: true })
  education?: Education[];
}

@ArgsType()
export class PersonsArgs extends PageArgs {
  @Field(() => PersonFilter, { nullable: true })
  @ValidateNested()
  filter?: PersonFilter;
}

@InputType({ description: 'Filters of `jobSeekerStats`: a list per dimension and a range of registration dates (communes: the registering OMIL); all apply.' })
export class JobSeekerStatsFilter extends StatsFilterBase {
  @Field(() => [Sex], { nullable: true })
  sexes?: Sex[];

  @Field(() => [AgeBand], { nullable: true, description: 'Age band at registration.' })
  ageBands?: AgeBand[];

  @Field(() => [Education], { nullable: true })
  education?: Education[];
}

@ArgsType()
export class JobSeekerStatsArgs {
  @Field(() => JobSeekerStatsFilter, { nullable: true })
  @ValidateNested()
  filter?: JobSeekerStatsFilter;

  @Field(() => [JobSeekerDimension], { defaultValue: [], description: 'Any combination; empty = the grand total.' })
  groupBy!: JobSeekerDimension[];
}
