import { ArgsType, Field, ID, InputType, registerEnumType } from 'type-graphql';
import { IsOptional, ValidateNested } from 'class-validator';
import { LocalDate } from '../../../kit/scalars';
import { IsNumericId, IsReason } from '../../../kit/writes/fields';
import { CreateInput, VersionedInput } from '../../../kit/writes/fields';

export enum EnrollmentOutcome {
  COMPLETED = 'COMPLETED',
  DROPPED = 'DROPPED',
}
registerEnumType(EnrollmentOutcome, { name: 'EnrollmentOutcome', description: 'How an enrolment ended.' });

@InputType({ description: 'A registered job seeker enrolled in a course.' })
export class EnrollInCourseInput extends CreateInput {
  @Field(() => ID)
  @IsNumericId()
  personId!: string;

  @Field(() => ID, { description: 'The course; its commune must be one of your token’s.' })
  @IsNumericId()
  courseId!: string;

  @Field(() => LocalDate, { description: 'Not in the future, not before the person registered.' })
  enrolledAt!: string;
}

@ArgsType()
export class EnrollInCourseArgs {
  @Field(() => EnrollInCourseInput)
  @ValidateNested()
  input!: EnrollInCourseInput;
}

@InputType({
  description: 'How an enrolment ended: COMPLETED on a date, or DROPPED with a reason. Again, with the new version, to correct it.',
})
export class RecordEnrollmentOutcomeInput extends VersionedInput {
  @Field(() => EnrollmentOutcome)
  outcome!: EnrollmentOutcome;

  @Field(() => LocalDate, { nullable: true, description: 'With COMPLETED: not before the enrolment, not in the future.' })
  completedAt?: string | null;

  @Field(() => String, { nullable: true, description: 'With DROPPED: why.' })
  @IsOptional()
  @IsReason()
  reason?: string | null;
}

@ArgsType()
export class RecordEnrollmentOutcomeArgs {
  @Field(() => RecordEnrollmentOutcomeInput)
  @ValidateNested()
  input!: RecordEnrollmentOutcomeInput;
}

@InputType({ description: 'A registered job seeker attended a workshop (once per person and workshop).' })
export class RecordWorkshopAttendanceInput extends CreateInput {
  @Field(() => ID)
  @IsNumericId()
  personId!: string;

  @Field(() => ID, { description: 'The workshop (held, not in the future); its commune must be one of your token’s.' })
  @IsNumericId()
  workshopId!: string;
}

@ArgsType()
export class RecordWorkshopAttendanceArgs {
  @Field(() => RecordWorkshopAttendanceInput)
  @ValidateNested()
  input!: RecordWorkshopAttendanceInput;
}
