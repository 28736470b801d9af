import type { Security, SubgraphName } from '../kit/config';
import type { DatabaseOptions } from '../kit/orm';
import type { AuditDraft } from '../kit/audit/chain';
import type { LocalHandler, LocalRequest, LocalResponse } from '../kit/serve';
import type { Lane } from '../gateway/lanes';
import { SUBGRAPH_NAMES } from '../kit/config';
import { logger } from '../kit/observability/logger';
import { Pending } from '../kit/pending';
import { startWorker } from '../kit/worker';

export interface LaneWorkerData {
  database: DatabaseOptions;
  sharedSecret?: string;
}

/** From the worker: ready, failed, an answer to a call, or audit entries to append (answered with `appended`). */
export type FromLane =
  | { ready: true }
  | { failed: string }
  | { answer: { id: number; response?: LocalResponse; error?: string } }
  | { audit: { id: number; subgraph: SubgraphName; drafts: AuditDraft[] } };
/** To the worker: a call to one of its subgraphs, an audit append done (or not), or close. */
export type ToLane =
  { call: { id: number; subgraph: SubgraphName; request: LocalRequest } } | { appended: number; error?: string } | 'close';

/** Appends a subgraph's audit entries with the main thread's writer. */
export type AppendAudit = (subgraph: SubgraphName, drafts: AuditDraft[]) => Promise<void>;

/**
 * A lane of the all-in-one start (gateway/lanes.ts): the five subgraphs once more, in a worker
 * thread, on the same databases, after the main thread has migrated and seeded them. The gateway
 * calls them through the thread's message port with what it would send over HTTP (the subgraph
 * checks the shared secret and the token as on its port). A lane runs no events (the main thread's
 * subgraphs publish and consume them), takes no writes, and hands its audit entries to the main
 * thread's writers (`appendAudit`): each SQLite file keeps one writer, the audit chain one queue.
 */
export function startLane(
  name: string,
  database: DatabaseOptions,
  security: Security,
  appendAudit: AppendAudit,
  lane: Lane = {},
): { lane: Lane; close(): Promise<void> } {
  const data: LaneWorkerData = { database, sharedSecret: security.sharedSecret };
  const worker = startWorker(require.resolve('./lane-worker'), data, `${name} lane`);
  const send = (message: ToLane) => worker.postMessage(message);
  const calls = new Pending<LocalResponse>();
  const handler =
    (subgraph: SubgraphName): LocalHandler =>
    (request) => {
      const { id, answered } = calls.open();
      send({ call: { id, subgraph, request } });
      return answered;
    };
  let stopping = false;
  worker.on('message', (message: FromLane) => {
    if ('answer' in message) {
      const { id, response, error } = message.answer;
      calls.settle(id, response!, response ? undefined : (error ?? 'no answer'));
    } else if ('audit' in message) {
      const { id, subgraph, drafts } = message.audit;
      // A Date made by the structured clone may belong to another realm than the ORM's (jest's sandbox): made again here.
      appendAudit(
        subgraph,
        drafts.map((draft) => ({ ...draft, at: new Date(draft.at.valueOf()) })),
      ).then(
        () => send({ appended: id }),
        (error: Error) => send({ appended: id, error: error.message }),
      );
    } else if ('ready' in message) {
      lane.handlers = Object.fromEntries(SUBGRAPH_NAMES.map((subgraph) => [subgraph, handler(subgraph)]));
      logger.info({ service: `${name}-lane` }, `${name} lane ready (a worker thread)`);
    } else logger.error({ service: `${name}-lane` }, `${name} lane failed to start: ${message.failed}`);
  });
  worker.on('error', (error) => logger.error({ service: `${name}-lane`, err: error }, `${name} lane stopped`));
  worker.on('exit', (code) => {
    lane.handlers = undefined;
    calls.failAll(new Error(`the ${name} lane stopped`));
    if (!stopping) logger.error({ service: `${name}-lane` }, `${name} lane exited (${code}): its requests take the usual path`);
  });
  return {
    lane,
    async close() {
      stopping = true;
      lane.handlers = undefined;
      if (worker.threadId < 0) return;
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      send('close');
      await exited;
    },
  };
}
