import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SubgraphApp } from '../../kit/subgraph';
import { SUBGRAPHS } from '../../subgraphs';
import {
  createPostgresDatabase,
  databaseUrl,
  SEEDED_POSTGRES_DB,
  SEEDED_SQLITE_DIR,
  SEEDING_STARTED_AT,
  testDatabaseKinds,
} from './databases';

/**
 * Seeds the demo network once per run, on each database, as the subgraphs seed it at start; every
 * suite then works on its own copy (test/support/databases.ts) instead of seeding 30,000 people.
 */
export default async function globalSetup(): Promise<void> {
  process.env[SEEDING_STARTED_AT] = new Date().toISOString();
  // Both databases at once: SQLite's work is in this process, PostgreSQL's mostly in its server.
  await Promise.all(
    testDatabaseKinds().map(async (kind) => {
      let options;
      if (kind === 'sqlite') {
        options = { dataDir: mkdtempSync(join(tmpdir(), 'lle-seeding-')) };
      } else {
        const name = `lle_seeded_${process.pid}_${randomBytes(4).toString('hex')}`;
        await createPostgresDatabase(name);
        process.env[SEEDED_POSTGRES_DB] = name;
        options = { databaseUrl: databaseUrl(name), dataDir: '' };
      }
      const apps = await Promise.all(SUBGRAPHS.map((definition) => new SubgraphApp(definition, options).start({ seed: true })));
      // The SQLite template: each database written out whole by SQLite itself (VACUUM INTO: one
      // consistent file, its write-ahead log folded in), in a directory no connection ever opens,
      // so a suite's copy never races a closing connection's log files.
      if (kind === 'sqlite') {
        const template = mkdtempSync(join(tmpdir(), 'lle-seeded-'));
        for (const app of apps) await app.db!.em.getConnection().execute(`vacuum into '${join(template, `${app.name}.sqlite`)}'`);
        process.env[SEEDED_SQLITE_DIR] = template;
      }
      // A template database must have no open connection when it is copied.
      await Promise.all(apps.map((app) => app.close()));
      if (kind === 'sqlite') rmSync(options.dataDir, { recursive: true, force: true });
    }),
  );
  // MikroORM keeps entity metadata on globalThis, and jest copies this process's globals into a
  // suite run in band: left here, this realm's metadata breaks the suite's (entities with a base class).
  delete (globalThis as Record<string, unknown>)['mikro-orm-metadata'];
}
