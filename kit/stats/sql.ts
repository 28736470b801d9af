import type { EntityName } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { MAX_STAT_ROWS } from '../config';
import { badUserInput } from '../errors';
import type { SqlDialect } from './dimension';

/**
 * One SQL GROUP BY over one table (and its joins), grouped by named SQL expressions, filtered,
 * computed by the database: rows are never loaded into JavaScript to be counted.
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

export interface GroupQuery {
  em: EntityManager;
  entity: EntityName<object>;
  joins?: Join[];
  /** Key alias → SQL expression over the table aliased `t`. */
  keys: Record<string, string>;
  where: Condition[];
  /** Measure alias → SQL aggregate. */
  measures: Record<string, string>;
  maxRows?: number;
}

export function dialectOf(em: EntityManager): SqlDialect {
  return em.getDriver().constructor.name === 'PostgreSqlDriver' ? 'postgresql' : 'sqlite';
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

function tableOf(em: EntityManager, entity: EntityName<object>): string {
  const meta = em.getMetadata().get(entity);
  const schema = meta.schema ?? em.config.get('schema');
  return schema ? `${schema}.${meta.tableName}` : meta.tableName;
}

/** The grouped rows, unordered (callers sort them the same way on every database). */
export async function groupRows(query: GroupQuery): Promise<Record<string, unknown>[]> {
  const { em } = query;
  const knex = em.getKnex();
  const qb = knex.from({ t: tableOf(em, query.entity) });
  for (const join of query.joins ?? []) {
    qb[join.left ? 'leftJoin' : 'join']({ [join.alias]: tableOf(em, join.entity) }, join.on[0], join.on[1]);
  }
  const keys = Object.entries(query.keys);
  qb.select([
    ...keys.map(([alias, sql]) => knex.raw(`${sql} as ??`, [alias])),
    ...Object.entries(query.measures).map(([alias, sql]) => knex.raw(`${sql} as ??`, [alias])),
  ]);
  for (const condition of query.where) qb.whereRaw(condition.sql, condition.values as never[]);
  if (keys.length) qb.groupByRaw(keys.map(([, sql]) => sql).join(', '));
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
