import { randomBytes, randomUUID } from 'node:crypto';
import { buildSchema } from 'graphql';
import Redis from 'ioredis';
import { addDays } from '../../kit/dates';
import { network } from '../../seed/network';
import { apiSchemaSdl, loadSupergraphSdl } from '../../gateway/supergraph';
import { checkView, loadPublicViews } from '../../gateway/public-views/views';
import { eventually, testEventsUrl } from '../support/events';
import { data, tokenFor } from '../support/graphql';
import { testDatabaseKinds } from '../support/databases';
import { startPlatform, type Platform } from '../support/platform';

const apiSdl = apiSchemaSdl(loadSupergraphSdl());

describe('public views: the safelist', () => {
  it('every file of public-views/ is one named query valid against the schema', () => {
    const views = loadPublicViews(apiSdl);
    expect([...views.keys()]).toEqual(['commune-placements', 'region-placements', 'region-services']);
    expect(views.get('commune-placements')).toMatchObject({
      operationName: 'CommunePlacements',
      variables: [
        { name: 'commune', type: 'String', list: false, required: true },
        { name: 'year', type: 'Int', list: false, required: true },
      ],
    });
  });

  it('refuses a mutation, an invalid field and an anonymous operation, naming the file', () => {
    const schema = buildSchema(apiSdl);
    expect(() => checkView(schema, 'w', 'mutation M { cancelPlacement(input: {}) { placement { id } } }')).toThrow(
      'public-views/w.graphql: a public view is a query',
    );
    expect(() => checkView(schema, 'x', 'query X { region(code: "10") { nope } }')).toThrow(
      /public-views\/x.graphql: invalid against the schema:\n- Cannot query field "nope"/,
    );
    expect(() => checkView(schema, 'y', '{ regions { code } }')).toThrow('public-views/y.graphql: must hold exactly one named operation');
  });
});

// A completer of a course who was never placed: a placement for them is valid (as in the events suite).
const net = network();
const placed = new Set(net.placements.map((p) => p.personId));
const enrollment = net.enrollments.find((e) => e.status === 'COMPLETED' && e.completedAt! < '2025-06-01' && !placed.has(e.personId))!;
const startDate = addDays(enrollment.completedAt!, 10);
const year = Number(startDate.slice(0, 4));
const REGISTER = `mutation($input: RegisterPlacementInput!) { registerPlacement(input: $input) { placement { id } } }`;

const json = (res: Response): Promise<any> => res.json();
const get = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers });
const origin = (p: Platform) => p.url.replace(/\/graphql$/, '');

