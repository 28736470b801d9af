import { rmSync } from 'node:fs';
import { dropPostgresDatabase, SEEDED_POSTGRES_DB, SEEDED_SQLITE_DIR } from './databases';

/** Removes the run's seeded templates. */
export default async function globalTeardown(): Promise<void> {
  const dir = process.env[SEEDED_SQLITE_DIR];
  if (dir) rmSync(dir, { recursive: true, force: true });
  const db = process.env[SEEDED_POSTGRES_DB];
  if (db) await dropPostgresDatabase(db);
}
