import { parse } from 'graphql';
import { startGateway } from '../../gateway/server';
import { loadSupergraphSdl } from '../../gateway/supergraph';
import { limitsFromEnv } from '../../gateway/limits';
import { formatError } from '../../kit/errors';
import { bearer, data, errorCodes, post, tokenFor } from '../support/graphql';
import { describeEachDatabase } from '../support/platform';

const HEADLINE = '{ region(code: "10") { placementSummary(year: 2022) { placements } } }';

function nested(depth: number): string {
  let q = 'code';
  for (let i = 0; i < depth; i++) q = i % 2 === 0 ? `province { ${q} }` : `communes { ${q} }`;
  return `{ commune(code: "10101") { ${q} } }`;
}

// About 5,400 objects: over the public budget (5,000), within the partner's (50,000).
const MID_COST = `{ region(code: "10") { provinces { communes {
  omil { name } province { name } region { name } placementSummary(year: 2022) { placements }
  fomilAgreement(year: 2022) { year } a: fomilAgreement(year: 2021) { year } } } } }`;

describeEachDatabase('gateway request limits', (platform) => {
  const still = async () => expect((await data(platform().url, HEADLINE)).region.placementSummary.placements).toBe(4948);

  it('rejects a 30-deep query (DEPTH_LIMIT_EXCEEDED) and keeps serving', async () => {
    const body = await post(platform().url, nested(29));
    expect(body.status).toBe(400);
    expect(errorCodes(body)).toEqual(['DEPTH_LIMIT_EXCEEDED']);
    expect(body.errors![0].extensions).toMatchObject({ limit: 12, value: 31 });
    await still();
    // Depth 11 is within the limit (the limit, not the cost, is what this checks).
    const deepButSmall =
      '{ placements(first: 1) { edges { node { commune { province { region { provinces { region { provinces { region { name } } } } } } } } } } }';
    const ok = await post(platform().url, deepButSmall, undefined, bearer(await tokenFor('admin')));
    expect(ok.errors).toBeUndefined();
    expect(ok.data.placements.edges[0].node.commune.province.region.provinces[0].region.provinces).toHaveLength(4);
  });

  it('counts depth through fragments', async () => {
    const body = await post(
      platform().url,
      `{ commune(code: "10101") { ...deep } } fragment deep on Commune { province { communes { province { communes { province { communes { province { communes { province { communes { province { code } } } } } } } } } } } }`,
    );
    expect(errorCodes(body)).toEqual(['DEPTH_LIMIT_EXCEEDED']);
  });

  it('rejects a 100-alias query (ALIAS_LIMIT_EXCEEDED) and keeps serving', async () => {
    const aliases = Array.from({ length: 100 }, (_, i) => `a${i}: name`).join(' ');
    const body = await post(platform().url, `{ commune(code: "10101") { ${aliases} } }`);
    expect(errorCodes(body)).toEqual(['ALIAS_LIMIT_EXCEEDED']);
    await still();
  });

  it('rejects too many root fields (ROOT_FIELD_LIMIT_EXCEEDED)', async () => {
    const roots = Array.from({ length: 11 }, (_, i) => `r${i}: regions { code }`).join(' ');
    expect(errorCodes(await post(platform().url, `{ ${roots} }`))).toEqual(['ROOT_FIELD_LIMIT_EXCEEDED']);
  });

  it('rejects a cost bomb of nested first: 1000 lists (COST_LIMIT_EXCEEDED), even for an analyst', async () => {
    const bomb =
      '{ communes(first: 1000) { nodes { placements(first: 1000) { nodes { commune { placements(first: 1000) { totalCount } } } } } } }';
    const body = await post(platform().url, bomb, undefined, bearer(await tokenFor('analyst')));
    expect(errorCodes(body)).toEqual(['COST_LIMIT_EXCEEDED']);
    expect(body.errors![0].extensions!.value).toBeGreaterThan(1_000_000);
    await still();
  });

  it('counts variables in the cost: first: $n', async () => {
    const body = await post(
      platform().url,
      'query($n: Int) { communes(first: $n) { nodes { placements(first: $n) { nodes { id } } } } }',
      { n: 1000 },
      bearer(await tokenFor('analyst')),
    );
    expect(errorCodes(body)).toEqual(['COST_LIMIT_EXCEEDED']);
  });

  it('gives partners a larger budget than the public', async () => {
    const pub = await post(platform().url, MID_COST);
    expect(errorCodes(pub)).toEqual(['COST_LIMIT_EXCEEDED']);
    expect(pub.errors![0].extensions).toMatchObject({ limit: 5000 });
    const partner = await post(platform().url, MID_COST, undefined, bearer(await tokenFor('partner')));
    expect(partner.errors).toBeUndefined();
    expect(partner.data.region.provinces).toHaveLength(4);
  });

  it('answers the headline query well within the public budget', async () => {
    const body = await post(
      platform().url,
      `{ region(code: "10") { name provinces { code name communes { code name } }
      fomilAgreements(year: 2022) { commune { code } } placementSummary(year: 2022) { placements goal compliance } }
      commune(code: "10101") { name province { name } placementSummary(year: 2022) { placements goal compliance } } }`,
    );
    expect(body.errors).toBeUndefined();
  });

  it('measures each fragment once: a chain of doubling fragments is refused at once, and the gateway keeps serving', async () => {
    const levels = 40;
    const chain = Array.from({ length: levels }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ');
    const started = Date.now();
    const roots = await post(platform().url, `query { ...F0 } ${chain} fragment F${levels} on Query { regions { code } }`);
    expect(errorCodes(roots)).toEqual(['ROOT_FIELD_LIMIT_EXCEEDED']);
    const nested = Array.from(
      { length: levels },
      (_, i) => `fragment N${i} on Region { provinces { region { ...N${i + 1} } } communes { region { ...N${i + 1} } } }`,
    ).join(' ');
    const deep = await post(platform().url, `{ region(code: "10") { ...N0 } } ${nested} fragment N${levels} on Region { code }`);
    expect(errorCodes(deep)).toEqual(['DEPTH_LIMIT_EXCEEDED']);
    expect(Date.now() - started).toBeLessThan(5_000);
    await still();
  });

  it('costs a fragment spread as often as it is spread', async () => {
    const b = 'employers(first: 20) { nodes { name vacancies { title employer { name vacancies { title } } } } }';
    const inline = await post(platform().url, `{ commune(code: "10101") { ${b} region { communes { ${b} } } } }`);
    const viaFragment = await post(
      platform().url,
      `{ commune(code: "10101") { ...C region { communes { ...C } } } } fragment C on Commune { ${b} }`,
    );
    expect(errorCodes(inline)).toEqual(['COST_LIMIT_EXCEEDED']);
    expect(errorCodes(viaFragment)).toEqual(['COST_LIMIT_EXCEEDED']);
    expect(viaFragment.errors![0].extensions!.value).toBe(inline.errors![0].extensions!.value);
  });

  it("costs first: $n by the variable's default when none is given", async () => {
    const body = await post(
      platform().url,
      'query($n: Int = 100) { communes(first: $n) { nodes { employers(first: $n) { nodes { name } } } } }',
    );
    expect(errorCodes(body)).toEqual(['COST_LIMIT_EXCEEDED']);
  });

  it('costs statistics by the rows their grouping can return', async () => {
    const fine =
      'placementStats(groupBy: [COMMUNE, YEAR, MONTH, SECTOR, AGE_BAND]) { commune { name omil { name } province { name region { name } } } placements }';
    const body = await post(platform().url, `{ ${Array.from({ length: 10 }, (_, i) => `s${i}: ${fine}`).join(' ')} }`);
    expect(errorCodes(body)).toEqual(['COST_LIMIT_EXCEEDED']);
    expect(errorCodes(await post(platform().url, `{ ${fine} }`))).toEqual(['COST_LIMIT_EXCEEDED']);
    const usual = await post(
      platform().url,
      '{ placementStats(filter: { years: [2022] }, groupBy: [COMMUNE, MONTH]) { commune { name } month placements } }',
    );
    expect(usual.errors).toBeUndefined();
  });

  it('counts aliases of introspection fields', async () => {
    const body = await post(platform().url, `{ __schema { ${Array.from({ length: 20 }, (_, i) => `i${i}: types { name }`).join(' ')} } }`);
    expect(errorCodes(body)).toEqual(['ALIAS_LIMIT_EXCEEDED']);
    const roots = await post(
      platform().url,
      `{ ${Array.from({ length: 11 }, (_, i) => `i${i}: __type(name: "Query") { name }`).join(' ')} }`,
    );
    expect(errorCodes(roots)).toEqual(['ROOT_FIELD_LIMIT_EXCEEDED']);
  });

  it('rejects an oversized body with 413 PAYLOAD_TOO_LARGE', async () => {
    const body = await post(platform().url, `{ regions { code } } # ${'x'.repeat(150_000)}`);
    expect(body.status).toBe(413);
    expect(errorCodes(body)).toEqual(['PAYLOAD_TOO_LARGE']);
    await still();
  });

  it('rejects a document of too many tokens before validating it', async () => {
    const fields = Array.from({ length: 3100 }, () => 'code').join(' ');
    const body = await post(platform().url, `{ regions { ${fields} } }`);
    expect(errorCodes(body)).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(body.errors![0].message).toMatch(/tokens/);
  });

  it('answers a batch of up to 10 operations and refuses longer batches', async () => {
    const send = (n: number) =>
      fetch(platform().url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(Array.from({ length: n }, () => ({ query: HEADLINE }))),
      });
    const ok = await send(3);
    expect(ok.status).toBe(200);
    const answers = (await ok.json()) as any[];
    expect(answers.map((a) => a.data.region.placementSummary.placements)).toEqual([4948, 4948, 4948]);
    const tooMany = await send(11);
    expect(tooMany.status).toBe(400);
    expect(errorCodes((await tooMany.json()) as any)).toEqual(['BATCH_LIMIT_EXCEEDED']);
  });

  it('refuses a GET query without a preflight header (CSRF prevention)', async () => {
    const url = `${platform().url}?query=${encodeURIComponent('{ regions { code } }')}`;
    expect((await fetch(url)).status).toBe(400);
    const preflighted = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(preflighted.status).toBe(200);
  });

  it('turns introspection off when configured (as in production)', async () => {
    const gateway = await startGateway({
      supergraphSdl: loadSupergraphSdl(),
      subgraphUrls: platform().gateway.subgraphs,
      port: 0,
      host: '127.0.0.1',
      introspection: false,
    });
    try {
      const refused = await post(gateway.url, '{ __schema { types { name } } }');
      expect(errorCodes(refused)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      // Issue 12, finding 14: the message names the setting, not an ApolloServer option.
      expect(refused.errors![0].message).toContain('INTROSPECTION=true');
      expect((await data(gateway.url, HEADLINE)).region.placementSummary.placements).toBe(4948);
    } finally {
      await gateway.close();
    }
    expect((await data(platform().url, '{ __schema { queryType { name } } }')).__schema.queryType.name).toBe('Query');
  });
});

describe('limit configuration and error masking', () => {
  it('reads bounds from the environment and refuses nonsense', () => {
    expect(limitsFromEnv({ LIMIT_DEPTH: '20', LIMIT_COST_PUBLIC: '100' })).toMatchObject({ depth: 20, aliases: 15, cost: { public: 100 } });
    expect(() => limitsFromEnv({ LIMIT_DEPTH: '-1' })).toThrow(/LIMIT_DEPTH/);
    expect(() => limitsFromEnv({ LIMIT_ALIASES: 'many' })).toThrow(/LIMIT_ALIASES/);
  });

  it('masks internal errors in production: no stack, no SQL, no path of a file', () => {
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      const internal = formatError(
        {
          message: 'select * from "placements"."placement" - relation does not exist',
          extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at /app/dist/x.js:1'] },
        },
        new Error('boom'),
      );
      expect(internal).toEqual({ message: 'Internal server error', path: undefined, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      const client = formatError(
        { message: 'Invalid value', extensions: { code: 'BAD_USER_INPUT', field: 'code', stacktrace: ['x'] } },
        null,
      );
      expect(client).toEqual({ message: 'Invalid value', extensions: { code: 'BAD_USER_INPUT', field: 'code' } });
    } finally {
      process.env.NODE_ENV = previous;
    }
  });

  it('parses every limit-test document (the bombs are valid GraphQL, rejected by limits only)', () => {
    expect(() => parse(nested(29))).not.toThrow();
    expect(() => parse(MID_COST)).not.toThrow();
  });
});
