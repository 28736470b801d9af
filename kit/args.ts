import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, Matches } from 'class-validator';
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

/** A numeric id from a reference or argument, or null when it cannot be one (then: unknown). */
export function numericId(id: unknown): number | null {
  return /^\d{1,15}$/.test(String(id)) ? Number(id) : null;
}

@InputType({ description: 'A period: a year and/or a from/to range of dates (inclusive); all given conditions apply.' })
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

/**
 * The fields every `…Stats` filter shares: lists of years, months, communes and provinces, and a
 * from/to date range on the statistic's own date (each filter says which). Each subgraph's
 * filter extends it with its own dimensions.
 */
@InputType({ description: 'Years, months, communes, provinces and a date range of a stats filter.' })
export class StatsFilterBase {
  @Field(() => [Int], { nullable: true })
  @ArrayMaxSize(100)
  @IsYear({ each: true })
  years?: number[];

  @Field(() => [Int], { nullable: true, description: '1–12.' })
  months?: number[];

  @Field(() => [String], { nullable: true, description: 'CUT commune codes.' })
  @ArrayMaxSize(400)
  communes?: string[];

  @Field(() => [String], { nullable: true, description: 'CUT province codes.' })
  provinces?: string[];

  @Field(() => LocalDate, { nullable: true, description: 'On or after.' })
  from?: string;

  @Field(() => LocalDate, { nullable: true, description: 'On or before.' })
  to?: string;
}

/**
 * A territory reference from another subgraph, by CUT code: kept only when well formed (codes go
 * into LIKE prefixes and IN lists), else null, as an unknown entity is.
 */
export function territoryReference(pattern: RegExp) {
  return (ref: { code: string }): { code: string } | null => (pattern.test(String(ref.code)) ? { code: String(ref.code) } : null);
}
