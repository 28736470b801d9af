import type { EntityName } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';

type Progress = (table: string, done: number, total: number) => void;
let progress: Progress | undefined;

/** Reports every batch inserted (the scale seed prints progress; the embedded start stays quiet). */
export function onSeedProgress(report: Progress | undefined): void {
  progress = report;
}

/**
 * Inserts seed rows with their explicit ids in batches (ids are shared across subgraphs, so
 * they cannot come from five independent sequences). PostgreSQL's sequence is then moved past
 * the largest id, so later inserts do not collide.
 */
export async function insertSeed<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  rows: ({ id: number } & Record<string, unknown>)[] | object[],
  batch = 1000,
): Promise<void> {
  const table = em.getMetadata().get(entity).tableName;
  for (let at = 0; at < rows.length; at += batch) {
    await em.insertMany(entity, rows.slice(at, at + batch) as never[]);
    progress?.(table, Math.min(at + batch, rows.length), rows.length);
  }
  if (em.getDriver().constructor.name !== 'PostgreSqlDriver') return;
  const meta = em.getMetadata().get(entity);
  const pk = meta.getPrimaryProps()[0];
  if (!pk?.autoincrement) return;
  const qualified = `"${meta.schema ?? em.config.get('schema')}"."${meta.tableName}"`;
  await em.execute(
    `select setval(pg_get_serial_sequence('${qualified}', '${pk.fieldNames[0]}'), (select coalesce(max("${pk.fieldNames[0]}"), 1) from ${qualified}))`,
  );
}
