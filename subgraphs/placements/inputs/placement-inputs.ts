import { CreateInput, VersionedInput } from '../../../kit/writes/fields';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ValidateNested } from 'class-validator';
import { ContractType } from '../../../domain/classifications';
import { LocalDate } from '../../../kit/scalars';
import { IsCommuneCode } from '../../../kit/validation';
import { IsNumericId, IsOccupationCode, IsReason, IsWage } from './write-fields';

@InputType({ description: 'A placement to register: who starts which job, where, when and on what terms.' })
export class RegisterPlacementInput extends CreateInput {
  @Field(() => ID, { description: 'A job seeker the persons subgraph registered.' })
  @IsNumericId()
  personId!: string;

  @Field(() => ID)
  @IsNumericId()
  employerId!: string;

  @Field(() => ID, { nullable: true, description: 'The vacancy filled, if any: one of the employer’s.' })
  @IsNumericId()
  vacancyId?: string | null;

  @Field({ description: 'CUT code of the registering OMIL: one of your token’s communes.' })
  @IsCommuneCode()
  communeCode!: string;

  @Field(() => LocalDate, { description: 'First day of work: not in the future, not before the person registered.' })
  startDate!: string;

  @Field({ description: 'CIUO-08.CL unit group the product knows.' })
  @IsOccupationCode()
  occupationCode!: string;

  @Field(() => ContractType, { description: 'APPRENTICESHIP only under 21 at the start date.' })
  contractType!: ContractType;

  @Field(() => Int, { description: 'Monthly gross wage, CLP: not below the minimum wage in force on the start date.' })
  @IsWage()
  monthlyWage!: number;
}

@ArgsType()
export class RegisterPlacementArgs {
  @Field(() => RegisterPlacementInput)
  @ValidateNested()
  input!: RegisterPlacementInput;
}

@InputType({ description: 'Cancel a placement (kept, with its reason; left out of lists and statistics).' })
export class CancelPlacementInput extends VersionedInput {
  @Field()
  @IsReason()
  reason!: string;
}

@ArgsType()
export class CancelPlacementArgs {
  @Field(() => CancelPlacementInput)
  @ValidateNested()
  input!: CancelPlacementInput;
}

@InputType({
  description:
    'Correct a placement’s terms; fields left out keep their value. The person, employer, vacancy and OMIL are not corrected: cancel and register again.',
})
export class CorrectPlacementInput extends VersionedInput {
  @Field()
  @IsReason()
  reason!: string;

  @Field(() => LocalDate, { nullable: true })
  startDate?: string | null;

  @Field(() => String, { nullable: true })
  @IsOccupationCode()
  occupationCode?: string | null;

  @Field(() => ContractType, { nullable: true })
  contractType?: ContractType | null;

  @Field(() => Int, { nullable: true })
  @IsWage()
  monthlyWage?: number | null;
}

@ArgsType()
export class CorrectPlacementArgs {
  @Field(() => CorrectPlacementInput)
  @ValidateNested()
  input!: CorrectPlacementInput;
}
