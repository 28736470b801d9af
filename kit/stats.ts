import type { EntityName } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { MAX_STAT_ROWS } from './config';
import type { Viewer } from './context';
import { badUserInput } from './errors';
import { losLagosCommunes } from '../domain/territory';

/**
 * The statistics engine of every subgraph: one SQL GROUP BY over one table, grouped by any
 * combination of named dimensions (SQL expressions), filtered, ordered by the grouped keys,
 * computed by the database — rows are never loaded into JavaScript to be counted.
 */
export interface Condition {
  sql: string;
  values: unknown[];
}

export interface Join {
  entity: EntityName<object>;
  alias: string;
  on: [string, string];
  left?: boolean;
}

export interface GroupQuery<D extends string> {
  em: EntityManager;
  entity: EntityName<object>;
  joins?: Join[];
  /** Dimension → SQL expression over the table aliased `t`. */
  dimensions: Record<D, string>;
  groupBy: readonly D[];
  where: Condition[];
  /** Measure alias → SQL aggregate. */
  measures: Record<string, string>;
  maxRows?: number;
}

/** Cells under this many people are suppressed for callers without exact access. */
export const SUPPRESSION_THRESHOLD = 5;

/** SQL of the year and month of a date column, for both databases. */
export function dateParts(em: EntityManager, column: string): { year: string; month: string } {
  const postgres = em.getDriver().constructor.name === 'PostgreSqlDriver';
  return postgres
    ? { year: `cast(extract(year from ${column}) as integer)`, month: `cast(extract(month from ${column}) as integer)` }
    : { year: `cast(strftime('%Y', ${column}) as integer)`, month: `cast(strftime('%m', ${column}) as integer)` };
}

export function inList(sql: string, values: readonly unknown[] | undefined | null): Condition[] {
  if (!values) return [];
  const distinct = [...new Set(values)];
  if (!distinct.length) return [{ sql: '1 = 0', values: [] }];
  return [{ sql: `${sql} in (${distinct.map(() => '?').join(', ')})`, values: distinct }];
}

export function dateRange(column: string, from?: string | null, to?: string | null): Condition[] {
  const out: Condition[] = [];
  if (from) out.push({ sql: `${column} >= ?`, values: [from] });
  if (to) out.push({ sql: `${column} <= ?`, values: [to] });
  return out;
}

export async function groupRows<D extends string>(query: GroupQuery<D>): Promise<Record<string, unknown>[]> {
  const { em, groupBy, dimensions } = query;
  const knex = em.getKnex();
  const table = (entity: EntityName<object>) => {
    const meta = em.getMetadata().get(entity);
    const schema = meta.schema ?? em.config.get('schema');
    return schema ? `${schema}.${meta.tableName}` : meta.tableName;
  };
  const qb = knex.from({ t: table(query.entity) });
  for (const join of query.joins ?? []) {
    qb[join.left ? 'leftJoin' : 'join']({ [join.alias]: table(join.entity) }, join.on[0], join.on[1]);
  }
  const keys = groupBy.map((d) => dimensions[d]);
  qb.select([
    ...groupBy.map((d) => knex.raw(`${dimensions[d]} as ??`, [keyName(d)])),
    ...Object.entries(query.measures).map(([alias, sql]) => knex.raw(`${sql} as ??`, [alias])),
  ]);
  for (const condition of query.where) qb.whereRaw(condition.sql, condition.values as never[]);
  if (keys.length) qb.groupByRaw(keys.join(', ')).orderByRaw(keys.join(', '));
  const max = query.maxRows ?? MAX_STAT_ROWS;
  qb.limit(max + 1);
  const rows = (await em.getConnection().execute(qb as never)) as Record<string, unknown>[];
  if (rows.length > max) {
    throw badUserInput('groupBy', `gives more than ${max} rows: group by fewer dimensions or filter more`);
  }
  return rows;
}

