import { gzipSync } from 'node:zlib';
import { describeEachDatabase } from '../support/platform';

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
