import { randomBytes } from 'node:crypto';
import { authConfigFromEnv, signToken } from '../../kit/auth';
import { SHARED_SECRET_HEADER } from '../../kit/config';
import { AuditEntry } from '../../kit/audit/entry';
import { startHiveGateway, type HiveGateway } from '../../gateway/hive/process';
import { accessMatrix } from '../support/access-matrix';
import { testDatabaseKinds } from '../support/databases';
import { bearer, data, errorCodes, post, tokenFor } from '../support/graphql';
import { startPlatform, type Platform } from '../support/platform';

// The public query an independent check ran through Hive Gateway before it had our limits (issue 12).
const COST_15120 =
  '{ placementStats(filter: { years: [2022] }, groupBy: [COMMUNE, SECTOR, MONTH]) { commune { code } sector month placements } }';

function nested(depth: number): string {
  let q = 'code';
  for (let i = 0; i < depth; i++) q = i % 2 === 0 ? `province { ${q} }` : `communes { ${q} }`;
  return `{ commune(code: "10101") { ${q} } }`;
}

describe.each(testDatabaseKinds())('Hive Gateway with gateway/hive/gateway.config.ts, on the running subgraphs [%s]', (kind) => {
  let platform: Platform | undefined;
  let hive: HiveGateway | undefined;
  const sharedSecret = `hive-test-${randomBytes(12).toString('hex')}`;

  beforeAll(async () => {
    // Subgraphs that answer only requests carrying the shared secret, on ephemeral ports (not the supergraph's 4001–4005).
    platform = await startPlatform(kind, { auth: authConfigFromEnv(), sharedSecret });
    hive = await startHiveGateway({ subgraphUrls: platform.gateway.subgraphs, env: { SUBGRAPH_SHARED_SECRET: sharedSecret } });
  });
  afterAll(async () => {
    await hive?.close();
    await platform?.close();
  });
  const url = () => {
    if (!hive) throw new Error('Hive Gateway failed to start');
    return hive.url;
  };

  it('serves the committed supergraph on the subgraphs given by <NAME>_URL, with the shared secret', async () => {
    const d = await data(url(), '{ region(code: "10") { placementSummary(year: 2022) { placements goal } provinces { code } } }');
    expect(d.region.placementSummary.placements).toBe(4948);
    expect(d.region.provinces).toHaveLength(4);
    // Without the secret a subgraph refuses: Hive's answers above prove it sent it.
    const direct = await fetch(platform!.gateway.subgraphs.communes, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(direct.status).toBe(403);
    const withSecret = await post(platform!.gateway.subgraphs.communes, '{ __typename }', undefined, {
      [SHARED_SECRET_HEADER]: sharedSecret,
    });
    expect(withSecret.data).toEqual({ __typename: 'Query' });
  });

  it("forwards the caller's purpose and request id: a personal read through Hive is served and audited under them", async () => {
    const admin = await tokenFor('admin');
    const query = '{ persons(first: 1) { nodes { id rut } } }';
    const refused = await post(url(), query, undefined, bearer(admin));
    expect(errorCodes(refused)).toContain('BAD_USER_INPUT');
    const requestId = `hive-purpose-${randomBytes(6).toString('hex')}`;
    const served = await post(url(), query, undefined, { ...bearer(admin), 'x-purpose': 'data-quality', 'x-request-id': requestId });
    expect(served.errors).toBeUndefined();
    const id = served.data.persons.nodes[0].id;
    const persons = platform!.subgraphs.persons;
    const entries = await persons.db!.em.fork().find(AuditEntry, { requestId });
    expect(entries.map((e) => [e.personId, e.purpose])).toEqual([[id, 'data-quality']]);
  });

  describe('access matrix through Hive Gateway', () => accessMatrix(url));

  describe('token verification (kit/auth, the same keys as ours)', () => {
    it.each([
      ['malformed', 'Bearer not-a-jwt', 'malformed'],
      ['not a bearer', 'Basic abc', 'the Authorization header must be "Bearer <token>"'],
    ])('refuses a %s token with 401 UNAUTHENTICATED', async (_label, authorization, reason) => {
      const body = await post(url(), '{ regions { code } }', undefined, { authorization });
      expect(body.status).toBe(401);
      expect(errorCodes(body)).toEqual(['UNAUTHENTICATED']);
      expect(body.errors![0].message).toContain(reason);
      expect(body.data).toBeUndefined();
    });

    it('refuses an expired token and one signed with another key', async () => {
      const expired = await tokenFor('admin', [], Math.floor(Date.now() / 1000) - 60);
      const forged = await signToken(
        { sub: 'x', roles: ['admin'] },
        { ...authConfigFromEnv(), secret: 'another-secret-of-at-least-32-characters!!' },
      );
      for (const [token, reason] of [
        [expired, 'expired'],
        [forged, 'signature does not verify'],
      ]) {
        const body = await post(url(), '{ regions { code } }', undefined, bearer(token));
        expect(body.status).toBe(401);
        expect(body.errors![0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason });
      }
    });
  });

  describe('limits (gateway/limits.ts, the same checker as ours)', () => {
    it('refuses the public query of estimated cost 15,120 as our gateway does, and serves it to an analyst', async () => {
      const body = await post(url(), COST_15120);
      expect(body.status).toBe(400);
      expect(errorCodes(body)).toEqual(['COST_LIMIT_EXCEEDED']);
      expect(body.errors![0].extensions).toMatchObject({ limit: 5000, value: 15120 });
      expect(body.data).toBeUndefined();
      const ours = await post(platform!.url, COST_15120);
      expect(ours.errors).toEqual(body.errors);

      // Served within the budget of other roles; an admin's cells are exact, so they add up to the headline.
      const admin = await data(url(), COST_15120, undefined, await tokenFor('admin'));
      expect(admin.placementStats.reduce((s: number, r: any) => s + r.placements, 0)).toBe(4948);
      const analyst = await post(url(), COST_15120, undefined, bearer(await tokenFor('analyst')));
      expect(analyst.errors).toBeUndefined();
    });

    it('refuses a 30-deep query (DEPTH_LIMIT_EXCEEDED) and serves depth 11', async () => {
      const body = await post(url(), nested(29));
      expect(body.status).toBe(400);
      expect(errorCodes(body)).toEqual(['DEPTH_LIMIT_EXCEEDED']);
      expect(body.errors![0].extensions).toMatchObject({ limit: 12, value: 31 });
      const deepButSmall =
        '{ placements(first: 1) { edges { node { commune { province { region { provinces { region { provinces { region { name } } } } } } } } } } }';
      const ok = await data(url(), deepButSmall, undefined, await tokenFor('admin'));
      expect(ok.placements.edges[0].node.commune.province.region.provinces[0].region.provinces).toHaveLength(4);
    });

    it('refuses 100 aliases (ALIAS_LIMIT_EXCEEDED) and 11 root fields (ROOT_FIELD_LIMIT_EXCEEDED)', async () => {
      const aliases = Array.from({ length: 100 }, (_, i) => `a${i}: name`).join(' ');
      const body = await post(url(), `{ commune(code: "10101") { ${aliases} } }`);
      expect(body.status).toBe(400);
      expect(errorCodes(body)).toEqual(['ALIAS_LIMIT_EXCEEDED']);
      expect(body.errors![0].extensions).toMatchObject({ limit: 15, value: 100 });
      const roots = Array.from({ length: 11 }, (_, i) => `r${i}: regions { code }`).join(' ');
      expect(errorCodes(await post(url(), `{ ${roots} }`))).toEqual(['ROOT_FIELD_LIMIT_EXCEEDED']);
    });

    it('refuses a batch of 11 operations and costs each operation of a batch', async () => {
      const batch = (ops: string[]) =>
        fetch(url(), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(ops.map((query) => ({ query }))),
        });
      const tooMany = await batch(Array(11).fill('{ regions { code } }'));
      expect(tooMany.status).toBe(413);
      const answers = (await (await batch(['{ regions { code } }', COST_15120])).json()) as any[];
      expect(answers[0].data.regions).toEqual([{ code: '10' }]);
      expect(answers[1].errors[0].extensions.code).toBe('COST_LIMIT_EXCEEDED');
    });
  });
});
