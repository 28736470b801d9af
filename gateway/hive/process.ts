import { spawn, type ChildProcess } from 'node:child_process';
import { projectPath } from '../../kit/assets';
import { SUBGRAPH_NAMES } from '../../kit/config';
import { freePort } from '../../kit/free-port';

/** A Hive Gateway process serving schema/supergraph.graphql with gateway/hive/gateway.config.ts. */
export interface HiveGateway {
  url: string;
  port: number;
  pid: number;
  /** What it printed (for a failing test's message). */
  output(): string;
  close(): Promise<void>;
}

export interface HiveOptions {
  /** Routing URLs by subgraph name (<NAME>_URL). */
  subgraphUrls: Record<string, string>;
  /** Default: a free port on 127.0.0.1. */
  port?: number;
  /** More environment (JWT_SECRET, SUBGRAPH_SHARED_SECRET, LIMIT_*, HIVE_DEDUPLICATE, …) over this process's. */
  env?: Record<string, string | undefined>;
  /** Milliseconds to wait for it to listen. */
  startTimeoutMs?: number;
}

/** The command `npm run gateway:hive` runs, as arguments to node. */
export function hiveArguments(): string[] {
  return [
    '-r',
    '@swc-node/register',
    projectPath('node_modules', '@graphql-hive', 'gateway', 'dist', 'bin.cjs'),
    'supergraph',
    projectPath('schema', 'supergraph.graphql'),
    '--config-path',
    projectPath('gateway', 'hive', 'gateway.config.cjs'),
    '--host',
    '127.0.0.1',
  ];
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
      signal: AbortSignal.timeout(1000),
    });
    return res.ok;
  } catch {
    return false;
  }
}

/** Starts Hive Gateway as its own process and resolves once it answers `{ __typename }`. */
export async function startHiveGateway(options: HiveOptions): Promise<HiveGateway> {
  const port = options.port ?? (await freePort());
  const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_URL`, options.subgraphUrls[name]]));
  const child: ChildProcess = spawn(process.execPath, [...hiveArguments(), '--port', String(port)], {
    cwd: projectPath(),
    env: { ...process.env, ...urls, ...options.env, PORT: String(port), NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  const keep = (chunk: Buffer) => {
    printed = (printed + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}/graphql`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Hive Gateway exited (${child.exitCode}):\n${printed}`);
    if (await answers(url)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Hive Gateway did not answer within the timeout:\n${printed}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    pid: child.pid!,
    output: () => printed,
    async close() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
