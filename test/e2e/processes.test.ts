import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { projectRoot } from '../../kit/assets';
import { SUBGRAPH_NAMES } from '../../kit/config';
import { data } from '../support/graphql';

/** A free port, so the processes below can be told where the others are. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function run(entry: string, env: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', entry], {
    cwd: projectRoot(),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}:\n${output}`)));
  });
}

describe('each subgraph and the gateway as separate processes (the production topology)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lle-processes-'));
  const children: ChildProcess[] = [];

  afterAll(() => {
    for (const child of children) child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the headline with each of the five subgraphs and the gateway in its own process', async () => {
    const gatewayPort = await freePort();
    const env: Record<string, string> = {
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: String(gatewayPort),
      SUBGRAPH_SHARED_SECRET: 'processes-test-secret',
    };
    for (const name of SUBGRAPH_NAMES) {
      const port = await freePort();
      env[`${name.toUpperCase()}_PORT`] = String(port);
      env[`${name.toUpperCase()}_URL`] = `http://127.0.0.1:${port}/graphql`;
    }
    children.push(
      ...(await Promise.all(SUBGRAPH_NAMES.map((name) => run(`subgraphs/${name}/main.ts`, env, new RegExp(`${name} subgraph ready`))))),
    );
    children.push(await run('gateway/main.ts', env, /gateway ready/));
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
