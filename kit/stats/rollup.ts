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