/** A dimension's key in a stats row: OCCUPATION_MAJOR_GROUP → occupationMajorGroup. */
export function keyName(dimension: string): string {
  return dimension.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Filter fields (lists of values) and the dimension each one restricts. */
const FILTER_DIMENSIONS: Record<string, string> = {
  years: 'YEAR', months: 'MONTH', communes: 'COMMUNE', provinces: 'PROVINCE', sectors: 'SECTOR',
  occupationMajorGroups: 'OCCUPATION_MAJOR_GROUP', sexes: 'SEX', ageBands: 'AGE_BAND', contractTypes: 'CONTRACT_TYPE',
  education: 'EDUCATION', programmes: 'PROGRAMME', topics: 'TOPIC', statuses: 'STATUS',
};

/**
 * The WHERE of a stats filter: each list restricts its dimension's column (checked first: known
 * values, a sensible period), from/to restrict `dateColumn`. `overrides` replaces a list (the
 * years extended by the previous ones for a year-over-year change).
 */
export function statConditions(
  columns: Record<string, string>,
  filter: object | undefined | null,
  dateColumn: string,
  overrides: Record<string, unknown[] | undefined> = {},
): Condition[] {
  const f = (filter ?? {}) as Record<string, unknown>;
  checkKnownValues(f);
  checkPeriod(f);
  const out: Condition[] = [];
  for (const [field, dimension] of Object.entries(FILTER_DIMENSIONS)) {
    const values = (field in overrides ? overrides[field] : f[field]) as unknown[] | undefined;
    if (values && columns[dimension]) out.push(...inList(columns[dimension], values));
  }
  return [...out, ...dateRange(dateColumn, f.from as string | undefined, f.to as string | undefined)];
}

/** The grouped keys of a stats row, typed for GraphQL: numbers, and Commune/Province references. */
export function statKeys(row: Record<string, unknown>, groupBy: readonly string[]): Record<string, unknown> {
  const keys: Record<string, unknown> = {};
  for (const dimension of groupBy) {
    const name = keyName(dimension);
    const value = row[name];
    keys[name] = value == null ? null
      : name === 'year' || name === 'month' ? Number(value)
        : name === 'commune' || name === 'province' ? { code: String(value) }
          : value;
  }
  return keys;
}

/** Analysts and admins see exact counts; everyone else gets small cells suppressed. */
export function exactCounts(viewer: Viewer | null): boolean {
  return Boolean(viewer?.roles.some((r) => r === 'analyst' || r === 'admin'));
}

/** A count of people, or null (suppressed) when under the threshold for this viewer. */
export function disclose(count: number | null, exact: boolean): number | null {
  if (count === null) return null;
  return exact || count === 0 || count >= SUPPRESSION_THRESHOLD ? count : null;
}

// Known values of the dimensions, to name unknown ones in errors.
const COMMUNES = new Set(losLagosCommunes().map((c) => c.code));
const PROVINCES = new Set(losLagosCommunes().map((c) => c.provinceCode));
const KNOWN: Record<string, (v: string) => boolean> = {
  communes: (v) => COMMUNES.has(v),
  provinces: (v) => PROVINCES.has(v),
  sectors: (v) => /^[A-U]$/.test(v),
  occupationMajorGroups: (v) => /^\d$/.test(v),
};

/** Every listed value must be a known commune, province, sector or occupation major group. */
function checkKnownValues(filter: Record<string, unknown> | undefined | null): void {
  for (const [field, known] of Object.entries(KNOWN)) {
    for (const value of (filter?.[field] as string[] | undefined) ?? []) {
      if (!known(value)) throw badUserInput(`filter.${field}`, `unknown value "${value}"`);
    }
  }
  for (const month of (filter?.months as number[] | undefined) ?? []) {
    if (!Number.isInteger(month) || month < 1 || month > 12) throw badUserInput('filter.months', `unknown value "${month}": months are 1 to 12`);
  }
}

/** A years list and a from/to range that cannot overlap, or a reversed range, is bad input. */
function checkPeriod(filter: { years?: number[] | null; from?: string | null; to?: string | null }): void {
  if (filter.from && filter.to && filter.from > filter.to) throw badUserInput('filter.from', `is after filter.to (${filter.from} > ${filter.to})`);
  if (filter.years?.length && (filter.from || filter.to)) {
    const overlaps = filter.years.some((y) => (!filter.from || `${y}-12-31` >= filter.from) && (!filter.to || `${y}-01-01` <= filter.to));
    if (!overlaps) throw badUserInput('filter.years', `no year of ${filter.years.join(', ')} falls between filter.from and filter.to`);
  }
}
