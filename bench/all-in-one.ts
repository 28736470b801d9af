import { spawn, type ChildProcess } from 'node:child_process';
import { projectRoot } from '../kit/assets';

/**
 * The V8 flags our processes run with, as `npm start` (package.json) and the image
 * (Dockerfile's NODE_OPTIONS) set them: a young generation of 2 × 64 MB instead of 2 × 16 MB, so a
 * request's short-lived objects die there instead of being promoted (docs/performance.md).
 */
export const NODE_FLAGS = ['--max-semi-space-size=64'];

/**
 * `npm start`'s process (scripts/start-all.ts, embedded SQLite in ./data unless DATABASE_URL),
 * started for a benchmark; resolves once the gateway is ready. Its log lines go to a pipe that is
 * drained and dropped: kept, they would cost the load generator's process CPU on the shared cores.
 * Resolves once its lanes (worker threads) are ready too, unless `READ_LANE`/`HEAVY_LANE` are `false` in `env`.
 */
export async function startAllInOne(port: number, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...NODE_FLAGS, '-r', '@swc-node/register', 'scripts/start-all.ts'], {
    cwd: projectRoot(),
    // At info whatever the caller's LOG_LEVEL: the lines saying it is ready are info (with warn, the wait never ended).
    env: { ...process.env, LOG_LEVEL: 'info', PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let tail = '';
    let gatewayReady = false;
    let readReady = false;
    let heavyReady = false;
    const onData = (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-4096);
      if (/gateway ready/.test(tail)) gatewayReady = true;
      if (/read lane ready/.test(tail)) readReady = true;
      if (/heavy lane ready/.test(tail)) heavyReady = true;
      if (gatewayReady && (readReady || env.READ_LANE === 'false') && (heavyReady || env.HEAVY_LANE === 'false')) {
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', () => reject(new Error(`start-all exited:\n${tail}`)));
  });
  return child;
}

/** The resident memory of a process, in MB (Linux /proc). */
export async function rssMb(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}
