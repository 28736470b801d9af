import { randomUUID } from 'node:crypto';
import { SUBGRAPHS } from '../../subgraphs';
import { securityFromEnv } from '../../kit/config';
import { SubgraphApp } from '../../kit/subgraph';
import { verifyChain } from '../../kit/audit/chain';
import { formatRut, rutOf } from '../../kit/rut';
import { limitsFromEnv } from '../../gateway/limits';
import type { Lane } from '../../gateway/lanes';
import { startLane, type AppendAudit } from '../../scripts/lane';
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
const REGISTER = `mutation($input: RegisterJobSeekerInput!) { registerJobSeeker(input: $input) { person { id } } }`;
const newJobSeeker = (i: number) => ({
  input: {
    idempotencyKey: randomUUID(),
    rut: formatRut(rutOf(32_000_000 + Math.floor(Math.random() * 900_000) + i)),
    firstName: 'Rocío',
    lastName: 'Oyarzún',
    birthDate: '1994-02-11',
    sex: 'FEMALE',
    education: 'SECONDARY',
    residenceCommuneCode: '10101',
    omilCommuneCode: '10101',
    registeredAt: '2024-05-02',
  },
});

type Apps = Record<string, SubgraphApp<any>>;
const statements = (apps: Apps) => Object.fromEntries(Object.entries(apps).map(([name, app]) => [name, app.db!.statements.count]));
const none = (counts: Record<string, number>) => Object.values(counts).every((n) => n === 0);

// The gateway sends a query's subgraph work to the read lane and a heavy operation's to the heavy
// lane; the all-in-one start runs each in a worker thread. Here the lanes' subgraphs run in this
// process, on second and third connections to the same databases, so their statements can be counted.
describe.each(testDatabaseKinds())('lanes [%s]', (kind) => {
  const lanes: { read: Lane; heavy: Lane } = { read: {}, heavy: {} };
  const security = securityFromEnv();
  let platform: Platform;
  const copies: { read: Apps; heavy: Apps } = { read: {}, heavy: {} };
  const up = (name: 'read' | 'heavy') =>
    (lanes[name].handlers = Object.fromEntries(Object.entries(copies[name]).map(([n, app]) => [n, app.served!.local])));
  const counted = async (run: () => Promise<unknown>) => {
    const before = { usual: statements(platform.subgraphs), read: statements(copies.read), heavy: statements(copies.heavy) };
    await run();
    const diff = (a: Record<string, number>, b: Record<string, number>) => Object.fromEntries(Object.keys(a).map((k) => [k, b[k] - a[k]]));
    return {
      usual: diff(before.usual, statements(platform.subgraphs)),
      read: diff(before.read, statements(copies.read)),
      heavy: diff(before.heavy, statements(copies.heavy)),
    };
  };

  beforeAll(async () => {
    platform = await startPlatform(kind, security, {}, { gateway: { lanes, limits: { ...limitsFromEnv(), heavyCost: HEAVY_COST } } });
    const database = platform.subgraphs.placements.database;
    for (const name of ['read', 'heavy'] as const) {
      const apps = SUBGRAPHS.map((definition) => new SubgraphApp(definition, database, security));
      await Promise.all(apps.map((app) => app.start({ seed: false })));
      for (const app of apps) await app.listen(0, '127.0.0.1');
      copies[name] = Object.fromEntries(apps.map((app) => [app.name, app]));
    }
  });
  afterAll(async () => {
    await platform?.close();
    await Promise.all([...Object.values(copies.read), ...Object.values(copies.heavy)].map((app) => app.close()));
  });

  it('until the lanes are ready, queries take the usual path and are answered', async () => {
    const analyst = await tokenFor('analyst');
    let answer: { a: unknown[] } | undefined;
    const spent = await counted(async () => {
      answer = await data(platform.url, HEAVY, undefined, analyst);
      await data(platform.url, CHEAP);
    });
    expect(answer!.a.length).toBeGreaterThan(100);
    expect(spent.usual.placements).toBeGreaterThan(0);
    expect(none(spent.read) && none(spent.heavy)).toBe(true);
  });

  it('a query runs in the read lane, a heavy one in the heavy lane, with the same answers as the usual path', async () => {
    const analyst = await tokenFor('analyst');
    const usual = { heavy: await data(platform.url, HEAVY, undefined, analyst), cheap: await data(platform.url, CHEAP) };
    up('read');
    up('heavy');
    let heavyAnswer: unknown;
    const heavy = await counted(async () => {
      heavyAnswer = await data(platform.url, HEAVY, undefined, analyst);
    });
    expect(heavyAnswer).toEqual(usual.heavy);
    expect(heavy.heavy.placements).toBeGreaterThan(0);
    expect(none(heavy.usual) && none(heavy.read)).toBe(true);
    let cheapAnswer: unknown;
    const cheap = await counted(async () => {
      cheapAnswer = await data(platform.url, CHEAP);
    });
    expect(cheapAnswer).toEqual(usual.cheap);
    expect(cheap.read.placements).toBeGreaterThan(0);
    expect(none(cheap.usual) && none(cheap.heavy)).toBe(true);
  });

  it('a mutation stays with the main subgraphs (writes and events), and the read lane then sees what it wrote', async () => {
    up('read');
    const omil = await tokenFor('omil', ['10101']);
    let id = '';
    const spent = await counted(async () => {
      const written = await post(platform.url, REGISTER, newJobSeeker(1), { ...bearer(omil), ...purpose() });
      expect(written.errors).toBeUndefined();
      id = written.data.registerJobSeeker.person.id;
    });
    expect(spent.usual.persons).toBeGreaterThan(0);
    expect(none(spent.read)).toBe(true);
    const read = await counted(async () => {
      const person = await data(platform.url, `{ person(id: "${id}") { id firstName } }`, undefined, omil, purpose());
      expect(person.person).toEqual({ id, firstName: 'Rocío' });
    });
    expect(read.read.persons).toBeGreaterThan(0);
  });

  it('the lanes check as the usual path does: a bad token is refused and nothing runs in them', async () => {
    up('read');
    up('heavy');
    const spent = await counted(async () => {
      const refused = await post(platform.url, HEAVY, undefined, bearer('not-a-token'));
      expect(refused.status).toBe(401);
    });
    expect(none(spent.read) && none(spent.heavy)).toBe(true);
  });
});

