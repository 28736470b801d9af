// The embedded default's first start (scripts/start-all.ts): the five SQLite files migrated and
// seeded in a worker thread, so that the seed's heap (about 700 MB at its peak) goes with the
// thread instead of staying in the serving process.
import { parentPort, workerData } from 'node:worker_threads';
import { SUBGRAPHS } from '../subgraphs';
import { SubgraphApp } from '../kit/subgraph';
import type { DatabaseOptions } from '../kit/orm';

/** To the main thread: a subgraph seeded (how long it took), or the failure that stopped the seeding. */
export type FromSeed = { seeded: string; ms: number } | { failed: string };

async function main() {
  const database = workerData as DatabaseOptions;
  // One after the other: the seed builds one network and each subgraph writes its share.
  for (const definition of SUBGRAPHS) {
    const app = new SubgraphApp(definition, database);
    const t = Date.now();
    await app.start({ seed: true, audit: false });
    await app.close();
    parentPort!.postMessage({ seeded: definition.name, ms: Date.now() - t } satisfies FromSeed);
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    parentPort!.postMessage({ failed: error.stack ?? error.message } satisfies FromSeed);
    process.exit(1);
  },
);
