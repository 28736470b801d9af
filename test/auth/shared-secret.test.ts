import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authConfigFromEnv } from '../../kit/auth';
import { SHARED_SECRET_HEADER, SUBGRAPH_NAMES } from '../../kit/config';
import { freePort } from '../../kit/free-port';
import { bearer, data, errorCodes, post, tokenFor } from '../support/graphql';
import { startPlatform, type Platform } from '../support/platform';
import { run as runWith } from '../support/processes';

// What the CI's environment may set that these starts must not inherit.
const run = (entry: string, env: Record<string, string>, ready: RegExp) =>
  runWith(entry, { NODE_ENV: '', SUBGRAPH_SHARED_SECRET: '', DATABASE_URL: '', EVENTS_URL: '', ...env }, ready);

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

describe('subgraphs answer only the gateway, also in development', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lle-secret-'));
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of children) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the all-in-one start without SUBGRAPH_SHARED_SECRET generates one: a direct call to a subgraph is refused (403 FORBIDDEN JSON)', async () => {
    const env: Record<string, string> = { DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: String(await freePort()) };
    for (const name of SUBGRAPH_NAMES) env[`${name.toUpperCase()}_PORT`] = String(await freePort());
    children.push(await run('scripts/start-all.ts', env, /gateway ready/));
    const direct = await post(
      `http://127.0.0.1:${env.PERSONS_PORT}/graphql`,
      '{ person(id: "1") { id sex } }',
      undefined,
      bearer(await tokenFor('admin')),
    );
    expect(direct.status).toBe(403);
    expect(errorCodes(direct)).toEqual(['FORBIDDEN']);
    expect(direct.data).toBeUndefined();
    const guessed = await post(`http://127.0.0.1:${env.COMMUNES_PORT}/graphql`, '{ __typename }', undefined, {
      [SHARED_SECRET_HEADER]: '',
    });
    expect(guessed.status).toBe(403);
    const d = await data(`http://127.0.0.1:${env.PORT}/graphql`, '{ commune(code: "10101") { name } }');
    expect(d).toEqual({ commune: { name: 'Puerto Montt' } });
  });

  it.each(['subgraphs/persons/main.ts', 'gateway/main.ts'])('refuses to start %s alone without SUBGRAPH_SHARED_SECRET', async (entry) => {
    const env = { DATA_DIR: dataDir, PORT: '0', PERSONS_PORT: '0' };
    await expect(run(entry, env, /ready at/)).rejects.toThrow(/exited with 1[\s\S]*needs SUBGRAPH_SHARED_SECRET/);
  });
});
