import type { SubgraphApp } from '../../kit/subgraph';

export interface Hit {
  subgraph: string;
  table: string;
  needle: string;
  rows: number;
}

/**
 * Searches every column of every table of every subgraph's database for each needle (a
 * case-insensitive substring): on PostgreSQL each row as text (`t::text`), on SQLite each column.
 * Outbox payloads, idempotency keys, projections and the kit's tables included.
 */
export async function findInEveryTable(apps: SubgraphApp<any>[], needles: string[]): Promise<Hit[]> {
  const hits: Hit[] = [];
  for (const app of apps) {
    const connection = app.db!.em.getConnection();
    if (app.db!.kind === 'postgresql') {
      const tables = (await connection.execute(
        `select table_name from information_schema.tables where table_schema = ? and table_type = 'BASE TABLE'`,
        [app.name],
      )) as { table_name: string }[];
      for (const { table_name: table } of tables) {
        for (const needle of needles) {
          const [{ n }] = await connection.execute(`select count(*)::int as n from "${app.name}"."${table}" t where t::text ilike ?`, [
            `%${needle}%`,
          ]);
          if (n > 0) hits.push({ subgraph: app.name, table, needle, rows: n });
        }
      }
      continue;
    }
    const tables = (await connection.execute(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`)) as {
      name: string;
    }[];
    for (const { name: table } of tables) {
      const columns = ((await connection.execute(`pragma table_info("${table}")`)) as { name: string }[]).map((c) => c.name);
      for (const needle of needles) {
        const where = columns.map((c) => `cast("${c}" as text) like ?`).join(' or ');
        const [{ n }] = await connection.execute(
          `select count(*) as n from "${table}" where ${where}`,
          columns.map(() => `%${needle}%`),
        );
        if (Number(n) > 0) hits.push({ subgraph: app.name, table, needle, rows: Number(n) });
      }
    }
  }
  return hits;
}