// SQLite with the in-process bus and the cache in memory; PostgreSQL with Redis Streams and the cache and limits in Redis.
describe.each(testDatabaseKinds())('public views over plain GET [%s]', (kind) => {
  const redis = kind === 'postgresql' && testEventsUrl() !== undefined;
  const prefix = `lle:test:${process.pid}:${randomBytes(4).toString('hex')}:`;
  let platform: Platform;
  beforeAll(async () => {
    platform = await startPlatform(
      kind,
      undefined,
      {},
      {
        bus: redis ? 'redis' : 'memory',
        gateway: {
          rateLimits: { anonymous: 120, token: 1000 },
          redisUrl: redis ? testEventsUrl() : undefined,
          redisPrefix: prefix,
        },
      },
    );
  });
  afterAll(async () => {
    await platform?.close();
    if (redis) {
      const client = new Redis(testEventsUrl()!);
      const keys = await client.keys(`${prefix}*`);
      if (keys.length) await client.del(...keys);
      client.disconnect();
    }
  });

  it('answers the region view by GET without a preflight header: 4,948 placements in 2022, 101 % of the goal, cacheable', async () => {
    const res = await get(`${origin(platform)}/public/region-placements?year=2022`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('etag')).toMatch(/^"[\w-]{32}"$/);
    const body = await json(res);
    expect(body.data.region.placementSummary).toMatchObject({ placements: 4948, goal: 4899 });
    expect(Math.round(body.data.region.placementSummary.compliance * 100)).toBe(101);
    expect(body.data.provinces.map((p: any) => p.province.name)).toEqual(['Llanquihue', 'Chiloé', 'Osorno', 'Palena']);
    expect(body.data.provinces.reduce((sum: number, p: any) => sum + p.placements, 0)).toBe(4948);
    expect(body.data.dataset.synthetic).toBe(true);
    expect(body.extensions.dataset.synthetic).toBe(true);
  });

  it("takes freshness from the subgraphs' @cacheControl hints: public aggregates 300 s, private with a token, uncacheable with a person-level record", async () => {
    const ask = async (query: string, token?: string) => {
      const res = await fetch(platform.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query }),
      });
      expect((await json(res)).errors).toBeUndefined();
      return res.headers.get('cache-control');
    };
    // Across two subgraphs (communes, and placements through _entities): the most restrictive hint.
    const publicAggregate = '{ commune(code: "10101") { name province { name } placementSummary(year: 2022) { placements } } }';
    expect(await ask(publicAggregate)).toBe('max-age=300, public');
    expect(await ask('{ placementStats(filter: { years: [2022] }, groupBy: [COMMUNE]) { placements } }')).toBe('max-age=300, public');
    expect(await ask(publicAggregate, await tokenFor('admin'))).toBe('max-age=300, private');
    expect(await ask('{ commune(code: "10101") { placements(first: 1) { totalCount } } }', await tokenFor('admin'))).toBe('no-store');
    // Entity fetches (_entities) take the hint of the entities' types: the communes' names, the region's summary.
    const names = '{ placementStats(filter: { years: [2022] }, groupBy: [COMMUNE]) { commune { code name } placements } }';
    expect(await ask(names)).toBe('max-age=300, public');
    expect(await ask('{ region(code: "10") { name placementSummary(year: 2022) { placements goal compliance } } }')).toBe(
      'max-age=300, public',
    );
    // A person reached through _entities makes the whole answer uncacheable.
    const people = '{ placements(filter: { year: 2022 }, first: 2) { nodes { commune { name } person { firstName } } } }';
    const res = await fetch(platform.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor('admin')}`, 'x-purpose': 'job-placement' },
      body: JSON.stringify({ query: people }),
    });
    expect((await json(res)).data.placements.nodes[0].person.firstName).toEqual(expect.any(String));
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('the same answer as GraphQL GET with the view id; a repeat with If-None-Match gets 304; the second request is a cache hit (measured)', async () => {
    const url = `${origin(platform)}/public/commune-placements?commune=10103&year=2023`;
    let t = performance.now();
    const first = await get(url);
    const missMs = performance.now() - t;
    const body = await first.text();
    expect(first.headers.get('x-cache')).toBe('MISS');
    t = performance.now();
    const second = await get(url);
    const hitMs = performance.now() - t;
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(await second.text()).toBe(body);
    console.log(`public view commune-placements [${kind}]: miss ${missMs.toFixed(1)} ms, hit ${hitMs.toFixed(1)} ms`);
    if (redis) {
      // Shared by every replica: the answer is in Redis, under the run's prefix.
      const client = new Redis(testEventsUrl()!);
      expect(JSON.parse((await client.hget(`${prefix}public-views`, 'commune-placements?commune="10103"&year=2023'))!).body).toBe(body);
      client.disconnect();
    }

    const etag = first.headers.get('etag')!;
    const notModified = await get(url, { 'if-none-match': etag });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('etag')).toBe(etag);
    expect(await notModified.text()).toBe('');

    const variables = encodeURIComponent(JSON.stringify({ commune: '10103', year: 2023 }));
    const viaGraphql = await get(`${platform.url}?documentId=commune-placements&variables=${variables}`);
    expect(viaGraphql.status).toBe(200);
    expect(viaGraphql.headers.get('x-cache')).toBe('HIT');
    expect(await viaGraphql.text()).toBe(body);
    expect(JSON.parse(body).data.commune.name).toBe('Cochamó');
  });

  it("a cached answer to an anonymous client goes out before Express with what Express's route sends: body, headers, 304, the request's id, counted in /metrics", async () => {
    const url = `${origin(platform)}/public/commune-placements?commune=10105&year=2022`;
    const miss = await get(url);
    expect(miss.headers.get('x-cache')).toBe('MISS');
    await miss.text();
    const requests = async () => {
      const text = await (await get(`${origin(platform)}/metrics`)).text();
      const line = text
        .split('\n')
        .find(
          (l) =>
            l.startsWith('lle_http_requests_total{') &&
            l.includes('service="gateway"') &&
            l.includes('route="/public"') &&
            l.includes('status="200"'),
        );
      return Number(line?.split(' ').pop() ?? 0);
    };
    const before = await requests();
    // Anonymous: the fast path. With a token: Express's route, over the same cached answer.
    const fast = await get(url, { 'x-request-id': 'fast-path-request-1' });
    const viaExpress = await get(url, { authorization: `Bearer ${await tokenFor('analyst')}` });
    expect(fast.status).toBe(200);
    expect(viaExpress.headers.get('x-cache')).toBe('HIT');
    expect(fast.headers.get('x-cache')).toBe('HIT');
    expect(await fast.text()).toBe(await viaExpress.text());
    for (const name of [
      'cache-control',
      'etag',
      'x-public-view',
      'content-type',
      'content-length',
      'access-control-allow-origin',
      'access-control-expose-headers',
    ]) {
      expect([name, fast.headers.get(name)]).toEqual([name, viaExpress.headers.get(name)]);
    }
    expect(fast.headers.get('x-request-id')).toBe('fast-path-request-1');
    expect(await requests()).toBe(before + 2);
    const notModified = await get(url, { 'if-none-match': fast.headers.get('etag')! });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe('');
  });

  it('bad input is a coded 400 and nothing is cached; an unknown view is 404', async () => {
    const bad = await get(`${origin(platform)}/public/commune-placements?commune=10101&year=dos-mil`);
    expect(bad.status).toBe(400);
    expect((await json(bad)).errors[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'year',
      reason: '"dos-mil" is not an integer',
    });
    const extra = await get(`${origin(platform)}/public/commune-placements?commune=10101&year=2022&x=1`);
    expect(extra.status).toBe(400);
    expect((await json(extra)).errors[0].extensions.field).toBe('x');
    const unknownCommune = await get(`${origin(platform)}/public/commune-placements?commune=99999&year=2022`);
    expect(unknownCommune.status).toBe(400);
    expect(unknownCommune.headers.get('cache-control')).toBe('no-store');
    expect((await json(unknownCommune)).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const again = await get(`${origin(platform)}/public/commune-placements?commune=99999&year=2022`);
    expect(again.headers.get('x-cache')).toBeNull();
    const missing = await get(`${origin(platform)}/public/nope`);
    expect(missing.status).toBe(404);
    expect((await json(missing)).errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('a registered placement changes the public figure once its event drops the cached answer', async () => {
    const url = `${origin(platform)}/public/commune-placements?commune=10101&year=${year}`;
    // Polled with a token: its requests count against its own, larger limit (the answer is the public one all the same).
    const analyst = await tokenFor('analyst');
    const figure = async () => {
      const res = await get(url, { authorization: `Bearer ${analyst}` });
      return (await json(res)).data.commune.placementSummary.placements as number;
    };
    const before = await figure();
    expect((await get(url, { authorization: `Bearer ${analyst}` })).headers.get('x-cache')).toBe('HIT');
    const omil = await tokenFor('omil', ['10101']);
    await data(
      platform.url,
      REGISTER,
      {
        input: {
          idempotencyKey: randomUUID(),
          personId: String(enrollment.personId),
          employerId: '1',
          communeCode: '10101',
          startDate,
          occupationCode: '5223',
          contractType: 'FIXED_TERM',
          monthlyWage: 600_000,
        },
      },
      omil,
    );
    await eventually(figure, before + 1);
  });

  it('anonymous flooding gets 429 with Retry-After while a token still passes', async () => {
    const url = `${origin(platform)}/public/commune-placements?commune=10201&year=2022`;
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 150; i++) {
      const res = await get(url);
      statuses.push(res.status);
      if (res.status === 429) limited ??= res;
      else await res.arrayBuffer();
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(120);
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await json(limited!)).errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 120 });
    // One budget per client: the same anonymous caller is refused on POST /graphql too.
    const post = (headers: Record<string, string> = {}) =>
      fetch(platform.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: '{ regions { code } }' }),
      });
    const anonymousPost = await post();
    expect(anonymousPost.status).toBe(429);
    expect(anonymousPost.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await json(anonymousPost)).errors[0].extensions.code).toBe('RATE_LIMITED');
    const token = await tokenFor('analyst');
    const withToken = await get(url, { authorization: `Bearer ${token}` });
    expect(withToken.status).toBe(200);
    expect((await json(withToken)).data.commune.name).toBe('Castro');
    const tokenPost = await post({ authorization: `Bearer ${token}` });
    expect(tokenPost.status).toBe(200);
    expect(((await json(tokenPost)).data.regions as unknown[]).length).toBe(1);
    // A bad token is no way around it: its refusal spends the address's budget (tokens.test.ts: 401 with its reason).
    const badToken = await get(url, { authorization: 'Bearer nope' });
    expect(badToken.status).toBe(429);
  });
});
