// A lane's thread (scripts/lane.ts): the subgraphs without events, answering the gateway's calls.
import '../kit/graphql-mode';
import { parentPort, workerData } from 'node:worker_threads';
import { SUBGRAPHS } from '../subgraphs';
import { authConfigFromEnv } from '../kit/auth';
import { SubgraphApp } from '../kit/subgraph';
import { DelegatedAudit } from '../kit/audit/delegated';
import { Pending } from '../kit/pending';
import type { LocalHandler } from '../kit/serve';
import { startTracing, stopTracing } from '../kit/observability/tracing';
import type { FromLane, LaneWorkerData, ToLane } from './lane';

const port = parentPort!;
const appending = new Pending<void>();

async function main() {
  const { database, sharedSecret } = workerData as LaneWorkerData;
  startTracing('los-lagos-graph');
  const apps = SUBGRAPHS.map((definition) => new SubgraphApp(definition, database, { auth: authConfigFromEnv(), sharedSecret }));
  const handlers: Record<string, LocalHandler> = {};
  port.on('message', async (message: ToLane) => {
    if (message === 'close') {
      await Promise.all(apps.map((app) => app.close()));
      await stopTracing();
      process.exit(0);
    } else if ('call' in message) {
      const { id, subgraph, request } = message.call;
      const handler = handlers[subgraph];
      try {
        if (!handler) throw new Error(`no subgraph ${subgraph} in this lane`);
        port.postMessage({ answer: { id, response: await handler(request) } } satisfies FromLane);
      } catch (error) {
        port.postMessage({ answer: { id, error: (error as Error).message } } satisfies FromLane);
      }
    } else {
      appending.settle(message.appended, undefined, message.error);
    }
  });
  try {
    await Promise.all(
      apps.map((app) => {
        const audit = new DelegatedAudit((drafts) => {
          const { id, answered } = appending.open();
          port.postMessage({ audit: { id, subgraph: app.name, drafts } } satisfies FromLane);
          return answered;
        });
        return app.start({ seed: false, audit });
      }),
    );
    // Its ports (127.0.0.1, chosen by the system, behind the shared secret) serve probes; the gateway calls through the message port.
    for (const app of apps) handlers[app.name] = (await app.listen(0, '127.0.0.1')).local;
    port.postMessage({ ready: true } satisfies FromLane);
  } catch (error) {
    port.postMessage({ failed: (error as Error).message } satisfies FromLane);
  }
}

void main();
