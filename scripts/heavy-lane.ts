import { Worker } from 'node:worker_threads';
import type { Security, SubgraphName } from '../kit/config';
import type { DatabaseOptions } from '../kit/orm';
import type { AuditDraft } from '../kit/audit/chain';
import type { HeavyLane } from '../gateway/lanes';
import { logger } from '../kit/observability/logger';

export interface HeavyLaneWorkerData {
  database: DatabaseOptions;
  sharedSecret?: string;
}

/** From the worker: ready (its subgraphs' URLs), failed, or audit entries to append (answered with `appended`). */
export type FromLane =
  { ready: Record<string, string> } | { failed: string } | { audit: { id: number; subgraph: SubgraphName; drafts: AuditDraft[] } };
/** To the worker: an audit append done (or not), or close. */
export type ToLane = { appended: number; error?: string } | 'close';

/** Appends a subgraph's audit entries with the main thread's writer. */
export type AppendAudit = (subgraph: SubgraphName, drafts: AuditDraft[]) => Promise<void>;

/**
 * The all-in-one start's heavy lane (gateway/lanes.ts): the five subgraphs once more, in a worker
 * thread, on the same databases, after the main thread has migrated and seeded them. It runs no
 * events (the main thread's subgraphs publish and consume them), hands its audit entries to the
 * main thread's writers (`appendAudit`), and serves only the gateway, on ports of 127.0.0.1 chosen
 * by the system. `lane.urls` is set when it is ready and cleared if it stops.
 */
export function startHeavyLane(
  database: DatabaseOptions,
  security: Security,
  appendAudit: AppendAudit,
  lane: HeavyLane = {},
): { lane: HeavyLane; close(): Promise<void> } {
  const data: HeavyLaneWorkerData = { database, sharedSecret: security.sharedSecret };
  // The worker's source is TypeScript in development and tests (compiled as it loads) and JavaScript once built.
  const entry = require.resolve('./heavy-lane-worker');
  const hook = entry.endsWith('.ts') ? `require('@swc-node/register');` : '';
  const worker = new Worker(`${hook}require(${JSON.stringify(entry)})`, { eval: true, workerData: data });
  const reply = (message: ToLane) => worker.postMessage(message);
  let stopping = false;
  worker.on('message', (message: FromLane) => {
    if ('audit' in message) {
      const { id, subgraph, drafts } = message.audit;
      // A Date made by the structured clone may belong to another realm than the ORM's (jest's sandbox): made again here.
      appendAudit(
        subgraph,
        drafts.map((draft) => ({ ...draft, at: new Date(draft.at.valueOf()) })),
      ).then(
        () => reply({ appended: id }),
        (error: Error) => reply({ appended: id, error: error.message }),
      );
    } else if ('ready' in message) {
      lane.urls = message.ready;
      logger.info({ service: 'heavy-lane' }, 'heavy lane ready: heavy operations run their subgraph work in a worker thread');
    } else logger.error({ service: 'heavy-lane' }, `heavy lane failed to start: ${message.failed}`);
  });
  worker.on('error', (error) => logger.error({ service: 'heavy-lane', err: error }, 'heavy lane stopped'));
  worker.on('exit', (code) => {
    lane.urls = undefined;
    if (!stopping) logger.error({ service: 'heavy-lane' }, `heavy lane exited (${code}): heavy operations take the usual path`);
  });
  return {
    lane,
    async close() {
      stopping = true;
      lane.urls = undefined;
      if (worker.threadId < 0) return;
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      reply('close');
      await exited;
    },
  };
}
