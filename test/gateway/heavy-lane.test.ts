import { SUBGRAPHS } from '../../subgraphs';
import { securityFromEnv } from '../../kit/config';
import { SubgraphApp } from '../../kit/subgraph';
import { verifyChain } from '../../kit/audit/chain';
import { startHeavyLane } from '../../scripts/heavy-lane';
import { limitsFromEnv } from '../../gateway/limits';
import type { HeavyLane } from '../../gateway/lanes';
import { testDatabaseKinds } from '../support/databases';
import { startPlatform, type Platform } from '../support/platform';
import { bearer, data, post, purpose, tokenFor } from '../support/graphql';

const STATS = (a: string) =>
  `${a}: placementStats(filter: { years: [2022] }, groupBy: [COMMUNE, MONTH, SEX]) { commune { code } month sex placements }`;
const HEAVY = `{ ${STATS('a')} ${STATS('b')} }`;
const CHEAP = '{ region(code: "10") { placementSummary(year: 2022) { placements } } }';
const PEOPLE = '{ persons(first: 40) { nodes { id rut firstName phone } } }';
// Low enough that 40 people are heavy and 2 are not.
const HEAVY_COST = 30;

// The gateway sends a heavy operation's subgraph fetches to the heavy lane: the all-in-one start
// runs that second copy of the subgraphs in a worker thread; here it runs in this process, on a
// second connection to the same databases, as the worker does.
describe.each(testDatabaseKinds())('heavy lane [%s]', (kind) => {
  const lane: HeavyLane = {};
  const security = securityFromEnv();
  let platform: Platform;
  let copies: SubgraphApp<any>[] = [];
  const statements = (apps: Record<string, SubgraphApp<any>>) =>
    Object.fromEntries(Object.entries(apps).map(([name, app]) => [name, app.db!.statements.count]));
  const counted = async (run: () => Promise<unknown>) => {
    const lanes = Object.fromEntries(copies.map((app) => [app.name, app]));
    const before = { usual: statements(platform.subgraphs), heavy: statements(lanes) };
    await run();
    const after = { usual: statements(platform.subgraphs), heavy: statements(lanes) };
    const diff = (a: Record<string, number>, b: Record<string, number>) => Object.fromEntries(Object.keys(a).map((k) => [k, b[k] - a[k]]));
    return { usual: diff(before.usual, after.usual), heavy: diff(before.heavy, after.heavy) };
  };

  beforeAll(async () => {
    platform = await startPlatform(
      kind,
      security,
      {},
      { gateway: { heavyLane: lane, limits: { ...limitsFromEnv(), heavyCost: HEAVY_COST } } },
    );
    const database = platform.subgraphs.placements.database;
    copies = SUBGRAPHS.map((definition) => new SubgraphApp(definition, database, security));
    await Promise.all(copies.map((app) => app.start({ seed: false })));
    for (const app of copies) await app.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await platform?.close();
    await Promise.all(copies.map((app) => app.close()));
  });

  it('until the lane is ready, a heavy operation takes the usual path and is answered', async () => {
    lane.urls = undefined;
    const analyst = await tokenFor('analyst');
    let answer: { a: unknown[] } | undefined;
    const spent = await counted(async () => {
      answer = await data(platform.url, HEAVY, undefined, analyst);
    });
    expect(answer!.a.length).toBeGreaterThan(100);
    expect(spent.usual.placements).toBeGreaterThan(0);
    expect(spent.heavy.placements).toBe(0);
  });

  it('once ready, a heavy operation runs its subgraph work in the lane, with the same answer; a cheap one stays on the usual path', async () => {
    const analyst = await tokenFor('analyst');
    const usualAnswer = await data(platform.url, HEAVY, undefined, analyst);
    lane.urls = Object.fromEntries(copies.map((app) => [app.name, app.served!.url]));
    let laneAnswer: unknown;
    const heavy = await counted(async () => {
      laneAnswer = await data(platform.url, HEAVY, undefined, analyst);
    });
    expect(laneAnswer).toEqual(usualAnswer);
    expect(heavy.heavy.placements).toBeGreaterThan(0);
    expect(heavy.usual.placements).toBe(0);
    const cheap = await counted(() => data(platform.url, CHEAP));
    expect(cheap.usual.placements).toBeGreaterThan(0);
    expect(Object.values(cheap.heavy).every((n) => n === 0)).toBe(true);
  });

  it('the lane checks as the usual path does: a heavy operation with a bad token is refused, and nothing runs in the lane', async () => {
    lane.urls = Object.fromEntries(copies.map((app) => [app.name, app.served!.url]));
    const spent = await counted(async () => {
      const refused = await post(platform.url, HEAVY, undefined, bearer('not-a-token'));
      expect(refused.status).toBe(401);
    });
    expect(Object.values(spent.heavy).every((n) => n === 0)).toBe(true);
  });
});

// The lane as the all-in-one start runs it: a worker thread with its own connections to the same databases.
describe.each(testDatabaseKinds())('heavy lane in a worker thread [%s]', (kind) => {
  let platform: Platform;
  let worker: ReturnType<typeof startHeavyLane>;
  beforeAll(async () => {
    const security = securityFromEnv();
    const lane: HeavyLane = {};
    platform = await startPlatform(
      kind,
      security,
      {},
      { gateway: { heavyLane: lane, limits: { ...limitsFromEnv(), heavyCost: HEAVY_COST } } },
    );
    worker = startHeavyLane(
      platform.subgraphs.persons.database,
      security,
      (subgraph, drafts) => platform.subgraphs[subgraph].auditWriter!.append(drafts),
      lane,
    );
    for (const t = Date.now(); !lane.urls;) {
      if (Date.now() - t > 60_000) throw new Error('the heavy lane did not start');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  afterAll(async () => {
    await worker?.close();
    await platform?.close();
  });

  it('answers heavy operations as the usual path does', async () => {
    const analyst = await tokenFor('analyst');
    const answer = await data<{ a: { placements: number }[]; b: unknown[] }>(platform.url, HEAVY, undefined, analyst);
    expect(answer.a.length).toBeGreaterThan(100);
    expect(answer.b).toEqual(answer.a);
  });

  it('personal reads audited from both threads at once keep one unbroken chain, one entry per person and request', async () => {
    const admin = await tokenFor('admin');
    const headers = { ...bearer(admin), ...purpose() };
    const persons = platform.subgraphs.persons;
    const before = await verifyChain(persons.db!.em);
    const cheap = '{ persons(first: 2) { nodes { id rut } } }';
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => post(platform.url, i % 2 ? PEOPLE : cheap, undefined, headers)));
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    const after = await verifyChain(persons.db!.em);
    expect(after.broken).toBeUndefined();
    expect(after.entries - before.entries).toBe(15 * 40 + 15 * 2);
  });
});
