import { gzipSync } from 'node:zlib';
import { describeEachDatabase } from '../support/platform';
import { bearer, errorCodes, post, tokenFor } from '../support/graphql';

/** One bad request: its body bytes and headers, and the coded 4xx it must get. */
interface BadInput {
  name: string;
  body: string | Buffer;
  headers?: Record<string, string>;
  status: number;
  code: string;
}

const JSON_TYPE = { 'content-type': 'application/json' };
const gzip = (text: string) => gzipSync(Buffer.from(text));
const typename = '{"query":"{ __typename }"}';
const zeros = '0'.repeat(64);

/** Finding 3, 4 and 5 of issue 12: each used to answer 500, an HTML page with a stack trace, or INTERNAL_SERVER_ERROR. */
const CORPUS: BadInput[] = [
  { name: 'malformed JSON', body: '{"query":', status: 400, code: 'BAD_REQUEST' },
  { name: 'JSON that is not an object', body: '"{ __typename }"', status: 400, code: 'BAD_REQUEST' },
  { name: 'mutation { x }', body: '{"query":"mutation { x }"}', status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'a subscription', body: '{"query":"subscription { x }"}', status: 400, code: 'BAD_REQUEST' },
  { name: 'a subscription of a known field', body: '{"query":"subscription { __typename }"}', status: 400, code: 'BAD_REQUEST' },
  {
    name: 'two operations without operationName',
    body: '{"query":"query A { __typename } query B { __typename }"}',
    status: 400,
    code: 'OPERATION_RESOLUTION_FAILURE',
  },
  {
    name: 'an unknown operationName',
    body: '{"query":"query A { __typename }","operationName":"Z"}',
    status: 400,
    code: 'OPERATION_RESOLUTION_FAILURE',
  },
  {
    name: 'charset latin1',
    body: typename,
    headers: { 'content-type': 'application/json; charset=latin1' },
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'content-encoding compress',
    body: typename,
    headers: { 'content-encoding': 'compress' },
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'content-encoding gzip, gzip',
    body: gzip(typename),
    headers: { 'content-encoding': 'gzip, gzip' },
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  { name: 'br that is not brotli', body: typename, headers: { 'content-encoding': 'br' }, status: 400, code: 'BAD_REQUEST' },
  {
    name: 'a truncated gzip body',
    body: gzip(typename).subarray(0, 20),
    headers: { 'content-encoding': 'gzip' },
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a persisted-query hash that does not match',
    body: JSON.stringify({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: zeros } } }),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a malformed persisted-query hash',
    body: JSON.stringify({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'xyz' } } }),
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'an unknown persisted-query version',
    body: JSON.stringify({ query: '{ __typename }', extensions: { persistedQuery: { version: 2, sha256Hash: zeros } } }),
    status: 400,
    code: 'BAD_REQUEST',
  },
];

async function send(url: string, input: BadInput) {
  const res = await fetch(url, { method: 'POST', headers: { ...JSON_TYPE, ...input.headers }, body: input.body as BodyInit });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', text };
}

