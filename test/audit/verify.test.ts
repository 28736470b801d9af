import { spawnSync } from 'node:child_process';
import type { EntityManager } from '@mikro-orm/knex';
import { projectRoot } from '../../kit/assets';
import { AuditEntry, verifyChain } from '../../kit/audit';
import { personsSubgraph } from '../../subgraphs/persons/subgraph';
import { describeSubgraph, viewer } from '../support/subgraph';

/** `npm run audit -- verify` on the suite's database, as an operator runs it. */
function verifyCommand(options: { databaseUrl?: string; dataDir: string }) {
  const run = spawnSync(process.execPath, ['-r', '@swc-node/register', 'scripts/audit.ts', 'verify'], {
    cwd: projectRoot(),
    env: { ...process.env, DATABASE_URL: options.databaseUrl ?? '', DATA_DIR: options.dataDir },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describeSubgraph(personsSubgraph, 'audit chain verification', (subgraph) => {
  const em = () => subgraph().app.db!.em.fork() as EntityManager;
  const table = () => (subgraph().kind === 'postgresql' ? '"persons"."audit_entry"' : 'audit_entry');

  /** Three requests' worth of entries, through the same path a request takes (trail → flush). */
  beforeAll(async () => {
    for (const i of [0, 1, 2]) {
      const ctx = subgraph().app.context(viewer(i < 2 ? 'omil' : 'admin', ['10101']), {
        requestId: `verify-${i}`,
        purpose: 'job-placement',
        operation: 'Verify',
      });
      for (const id of [1, 2, 3]) ctx.audit!.record({ type: 'Person', id: id + i, fields: ['rut', 'email'], outcome: 'read' });
      await ctx.audit!.flush();
    }
  });

  it('verifies an intact chain, in the library and with the command (exit 0, counts printed)', async () => {
    const report = await verifyChain(em());
    expect(report).toEqual({ entries: 9, head: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const { status, output } = verifyCommand(subgraph().app.database);
    expect(output).toMatch(/persons: 9 entries, chain intact/);
    expect(output).toMatch(/communes: (no audit log|0 entries)/);
    expect(status).toBe(0);
  });

  it('names the first tampered entry (an SQL update of one row) and exits 1', async () => {
    await em().getConnection().execute(`update ${table()} set viewer_sub = 'someone-else' where seq = 5`);
    expect((await verifyChain(em())).broken).toEqual({ seq: 5, reason: expect.stringMatching(/content does not match its hash/) });
    const { status, output } = verifyCommand(subgraph().app.database);
    expect(output).toMatch(/persons: BROKEN at entry 5: its content does not match its hash/);
    expect(status).toBe(1);
  });

  it('names a deleted entry', async () => {
    await em().getConnection().execute(`delete from ${table()} where seq = 3`);
    expect((await verifyChain(em())).broken).toEqual({ seq: 3, reason: 'missing: the next entry is 4' });
    expect(await em().count(AuditEntry, {})).toBe(8);
  });
});
