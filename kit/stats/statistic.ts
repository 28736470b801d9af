import type { EntityName } from '@mikro-orm/core';
import { Args, ArgsType, Ctx, Field, Float, InputType, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import type { Context } from '../context';
import { badUserInput } from '../errors';
import { LocalDate } from '../scalars';
import { addDays } from '../dates';
import type { EntityManager } from '@mikro-orm/knex';
import { cellKeyOf, cellKeySql, exactCounts, perturb, type Records } from './disclosure';
import { checkRollup, nonZeroCell, readsRollup, rollupColumn, rollupKeyColumn, rollupSpec, type RollupSpec } from './rollup';
import { sqlOf, type Dimension } from './dimension';
import { dateRange, dialectOf, groupRows, inList, keyName, type Condition, type Join } from './sql';
import { PublicCache } from '../cache-control';

export interface Measure {
  /** SQL aggregate over the statistic's rows. */
  sql: string;
  description: string;
  /** Counts people: perturbed (cell-key method) for callers without exact counts. */
  people: boolean;
  /** For a count of people: the records it counts, whose keys make the cell's key. */
  records?: Records;
}

export interface StatisticDeclaration<D extends Record<string, Dimension>, M extends Record<string, Measure>> {
  /** The query field, e.g. `placementStats`; types are named after `typeName` (PlacementDimension…). */
  field: string;
  typeName: string;
  description: string;
  entity: EntityName<object>;
  joins?: Join[];
  /** A fixed SQL condition every counted row meets, e.g. leaving cancelled records out. */
  where?: string;
  /** The date the filter's from/to restrict, and what it is (for the docs of the filter). */
  period: { column: string; description: string };
  dimensions: D;
  measures: M;
  /** Derived ratios of two measures, from the counts as published (null when the denominator is 0). */
  ratios?: Record<string, { of: keyof M & string; per: keyof M & string; description: string }>;
  /**
   * A target per cell (e.g. a yearly goal), from another table whose columns cover some
   * dimensions. One rule: the target attaches when every grouped and every filtered dimension
   * has a column there and no date range cuts the period.
   */
  target?: {
    entity: EntityName<object>;
    columns: Partial<Record<keyof D & string, string>>;
    /** A fixed SQL condition on the target table, e.g. which kind of goal it is. */
    where?: string;
    sql: string;
    field: string;
    description: string;
    /** measure / target, e.g. compliance. */
    ratio: { field: string; of: keyof M & string; description: string };
  };
  /** With this (year) dimension grouped, each cell shows `measure` a year earlier and the change. */
  previousYear?: { dimension: keyof D & string; measure: keyof M & string; field: string; change: string; description: string };
  /**
   * The measures already summed by some dimensions, in a table the database keeps (a rollup,
   * kit/stats/rollup.ts): a question grouped and filtered by those dimensions alone, with no date
   * range, reads it instead of the records. Its entity has a column per dimension, named as the
   * dimension's column of the records (`t.year` → `year`), one per measure (`placements`) and one
   * per counted-people measure's key (`placements_key`), unique over the dimensions' columns.
   */
  rollup?: { entity: EntityName<object>; dimensions: (keyof D & string)[] };
}

export type StatsFilter = Record<string, unknown[] | string | undefined | null> & { from?: string | null; to?: string | null };
export type StatsRow = Record<string, unknown>;

export interface Statistic {
  declaration: StatisticDeclaration<Record<string, Dimension>, Record<string, Measure>>;
  resolver: Function;
  /** For the gateway's cost estimate: the statistic's field and its dimensions' sizes. */
  listSizes: { field: string; dimensions: Record<string, number> };
  run(ctx: Context<unknown>, args: { filter?: StatsFilter | null; groupBy?: readonly string[] }): Promise<StatsRow[]>;
  /** The triggers that keep the rollup, if the statistic has one (tables named as this database names them). */
  rollupSpec(em: EntityManager): RollupSpec | null;
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Declares a statistic once: from it come the dimension enum, the row type, the filter input, the
 * query with its arguments, the SQL column map and the rules for targets and previous years.
 */
export function defineStatistic<D extends Record<string, Dimension>, M extends Record<string, Measure>>(
  declaration: StatisticDeclaration<D, M>,
): Statistic {
  const decl = declaration as unknown as StatisticDeclaration<Record<string, Dimension>, Record<string, Measure>>;
  checkDeclaration(decl);
  const { typeName } = decl;
  const dimensionEnum = Object.fromEntries(Object.keys(decl.dimensions).map((k) => [k, k]));
  registerEnumType(dimensionEnum, {
    name: `${typeName}Dimension`,
    description: `What \`${decl.field}\` can group by.`,
    valuesConfig: Object.fromEntries(Object.entries(decl.dimensions).map(([k, d]) => [k, { description: d.description }])),
  });

  @ObjectType(`${typeName}StatsRow`, {
    description: `One cell of \`${decl.field}\`: the grouped keys (null when not grouped by) and the measures.`,
  })
  @PublicCache()
  class Row {}
  const field = (name: string, type: () => unknown, options: { nullable?: boolean; description?: string }) =>
    Field(type as never, options)(Row.prototype, name);
  for (const [key, d] of Object.entries(decl.dimensions)) field(keyName(key), d.type, { nullable: true, description: d.description });
  const people = Object.values(decl.measures).some((m) => m.people);
  for (const [name, m] of Object.entries(decl.measures)) field(name, () => Int, { nullable: m.people, description: m.description });
  for (const [name, r] of Object.entries(decl.ratios ?? {})) field(name, () => Float, { nullable: true, description: r.description });
  if (people) {
    field('perturbed', () => Boolean, {
      description:
        'True when the counts of people in this cell are perturbed (cell-key method, docs/security.md); false when exact (admins; territory × year totals that carry a goal).',
    });
    Field(() => Boolean, {
      description: 'Always false: small cells are perturbed, no longer suppressed (see `perturbed`).',
      deprecationReason: 'Small cells are perturbed, not suppressed: read `perturbed`. Will be removed after 2027-06-01.',
    })(Row.prototype, 'suppressed');
  }
  if (decl.target) {
    field(decl.target.field, () => Int, { nullable: true, description: decl.target.description });
    field(decl.target.ratio.field, () => Float, { nullable: true, description: decl.target.ratio.description });
  }
  if (decl.previousYear) {
    field(decl.previousYear.field, () => Int, { nullable: true, description: decl.previousYear.description });
    field(decl.previousYear.change, () => Float, {
      nullable: true,
      description: `(${decl.previousYear.measure} − ${decl.previousYear.field}) / ${decl.previousYear.field}.`,
    });
  }

  @InputType(`${typeName}StatsFilter`, {
    description: `Filters of \`${decl.field}\`: a list per dimension (any of its values) and a range of ${decl.period.description}; all apply.`,
  })
  class Filter {}
  for (const d of Object.values(decl.dimensions)) {
    Field(() => [(d.filterType ?? d.type)()] as never, { nullable: true, description: d.filterDescription ?? d.description })(
      Filter.prototype,
      d.filter,
    );
  }
  Field(() => LocalDate, { nullable: true, description: `${capitalised(decl.period.description)} on or after.` })(Filter.prototype, 'from');
  Field(() => LocalDate, { nullable: true, description: `${capitalised(decl.period.description)} on or before.` })(Filter.prototype, 'to');

  // An args class (not two @Arg) so that validation names fields as the client wrote them: filter.years.
  @ArgsType()
  class StatisticArgs {}
  Field(() => Filter, { nullable: true })(StatisticArgs.prototype, 'filter');
  Field(() => [dimensionEnum], { defaultValue: [], description: 'Any combination; empty = the grand total.' })(
    StatisticArgs.prototype,
    'groupBy',
  );

  const statistic: Statistic = {
    declaration: decl,
    listSizes: { field: decl.field, dimensions: Object.fromEntries(Object.entries(decl.dimensions).map(([k, d]) => [k, d.size])) },
    run: (ctx, args) => runStatistic(decl, ctx, args.filter ?? {}, [...new Set(args.groupBy ?? [])]),
    rollupSpec: (em) => rollupSpec(decl, em),
    resolver: undefined as never,
  };

  @Resolver()
  class StatisticResolver {
    @Query(() => [Row], { name: decl.field, description: decl.description })
    run(
      @Args(() => StatisticArgs) args: { filter?: StatsFilter | null; groupBy: string[] },
      @Ctx() ctx: Context<unknown>,
    ): Promise<StatsRow[]> {
      return statistic.run(ctx, args);
    }
  }
  statistic.resolver = StatisticResolver;
  return statistic;
}

/** Caught at start: two dimensions filtered by one field, or a dimension without SQL. */
function checkDeclaration(decl: StatisticDeclaration<Record<string, Dimension>, Record<string, Measure>>): void {
  const seen = new Set(['from', 'to']);
  for (const [key, d] of Object.entries(decl.dimensions)) {
    if (!d.column) throw new Error(`${decl.field}: dimension ${key} has no column`);
    if (seen.has(d.filter)) throw new Error(`${decl.field}: filter field "${d.filter}" of ${key} is used twice`);
    seen.add(d.filter);
  }
  for (const [name, m] of Object.entries(decl.measures)) {
    if (m.people && !m.records)
      throw new Error(`${decl.field}: measure ${name} counts people but names no records (their keys perturb it)`);
  }
  for (const key of Object.keys(decl.target?.columns ?? {})) {
    if (!decl.dimensions[key]) throw new Error(`${decl.field}: target column for unknown dimension ${key}`);
  }
  checkRollup(decl);
}

export type Decl = StatisticDeclaration<Record<string, Dimension>, Record<string, Measure>>;

/** Whether a date is the last day of its month. */
const monthEnd = (date: string) => addDays(date, 1).endsWith('-01');

function checkFilter(decl: Decl, filter: StatsFilter, exact: boolean): void {
  for (const d of Object.values(decl.dimensions)) {
    const values = filter[d.filter];
    if (!Array.isArray(values) || !d.check) continue;
    for (const v of values) {
      const reason = d.check(v as never);
      if (reason) throw badUserInput(`filter.${d.filter}`, `unknown value "${String(v)}": ${reason}`);
    }
  }
  const { from, to } = filter;
  if (from && to && from > to) throw badUserInput('filter.from', `is after filter.to (${from} > ${to})`);
  // Without exact counts, periods are whole months: two ranges a day apart never isolate one day.
  const people = Object.values(decl.measures).some((m) => m.people);
  if (people && !exact && from && !from.endsWith('-01'))
    throw badUserInput('filter.from', `must be the first day of a month (statistics of people are by whole months), got ${from}`);
  if (people && !exact && to && !monthEnd(to))
    throw badUserInput('filter.to', `must be the last day of a month (statistics of people are by whole months), got ${to}`);
  const years = filter.years as number[] | undefined;
  if (years?.length && (from || to)) {
    const overlaps = years.some((y) => (!from || `${y}-12-31` >= from) && (!to || `${y}-01-01` <= to));
    if (!overlaps) throw badUserInput('filter.years', `no year of ${years.join(', ')} falls between filter.from and filter.to`);
  }
}

/** The WHERE of a filter over some columns; `lists` overrides a filter field's values. */
function conditions(
  decl: Decl,
  columns: Record<string, string>,
  filter: StatsFilter,
  lists: Record<string, unknown[] | undefined> = {},
): Condition[] {
  const out: Condition[] = [];
  for (const [key, d] of Object.entries(decl.dimensions)) {
    const values = (d.filter in lists ? lists[d.filter] : filter[d.filter]) as unknown[] | undefined | null;
    if (values && columns[key]) out.push(...inList(columns[key], values));
  }
  return out;
}

/** A declaration's fixed condition, as one more WHERE. */
const fixed = (sql: string | undefined): Condition[] => (sql ? [{ sql: `(${sql})`, values: [] }] : []);

const cellKey = (row: StatsRow, keys: readonly string[]) => JSON.stringify(keys.map((k) => (row[k] == null ? null : String(row[k]))));

/** The SQL alias of a people measure's summed record keys. */
const keyAlias = (measure: string) => `${measure}__key`;

/**
 * Whether a question's cells are the published headline figures, exact for everyone: a statistic
 * with a target (a FOMIL goal) cut only by year and territory, with no date range — the figures
 * the goals are set and reported against (placementSummary, placementStats by commune and year).
 */
function headline(decl: Decl, filter: StatsFilter, groupBy: string[], ranged: boolean): boolean {
  const columns = decl.target?.columns as Record<string, string> | undefined;
  if (!columns || ranged) return false;
  const filtered = Object.entries(decl.dimensions)
    .filter(([, d]) => Array.isArray(filter[d.filter]))
    .map(([k]) => k);
  return [...groupBy, ...filtered].every((k) => columns[k]);
}

async function runStatistic(decl: Decl, ctx: Context<unknown>, filter: StatsFilter, groupBy: string[]): Promise<StatsRow[]> {
  for (const key of groupBy) if (!decl.dimensions[key]) throw badUserInput('groupBy', `unknown dimension "${key}"`);
  const exactViewer = exactCounts(ctx.viewer);
  checkFilter(decl, filter, exactViewer);
  const dialect = dialectOf(ctx.em);
  const columns = Object.fromEntries(Object.entries(decl.dimensions).map(([k, d]) => [k, sqlOf(d, dialect)]));
  const keyNames = groupBy.map(keyName);
  const keys = Object.fromEntries(groupBy.map((k) => [keyName(k), columns[k]]));
  const ranged = Boolean(filter.from || filter.to);
  const exact = exactViewer || headline(decl, filter, groupBy, ranged);
  const people = Object.entries(decl.measures).filter(([, m]) => m.people);
  // The rollup's columns of its dimensions are named as the records' (t.year), so keys and filters read either.
  const rollup = readsRollup(decl, filter, groupBy, ranged);
  const measures = {
    ...Object.fromEntries(Object.entries(decl.measures).map(([name, m]) => [name, rollup ? `sum(t.${rollupColumn(name)})` : m.sql])),
    // Perturbed cells need their key: the sum of the counted records' keys, in the same GROUP BY.
    ...(exact
      ? {}
      : Object.fromEntries(
          people.map(([name, m]) => [keyAlias(name), rollup ? `sum(t.${rollupKeyColumn(name)})` : cellKeySql(m.records!)]),
        )),
  };

  // Year over year: the previous years come in the same GROUP BY; a date range cuts years unevenly.
  const py = decl.previousYear;
  const yearKey = py && groupBy.includes(py.dimension) && !ranged ? keyName(py.dimension) : null;
  const yearFilter = py ? decl.dimensions[py.dimension].filter : '';
  const askedYears = yearKey && Array.isArray(filter[yearFilter]) ? new Set((filter[yearFilter] as number[]).map(Number)) : null;
  const lists = askedYears ? { [yearFilter]: [...new Set([...askedYears].flatMap((y) => [y, y - 1]))] } : {};
  const where = [
    // The rollup holds only the records the fixed condition counts; its cells left at zero (every
    // record cancelled or moved away) stay as rows, left out here as the records' GROUP BY would.
    ...(rollup ? [nonZeroCell(decl)] : fixed(decl.where)),
    ...conditions(decl, columns, filter, lists),
    ...dateRange(decl.period.column, filter.from, filter.to),
  ];

  const [rows, span, targets] = await Promise.all([
    rollup
      ? groupRows({ em: ctx.em, entity: decl.rollup!.entity, keys, where, measures })
      : groupRows({ em: ctx.em, entity: decl.entity, joins: decl.joins, keys, where, measures }),
    yearKey ? dataSpan(decl, ctx, columns[py!.dimension]) : null,
    targetCells(decl, ctx, filter, groupBy, ranged),
  ]);
  // Each cell's key computed once per row (a GROUP BY of thousands of cells is walked several times below).
  const measureEntries = Object.entries(decl.measures);
  const rowKeys = rows.map((r) => cellKey(r, keyNames));
  // Each cell's measures as published: exact, or its people counts perturbed by the cell's key.
  const published = new Map<string, StatsRow>();
  // A cell published as all zeros is left out, as a cell without records is: a row never proves 1–4 people.
  const nonZero = new Set<string>();
  rows.forEach((r, i) => {
    const shown: StatsRow = {};
    let any = false;
    for (const [name, m] of measureEntries) {
      const n = Number(r[name] ?? 0);
      const value = m.people && !exact ? perturb(n, cellKeyOf(r[keyAlias(name)])) : n;
      shown[name] = value;
      if (value !== 0) any = true;
    }
    published.set(rowKeys[i], shown);
    if (any) nonZero.add(rowKeys[i]);
  });
  const zeros = Object.fromEntries(measureEntries.map(([m]) => [m, 0]));
  const valuesOf = (key: string): StatsRow => published.get(key) ?? zeros;
  const shownYear = (year: number) => !askedYears || askedYears.has(year);
  const out = new Map<string, StatsRow>();
  rows.forEach((r, i) => {
    if (nonZero.has(rowKeys[i]) && (!yearKey || shownYear(Number(r[yearKey])))) out.set(rowKeys[i], r);
  });
  const onlyKeys = (keysOf: StatsRow): StatsRow => Object.fromEntries(keyNames.map((k) => [k, keysOf[k]]));
  // A cell that falls to zero still shows, beside its previous year; so does a cell with a target.
  if (yearKey && span) {
    rows.forEach((r, i) => {
      if (!nonZero.has(rowKeys[i])) return;
      const next = { ...onlyKeys(r), [yearKey]: Number(r[yearKey]) + 1 };
      const key = cellKey(next, keyNames);
      if (Number(next[yearKey]) <= span.last && shownYear(Number(next[yearKey])) && !out.has(key)) out.set(key, next);
    });
  }
  for (const [key, t] of targets ?? []) if (!out.has(key)) out.set(key, onlyKeys(t));

  const shownKeys = groupBy.map((k) => ({ name: keyName(k), output: decl.dimensions[k].output }));
  const ratios = Object.entries(decl.ratios ?? {});
  const result = [...out.entries()].map(([key, r]) => {
    const row: StatsRow = {};
    for (const { name, output } of shownKeys) {
      const raw = r[name];
      row[name] = raw == null ? null : output ? output(raw) : raw;
    }
    Object.assign(row, valuesOf(key));
    if (people.length) {
      row.perturbed = !exact;
      row.suppressed = false;
    }
    for (const [name, ratio] of ratios) row[name] = divide(row[ratio.of], row[ratio.per]);
    if (decl.target) {
      const target = targets?.get(key);
      const value = target && target.target != null ? Number(target.target) : null;
      row[decl.target.field] = value;
      row[decl.target.ratio.field] = divide(row[decl.target.ratio.of], value);
    }
    if (py) {
      let previous: number | null = null;
      if (yearKey && span) {
        const year = Number(r[yearKey]);
        previous = year - 1 < span.first ? null : Number(valuesOf(cellKey({ ...r, [yearKey]: year - 1 }, keyNames))[py.measure]);
      }
      row[py.field] = previous;
      const current = row[py.measure] as number;
      row[py.change] = previous ? (current - previous) / previous : null;
    }
    return row;
  });
  return loadKeys(decl, ctx, sortRows(decl, result, groupBy), groupBy);
}

/** Keys of dimensions that load their objects (entities this subgraph owns), one batch per dimension. */
async function loadKeys(decl: Decl, ctx: Context<unknown>, rows: StatsRow[], groupBy: string[]): Promise<StatsRow[]> {
  for (const k of groupBy) {
    const load = decl.dimensions[k].load;
    if (!load) continue;
    const name = keyName(k);
    const keyed = rows.filter((r) => r[name] != null);
    const loaded = await load(
      ctx,
      keyed.map((r) => r[name]),
    );
    keyed.forEach((r, i) => (r[name] = loaded[i]));
  }
  return rows;
}

const divide = (part: unknown, whole: unknown): number | null =>
  typeof part === 'number' && typeof whole === 'number' && whole !== 0 ? part / whole : null;

/** The first and last year with data, whatever the filter: before the first, "previous" is unknown. */
async function dataSpan(decl: Decl, ctx: Context<unknown>, yearColumn: string): Promise<{ first: number; last: number } | null> {
  const [row] = await groupRows({
    em: ctx.em,
    entity: decl.entity,
    joins: decl.joins,
    keys: {},
    where: fixed(decl.where),
    measures: { first: `min(${yearColumn})`, last: `max(${yearColumn})` },
  });
  return row?.first == null ? null : { first: Number(row.first), last: Number(row.last) };
}

/** The target of each cell, keyed like the cells, or null when the rule says targets do not apply. */
async function targetCells(
  decl: Decl,
  ctx: Context<unknown>,
  filter: StatsFilter,
  groupBy: string[],
  ranged: boolean,
): Promise<Map<string, StatsRow> | null> {
  const target = decl.target;
  if (!target || ranged) return null;
  const columns = target.columns as Record<string, string>;
  const filtered = Object.entries(decl.dimensions)
    .filter(([, d]) => Array.isArray(filter[d.filter]))
    .map(([k]) => k);
  if (![...groupBy, ...filtered].every((k) => columns[k])) return null;
  const keyNames = groupBy.map(keyName);
  const rows = await groupRows({
    em: ctx.em,
    entity: target.entity,
    keys: Object.fromEntries(groupBy.map((k) => [keyName(k), columns[k]])),
    where: [...fixed(target.where), ...conditions(decl, columns, filter)],
    measures: { target: target.sql },
  });
  return new Map(rows.filter((r) => r.target != null).map((r) => [cellKey(r, keyNames), r]));
}

/** The same order on every database: by each grouped key in turn, nulls last (each row ranked once). */
function sortRows(decl: Decl, rows: StatsRow[], groupBy: string[]): StatsRow[] {
  const rankers = groupBy.map((k) => {
    const d = decl.dimensions[k];
    const name = keyName(k);
    return (row: StatsRow) => {
      const v = row[name];
      if (v == null) return null;
      const raw = typeof v === 'object' && 'code' in (v as object) ? (v as { code: string }).code : v;
      return d.rank ? d.rank(raw) : String(raw);
    };
  });
  const ranked = rows.map((row) => ({ row, ranks: rankers.map((rank) => rank(row)) }));
  ranked.sort((a, b) => {
    for (let i = 0; i < rankers.length; i++) {
      const x = a.ranks[i];
      const y = b.ranks[i];
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      return x < y ? -1 : 1;
    }
    return 0;
  });
  return ranked.map((r) => r.row);
}