describeEachDatabase('bad input: coded 4xx JSON, never a 5xx or an HTML page', (platform) => {
  const targets = () => ({ gateway: platform().url, communes: platform().gateway.subgraphs.communes });

  it.each(CORPUS.map((input) => [input.name, input] as const))('%s', async (_name, input) => {
    for (const [target, url] of Object.entries(targets())) {
      const res = await send(url, input);
      const body = JSON.parse(res.text) as { errors: { message: string; extensions: { code: string } }[] };
      expect({ target, status: res.status, code: body.errors[0].extensions.code }).toEqual({
        target,
        status: input.status,
        code: input.code,
      });
      expect(res.type).toMatch(/^application\/json/);
      // Nothing internal: no stack, no absolute path, no module name.
      expect(res.text).not.toMatch(/node_modules|\/work\/|at \w+ \(|<html/i);
    }
  });

  it('answers the whole corpus with zero 5xx and zero HTML, on the gateway and every subgraph', async () => {
    const urls = [platform().url, ...Object.values(platform().gateway.subgraphs)];
    const answers = await Promise.all(urls.flatMap((url) => CORPUS.map((input) => send(url, input))));
    expect(answers.length).toBe(CORPUS.length * 6);
    expect(answers.filter((a) => a.status >= 500).length).toBe(0);
    expect(answers.filter((a) => !a.type.startsWith('application/json')).length).toBe(0);
    expect(answers.filter((a) => a.status >= 400 && a.status < 500).length).toBe(answers.length);
  });
});

// Found by a fuzzing pass: a NUL (U+0000) in a string argument reached SQL text (500 with the statement in the message).
describeEachDatabase('NUL characters, unknown routes and bad %-encoding: coded 4xx JSON', (platform) => {
  it('refuses a NUL in any string argument, scalar or nested in an input, before it reaches SQL', async () => {
    const admin = bearer(await tokenFor('admin'));
    const omil = bearer(await tokenFor('omil', ['10101']));
    const cases: [string, Record<string, unknown>, Record<string, string>][] = [
      ['query($v: String) { auditEntries(filter: { viewer: $v }) { nodes { seq } } }', { v: 'a\u0000b' }, admin],
      ['query($v: ID) { auditEntries(filter: { personId: $v }) { nodes { seq } } }', { v: '1\u0000' }, admin],
      ['query($id: ID) { placementsImports(id: $id) { id } }', { id: '1\u0000' }, admin],
      [
        'mutation($i: RegisterEmployerInput!) { registerEmployer(input: $i) { employer { id } } }',
        {
          i: {
            idempotencyKey: 'k-nul',
            rut: '76.543.210-3',
            name: 'Fuzz\u0000Co',
            sector: 'G',
            ciiuClass: '4711',
            size: 'MICRO',
            communeCode: '10101',
          },
        },
        omil,
      ],
    ];
    for (const [query, variables, headers] of cases) {
      const res = await post(platform().url, query, variables, headers);
      expect({ query, status: res.status < 500, codes: errorCodes(res) }).toEqual({ query, status: true, codes: ['BAD_USER_INPUT'] });
      expect(JSON.stringify(res)).not.toMatch(/select|insert|unrecognized token/i);
    }
  });

  it('answers a literal that a subgraph scalar refuses (a LocalDate "A", which the supergraph cannot check) with 400 BAD_USER_INPUT', async () => {
    const res = await post(
      platform().url,
      '{ placements(filter: { from: "A" }, first: 1) { totalCount } }',
      undefined,
      bearer(await tokenFor('admin')),
    );
    expect({ status: res.status, codes: errorCodes(res) }).toEqual({ status: 400, codes: ['BAD_USER_INPUT'] });
    expect(res.errors![0].message).toMatch(/LocalDate/);
  });

  it('answers an id that is not numeric, and a page size out of range, with BAD_USER_INPUT on the imports lists', async () => {
    const admin = bearer(await tokenFor('admin'));
    for (const query of [
      '{ placementsImports(id: "abc") { id } }',
      '{ placementsImports(first: -1) { id } }',
      '{ trainingImports(first: 2022) { id } }',
    ]) {
      const res = await post(platform().url, query, undefined, admin);
      expect({ query, codes: errorCodes(res) }).toEqual({ query, codes: ['BAD_USER_INPUT'] });
    }
  });

  it('answers an unknown route with a JSON 404 and a bad %-sequence with a JSON 400, on the gateway and a subgraph', async () => {
    const base = platform().url.replace(/\/graphql$/, '');
    const subgraph = platform().gateway.subgraphs.communes.replace(/\/graphql$/, '');
    for (const [url, method, status, code] of [
      [`${base}/no/such/page`, 'GET', 404, 'NOT_FOUND'],
      [`${base}/imports/placements`, 'PATCH', 404, 'NOT_FOUND'],
      [`${subgraph}/nothing-here`, 'GET', 404, 'NOT_FOUND'],
      [`${base}/public/%E0%A4%A`, 'GET', 400, 'BAD_REQUEST'],
    ] as const) {
      const res = await fetch(url, { method });
      const text = await res.text();
      expect({ url, method, status: res.status, type: res.headers.get('content-type') }).toEqual({
        url,
        method,
        status,
        type: expect.stringMatching(/^application\/json/),
      });
      expect(JSON.parse(text).errors[0].extensions.code).toBe(code);
    }
  });
});
