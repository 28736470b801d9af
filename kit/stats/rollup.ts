import type { SqlDialect } from './dimension';

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

/** Adds the records of `from` (aliased t, meeting `where`) to the rollup, times `sign`, one row per key. */
function upsert(spec: RollupSpec, from: string, where: string, sign: 1 | -1, dialect: SqlDialect): string {
  const target = tableOf(spec, spec.target);
  const keys = Object.keys(spec.keys);
  const sums = Object.keys(spec.sums);
  const positions = keys.map((_, i) => i + 1).join(', ');
  const minus = sign < 0 ? '-' : '';
  // Grouped and in key order: one row per key, and concurrent writers lock the rollup's rows in one order.
  const select =
    `select ${[...Object.values(spec.keys), ...Object.values(spec.sums).map((v) => `${minus}sum(${v})`)].join(', ')} ` +
    `from ${from} t where ${where} group by ${positions} order by ${positions}`;
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
      `create trigger ${quote(`${spec.name}_${suffix}`)} ${when} on ${source} begin ${upsert(spec, source, row(which), sign, dialect)}; end`;
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
  const body =
    `begin ` +
    `if tg_op = 'TRUNCATE' then delete from ${target}; return null; end if; ` +
    `if tg_op in ('UPDATE', 'DELETE') then ${upsert(spec, 'old_rows', where, -1, dialect)}; end if; ` +
    `if tg_op in ('INSERT', 'UPDATE') then ${upsert(spec, 'new_rows', where, 1, dialect)}; end if; ` +
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
  return [`delete from ${tableOf(spec, spec.target)}`, upsert(spec, tableOf(spec, spec.source), condition(spec), 1, dialect)];
}
