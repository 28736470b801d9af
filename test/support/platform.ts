import 'reflect-metadata';
import { SUBGRAPHS } from '../../subgraphs';
import { securityFromEnv, type Security } from '../../kit/config';
import type { DatabaseKind } from '../../kit/orm';
import { listenAll, SubgraphApp, type StartOptions } from '../../kit/subgraph';
import { startGateway, type GatewayOptions, type GatewayServer } from '../../gateway/server';
import { loadSupergraphSdl } from '../../gateway/supergraph';
import type { EventBus } from '../../kit/events/bus';
import { RedisBus } from '../../kit/events/redis-bus';
import { eventParties, waitForEvents } from '../../kit/events/idle';
import { testBus } from './events';
import { freshDatabase, testDatabaseKinds, type TestDatabase } from './databases';

/** Every subgraph and the gateway, in-process on ephemeral ports, over a fresh database. */
export interface Platform {
  kind: DatabaseKind;
  gateway: GatewayServer;
  subgraphs: Record<string, SubgraphApp<any>>;
  url: string;
  /** Each subgraph's own HTTP address (behind the shared secret, when one is set). */
  subgraphUrls: Record<string, string>;
  /** The secret the gateway sends them, if any. */
  sharedSecret?: string;
  bus: EventBus;
  /** Resolves when every outbox is published and every consumer has caught up. */
  eventsIdle(): Promise<void>;
  close(): Promise<void>;
}

export interface PlatformOptions {
  /** `redis`: events through the broker at TEST_EVENTS_URL, on a stream of this platform's own. */
  bus?: 'memory' | 'redis';
  /** Gateway options beyond the defaults (public views' cache and limits, pages). */
  gateway?: Pick<GatewayOptions, 'publicViews' | 'pages' | 'deduplicate' | 'rateLimits' | 'redisUrl' | 'redisPrefix' | 'lanes' | 'limits'>;
  /**
   * How the gateway calls the subgraphs: in process, as the embedded default does (default), or
   * over HTTP to their ports, as separate processes do.
   */
  transport?: 'in-process' | 'http';
}

export async function startPlatform(
  kind: DatabaseKind,
  security: Security = securityFromEnv(),
  start: StartOptions = {},
  options: PlatformOptions = {},
): Promise<Platform> {
  const database: TestDatabase = await freshDatabase(kind, { seeded: start.seed !== false });
  const apps = SUBGRAPHS.map((definition) => new SubgraphApp(definition, database.options, security));
  // Events flow between the subgraphs as on the embedded default (one bus in this process), or through the broker.
  const bus = testBus(options.bus ?? 'memory');
  const gatewayOptions = options.gateway ?? {};
  await Promise.all(apps.map((app) => app.start({ seed: true, bus, ...start })));
  const { urls, local } = await listenAll(apps);
  const gateway = await startGateway({
    supergraphSdl: loadSupergraphSdl(),
    subgraphUrls: urls,
    localSubgraphs: options.transport === 'http' ? undefined : local,
    port: 0,
    host: '127.0.0.1',
    auth: security.auth,
    sharedSecret: security.sharedSecret,
    bus,
    ...gatewayOptions,
  });
  return {
    kind,
    gateway,
    subgraphs: Object.fromEntries(apps.map((app) => [app.name, app])),
    url: gateway.url,
    subgraphUrls: urls,
    sharedSecret: security.sharedSecret,
    bus,
    eventsIdle: () => waitForEvents(bus, eventParties(apps)),
    async close() {
      await gateway.close();
      await Promise.all(apps.map((app) => app.close()));
      if (bus instanceof RedisBus) await bus.destroy();
      await bus.close();
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
