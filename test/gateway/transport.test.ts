import { authConfigFromEnv, verifyToken } from '../../kit/auth';
import { SHARED_SECRET_HEADER } from '../../kit/config';
import { REQUEST_ID_HEADER } from '../../kit/audit/plugin';
import type { LocalHandler } from '../../kit/serve';
import { startGateway, type GatewayServer } from '../../gateway/server';
import { loadSupergraphSdl } from '../../gateway/supergraph';
import { deduplicated, localFetcher, type Fetcher } from '../../gateway/transport';
import { bearer, errorCodes, post, purpose, tokenFor } from '../support/graphql';
import { testDatabaseKinds } from '../support/databases';
import { startPlatform, type Platform } from '../support/platform';

const SECRET = 'gateway-to-subgraph-secret-for-transport-tests';

const PAGE = `{ placements(filter: { year: 2022 }, first: 50) { totalCount nodes {
  id startDate sector contractType
  commune { code name province { name } } employer { name } vacancy { title } person { firstName lastName } } } }`;

/** Counts what reaches the subgraph's handler. */
function counting(handler: LocalHandler): { handler: LocalHandler; calls: () => number } {
  let calls = 0;
  return {
    handler: async (request) => {
      calls++;
      return handler(request);
    },
    calls: () => calls,
  };
}

const body = (query: string) => JSON.stringify({ query, variables: {} });

