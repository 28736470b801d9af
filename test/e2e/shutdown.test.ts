import { freshDatabase } from '../support/databases';
import { bearer, post, tokenFor } from '../support/graphql';
import { processesEnv, run } from '../support/processes';

const ANALYST_QUERY =
  '{ placementStats(filter: { years: [2021, 2022] }, groupBy: [COMMUNE, SECTOR, MONTH]) { commune { code } sector month placements } region(code: "10") { placementSummary(year: 2022) { placements } } }';

// Issue 12, finding 7: under load, SIGTERM stopped Apollo before the HTTP server drained: some
// requests answered 500 "Cannot execute GraphQL operations while the server is stopping", others
// had their connection reset.
describe('graceful shutdown of the all-in-one start under load', () => {
  it('finishes the 20 requests in flight at SIGTERM, refuses new connections, and exits 0', async () => {
    const database = await freshDatabase('sqlite', { seeded: true });
    const { env, gatewayPort } = await processesEnv({ DATA_DIR: database.options.dataDir, SHUTDOWN_GRACE_MS: '20000' });
    const child = await run('scripts/start-all.ts', env, /gateway ready/);
    const url = `http://127.0.0.1:${gatewayPort}/graphql`;
    // Under load in production: its lanes (worker threads, started after the gateway) are up.
    for (const t = Date.now(); ; await new Promise((r) => setTimeout(r, 100))) {
      const ready = (await (await fetch(url.replace(/graphql$/, 'ready'))).json()) as { lanes?: Record<string, string> };
      if (ready.lanes && Object.values(ready.lanes).every((state) => state === 'up')) break;
      if (Date.now() - t > 60_000) throw new Error(`the lanes did not come up: ${JSON.stringify(ready)}`);
    }
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const token = await tokenFor('analyst');
      const warm = await post(url, ANALYST_QUERY, undefined, bearer(token));
      expect(warm.data.region.placementSummary.placements).toBe(4948);
      const inFlight = Array.from({ length: 20 }, () =>
        post(url, ANALYST_QUERY, undefined, bearer(token)).then(
          (body) => ({ status: body.status, placements: body.data?.region?.placementSummary?.placements, errors: body.errors }),
          (error: Error) => ({ status: 0, placements: undefined, errors: [{ message: String(error.cause ?? error) }] }),
        ),
      );
      await new Promise((r) => setTimeout(r, 150));
      child.kill('SIGTERM');
      const answers = await Promise.all(inFlight);
      expect(answers.filter((a) => a.status !== 200 || a.errors || a.placements !== 4948)).toEqual([]);
      // Once stopping, no new connection is accepted.
      await new Promise((r) => setTimeout(r, 100));
      await expect(fetch(url, { method: 'POST' })).rejects.toThrow();
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      await database.drop();
    }
  });
});
