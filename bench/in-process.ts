import { SUBGRAPHS } from '../subgraphs';
import type { Security } from '../kit/config';
import type { DatabaseOptions } from '../kit/orm';
import { listenAll, SubgraphApp } from '../kit/subgraph';

/** The five subgraphs started in this process, on ports of the system's choosing: their URLs and in-process handlers. */
export async function startSubgraphs(database: DatabaseOptions, security: Security) {
  const apps = SUBGRAPHS.map((definition) => new SubgraphApp(definition, database, security));
  await Promise.all(apps.map((app) => app.start()));
  return { ...(await listenAll(apps)), close: () => Promise.all(apps.map((app) => app.close())) };
}
