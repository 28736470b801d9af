import type { EntityManager } from '@mikro-orm/knex';
import type { SqlDialect } from './dimension';
import { rowKeySql } from './disclosure';
import { dialectOf, type Condition } from './sql';
import type { Decl, StatsFilter } from './statistic';

/**
 * A rollup: a table holding sums of the records' values per combination of some columns, kept by
 * triggers in the database itself. Every insert, update, delete (and on PostgreSQL truncate) of
 * the records changes the rollup in the same transaction, whatever code path wrote them (writes,
 * imports, corrections, erasure, the seed), so a question the rollup can answer reads a few
 * hundred sums instead of scanning the records. Sums only: counts and record keys add up.
 */
export interface RollupSpec {
  /** Names the triggers and the PostgreSQL function. */
  name: string;
  /** The schema of both tables on PostgreSQL (none on SQLite). */
  schema?: string;
  /** The records' table, and its id column (SQLite's row triggers find the row by it). */
  source: string;
  id: string;
  /** The rollup's table: a unique key over `keys`' columns, and a column per sum. */
  target: string;
  /** Rollup column → SQL over a record aliased `t`. */
  keys: Record<string, string>;
  /** Rollup column → the SQL value each record adds to it (1 counts records). */
  sums: Record<string, string>;
  /** Only records meeting this (SQL over `t`) are summed. */
  where?: string;
}

const quote = (name: string) => `"${name}"`;
const tableOf = (spec: RollupSpec, table: string) => (spec.schema ? `${quote(spec.schema)}.${quote(table)}` : quote(table));

/** Records to add to the rollup: from a table or transition table aliased t, those meeting `where`, times `sign`. */
interface Source {
  from: string;
  where: string;
  sign: 1 | -1;
}

/**
 * Adds the sources' records to the rollup in one statement, one row per key, in key order: a
 * statement that both subtracts and adds (an update moving records between cells) locks its
 * cells once, in the same order as every other writer's, so two such writers cannot deadlock.
 */
function upsert(spec: RollupSpec, sources: Source[], dialect: SqlDialect): string {
  const target = tableOf(spec, spec.target);
  const keys = Object.keys(spec.keys);
  const sums = Object.keys(spec.sums);
  const positions = keys.map((_, i) => i + 1).join(', ');
  const records = sources
    .map(
      ({ from, where, sign }) =>
        `select ${[
          ...Object.entries(spec.keys).map(([column, sql]) => `${sql} as ${quote(column)}`),
          ...Object.entries(spec.sums).map(([column, sql]) => `${sign < 0 ? '-' : ''}(${sql}) as ${quote(column)}`),
        ].join(', ')} from ${from} t where ${where}`,
    )
    .join(' union all ');
  const select =
    `select ${[...keys.map(quote), ...sums.map((s) => `sum(${quote(s)})`)].join(', ')} ` +
    `from (${records}) d group by ${positions} order by ${positions}`;
  const current = (column: string) => (dialect === 'postgresql' ? `r.${quote(column)}` : quote(column));
  return (
    `insert into ${target}${dialect === 'postgresql' ? ' as r' : ''} (${[...keys, ...sums].map(quote).join(', ')}) ${select} ` +
    `on conflict (${keys.map(quote).join(', ')}) do update set ` +
    sums.map((s) => `${quote(s)} = ${current(s)} + excluded.${quote(s)}`).join(', ')
  );
}

const condition = (spec: RollupSpec) => (spec.where ? `(${spec.where})` : 'true');

/** The triggers (and on PostgreSQL their function) that keep the rollup; the table itself comes from its entity. */
export function rollupTriggersSql(spec: RollupSpec, dialect: SqlDialect): string[] {
  const source = tableOf(spec, spec.source);
  const where = condition(spec);
  if (dialect === 'sqlite') {
    // Row triggers: the row is read from its table (before a delete or an update, after an insert or an update).
    const row = (which: 'new' | 'old') => `${where} and t.${quote(spec.id)} = ${which}.${quote(spec.id)}`;
    const trigger = (suffix: string, when: string, sign: 1 | -1, which: 'new' | 'old') =>
      `create trigger ${quote(`${spec.name}_${suffix}`)} ${when} on ${source} begin ${upsert(spec, [{ from: source, where: row(which), sign }], dialect)}; end`;
    return [
      trigger('insert', 'after insert', 1, 'new'),
      trigger('update_old', 'before update', -1, 'old'),
      trigger('update_new', 'after update', 1, 'new'),
      trigger('delete', 'before delete', -1, 'old'),
    ];
  }
  // Statement triggers over transition tables: a bulk insert of thousands of rows is one grouped upsert.
  const fn = tableOf(spec, spec.name);
  const target = tableOf(spec, spec.target);
  const removed: Source = { from: 'old_rows', where, sign: -1 };
  const added: Source = { from: 'new_rows', where, sign: 1 };
  const body =
    `begin ` +
    `if tg_op = 'TRUNCATE' then delete from ${target}; ` +
    `elsif tg_op = 'INSERT' then ${upsert(spec, [added], dialect)}; ` +
    `elsif tg_op = 'DELETE' then ${upsert(spec, [removed], dialect)}; ` +
    `else ${upsert(spec, [removed, added], dialect)}; end if; ` +
    `return null; end`;
  const trigger = (suffix: string, event: string, referencing: string) =>
    `create trigger ${quote(`${spec.name}_${suffix}`)} after ${event} on ${source} ${referencing} for each statement execute function ${fn}()`;
  return [
    `create or replace function ${fn}() returns trigger language plpgsql as $rollup$ ${body} $rollup$`,
    trigger('insert', 'insert', 'referencing new table as new_rows'),
    trigger('update', 'update', 'referencing old table as old_rows new table as new_rows'),
    trigger('delete', 'delete', 'referencing old table as old_rows'),
    trigger('truncate', 'truncate', ''),
  ];
}

