import { randomBytes } from 'node:crypto';
import { SUBGRAPHS } from '../../subgraphs';
import { SubgraphApp } from '../../kit/subgraph';
import { securityFromEnv } from '../../kit/config';
import { databaseUrl, dropPostgresDatabase } from '../support/databases';

// Issue 12, finding 10: five subgraphs started at once against a PostgreSQL database that did not
// exist raced to create it ("duplicate key … pg_database"); only a second start worked.
const withPostgres = process.env.TEST_DATABASE_URL ? it : it.skip;

describe('first start on a PostgreSQL database that does not exist yet', () => {
  withPostgres('all five subgraphs create it together and start', async () => {
    const name = `lle_test_${process.pid}_${randomBytes(4).toString('hex')}_new`;
    const apps = SUBGRAPHS.map(
      (definition) => new SubgraphApp(definition, { databaseUrl: databaseUrl(name), dataDir: '' }, securityFromEnv()),
    );
    try {
      const started = await Promise.allSettled(apps.map((app) => app.start({ seed: false })));
      expect(started.map((s) => (s.status === 'rejected' ? String(s.reason) : 'started'))).toEqual(SUBGRAPHS.map(() => 'started'));
      const counts = await Promise.all(apps.map((app) => app.db!.em.fork().getConnection().execute('select 1 as ok')));
      expect(counts.map((rows) => rows[0].ok)).toEqual([1, 1, 1, 1, 1]);
    } finally {
      await Promise.all(apps.map((app) => app.close()));
      await dropPostgresDatabase(name);
    }
  });
});
