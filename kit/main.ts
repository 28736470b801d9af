import { databaseOptions, subgraphPort } from './config';
import { SubgraphApp, type SubgraphDefinition } from './subgraph';

/** `node dist/subgraphs/<name>/main.js`: one subgraph alone, stopped cleanly on SIGINT/SIGTERM. */
export function runSubgraph(definition: SubgraphDefinition<any>): void {
  const started = Date.now();
  let app: SubgraphApp<any>;
  Promise.resolve()
    .then(() => (app = new SubgraphApp(definition, databaseOptions())).start())
    .then(() => app.listen(subgraphPort(definition.name), process.env.HOST))
    .then((served) => {
      console.log(`${definition.name} subgraph ready at ${served.url} (${Date.now() - started} ms)`);
      const stop = () => void app.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    })
    .catch((error) => {
      console.error(`${definition.name} subgraph failed to start:`, error);
      process.exit(1);
    });
}
