import { Length, Matches, Min } from 'class-validator';

// The field rules every mutation input shares (class-validator: the first violation is one
// BAD_USER_INPUT naming the field, e.g. input.idempotencyKey).
export const IsIdempotencyKey = () => Length(1, 128, { message: 'must be 1–128 characters, e.g. a UUID made per intended write' });
export const IsNumericId = () => Matches(/^\d{1,15}$/, { message: 'must be a numeric id' });
export const IsReason = () => Length(1, 500, { message: 'must be 1–500 characters' });
export const IsVersion = () => Min(1, { message: 'must be the version you read (1 or more)' });
