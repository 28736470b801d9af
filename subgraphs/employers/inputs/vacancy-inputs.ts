import { IsEnum, IsInt, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ContractType } from '../../../domain/classifications';
import { LocalDate } from '../../../kit/scalars';
import { IsCommuneCode } from '../../../kit/validation';
import { IsNumericId, IsReason } from '../../../kit/writes/fields';
import { CreateInput, VersionedInput } from '../../../kit/writes/fields';
import { VacancyStatus } from '../entities/enums';
import { notBlank } from './employer-inputs';

@InputType({ description: 'A vacancy an employer registers with an OMIL (creates take an idempotency key; see docs/writes.md).' })
export class RegisterVacancyInput extends CreateInput {
  @Field(() => ID, { description: 'A registered employer.' })
  @IsNumericId()
  employerId!: string;

  @Field({ description: 'CIUO-08.CL unit group (4 digits) the product knows.' })
  @Matches(/^\d{4}$/, { message: 'must be a 4-digit CIUO-08.CL unit group, e.g. "9333"' })
  occupationCode!: string;

  @Field(() => String, { nullable: true, description: "Default: the occupation's common title." })
  @Matches(/\S/, notBlank)
  @MaxLength(200)
  title?: string | null;

  @Field(() => Int)
  @IsInt()
  @Min(1, { message: 'must be at least 1' })
  @Max(10_000, { message: 'must be at most 10,000' })
  positions!: number;

  @Field(() => ContractType)
  @IsEnum(ContractType)
  contractType!: ContractType;

  @Field(() => Int, { description: 'Monthly gross wage, lower bound (CLP): at least the minimum wage in force on the opening date.' })
  @IsInt()
  wageMin!: number;

  @Field(() => Int, { description: 'Monthly gross wage, upper bound (CLP): at least wageMin.' })
  @IsInt()
  wageMax!: number;

  @Field({ description: 'Where the job is (a Los Lagos commune of your token).' })
  @IsCommuneCode()
  communeCode!: string;

  @Field(() => LocalDate, { nullable: true, description: 'Default: today (UTC); never in the future.' })
  openedAt?: string | null;
}

@InputType({
  description: "A change of a vacancy's status: OPEN (reopened), FILLED or CLOSED (closed unfilled: a reason is required).",
})
export class SetVacancyStatusInput extends VersionedInput {
  @Field(() => VacancyStatus)
  @IsEnum(VacancyStatus)
  status!: VacancyStatus;

  @Field(() => String, { nullable: true, description: 'Why: required when closing (CLOSED).' })
  @IsReason()
  @Matches(/\S/, notBlank)
  reason?: string | null;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'When it was filled or closed. Default: today (UTC); never in the future nor before the opening.',
  })
  closedAt?: string | null;
}

@ArgsType()
export class RegisterVacancyArgs {
  @Field(() => RegisterVacancyInput)
  @ValidateNested()
  input!: RegisterVacancyInput;
}

@ArgsType()
export class SetVacancyStatusArgs {
  @Field(() => SetVacancyStatusInput)
  @ValidateNested()
  input!: SetVacancyStatusInput;
}
