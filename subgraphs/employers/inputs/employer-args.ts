import { ArgsType, Field, InputType } from 'type-graphql';
import { ArrayMaxSize, IsEnum, Matches, ValidateNested } from 'class-validator';
import { ContractType } from '../../../domain/classifications';
import { EmployerSize, VacancyStatus } from '../entities/enums';
import { PeriodFilter } from '../../../kit/args';
import { Order, SortDirection } from '../../../kit/order';
import { Employer } from '../entities/employer';
import { Vacancy } from '../entities/vacancy';
import { PageArgs } from '../../../kit/pagination';
import { IsCommuneCode } from '../../../kit/validation';

const SECTION = /^[A-U]$/;
const OCCUPATION = /^\d{1,4}$/;

export const EmployerOrder = Order<Employer, 'NAME'>('Employer', { NAME: 'name' }, { field: 'NAME', direction: SortDirection.ASC });

export const VacancyOrder = Order<Vacancy, 'OPENED_AT' | 'WAGE_MIN' | 'WAGE_MAX'>(
  'Vacancy',
  { OPENED_AT: 'openedAt', WAGE_MIN: 'wageMin', WAGE_MAX: 'wageMax' },
  { field: 'OPENED_AT', direction: SortDirection.DESC },
);

@InputType({ description: 'Filters of `employers`: communes, sectors, sizes; all given conditions apply.' })
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

@InputType({
  description:
    "Filters of a commune's vacancies: a period of opening dates, occupations, statuses, contract types; all given conditions apply.",
})
export class CommuneVacancyFilter extends PeriodFilter {
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
}

@InputType({
  description:
    'Filters of `vacancies`: a period of opening dates, communes, sectors, occupations, statuses, contract types; all given conditions apply.',
})
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

  @Field(() => EmployerOrder, { nullable: true, description: 'Default: by name.' })
  @ValidateNested()
  orderBy?: InstanceType<typeof EmployerOrder>;
}

@ArgsType()
export class VacanciesArgs extends PageArgs {
  @Field(() => VacancyFilter, { nullable: true })
  @ValidateNested()
  filter?: VacancyFilter;

  @Field(() => VacancyOrder, { nullable: true, description: 'Default: newest opening first.' })
  @ValidateNested()
  orderBy?: InstanceType<typeof VacancyOrder>;
}

@ArgsType()
export class CommuneEmployersArgs extends PageArgs {
  @Field(() => EmployerFilter, { nullable: true, description: 'The communes of the filter are ignored here.' })
  @ValidateNested()
  filter?: EmployerFilter;

  @Field(() => EmployerOrder, { nullable: true, description: 'Default: by name.' })
  @ValidateNested()
  orderBy?: InstanceType<typeof EmployerOrder>;
}

@ArgsType()
export class CommuneVacanciesArgs extends PageArgs {
  @Field(() => CommuneVacancyFilter, { nullable: true })
  @ValidateNested()
  filter?: CommuneVacancyFilter;

  @Field(() => VacancyOrder, { nullable: true, description: 'Default: newest opening first.' })
  @ValidateNested()
  orderBy?: InstanceType<typeof VacancyOrder>;
}
