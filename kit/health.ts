import type { Database } from './orm';

/** The database answers `select 1` through the ORM within `timeoutMs`. */
export async function databaseReady(db: Database | undefined, timeoutMs = 2000): Promise<boolean> {
  if (!db) return false;
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      db.em
        .getConnection()
        .execute('select 1 as ok')
        .then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
    ]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