/** Fills the rollup from the records already there (once, when the triggers are created over existing data). */
export function rollupFillSql(spec: RollupSpec, dialect: SqlDialect): string[] {
  return [
    `delete from ${tableOf(spec, spec.target)}`,
    upsert(spec, [{ from: tableOf(spec, spec.source), where: condition(spec), sign: 1 }], dialect),
  ];
}

// A statistic's rollup (`rollup` of its declaration, kit/stats/statistic.ts): what it holds, and which questions read it.

/** Refuses at start a rollup the triggers could not keep: a dimension computed over the records, a join, a measure that does not add up. */
export function checkRollup(decl: Decl): void {
  if (!decl.rollup) return;
  if (decl.joins?.length) throw new Error(`${decl.field}: a rollup is kept from the records' table alone, without joins`);
  for (const key of decl.rollup.dimensions) {
    const column = decl.dimensions[key]?.column;
    if (typeof column !== 'string' || !ROLLUP_COLUMN.test(column))
      throw new Error(`${decl.field}: rollup dimension ${key} is not a column of the records (t.name)`);
  }
  for (const [name, m] of Object.entries(decl.measures)) {
    if (!rowValueOf(m.sql) || m.records?.distinct) throw new Error(`${decl.field}: measure ${name} cannot be summed in a rollup`);
  }
}

/** A dimension a rollup holds: a plain column of the records. */
const ROLLUP_COLUMN = /^t\.([a-z_][a-z0-9_]*)$/;

/** What one record adds to a summable measure: count(*) → 1, sum(x) → x; null when it does not add up. */
function rowValueOf(sql: string): string | null {
  if (sql === 'count(*)') return '1';
  const sum = /^sum\((?!distinct\b)(.+)\)$/i.exec(sql);
  return sum ? sum[1] : null;
}

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
/** A measure's rollup column, and its cell key's. */
export const rollupColumn = (measure: string) => snakeCase(measure);
export const rollupKeyColumn = (measure: string) => `${snakeCase(measure)}_key`;

/** The spec of a statistic's rollup: its tables as this database names them, its keys and sums from the declaration. */
export function rollupSpec(decl: Decl, em: EntityManager): RollupSpec | null {
  if (!decl.rollup) return null;
  const source = em.getMetadata().get(decl.entity);
  const target = em.getMetadata().get(decl.rollup.entity);
  const sums: Record<string, string> = {};
  for (const [name, m] of Object.entries(decl.measures)) {
    sums[rollupColumn(name)] = rowValueOf(m.sql)!;
    if (m.people) sums[rollupKeyColumn(name)] = rowKeySql(m.records!);
  }
  return {
    name: `${target.tableName}_rollup`,
    schema: dialectOf(em) === 'postgresql' ? (source.schema ?? em.config.get('schema')) : undefined,
    source: source.tableName,
    id: source.getPrimaryProps()[0].fieldNames[0],
    target: target.tableName,
    keys: Object.fromEntries(decl.rollup.dimensions.map((k) => [rollupDimension(decl, k), decl.dimensions[k].column as string])),
    sums,
    where: decl.where,
  };
}

const rollupDimension = (decl: Decl, key: string) => ROLLUP_COLUMN.exec(decl.dimensions[key].column as string)![1];

/** A rollup's cell with something in it (its rows stay when their records go). */
export const nonZeroCell = (decl: Decl): Condition => ({
  sql: `(${Object.keys(decl.measures)
    .map((m) => `t.${rollupColumn(m)} <> 0`)
    .join(' or ')})`,
  values: [],
});

/** Whether the rollup answers this question: every grouped and filtered dimension in it, no date range. */
export function readsRollup(decl: Decl, filter: StatsFilter, groupBy: string[], ranged: boolean): boolean {
  const held = decl.rollup?.dimensions as string[] | undefined;
  if (!held || ranged) return false;
  const filtered = Object.entries(decl.dimensions)
    .filter(([, d]) => Array.isArray(filter[d.filter]))
    .map(([k]) => k);
  return [...groupBy, ...filtered].every((k) => held.includes(k));
}
