import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { IsOptional, ValidateNested } from 'class-validator';
import { LocalDate } from '../../../kit/scalars';
import { IsCommuneCode } from '../../../kit/validation';
import { ReferralOutcome } from '../entities/enums';
import { IsIdempotencyKey, IsNumericId, IsReason, IsVersion } from './write-fields';

@InputType({ description: 'A job seeker referred to an open vacancy.' })
export class ReferToVacancyInput {
  @Field({ description: 'Made by the client per intended write (e.g. a UUID): a repeat returns the first referral.' })
  @IsIdempotencyKey()
  idempotencyKey!: string;

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
export class RecordReferralOutcomeInput {
  @Field(() => ID)
  @IsNumericId()
  id!: string;

  @Field(() => Int)
  @IsVersion()
  version!: number;

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
