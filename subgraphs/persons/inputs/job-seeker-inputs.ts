import { IsBoolean, IsEmail, IsEnum, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { Education, Sex } from '../../../domain/classifications';
import { RutScalar } from '../../../kit/rut';
import { LocalDate } from '../../../kit/scalars';
import { IsCommuneCode } from '../../../kit/validation';
import { IsReason } from '../../../kit/writes/fields';
import { CreateInput, IsNumericId, VersionedInput } from '../../../kit/writes/fields';
import { IsChileanPhone } from './contact';

const NOT_BLANK = /\S/;
const blank = { message: 'must not be blank' };

@InputType({ description: 'A job seeker registered by an OMIL (creates take an idempotency key; see docs/writes.md).' })
export class RegisterJobSeekerInput extends CreateInput {
  @Field(() => RutScalar)
  rut!: string;

  @Field()
  @Matches(NOT_BLANK, blank)
  @MaxLength(100)
  firstName!: string;

  @Field({ description: 'First surname (apellido paterno).' })
  @Matches(NOT_BLANK, blank)
  @MaxLength(100)
  lastName!: string;

  @Field(() => String, { nullable: true, description: 'Second surname (apellido materno), if any.' })
  @MaxLength(100)
  secondLastName?: string | null;

  @Field(() => LocalDate, { description: 'At least 15 years before the registration date.' })
  birthDate!: string;

  @Field(() => Sex)
  @IsEnum(Sex)
  sex!: Sex;

  @Field(() => Education)
  @IsEnum(Education)
  education!: Education;

  @Field({ description: 'Commune of residence (CUT code of a Los Lagos commune).' })
  @IsCommuneCode()
  residenceCommuneCode!: string;

  @Field({ description: "The registering OMIL's commune: one of your token's communes." })
  @IsCommuneCode()
  omilCommuneCode!: string;

  @Field(() => LocalDate, { nullable: true, description: 'Default: today (UTC); never in the future.' })
  registeredAt?: string | null;

  @Field({ defaultValue: false, description: 'Registered in the Bolsa Nacional de Empleo (Ley 20.328).' })
  @IsBoolean()
  bneRegistered!: boolean;

  @Field(() => String, { nullable: true, description: 'Chilean number, e.g. +56 9 1234 5678.' })
  @ValidateIf((o) => o.phone != null)
  @IsChileanPhone()
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @ValidateIf((o) => o.email != null)
  @IsEmail({}, { message: 'must be an email address, e.g. nombre@example.cl' })
  @MaxLength(254)
  email?: string | null;

  @Field({ defaultValue: false, description: 'Express consent to store disability data.' })
  @IsBoolean()
  disabilityConsent!: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Sensitive: only with disabilityConsent.' })
  disability?: boolean | null;
}

/**
 * A correction of a job seeker: the version read and a reason; only the fields given change
 * (null clears phone, email or disability). The registration date is not corrected here: other
 * records (placements, attentions) were validated against it.
 */
@InputType({ description: 'A correction of a job seeker: only the fields given change; null clears phone, email or disability.' })
export class UpdateJobSeekerInput extends VersionedInput {
  @Field({ description: 'Why the record is corrected (kept on the record).' })
  @IsReason()
  @Matches(NOT_BLANK, blank)
  reason!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'An open RECTIFICATION request of this person that the correction grants (Ley 21.719): resolved in the same transaction.',
  })
  @ValidateIf((o) => o.rightsRequestId != null)
  @IsNumericId()
  rightsRequestId?: string | null;

  @Field(() => RutScalar, { nullable: true })
  rut?: string | null;

  @Field(() => String, { nullable: true })
  @Matches(NOT_BLANK, blank)
  @MaxLength(100)
  firstName?: string | null;

  @Field(() => String, { nullable: true })
  @Matches(NOT_BLANK, blank)
  @MaxLength(100)
  lastName?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(100)
  secondLastName?: string | null;

  @Field(() => LocalDate, { nullable: true })
  birthDate?: string | null;

  @Field(() => Sex, { nullable: true })
  @IsEnum(Sex)
  sex?: Sex | null;

  @Field(() => Education, { nullable: true })
  @IsEnum(Education)
  education?: Education | null;

  @Field(() => String, { nullable: true })
  @IsCommuneCode()
  residenceCommuneCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Moving the person to another OMIL: both must be in your token.' })
  @IsCommuneCode()
  omilCommuneCode?: string | null;

  @Field(() => Boolean, { nullable: true })
  @IsBoolean()
  bneRegistered?: boolean | null;

  @Field(() => String, { nullable: true })
  @ValidateIf((o) => o.phone != null)
  @IsChileanPhone()
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @ValidateIf((o) => o.email != null)
  @IsEmail({}, { message: 'must be an email address, e.g. nombre@example.cl' })
  @MaxLength(254)
  email?: string | null;

  @Field(() => Boolean, { nullable: true })
  @IsBoolean()
  disabilityConsent?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  disability?: boolean | null;
}

// The input as one argument: class-validator then names violations from it (`input.birthDate`).
@ArgsType()
export class RegisterJobSeekerArgs {
  @Field(() => RegisterJobSeekerInput)
  @ValidateNested()
  input!: RegisterJobSeekerInput;
}

@ArgsType()
export class UpdateJobSeekerArgs {
  @Field(() => UpdateJobSeekerInput)
  @ValidateNested()
  input!: UpdateJobSeekerInput;
}
