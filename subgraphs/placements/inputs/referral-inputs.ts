import { CreateInput, VersionedInput } from '../../../kit/writes/fields';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { IsOptional, ValidateNested } from 'class-validator';
import { LocalDate } from '../../../kit/scalars';
import { IsCommuneCode } from '../../../kit/validation';
import { ReferralOutcome } from '../entities/enums';
import { IsNumericId, IsReason } from './write-fields';

@InputType({ description: 'A job seeker referred to an open vacancy.' })
export class ReferToVacancyInput extends CreateInput {
  @Field(() => ID)
  @IsNumericId()
  personId!: string;

  @Field(() => ID, { description: 'An OPEN vacancy.' })
  @IsNumericId()
  vacancyId!: string;

  @Field({ description: 'CUT code of the referring OMIL: one of your token’s communes.' })
  @IsCommuneCode()
  communeCode!: string;

  @Field(() => LocalDate, { description: 'Not in the future, not before the person registered nor the vacancy opened.' })
  referredAt!: string;
}

@ArgsType()
export class ReferToVacancyArgs {
  @Field(() => ReferToVacancyInput)
  @ValidateNested()
  input!: ReferToVacancyInput;
}

@InputType({ description: 'How a referral ended (recorded again with the new version to correct it).' })
export class RecordReferralOutcomeInput extends VersionedInput {
  @Field(() => ReferralOutcome)
  outcome!: ReferralOutcome;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsReason()
  reason?: string | null;
}

@ArgsType()
export class RecordReferralOutcomeArgs {
  @Field(() => RecordReferralOutcomeInput)
  @ValidateNested()
  input!: RecordReferralOutcomeInput;
}
