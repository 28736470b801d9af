import { IsEnum, Length, Matches, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { LocalDate } from '../../../kit/scalars';
import { IsCommuneCode } from '../../../kit/validation';
import { CreateInput, IsNumericId, IsReason, VersionedInput } from '../../../kit/writes/fields';
import { AttentionKind, VisitPurpose } from '../entities/enums';

const NOT_BLANK = { message: 'must not be blank' };

@InputType({ description: 'An attention of a job seeker by an OMIL of your token.' })
export class RecordAttentionInput extends CreateInput {
  @Field(() => ID)
  @IsNumericId()
  personId!: string;

  @Field({ description: 'CUT code of the OMIL that attended.' })
  @IsCommuneCode()
  communeCode!: string;

  @Field(() => LocalDate, { description: 'Not in the future; not before the person registered.' })
  date!: string;

  @Field(() => AttentionKind)
  @IsEnum(AttentionKind)
  kind!: AttentionKind;
}

@InputType({ description: 'Cancels an attention recorded by mistake: the version read and a reason.' })
export class CancelAttentionInput extends VersionedInput {
  @Field()
  @IsReason()
  @Matches(/\S/, NOT_BLANK)
  reason!: string;
}

@InputType({ description: "An OMIL's visit to an employer." })
export class RecordEmployerVisitInput extends CreateInput {
  @Field(() => ID)
  @IsNumericId()
  employerId!: string;

  @Field({ description: 'CUT code of the OMIL that visited.' })
  @IsCommuneCode()
  communeCode!: string;

  @Field(() => LocalDate, { description: 'Not in the future.' })
  date!: string;

  @Field(() => VisitPurpose)
  @IsEnum(VisitPurpose)
  purpose!: VisitPurpose;
}

@InputType({ description: 'A vacancy captured by an OMIL (once per vacancy).' })
export class RecordVacancyCaptureInput extends CreateInput {
  @Field(() => ID)
  @IsNumericId()
  vacancyId!: string;

  @Field({ description: 'CUT code of the OMIL that captured it.' })
  @IsCommuneCode()
  communeCode!: string;

  @Field(() => LocalDate, { description: 'Not in the future; not before the vacancy opened.' })
  date!: string;
}

@InputType({ description: 'A job fair an OMIL held (recorded once held: its date is not in the future).' })
export class RegisterJobFairInput extends CreateInput {
  @Field()
  @IsCommuneCode()
  communeCode!: string;

  @Field()
  @Length(1, 200)
  @Matches(/\S/, NOT_BLANK)
  name!: string;

  @Field(() => LocalDate, { description: 'Not in the future.' })
  date!: string;

  @Field()
  @Length(1, 200)
  @Matches(/\S/, NOT_BLANK)
  place!: string;
}

@InputType({ description: 'An employer present at a job fair (once per fair).' })
export class AddJobFairEmployerInput extends CreateInput {
  @Field(() => ID)
  @IsNumericId()
  jobFairId!: string;

  @Field(() => ID)
  @IsNumericId()
  employerId!: string;
}

@InputType({ description: 'A vacancy offered at a job fair (once per fair; opened by the fair day).' })
export class AddJobFairVacancyInput extends CreateInput {
  @Field(() => ID)
  @IsNumericId()
  jobFairId!: string;

  @Field(() => ID)
  @IsNumericId()
  vacancyId!: string;
}

@InputType({ description: "A job seeker's attendance at a job fair (once per person and fair: again is CONFLICT)." })
export class RecordJobFairAttendanceInput extends CreateInput {
  @Field(() => ID)
  @IsNumericId()
  jobFairId!: string;

  @Field(() => ID)
  @IsNumericId()
  personId!: string;
}

// Each input as one argument: class-validator then names violations from it (`input.date`).
@ArgsType()
export class RecordAttentionArgs {
  @Field(() => RecordAttentionInput)
  @ValidateNested()
  input!: RecordAttentionInput;
}

@ArgsType()
export class CancelAttentionArgs {
  @Field(() => CancelAttentionInput)
  @ValidateNested()
  input!: CancelAttentionInput;
}

@ArgsType()
export class RecordEmployerVisitArgs {
  @Field(() => RecordEmployerVisitInput)
  @ValidateNested()
  input!: RecordEmployerVisitInput;
}

@ArgsType()
export class RecordVacancyCaptureArgs {
  @Field(() => RecordVacancyCaptureInput)
  @ValidateNested()
  input!: RecordVacancyCaptureInput;
}

@ArgsType()
export class RegisterJobFairArgs {
  @Field(() => RegisterJobFairInput)
  @ValidateNested()
  input!: RegisterJobFairInput;
}

@ArgsType()
export class AddJobFairEmployerArgs {
  @Field(() => AddJobFairEmployerInput)
  @ValidateNested()
  input!: AddJobFairEmployerInput;
}

@ArgsType()
export class AddJobFairVacancyArgs {
  @Field(() => AddJobFairVacancyInput)
  @ValidateNested()
  input!: AddJobFairVacancyInput;
}

@ArgsType()
export class RecordJobFairAttendanceArgs {
  @Field(() => RecordJobFairAttendanceInput)
  @ValidateNested()
  input!: RecordJobFairAttendanceInput;
}
