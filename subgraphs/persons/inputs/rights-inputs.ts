import { ArrayMaxSize, IsBoolean, IsEnum, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../../kit/pagination';
import { LocalDate } from '../../../kit/scalars';
import { CreateInput, IsNumericId, IsReason, VersionedInput } from '../../../kit/writes/fields';
import { ObjectionPurpose, RightsKind, RightsStatus } from '../entities/rights-request';

const NOT_BLANK = /\S/;
const blank = { message: 'must not be blank' };

export enum RightsDecision {
  GRANTED = 'GRANTED',
  DENIED = 'DENIED',
}
registerEnumType(RightsDecision, { name: 'RightsDecision', description: 'How a rights request is resolved.' });

@InputType({ description: "A person's request to exercise a right, as the OMIL received it (idempotent by key)." })
export class ReceiveRightsRequestInput extends CreateInput {
  @Field(() => ID)
  @IsNumericId()
  personId!: string;

  @Field(() => RightsKind)
  @IsEnum(RightsKind)
  kind!: RightsKind;

  @Field(() => LocalDate, { nullable: true, description: 'Default: today (UTC); never in the future.' })
  receivedAt?: string | null;

  @Field(() => [ObjectionPurpose], { nullable: true, description: 'OBJECTION only (and required there): what the person objects to.' })
  @ArrayMaxSize(2)
  @IsEnum(ObjectionPurpose, { each: true })
  purposes?: ObjectionPurpose[] | null;

  @Field(() => String, { nullable: true, description: 'What the person asked for, in their words (up to 1,000 characters).' })
  @MaxLength(1000)
  details?: string | null;
}

@InputType({ description: 'Extends an open request once, by the configured extension days, with a reason told to the person.' })
export class ExtendRightsRequestInput extends VersionedInput {
  @Field()
  @IsReason()
  @Matches(NOT_BLANK, blank)
  reason!: string;
}

@InputType({
  description:
    'Resolves an open request. GRANTED does what the right asks: ERASURE erases, BLOCKING blocks, OBJECTION records the purposes; ACCESS and PORTABILITY record the delivery; RECTIFICATION is granted by updateJobSeeker(input.rightsRequestId).',
})
export class ResolveRightsRequestInput extends VersionedInput {
  @Field(() => RightsDecision)
  @IsEnum(RightsDecision)
  decision!: RightsDecision;

  @Field({ description: 'What was done, or why it was denied (told to the person; no personal data).' })
  @Length(1, 1000, { message: 'must be 1–1000 characters' })
  @Matches(NOT_BLANK, blank)
  resolution!: string;
}

@InputType({ description: "Lifts a person's blocking (the person's version, and a reason)." })
export class UnblockJobSeekerInput extends VersionedInput {
  @Field()
  @IsReason()
  @Matches(NOT_BLANK, blank)
  reason!: string;
}

@ArgsType()
export class ReceiveRightsRequestArgs {
  @Field(() => ReceiveRightsRequestInput)
  @ValidateNested()
  input!: ReceiveRightsRequestInput;
}

@ArgsType()
export class ExtendRightsRequestArgs {
  @Field(() => ExtendRightsRequestInput)
  @ValidateNested()
  input!: ExtendRightsRequestInput;
}

@ArgsType()
export class ResolveRightsRequestArgs {
  @Field(() => ResolveRightsRequestInput)
  @ValidateNested()
  input!: ResolveRightsRequestInput;
}

@ArgsType()
export class UnblockJobSeekerArgs {
  @Field(() => UnblockJobSeekerInput)
  @ValidateNested()
  input!: UnblockJobSeekerInput;
}

@InputType({ description: 'Filters of `rightsRequests`; all given conditions apply.' })
export class RightsRequestFilter {
  @Field(() => [ID], { nullable: true })
  @ArrayMaxSize(100)
  @Matches(/^\d{1,15}$/, { each: true, message: 'must be numeric ids' })
  persons?: string[];

  @Field(() => [RightsStatus], { nullable: true })
  @IsEnum(RightsStatus, { each: true })
  statuses?: RightsStatus[];

  @Field(() => [RightsKind], { nullable: true })
  @IsEnum(RightsKind, { each: true })
  kinds?: RightsKind[];

  @Field(() => Boolean, { nullable: true, description: 'true: open and past the due date; false: the others.' })
  @IsBoolean()
  overdue?: boolean;
}

@ArgsType()
export class RightsRequestsArgs extends PageArgs {
  @Field(() => RightsRequestFilter, { nullable: true })
  @ValidateNested()
  filter?: RightsRequestFilter;
}
