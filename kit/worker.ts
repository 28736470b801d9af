import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * A worker thread running `entry` (a module path from require.resolve): TypeScript in development
 * and tests, compiled as it loads, and JavaScript once built.
 */
export function startWorker(entry: string, workerData: unknown, name: string, options: { resourceLimits?: ResourceLimits } = {}): Worker {
  const hook = entry.endsWith('.ts') ? `require('@swc-node/register');` : '';
  return new Worker(`${hook}require(${JSON.stringify(entry)})`, { eval: true, workerData, name, ...options });
}
