import type { ChildProcess } from 'node:child_process';
import { freshDatabase, type TestDatabase } from '../support/databases';
import { bearer, post, tokenFor, type GraphQLResponse } from '../support/graphql';
import { processesEnv, startProcesses, stop } from '../support/processes';

const TIMEOUT_MS = 1500;
const BREAKER_RESET_MS = 1500;

/** Needs persons (each placement's person is fetched from it). */
const NEEDS_PERSONS = '{ placements(first: 3, filter: { communes: ["10101"] }) { nodes { id startDate person { id version } } } }';
/** Needs communes only. */
const PUBLIC = '{ regions { code } }';

async function timed(url: string, query: string, token?: string): Promise<GraphQLResponse & { status: number; ms: number }> {
  const t = Date.now();
  const body = await post(url, query, undefined, token ? bearer(token) : {});
  return { ...body, ms: Date.now() - t };
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const percentile = (xs: number[], p: number) => sorted(xs)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

// Issue 12, findings 1 and 6: a paused subgraph made requests wait as long as it was paused, and an
// outage nulled a whole `placements` list with an error naming the subgraph's internal URL.
describe('a subgraph paused or dead, with each subgraph in its own process', () => {
  let database: TestDatabase;
  let children: Record<string, ChildProcess> = {};
  let url = '';
  let admin = '';

  beforeAll(async () => {
    database = await freshDatabase('sqlite', { seeded: true });
    const { env, gatewayPort } = await processesEnv({
      DATA_DIR: database.options.dataDir,
      SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS),
      BREAKER_FAILURES: '3',
      BREAKER_RESET_MS: String(BREAKER_RESET_MS),
    });
    children = await startProcesses(env);
    url = `http://127.0.0.1:${gatewayPort}/graphql`;
    admin = await tokenFor('admin');
  });

  afterAll(async () => {
    await Promise.all(Object.values(children).map(stop));
    await database.drop();
  });

  it('answers within the timeout with partial data while persons is paused; others are unaffected; it recovers after SIGCONT', async () => {
    const healthy = await timed(url, NEEDS_PERSONS, admin);
    expect(healthy.errors).toBeUndefined();
    expect(healthy.data.placements.nodes).toHaveLength(3);
    expect(healthy.data.placements.nodes[0].person.version).toBeGreaterThanOrEqual(1);

    const baseline: number[] = [];
    for (let i = 0; i < 10; i++) baseline.push((await timed(url, PUBLIC)).ms);

    children.persons.kill('SIGSTOP');
    try {
      // Eight at once, while public requests keep coming.
      const needing = Array.from({ length: 8 }, () => timed(url, NEEDS_PERSONS, admin));
      const publicTimes: number[] = [];
      const publicLoop = (async () => {
        for (let i = 0; i < 10; i++) {
          const res = await timed(url, PUBLIC);
          expect(res.data.regions).toEqual([{ code: '10' }]);
          publicTimes.push(res.ms);
        }
      })();
      const answers = await Promise.all(needing);
      await publicLoop;

      for (const answer of answers) {
        // Partial data: the placements stand, each person is null, one coded error with a path.
        expect(answer.status).toBe(200);
        expect(answer.data.placements.nodes).toHaveLength(3);
        expect(answer.data.placements.nodes.map((n: { person: unknown }) => n.person)).toEqual([null, null, null]);
        expect(answer.errors![0].extensions!.code).toBe('SUBGRAPH_TIMEOUT');
        expect(answer.errors![0].path).toEqual(['placements', 'nodes', 0, 'person', 'version']);
        expect(JSON.stringify(answer.errors)).not.toMatch(/127\.0\.0\.1|http:\/\/|localhost/);
      }
      const times = answers.map((a) => a.ms);
      console.log(
        `paused persons: requests needing it p50 ${percentile(times, 50)} ms, p99 ${percentile(times, 99)} ms (timeout ${TIMEOUT_MS} ms); public p99 ${percentile(publicTimes, 99)} ms (before: ${percentile(baseline, 99)} ms)`,
      );
      expect(percentile(times, 99)).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
      expect(percentile(times, 99)).toBeLessThan(TIMEOUT_MS + 1000);
      // Not waiting for persons: well under its timeout (the machine is shared; the figure is printed).
      expect(percentile(publicTimes, 99)).toBeLessThan(TIMEOUT_MS / 2);

      // The circuit is open: requests needing persons fail fast, not after the timeout.
      const fast = await timed(url, NEEDS_PERSONS, admin);
      expect(fast.errors![0].extensions!.code).toBe('SUBGRAPH_UNAVAILABLE');
      expect(fast.data.placements.nodes).toHaveLength(3);
      expect(fast.ms).toBeLessThan(300);
    } finally {
      children.persons.kill('SIGCONT');
    }

    // After the breaker's pause, one request tries again, succeeds and closes the circuit.
    await new Promise((r) => setTimeout(r, BREAKER_RESET_MS + 100));
    const recovered = await timed(url, NEEDS_PERSONS, admin);
    expect(recovered.errors).toBeUndefined();
    expect(recovered.data.placements.nodes[0].person.version).toBeGreaterThanOrEqual(1);
  });

  it('lets the rest of the answer stand when persons is dead, with a coded error that has a path and no internal URL', async () => {
    await stop(children.persons);
    const answer = await timed(url, NEEDS_PERSONS, admin);
    expect(answer.status).toBe(200);
    expect(answer.data.placements.nodes.map((n: { id: string; person: unknown }) => n.person)).toEqual([null, null, null]);
    expect(answer.errors![0]).toMatchObject({
      path: ['placements', 'nodes', 0, 'person', 'version'],
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', service: 'persons' },
    });
    expect(answer.errors![0].message).toBe('The persons service is unavailable; its part of the answer is missing');
    expect(JSON.stringify(answer.errors)).not.toMatch(/127\.0\.0\.1|http:\/\/|localhost|ECONNREFUSED/);
    expect(answer.ms).toBeLessThan(1000);
    const ready = await fetch(url.replace(/graphql$/, 'ready'));
    expect(ready.status).toBe(503);
  });
});
