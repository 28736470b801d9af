import { spawn, type ChildProcess } from 'node:child_process';
import { projectRoot } from '../../kit/assets';
import { SUBGRAPH_NAMES } from '../../kit/config';
import { freePort } from '../../kit/free-port';

/** Runs a TypeScript entry point in its own process; resolves once its output matches `ready`. */
export function run(entry: string, env: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
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

/** The environment of a platform whose five subgraphs and gateway run as separate processes. */
export async function processesEnv(base: Record<string, string>): Promise<{ env: Record<string, string>; gatewayPort: number }> {
  const gatewayPort = await freePort();
  // A subgraph or gateway started alone needs the shared secret (the all-in-one start makes one per run).
  const env: Record<string, string> = {
    HOST: '127.0.0.1',
    PORT: String(gatewayPort),
    SUBGRAPH_SHARED_SECRET: 'processes-test-secret',
    ...base,
  };
  for (const name of SUBGRAPH_NAMES) {
    const port = await freePort();
    env[`${name.toUpperCase()}_PORT`] = String(port);
    env[`${name.toUpperCase()}_URL`] = `http://127.0.0.1:${port}/graphql`;
  }
  return { env, gatewayPort };
}

/** Starts the five subgraphs (each its own process), then the gateway; returns them by name. */
export async function startProcesses(env: Record<string, string>): Promise<Record<string, ChildProcess>> {
  const subgraphs = await Promise.all(
    SUBGRAPH_NAMES.map(async (name) => [name, await run(`subgraphs/${name}/main.ts`, env, new RegExp(`${name} subgraph ready`))] as const),
  );
  const gateway = await run('gateway/main.ts', env, /gateway ready/);
  return { ...Object.fromEntries(subgraphs), gateway };
}

/** Sends SIGTERM and waits for the exit. */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGCONT');
  child.kill('SIGTERM');
  await exited;
}