// The lanes as the all-in-one start runs them: worker threads with their own connections to the same databases.
describe.each(testDatabaseKinds())('lanes in worker threads [%s]', (kind) => {
  let platform: Platform;
  let workers: ReturnType<typeof startLane>[] = [];
  beforeAll(async () => {
    const security = securityFromEnv();
    const lanes: { read: Lane; heavy: Lane } = { read: {}, heavy: {} };
    platform = await startPlatform(kind, security, {}, { gateway: { lanes, limits: { ...limitsFromEnv(), heavyCost: HEAVY_COST } } });
    const appendAudit: AppendAudit = (subgraph, drafts) => platform.subgraphs[subgraph].auditWriter!.append(drafts);
    const database = platform.subgraphs.persons.database;
    workers = [
      startLane('read', database, security, appendAudit, lanes.read),
      startLane('heavy', database, security, appendAudit, lanes.heavy),
    ];
    for (const t = Date.now(); !lanes.read.handlers || !lanes.heavy.handlers;) {
      if (Date.now() - t > 60_000) throw new Error('the lanes did not start');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.close()));
    await platform?.close();
  });

  it('answers queries and heavy operations as the usual path does', async () => {
    const analyst = await tokenFor('analyst');
    const answer = await data<{ a: { placements: number }[]; b: unknown[] }>(platform.url, HEAVY, undefined, analyst);
    expect(answer.a.length).toBeGreaterThan(100);
    expect(answer.b).toEqual(answer.a);
    expect((await data(platform.url, CHEAP)).region.placementSummary.placements).toBe(4948);
  });

  it('personal reads in both lanes and writes in the main thread, all at once: one unbroken audit chain, one entry per person and request', async () => {
    const admin = await tokenFor('admin');
    const omil = await tokenFor('omil', ['10101']);
    const headers = { ...bearer(admin), ...purpose() };
    const persons = platform.subgraphs.persons;
    const before = await verifyChain(persons.db!.em);
    const cheap = '{ persons(first: 2) { nodes { id rut } } }';
    const answers = await Promise.all([
      ...Array.from({ length: 30 }, (_, i) => post(platform.url, i % 2 ? PEOPLE : cheap, undefined, headers)),
      ...Array.from({ length: 4 }, (_, i) => post(platform.url, REGISTER, newJobSeeker(i), { ...bearer(omil), ...purpose() })),
    ]);
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    const after = await verifyChain(persons.db!.em);
    expect(after.broken).toBeUndefined();
    // 15 reads of 40 people, 15 of 2, and one WRITTEN entry per registered person.
    expect(after.entries - before.entries).toBe(15 * 40 + 15 * 2 + 4);
  });
});
