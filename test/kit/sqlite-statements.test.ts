import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheStatements, openDatabase, STATEMENTS_KEPT, type Database } from '../../kit/orm';
import { employersSubgraph } from '../../subgraphs/employers/subgraph';

// Each embedded connection keeps its prepared statements by SQL text (kit/orm.ts): a statement
// run again must see new bindings, a changed table and recover from its own failure.
describe('the embedded SQLite statements kept per connection', () => {
  let dir: string;
  let db: Database;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lle-statements-'));
    const d = employersSubgraph;
    db = await openDatabase({ name: d.name, entities: d.entities, migrations: d.migrations, dataDir: dir });
    await db.em.getConnection().execute('create table kept (id integer primary key, name text not null)');
  });
  afterAll(async () => {
    await db?.orm.close(true);
    rmSync(dir, { recursive: true, force: true });
  });

  // Through knex with bindings, as MikroORM's query builder sends its queries (its `execute` writes the values in).
  const run = (sql: string, params: unknown[] = []) => db.em.getKnex().raw(sql, params as never[]);

  it('answers each run with its own bindings', async () => {
    await run('insert into kept (id, name) values (?, ?)', [1, 'uno']);
    await run('insert into kept (id, name) values (?, ?)', [2, 'dos']);
    expect(await run('select name from kept where id = ?', [1])).toEqual([{ name: 'uno' }]);
    expect(await run('select name from kept where id = ?', [2])).toEqual([{ name: 'dos' }]);
    expect(await run('select name from kept where id = ?', [3])).toEqual([]);
  });

  it('runs again after failing (a duplicate key)', async () => {
    await expect(run('insert into kept (id, name) values (?, ?)', [1, 'otra'])).rejects.toThrow(/UNIQUE|constraint/i);
    await run('insert into kept (id, name) values (?, ?)', [3, 'tres']);
    expect(await run('select count(*) as n from kept')).toEqual([{ n: 3 }]);
  });

  it('sees a table changed after it was prepared', async () => {
    expect(await run('select * from kept where id = ?', [1])).toEqual([{ id: 1, name: 'uno' }]);
    await run("alter table kept add column region text not null default '10'");
    expect(await run('select * from kept where id = ?', [1])).toEqual([{ id: 1, name: 'uno', region: '10' }]);
    await run('drop table kept');
    await run('create table kept (id integer primary key, code text)');
    await run('insert into kept (id, code) values (?, ?)', [7, 'siete']);
    expect(await run('select * from kept where id = ?', [7])).toEqual([{ id: 7, code: 'siete' }]);
  });

  it('prepares each SQL text with parameters once, keeping a bounded number, the most recently used', () => {
    const prepared: string[] = [];
    const connection = { exec: () => undefined, prepare: (sql: string) => (prepared.push(sql), { sql }) };
    cacheStatements(connection);
    const first = connection.prepare('select ?');
    expect(connection.prepare('select ?')).toBe(first);
    for (let i = 0; i < STATEMENTS_KEPT - 1; i++) connection.prepare(`select ${i + 2}, ?`);
    connection.prepare('select ?'); // used again: now the most recent
    connection.prepare('select extra, ?'); // one too many: the least recently used goes ('select 2, ?')
    expect(prepared).toHaveLength(STATEMENTS_KEPT + 1);
    expect(connection.prepare('select ?')).toBe(first);
    connection.prepare('select 2, ?');
    expect(prepared).toHaveLength(STATEMENTS_KEPT + 2);
    // SQL with its values written in is not kept: it would only push out the statements run again.
    connection.prepare("insert into kept values (1, 'uno')");
    connection.prepare("insert into kept values (1, 'uno')");
    expect(prepared).toHaveLength(STATEMENTS_KEPT + 4);
    expect(connection.prepare('select ?')).toBe(first);
  });
});
