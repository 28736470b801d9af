import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../kit/orm';
import { placementsSubgraph } from '../../subgraphs/placements/subgraph';

// The pool replaces an embedded file's connection after 10 s idle (MikroORM's libsql dialect): a
// setting made once on the first connection was gone from then on (a REPLACE then missed the
// rollup's delete trigger, and commits went back to FULL sync).
describe('the embedded SQLite settings', () => {
  let dir: string;
  let db: Database;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lle-pragmas-'));
    const d = placementsSubgraph;
    db = await openDatabase({ name: d.name, entities: d.entities, migrations: d.migrations, dataDir: dir });
  });
  afterAll(async () => {
    await db?.orm.close(true);
    rmSync(dir, { recursive: true, force: true });
  });

  const settings = async () => {
    const connection = db.em.fork().getConnection();
    const [recursive] = await connection.execute('pragma recursive_triggers');
    const [sync] = await connection.execute('pragma synchronous');
    const [journal] = await connection.execute('pragma journal_mode');
    return { recursive: Object.values(recursive)[0], sync: Object.values(sync)[0], journal: Object.values(journal)[0] };
  };

  it('hold on every connection the pool opens, not only the first', async () => {
    // 1 = NORMAL synchronous.
    const expected = { recursive: 1, sync: 1, journal: 'wal' };
    expect(await settings()).toEqual(expected);
    // A new pool, so a new connection, as after the dialect's 10 s.
    const knex = db.em.getConnection().getKnex();
    await knex.destroy();
    knex.initialize();
    expect(await settings()).toEqual(expected);
  });
});
