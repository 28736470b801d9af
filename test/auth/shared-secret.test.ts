import { authConfigFromEnv } from '../../kit/auth';
import { SHARED_SECRET_HEADER } from '../../kit/config';
import { data, errorCodes, post, tokenFor } from '../support/graphql';
import { startPlatform, type Platform } from '../support/platform';

const SECRET = 'gateway-to-subgraph-secret-for-tests';

describe('SUBGRAPH_SHARED_SECRET', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await startPlatform('sqlite', { auth: authConfigFromEnv(), sharedSecret: SECRET });
  });
  afterAll(() => platform.close());

  it('lets requests through the gateway, which adds the secret (and forwards the token)', async () => {
    const d = await data(
      platform.url,
      '{ commune(code: "10101") { name placements(first: 1) { totalCount } } }',
      undefined,
      await tokenFor('admin'),
    );
    expect(d.commune.name).toBe('Puerto Montt');
    expect(d.commune.placements.totalCount).toBeGreaterThan(0);
  });

  it.each(['communes', 'placements'])('makes the %s subgraph, reached directly, answer nothing without it', async (name) => {
    const url = platform.subgraphs[name].served!.url;
    const without = await post(url, '{ __typename }');
    expect(without.status).toBe(403);
    expect(errorCodes(without)).toEqual(['FORBIDDEN']);
    const wrong = await post(url, '{ __typename }', undefined, { [SHARED_SECRET_HEADER]: 'guess' });
    expect(wrong.status).toBe(403);
    const right = await post(url, '{ __typename }', undefined, { [SHARED_SECRET_HEADER]: SECRET });
    expect(right).toMatchObject({ status: 200, data: { __typename: 'Query' } });
  });

  it('keeps /ready green: the readiness probe carries the secret too', async () => {
    const res = await fetch(platform.url.replace(/graphql$/, 'ready'));
    expect(res.status).toBe(200);
  });
});
