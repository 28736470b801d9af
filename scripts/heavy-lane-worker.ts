// The heavy lane's thread (scripts/heavy-lane.ts): the subgraphs without events, serving only the gateway.
import { parentPort, workerData } from 'node:worker_threads';
import { SUBGRAPHS } from '../subgraphs';
import { authConfigFromEnv } from '../kit/auth';
import { SubgraphApp } from '../kit/subgraph';
import { DelegatedAudit } from '../kit/audit/delegated';
import { startTracing, stopTracing } from '../kit/observability/tracing';
import type { FromLane, HeavyLaneWorkerData, ToLane } from './heavy-lane';

const port = parentPort!;
const waiting = new Map<number, { resolve(): void; reject(error: Error): void }>();
let nextId = 0;

async function main() {
  const { database, sharedSecret } = workerData as HeavyLaneWorkerData;
  startTracing('los-lagos-graph');
  const apps = SUBGRAPHS.map((definition) => new SubgraphApp(definition, database, { auth: authConfigFromEnv(), sharedSecret }));
  port.on('message', async (message: ToLane) => {
    if (message === 'close') {
      await Promise.all(apps.map((app) => app.close()));
      await stopTracing();
      process.exit(0);
    }
    const pending = waiting.get(message.appended);
    waiting.delete(message.appended);
    if (message.error) pending?.reject(new Error(message.error));
    else pending?.resolve();
  });
  try {
    await Promise.all(
      apps.map((app) => {
        const audit = new DelegatedAudit(
          (drafts) =>
            new Promise<void>((resolve, reject) => {
              const id = nextId++;
              waiting.set(id, { resolve, reject });
              port.postMessage({ audit: { id, subgraph: app.name, drafts } } satisfies FromLane);
            }),
        );
        return app.start({ seed: false, audit });
      }),
    );
    const urls: Record<string, string> = {};
    for (const app of apps) urls[app.name] = (await app.listen(0, '127.0.0.1')).url;
    port.postMessage({ ready: urls } satisfies FromLane);
  } catch (error) {
    port.postMessage({ failed: (error as Error).message } satisfies FromLane);
  }
}

void main();
