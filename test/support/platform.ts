import 'reflect-metadata';
import { SUBGRAPHS } from '../../subgraphs';
import { securityFromEnv, type Security } from '../../kit/config';
import type { DatabaseKind } from '../../kit/orm';
import { SubgraphApp, type StartOptions } from '../../kit/subgraph';
import { startGateway, type GatewayServer } from '../../gateway/server';
import { loadSupergraphSdl } from '../../gateway/supergraph';
import { MemoryBus } from '../../kit/events/bus';
import { freshDatabase, testDatabaseKinds, type TestDatabase } from './databases';

/** Every subgraph and the gateway, in-process on ephemeral ports, over a fresh database. */
export interface Platform {
  kind: DatabaseKind;
  gateway: GatewayServer;
  subgraphs: Record<string, SubgraphApp<any>>;
  url: string;
  close(): Promise<void>;
}

export async function startPlatform(
  kind: DatabaseKind,
  security: Security = securityFromEnv(),
  start: StartOptions = {},
): Promise<Platform> {
  const database: TestDatabase = await freshDatabase(kind, { seeded: start.seed !== false });
  const apps = SUBGRAPHS.map((definition) => new SubgraphApp(definition, database.options, security));
  // Events flow between the subgraphs as on the embedded default: one bus in this process.
  const bus = new MemoryBus();
  await Promise.all(apps.map((app) => app.start({ seed: true, bus, ...start })));
  const urls: Record<string, string> = {};
  for (const app of apps) urls[app.name] = (await app.listen(0, '127.0.0.1')).url;
  const gateway = await startGateway({
    supergraphSdl: loadSupergraphSdl(),
    subgraphUrls: urls,
    port: 0,
    host: '127.0.0.1',
    auth: security.auth,
    sharedSecret: security.sharedSecret,
  });
  return {
    kind,
    gateway,
    subgraphs: Object.fromEntries(apps.map((app) => [app.name, app])),
    url: gateway.url,
    async close() {
      await gateway.close();
      await Promise.all(apps.map((app) => app.close()));
      await database.drop();
    },
  };
}

/**
 * Runs a suite once per database (SQLite, and PostgreSQL when configured), each against its own
 * platform started before the suite and stopped after it.
 */
export function describeEachDatabase(title: string, suite: (platform: () => Platform) => void): void {
  describe.each(testDatabaseKinds())(`${title} [%s]`, (kind) => {
    let platform: Platform | undefined;
    beforeAll(async () => {
      platform = await startPlatform(kind);
    });
    afterAll(async () => {
      await platform?.close();
    });
    suite(() => {
      if (!platform) throw new Error('platform failed to start');
      return platform;
    });
  });
}
