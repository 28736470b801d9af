import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUBGRAPHS } from '../../subgraphs';
import { openDatabase } from '../../kit/orm';
import { Region } from '../../subgraphs/communes/entities/region';
import { freshDatabase, testDatabaseKinds } from '../support/databases';

const open = (definition: (typeof SUBGRAPHS)[number], options: { databaseUrl?: string; dataDir: string }) =>
  openDatabase({ ...options, name: definition.name, entities: definition.entities, migrations: definition.migrations });

describe('database schemas', () => {
  it('keeps an embedded SQLite file, data included, across starts while the entities are unchanged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lle-schema-'));
    try {
      const communes = SUBGRAPHS.find((d) => d.name === 'communes')!;
      const first = await open(communes, { dataDir: dir });
      await first.em.fork().insert(Region, { code: '99', name: 'Test', isoCode: 'CL-XX' });
      await first.orm.close(true);
      const second = await open(communes, { dataDir: dir });
      expect(await second.em.fork().count(Region, {})).toBe(1);
      await second.orm.close(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // PostgreSQL runs the committed migrations: they must build exactly the schema the entities describe.
  if (testDatabaseKinds().includes('postgresql')) {
    it.each(SUBGRAPHS.map((d) => [d.name, d] as const))(
      '%s: the committed migrations match the entities on PostgreSQL',
      async (_name, definition) => {
        const database = await freshDatabase('postgresql');
        const db = await open(definition, database.options);
        try {
          expect((await db.orm.schema.getUpdateSchemaSQL({ wrap: false })).trim()).toBe('');
          expect(await db.orm.getMigrator().checkMigrationNeeded()).toBe(false);
        } finally {
          await db.orm.close(true);
          await database.drop();
        }
      },
    );
  }
});
