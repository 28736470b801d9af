import { IsEnum, IsIn, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, InputType } from 'type-graphql';
import { CIIU_SECTIONS } from '../../../domain/classifications';
import { RutScalar } from '../../../kit/rut';
import { IsCommuneCode } from '../../../kit/validation';
import { IsReason } from '../../../kit/writes/fields';
import { CreateInput, VersionedInput } from '../../../kit/writes/fields';
import { EmployerSize } from '../entities/enums';

const NOT_BLANK = /\S/;
export const notBlank = { message: 'must not be blank' };
export const IsSection = () => IsIn(CIIU_SECTIONS, { message: 'must be a CIIU Rev.4.CL section letter A–U' });
export const IsCiiuClass = () => Matches(/^\d{4}$/, { message: 'must be a 4-digit CIIU Rev.4.CL class, e.g. "0321"' });

@InputType({ description: 'An employer registered by an OMIL (creates take an idempotency key; see docs/writes.md).' })
export class RegisterEmployerInput extends CreateInput {
  @Field(() => RutScalar, { description: 'Company RUT (or the RUN of a natural person who employs).' })
  rut!: string;

  @Field()
  @Matches(NOT_BLANK, notBlank)
  @MaxLength(200)
  name!: string;

  @Field({ description: 'CIIU Rev.4.CL section letter (A–U): the sector.' })
  @IsSection()
  sector!: string;

  @Field({ description: 'CIIU Rev.4.CL class (4 digits), of that section.' })
  @IsCiiuClass()
  ciiuClass!: string;

  @Field(() => EmployerSize)
  @IsEnum(EmployerSize)
  size!: EmployerSize;

  @Field({ description: 'Where the employer is (a Los Lagos commune of your token).' })
  @IsCommuneCode()
  communeCode!: string;
}

@InputType({ description: 'A correction of an employer: only the fields given change; class and section stay consistent.' })
export class UpdateEmployerInput extends VersionedInput {
  @Field({ description: 'Why the record is corrected (kept on the record).' })
  @IsReason()
  @Matches(NOT_BLANK, notBlank)
  reason!: string;

  @Field(() => RutScalar, { nullable: true })
  rut?: string | null;

  @Field(() => String, { nullable: true })
  @Matches(NOT_BLANK, notBlank)
  @MaxLength(200)
  name?: string | null;

  @Field(() => String, { nullable: true })
  @IsSection()
  sector?: string | null;

  @Field(() => String, { nullable: true })
  @IsCiiuClass()
  ciiuClass?: string | null;

  @Field(() => EmployerSize, { nullable: true })
  @IsEnum(EmployerSize)
  size?: EmployerSize | null;

  @Field(() => String, { nullable: true, description: 'Moving the employer to another commune: both must be in your token.' })
  @IsCommuneCode()
  communeCode?: string | null;
}

// Each input as one argument: class-validator then names violations from it (`input.ciiuClass`).
@ArgsType()
export class RegisterEmployerArgs {
  @Field(() => RegisterEmployerInput)
  @ValidateNested()
  input!: RegisterEmployerInput;
}

@ArgsType()
export class UpdateEmployerArgs {
  @Field(() => UpdateEmployerInput)
  @ValidateNested()
  input!: UpdateEmployerInput;
}
