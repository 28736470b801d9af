import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { data } from '../support/graphql';
import { processesEnv, run, startProcesses } from '../support/processes';

describe('each subgraph and the gateway as separate processes (the production topology)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lle-processes-'));
  const children: ChildProcess[] = [];

  afterAll(() => {
    for (const child of children) child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the headline with each of the five subgraphs and the gateway in its own process', async () => {
    const { env, gatewayPort } = await processesEnv({ DATA_DIR: dataDir });
    children.push(...Object.values(await startProcesses(env)));
    const d = await data(
      `http://127.0.0.1:${gatewayPort}/graphql`,
      '{ region(code: "10") { placementSummary(year: 2022) { placements } } commune(code: "10101") { name } }',
    );
    expect(d).toEqual({ region: { placementSummary: { placements: 4948 } }, commune: { name: 'Puerto Montt' } });
    const ready = await fetch(`http://127.0.0.1:${gatewayPort}/ready`);
    expect(ready.status).toBe(200);
  });

  it.each(['gateway/main.ts', 'subgraphs/communes/main.ts'])(
    'refuses to start %s with NODE_ENV=production and no JWT_SECRET or JWKS_URL',
    async (entry) => {
      const env = { NODE_ENV: 'production', JWT_SECRET: '', JWKS_URL: '', DATA_DIR: dataDir, PORT: '0', COMMUNES_PORT: '0' };
      await expect(run(entry, env, /ready at/)).rejects.toThrow(
        /exited with 1[\s\S]*refusing to start with the built-in development secret/,
      );
    },
  );
});
