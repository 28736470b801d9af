import { ArgsType, Field, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, IsEnum, Matches, ValidateNested } from 'class-validator';
import { ContractType } from '../../../domain/classifications';
import { EmployerSize, VacancyStatus } from '../entities/enums';
import { StatsFilterBase } from '../../../kit/args';
import { PageArgs } from '../../../kit/pagination';
import { RutScalar } from '../../../kit/rut';
import { LocalDate } from '../../../kit/scalars';
import { IsCommuneCode, IsYear } from '../../../kit/validation';
import { VacancyDimension } from '../entities/vacancy-stats';

const SECTION = /^[A-U]$/;
const OCCUPATION = /^\d{1,4}$/;

@ArgsType()
export class EmployerRutArgs {
  @Field(() => RutScalar)
  rut!: string;
}

@InputType({ description: 'Filters of `employers`.' })
export class EmployerFilter {
  @Field(() => [String], { nullable: true })
  @ArrayMaxSize(400)
  @IsCommuneCode({ each: true })
  communes?: string[];

  @Field(() => [String], { nullable: true, description: 'CIIU section letters.' })
  @Matches(SECTION, { each: true, message: 'must be CIIU section letters A–U' })
  sectors?: string[];

  @Field(() => [EmployerSize], { nullable: true })
  @IsEnum(EmployerSize, { each: true })
  sizes?: EmployerSize[];
}

@InputType({ description: 'Vacancies of a commune (a period by opening date, occupation, status).' })
export class CommuneVacancyFilter {
  @Field(() => [String], { nullable: true, description: 'CIUO-08.CL codes, or their prefixes (e.g. "9" for major group 9); at most 100.' })
  @ArrayMaxSize(100)
  @Matches(OCCUPATION, { each: true, message: 'must be CIUO-08.CL codes of 1 to 4 digits' })
  occupations?: string[];

  @Field(() => [VacancyStatus], { nullable: true })
  @IsEnum(VacancyStatus, { each: true })
  statuses?: VacancyStatus[];

  @Field(() => [ContractType], { nullable: true })
  @IsEnum(ContractType, { each: true })
  contractTypes?: ContractType[];

  @Field(() => Int, { nullable: true, description: 'Opened in that year.' })
  @IsYear()
  year?: number;

  @Field(() => LocalDate, { nullable: true, description: 'Opened on or after.' })
  openedFrom?: string;

  @Field(() => LocalDate, { nullable: true, description: 'Opened on or before.' })
  openedTo?: string;
}

@InputType({ description: 'Filters of `vacancies`.' })
export class VacancyFilter extends CommuneVacancyFilter {
  @Field(() => [String], { nullable: true })
  @ArrayMaxSize(400)
  @IsCommuneCode({ each: true })
  communes?: string[];

  @Field(() => [String], { nullable: true, description: "CIIU section letters of the vacancy's employer." })
  @Matches(SECTION, { each: true, message: 'must be CIIU section letters A–U' })
  sectors?: string[];
}

@ArgsType()
export class EmployersArgs extends PageArgs {
  @Field(() => EmployerFilter, { nullable: true })
  @ValidateNested()
  filter?: EmployerFilter;
}

@ArgsType()
export class VacanciesArgs extends PageArgs {
  @Field(() => VacancyFilter, { nullable: true })
  @ValidateNested()
  filter?: VacancyFilter;
}

@ArgsType()
export class CommuneEmployersArgs extends PageArgs {
  @Field(() => EmployerFilter, { nullable: true, description: 'The communes of the filter are ignored here.' })
  @ValidateNested()
  filter?: EmployerFilter;
}

@ArgsType()
export class CommuneVacanciesArgs extends PageArgs {
  @Field(() => CommuneVacancyFilter, { nullable: true })
  @ValidateNested()
  filter?: CommuneVacancyFilter;
}

@InputType({ description: 'Filters of `vacancyStats`: a list per dimension and a range of opening dates; all apply.' })
export class VacancyStatsFilter extends StatsFilterBase {
  @Field(() => [String], { nullable: true, description: 'CIIU section letters.' })
  sectors?: string[];

  @Field(() => [String], { nullable: true, description: 'CIUO-08.CL major groups "0"–"9".' })
  occupationMajorGroups?: string[];

  @Field(() => [ContractType], { nullable: true })
  contractTypes?: ContractType[];

  @Field(() => [VacancyStatus], { nullable: true })
  statuses?: VacancyStatus[];
}

@ArgsType()
export class VacancyStatsArgs {
  @Field(() => VacancyStatsFilter, { nullable: true })
  @ValidateNested()
  filter?: VacancyStatsFilter;

  @Field(() => [VacancyDimension], { defaultValue: [], description: 'Any combination; empty = the grand total.' })
  groupBy!: VacancyDimension[];
}
