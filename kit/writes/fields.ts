import { Field, ID, InputType, Int } from 'type-graphql';
import { Length, Matches, Min } from 'class-validator';

// The field rules every mutation input shares (class-validator: the first violation is one
// BAD_USER_INPUT naming the field, e.g. input.idempotencyKey).
export const IsIdempotencyKey = () => Length(1, 128, { message: 'must be 1–128 characters, e.g. a UUID made per intended write' });
export const IsNumericId = () => Matches(/^\d{1,15}$/, { message: 'must be a numeric id' });
export const IsReason = () => Length(1, 500, { message: 'must be 1–500 characters' });
export const IsVersion = () => Min(1, { message: 'must be the version you read (1 or more)' });

/** The field every create's input starts with (docs/writes.md). */
@InputType()
export abstract class CreateInput {
  @Field({
    description:
      'A key the client makes per intended write (e.g. a UUID), 1–128 characters: the same key and input again return the first record and write nothing; with another input, CONFLICT.',
  })
  @IsIdempotencyKey()
  idempotencyKey!: string;
}

/** The fields every update, correction or cancellation starts with: the record and the version read. */
@InputType()
export abstract class VersionedInput {
  @Field(() => ID)
  @IsNumericId()
  id!: string;

  @Field(() => Int, { description: 'The version you read: a stale one is CONFLICT and writes nothing.' })
  @IsVersion()
  version!: number;
}
