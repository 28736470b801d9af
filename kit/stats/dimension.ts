import { Int } from 'type-graphql';
import type { Context } from '../context';
import { YEAR_MAX, YEAR_MIN } from '../validation';

export type SqlDialect = 'sqlite' | 'postgresql';

/**
 * One way a statistic can be cut: the SQL that computes it, its GraphQL types, the filter field
 * that restricts it and the values that filter accepts. A statistic's dimension enum, row keys,
 * filter lists and column map are all derived from these, so none can drift from another.
 */
export interface Dimension {
  /** SQL over the statistic's table (aliased `t`) and joins; a function where the dialects differ. */
  column: string | ((dialect: SqlDialect) => string);
  /** GraphQL type of the row's key (a scalar, an enum or an entity reference type). */
  type: () => unknown;
  /** GraphQL type of one value of the filter list; defaults to `type`. */
  filterType?: () => unknown;
  /** Name of the filter field (a plural: `years`, `communes`, `sexes`). */
  filter: string;
  description?: string;
  filterDescription?: string;
  /** A reason when a filter value is unknown (enums are checked by GraphQL itself). */
  check?: (value: never) => string | null;
  /** The SQL value as the row shows it (a number, an entity reference). */
  output?: (raw: unknown) => unknown;
  /**
   * Replaces each shown key (after `output`) by an object this subgraph loads, in order: for an
   * entity the subgraph owns, whose other fields a key-only reference would leave empty.
   */
  load?: (ctx: Context<unknown>, keys: unknown[]) => Promise<unknown[]>;
  /** Sorts rows: enum values in their declared order, numbers as numbers; nulls always last. */
  rank?: (raw: unknown) => number | string;
  /** At most this many distinct values: the gateway's cost estimate multiplies them. */
  size: number;
}

export const sqlOf = (dimension: Dimension, dialect: SqlDialect): string =>
  typeof dimension.column === 'function' ? dimension.column(dialect) : dimension.column;

const yearExpression = (column: string) => (dialect: SqlDialect) =>
  dialect === 'postgresql' ? `cast(extract(year from ${column}) as integer)` : `cast(strftime('%Y', ${column}) as integer)`;
const monthExpression = (column: string) => (dialect: SqlDialect) =>
  dialect === 'postgresql' ? `cast(extract(month from ${column}) as integer)` : `cast(strftime('%m', ${column}) as integer)`;

/** The year of an event: a stored year column, or `{ of: dateColumn }` to extract it. */
export function yearDimension(column: string | { of: string }, description = 'Year.'): Dimension {
  return {
    column: typeof column === 'string' ? column : yearExpression(column.of),
    type: () => Int,
    filter: 'years',
    description,
    filterDescription: 'Years.',
    check: (y: number) => (Number.isInteger(y) && y >= YEAR_MIN && y <= YEAR_MAX ? null : `must be between ${YEAR_MIN} and ${YEAR_MAX}`),
    output: Number,
    rank: Number,
    size: 10,
  };
}

/** The month (1–12) of an event: a stored month column, or `{ of: dateColumn }`. */
export function monthDimension(column: string | { of: string }, description = 'Month, 1–12.'): Dimension {
  return {
    column: typeof column === 'string' ? column : monthExpression(column.of),
    type: () => Int,
    filter: 'months',
    description,
    filterDescription: 'Months, 1–12.',
    check: (m: number) => (Number.isInteger(m) && m >= 1 && m <= 12 ? null : 'months are 1 to 12'),
    output: Number,
    rank: Number,
    size: 12,
  };
}

/** A column holding a GraphQL enum's values; rows sort in the enum's declared order. */
export function enumDimension(enumObject: Record<string, string>, column: string, filter: string, description?: string): Dimension {
  const order = Object.values(enumObject);
  return { column, type: () => enumObject, filter, description, rank: (v) => order.indexOf(String(v)), size: order.length };
}

/** A column of codes from a closed list (letters, digits): a String key, unknown codes refused. */
export function codeDimension(options: {
  column: string;
  filter: string;
  known: readonly string[];
  description?: string;
  filterDescription?: string;
  /** A GraphQL type for the key instead of String, e.g. an entity reference `{ code }`. */
  reference?: () => unknown;
}): Dimension {
  const known = new Set(options.known);
  return {
    column: options.column,
    filter: options.filter,
    description: options.description,
    filterDescription: options.filterDescription,
    type: options.reference ?? (() => String),
    filterType: () => String,
    check: (v: string) => (known.has(v) ? null : 'unknown value'),
    output: options.reference ? (raw) => ({ code: String(raw) }) : String,
    rank: String,
    size: known.size,
  };
}
