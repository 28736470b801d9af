import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, Matches } from 'class-validator';
import { RutScalar } from './rut';
import { LocalDate } from './scalars';
import { checkDateRange, IsYear } from './validation';

/** `(year: Int!)` on a field, checked against the platform's year range. */
@ArgsType()
export class YearArgs {
  @Field(() => Int)
  @IsYear()
  year!: number;
}

/** `(id: ID!)` of the entities keyed by a numeric id. */
@ArgsType()
export class IdArgs {
  @Field(() => ID)
  @Matches(/^\d{1,15}$/, { message: 'must be a numeric id' })
  id!: string;
}

/** `(rut: Rut!)` of the entities looked up by RUT (people, employers). */
@ArgsType()
export class RutArgs {
  @Field(() => RutScalar, { description: 'Any common formatting: 12345678-5, 12.345.678-5, 123456785.' })
  rut!: string;
}

/** `(ruts: [Rut!]!)`: up to 400 RUTs looked up at once (file imports resolve theirs so). */
@ArgsType()
export class RutsArgs {
  @Field(() => [RutScalar], { description: 'Up to 400 RUTs, any common formatting.' })
  @ArrayMaxSize(400)
  ruts!: string[];
}

/** A numeric id from a reference or argument, or null when it cannot be one (then: unknown). */
export function numericId(id: unknown): number | null {
  return /^\d{1,15}$/.test(String(id)) ? Number(id) : null;
}

/**
 * The period of every list filter: a year and/or a from/to range of dates (inclusive). Each list
 * applies it to one date of its rows and its filter's description says which.
 */
@InputType({
  description:
    'A period: a year and/or a from/to range of dates (inclusive); all given conditions apply. Each filter says which date it applies to.',
})
export class PeriodFilter {
  @Field(() => Int, { nullable: true })
  @IsYear()
  year?: number;

  @Field(() => LocalDate, { nullable: true, description: 'On or after.' })
  from?: string;

  @Field(() => LocalDate, { nullable: true, description: 'On or before.' })
  to?: string;
}

/** The date condition of a period on one column: a year and a from/to range intersect. */
export function periodCondition(period: PeriodFilter | undefined): { $gte?: string; $lte?: string } | undefined {
  checkDateRange(period?.from, period?.to);
  const starts = [period?.year ? `${period.year}-01-01` : undefined, period?.from].filter(Boolean) as string[];
  const ends = [period?.year ? `${period.year}-12-31` : undefined, period?.to].filter(Boolean) as string[];
  const range: { $gte?: string; $lte?: string } = {};
  if (starts.length) range.$gte = starts.sort().at(-1)!;
  if (ends.length) range.$lte = ends.sort()[0];
  return Object.keys(range).length ? range : undefined;
}