describe.each(testDatabaseKinds())('gateway → subgraph transport [%s]', (kind) => {
  let platform: Platform;
  let overHttp: GatewayServer;
  beforeAll(async () => {
    // In process (the embedded default), with the shared secret set.
    platform = await startPlatform(kind, { auth: authConfigFromEnv(), sharedSecret: SECRET });
    // The same subgraphs over HTTP, as a gateway in a process of its own calls them.
    overHttp = await startGateway({
      supergraphSdl: loadSupergraphSdl(),
      subgraphUrls: platform.gateway.subgraphs,
      port: 0,
      host: '127.0.0.1',
      auth: authConfigFromEnv(),
      sharedSecret: SECRET,
    });
  });
  afterAll(async () => {
    await overHttp?.close();
    await platform?.close();
  });

  it('answers the same in process as over HTTP, 4,948 placements of 2022 across four subgraphs', async () => {
    const headers = { ...bearer(await tokenFor('admin')), ...purpose() };
    const read = async (url: string) => {
      const res = await post(url, PAGE, undefined, headers);
      expect(res.errors).toBeUndefined();
      return res.data;
    };
    const local = await read(platform.url);
    const remote = await read(overHttp.url);
    expect(local.placements.totalCount).toBe(4948);
    expect(local.placements.nodes).toHaveLength(50);
    expect(local.placements.nodes[0].person.firstName).toEqual(expect.any(String));
    expect(local).toEqual(remote);
  });

  it('keeps the checks of the HTTP route in process: the shared secret, then the token, verified by the subgraph', async () => {
    const local = platform.subgraphs.placements.served!.local;
    const query = body('{ placements(first: 1) { totalCount } }');
    const without = await local({ headers: { 'content-type': 'application/json' }, body: query });
    expect(without.status).toBe(403);
    expect(JSON.parse(without.body).errors[0].extensions.code).toBe('FORBIDDEN');
    const json = { 'content-type': 'application/json' };
    const wrong = await local({ headers: { ...json, [SHARED_SECRET_HEADER]: 'guess' }, body: query });
    expect(wrong.status).toBe(403);

    const token = await tokenFor('admin');
    const forged = `${token.slice(0, -4)}AAAA`;
    const refused = await local({ headers: { ...json, [SHARED_SECRET_HEADER]: SECRET, authorization: `Bearer ${forged}` }, body: query });
    expect(JSON.parse(refused.body).errors[0].extensions.code).toBe('UNAUTHENTICATED');

    const admitted = await local({ headers: { ...json, [SHARED_SECRET_HEADER]: SECRET, authorization: `Bearer ${token}` }, body: query });
    expect(admitted.status).toBe(200);
    expect(JSON.parse(admitted.body).data.placements.totalCount).toBeGreaterThan(4948);
  });

  it('refuses a forged token at the gateway before any subgraph call, in process too', async () => {
    const token = await tokenFor('admin');
    const res = await post(platform.url, PAGE, undefined, bearer(`${token.slice(0, -4)}AAAA`));
    expect(res.status).toBe(401);
    expect(errorCodes(res)).toEqual(['UNAUTHENTICATED']);
  });

  it('shares identical in-flight reads, keyed by the whole request; never mutations', async () => {
    const counted = counting(platform.subgraphs.communes.served!.local);
    const fetcher: Fetcher = deduplicated(localFetcher(counted.handler));
    const url = platform.gateway.subgraphs.communes;
    const read = body('query Q { region(code: "10") { name provinces { code } } }');
    const send = (payload: string, authorization?: string) =>
      fetcher(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SHARED_SECRET_HEADER]: SECRET, ...(authorization ? { authorization } : {}) },
        body: payload,
      }).then(async (r) => ({ status: r.status, body: JSON.parse(await r.text()) }));

    const five = await Promise.all(Array.from({ length: 5 }, () => send(read)));
    expect(counted.calls()).toBe(1);
    for (const answer of five) expect(answer).toEqual({ status: 200, body: five[0].body });
    expect(five[0].body.data.region).toEqual({
      name: 'Los Lagos',
      provinces: [{ code: '101' }, { code: '102' }, { code: '103' }, { code: '104' }],
    });

    // Answered: nothing kept, the next read asks again.
    await send(read);
    expect(counted.calls()).toBe(2);

    // Another Authorization is another request.
    const [a, b] = [`Bearer ${await tokenFor('admin')}`, `Bearer ${await tokenFor('analyst')}`];
    await Promise.all([send(read, a), send(read, b), send(read, a)]);
    expect(counted.calls()).toBe(4);

    // Each client request has its own request id, left out of the key: reads are shared whatever it is, with a token too…
    const anonymous = deduplicated(localFetcher(counted.handler), [REQUEST_ID_HEADER]);
    const withId = (requestId: string, authorization?: string) =>
      anonymous(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SHARED_SECRET_HEADER]: SECRET,
          [REQUEST_ID_HEADER]: requestId,
          ...(authorization ? { authorization } : {}),
        },
        body: read,
      });
    await Promise.all([withId('11111111-1111-4111-8111-111111111111'), withId('22222222-2222-4222-8222-222222222222')]);
    expect(counted.calls()).toBe(5);
    await Promise.all([withId('11111111-1111-4111-8111-111111111111', a), withId('22222222-2222-4222-8222-222222222222', a)]);
    expect(counted.calls()).toBe(6);

    // A mutation is sent every time, even when identical.
    const mutation = body('mutation M { __typename }');
    const mutations = await Promise.all([send(mutation), send(mutation)]);
    expect(counted.calls()).toBe(8);
    expect(mutations.map((m) => m.body.data)).toEqual([{ __typename: 'Mutation' }, { __typename: 'Mutation' }]);
  });

  it('shares no answer that was audited: each request reading personal data asks on its own and is audited under its own id', async () => {
    const counted = counting(platform.subgraphs.persons.served!.local);
    const fetcher = deduplicated(localFetcher(counted.handler), [REQUEST_ID_HEADER]);
    const url = platform.gateway.subgraphs.persons;
    const token = `Bearer ${await tokenFor('admin')}`;
    const ids = ['33333333-3333-4333-8333-333333333333', '44444444-4444-4444-8444-444444444444', '55555555-5555-4555-8555-555555555555'];
    const send = (query: string, requestId: string) =>
      fetcher(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SHARED_SECRET_HEADER]: SECRET,
          [REQUEST_ID_HEADER]: requestId,
          authorization: token,
          ...purpose(),
        },
        body: body(query),
      }).then(async (r) => JSON.parse(await r.text()));

    // Nothing personal: one call for the three.
    const plain = await Promise.all(ids.map((id) => send('query P { person(id: "7") { id sex } }', id)));
    expect(counted.calls()).toBe(1);
    expect(plain.map((answer) => answer.data.person.id)).toEqual(['7', '7', '7']);

    // A personal field: the first answer was audited, so the two others ask again, each under its own id.
    const personal = await Promise.all(ids.map((id) => send('query N { person(id: "7") { id firstName } }', id)));
    expect(counted.calls()).toBe(4);
    expect(new Set(personal.map((answer) => answer.data.person.firstName)).size).toBe(1);
    const audit = await post(
      platform.url,
      '{ auditEntries(first: 100, filter: { personId: "7" }) { nodes { requestId operation fields } } }',
      undefined,
      bearer(await tokenFor('admin')),
    );
    const entries = audit.data.auditEntries.nodes.filter((e: { requestId: string }) => ids.includes(e.requestId));
    expect(entries.map((e: { requestId: string }) => e.requestId).sort()).toEqual(ids);
    for (const entry of entries) expect(entry).toMatchObject({ operation: 'N', fields: ['firstName'] });

    // An answer without the marker (a subgraph that cannot say) is not handed on either.
    let unmarked = 0;
    const silent = deduplicated(async () => {
      unmarked++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return new Response('{"data":{}}', { status: 200 });
    });
    await Promise.all(
      [1, 2, 3].map(() => silent(url, { method: 'POST', headers: { authorization: token }, body: body('{ __typename }') })),
    );
    expect(unmarked).toBe(3);
  });

  it('through the gateway, in process and over HTTP: concurrent identical personal reads and refusals are each audited under their own id', async () => {
    const admin = bearer(await tokenFor('admin'));
    const audited = async (prefix: string) => {
      const res = await post(
        platform.url,
        '{ auditEntries(first: 100, filter: { personId: "9" }) { nodes { requestId outcome fields } } }',
        undefined,
        admin,
      );
      return res.data.auditEntries.nodes.filter((e: { requestId: string }) => e.requestId.startsWith(prefix));
    };
    const { data: seen } = await post(
      platform.url,
      '{ person(id: "9") { omilCommune { code } residenceCommune { code } } }',
      undefined,
      admin,
    );
    const own = [seen.person.omilCommune.code, seen.person.residenceCommune.code];
    const elsewhere = ['10101', '10401', '10301'].find((code) => !own.includes(code))!;
    const cases = [
      { name: 'read', token: admin, outcome: 'READ' },
      { name: 'refused', token: bearer(await tokenFor('omil', [elsewhere])), outcome: 'REFUSED' },
    ];
    for (const [via, url] of [
      ['local', platform.url],
      ['http', overHttp.url],
    ]) {
      for (const c of cases) {
        const prefix = `t-${via}-${c.name}-`;
        const ids = [1, 2, 3, 4].map((n) => `${prefix}${n}`);
        const answers = await Promise.all(
          ids.map((id) =>
            post(url, 'query Same { person(id: "9") { id firstName } }', undefined, { ...c.token, ...purpose(), 'x-request-id': id }),
          ),
        );
        for (const answer of answers) expect(answer.status).toBe(200);
        const entries = await audited(prefix);
        expect(entries.map((e: { requestId: string }) => e.requestId).sort()).toEqual(ids);
        for (const entry of entries) expect(entry).toMatchObject({ outcome: c.outcome, fields: ['firstName'] });
      }
    }
  });
});

describe('token verification cache', () => {
  it('verifies a token once for its lifetime, shares a frozen viewer, and never lets a forged token ride on it', async () => {
    const config = authConfigFromEnv();
    const token = await tokenFor('municipality', ['10101']);
    const first = await verifyToken(token, config);
    const second = await verifyToken(token, config);
    expect(first).toEqual({ sub: 'test-municipality', roles: ['municipality'], communes: ['10101'] });
    expect(second).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.roles) && Object.isFrozen(first.communes)).toBe(true);
    await expect(verifyToken(`${token.slice(0, -4)}AAAA`, config)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    // Another configuration (another audience) verifies for itself.
    await expect(verifyToken(token, { ...config, audience: 'someone-else' })).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED', reason: 'wrong audience' },
    });
  });

  it('lets an expired token go: it is kept only until its exp', async () => {
    const config = authConfigFromEnv();
    const token = await tokenFor('admin', [], '1s');
    expect((await verifyToken(token, config)).roles).toEqual(['admin']);
    // jose allows 5 s of clock skew after exp.
    await new Promise((r) => setTimeout(r, 7_000));
    await expect(verifyToken(token, config)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED', reason: 'expired' } });
  }, 15_000);
});
