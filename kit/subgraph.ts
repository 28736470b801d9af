import type { Constructor } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import type { Migration } from '@mikro-orm/migrations';
import type { GraphQLSchema } from 'graphql';
import type { Viewer } from './context';
import type { NonEmptyArray } from 'type-graphql';
import { assertSafeBinding, viewerFromAuthorization } from './auth';
import { securityFromEnv, type Security, type SubgraphName } from './config';
import { createContext, type Context, type LoadersFactory } from './context';
import {
  datasetExtension,
  DatasetOrigin,
  DatasetRecord,
  DatasetResolver,
  readDataset,
  recordDataset,
  type Dataset,
  type SeedDataset,
} from './dataset';
import { buildFederatedSchema, type ReferenceResolvers } from './federation';
import { openDatabase, type Database, type DatabaseOptions } from './orm';
import { serveSubgraph, type LocalHandler, type ServedSubgraph } from './serve';
import { databaseReady } from './health';
import type { Statistic } from './stats/statistic';
import { rollupTriggersSql } from './stats/rollup';
import type { EventBus, Subscription } from './events/bus';
import { consume, ProcessedEvent, type EventConsumers } from './events/consumer';
import { OutboxEvent } from './events/outbox';
import { Relay } from './events/relay';
import { AuditWriter, type AuditAppender } from './audit/chain';
import { auditPlugin, auditRequest } from './audit/plugin';
import { AuditTrail, type AuditRequest } from './audit/trail';
import type { ImportKind } from './imports/kind';
import { importRouter } from './imports/http';
import { importsResolver } from './imports/record';
import { observeSubgraph } from './observability/metrics';

export interface SubgraphDefinition<Loaders = unknown> {
  name: SubgraphName;
  /** The first entity doubles as the seed marker: the seed runs when its table is empty. */
  entities: [Constructor, ...Constructor[]];
  migrations: Constructor<Migration>[];
  resolvers: NonEmptyArray<Function>;
  /** Declared statistics: each brings its query, types and resolver. */
  statistics?: Statistic[];
  orphanedTypes?: Function[];
  references?: ReferenceResolvers;
  loaders: LoadersFactory<Loaders>;
  seed(em: EntityManager): Promise<void>;
  /** Other subgraphs' events this one keeps projections of (handled once each, by event id). */
  events?: EventConsumers;
  /** What the seed's data is: told with every answer served from it. */
  dataset: SeedDataset;
  /** The purposes (x-purpose) a request reading this subgraph's personal fields may declare (docs/security.md). */
  purposes?: readonly string[];
  /** Kinds of record a file can bring (POST /imports/<kind>; docs/imports.md). */
  imports?: ImportKind<any>[];
}

export interface StartOptions {
  /**
   * Seed an empty database with the synthetic network. Default: only the embedded SQLite demo;
   * a PostgreSQL deployment starts empty unless asked (`npm run seed`).
   */
  seed?: boolean;
  /** Publishes this subgraph's events and delivers the others' (none: no events flow). */
  bus?: EventBus;
  /** The seed's volume multiplier, recorded with the dataset (default 1). */
  scale?: number;
  /**
   * Where the audit entries go (default: this database's own writer). Another appender: the
   * lanes' subgraphs hand theirs to the main thread's writers (scripts/lane.ts).
   * false: personal reads are checked (purpose) but not appended to the audit log. Only for the
   * audit benchmark's side-by-side measure; no configuration or environment variable sets it.
   */
  audit?: false | AuditAppender;
}

export function defineSubgraph<Loaders>(definition: SubgraphDefinition<Loaders>): SubgraphDefinition<Loaders> {
  return definition;
}

export function subgraphSchema(definition: SubgraphDefinition<any>): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [
      ...definition.resolvers,
      ...(definition.statistics ?? []).map((s) => s.resolver),
      DatasetResolver,
      ...(definition.imports?.length ? [importsResolver(definition.name)] : []),
    ],
    orphanedTypes: definition.orphanedTypes,
    references: definition.references,
  });
}

/** The SQLite triggers of the statistics' rollups (on PostgreSQL, the subgraph's migrations create them). */
function embeddedRollups(definition: SubgraphDefinition<any>, em: EntityManager): string[] {
  return (definition.statistics ?? []).flatMap((s) => {
    const spec = s.rollupSpec(em);
    return spec ? rollupTriggersSql(spec, 'sqlite') : [];
  });
}

/**
 * One subgraph in one process: `start()` connects, migrates and seeds; `listen()` serves.
 * Production (main.ts), the all-in-one start and the tests all go through here.
 */
export class SubgraphApp<Loaders = unknown> {
  db?: Database;
  served?: ServedSubgraph;
  /** Read at start; changes only through start() (the seed) in this process. */
  dataset?: Dataset;
  relay?: Relay;
  /** Appends this database's audit entries (none when started with `audit: false`). */
  auditWriter?: AuditAppender;
  private subscription?: Subscription;
  private unobserve?: () => void;

  constructor(
    readonly definition: SubgraphDefinition<Loaders>,
    readonly database: DatabaseOptions,
    private readonly security: Security = securityFromEnv(),
  ) {}

  get name(): SubgraphName {
    return this.definition.name;
  }

  async start(options: StartOptions = {}): Promise<this> {
    const { definition } = this;
    this.db = await openDatabase({
      ...this.database,
      name: definition.name,
      entities: definition.entities,
      migrations: definition.migrations,
      embeddedSql: (em) => embeddedRollups(definition, em),
    });
    const em = this.db.em.fork();
    const empty = (await em.count(definition.entities[0])) === 0;
    const recorded = (await em.count(DatasetRecord, { id: 1 })) > 0;
    const seed = options.seed ?? !this.database.databaseUrl;
    if (empty && seed) {
      await em.transactional(async (tx) => {
        await definition.seed(tx as EntityManager);
        await recordDataset(tx as EntityManager, {
          origin: DatasetOrigin.SYNTHETIC,
          scale: options.scale ?? 1,
          seededAt: new Date(),
          description: definition.dataset.description,
        });
      });
    } else if (!recorded) {
      // Data without a record predates the record, when only the seed ever wrote data.
      await recordDataset(
        em,
        empty
          ? { origin: DatasetOrigin.EMPTY, scale: null, seededAt: null, description: null }
          : { origin: DatasetOrigin.SYNTHETIC, scale: null, seededAt: null, description: definition.dataset.description },
      );
    }
    this.dataset = await readDataset(this.db.em);
    if (options.audit !== false) this.auditWriter = options.audit ?? new AuditWriter(this.db.em);
    if (options.bus) {
      this.relay = new Relay(this.db.em, options.bus).start();
      if (definition.events) this.subscription = await consume(this.db.em, options.bus, definition.name, definition.events);
    }
    // Its pool, outbox and consumer lag in /metrics.
    this.unobserve = observeSubgraph(
      definition.name,
      this.db.em,
      options.bus,
      options.bus && definition.events ? definition.name : undefined,
    );
    return this;
  }

  /**
   * Replay from the start, step 1 of 2: forget what the consumers built and which events they saw.
   * Step 2, `republish()` on every subgraph, sends every event again; the projections are rebuilt.
   */
  async resetProjections(): Promise<void> {
    const em = this.db!.em.fork();
    await em.transactional(async (tx) => {
      await this.definition.events?.reset(tx as EntityManager);
      await tx.nativeDelete(ProcessedEvent, {});
    });
  }

  async republish(): Promise<void> {
    await this.db!.em.fork().nativeUpdate(OutboxEvent, {}, { publishedAt: null });
    await this.relay?.wake();
  }

  /** A request's context; with `request` (an HTTP request's id and purpose) its personal reads and writes are audited. */
  context(viewer: Viewer | null = null, request?: AuditRequest): Context<Loaders> {
    if (!this.db) throw new Error(`subgraph ${this.name} is not started`);
    const relay = this.relay;
    const audit = request ? new AuditTrail(request, viewer, this.auditWriter ?? null) : undefined;
    return createContext(this.db.em, this.definition.loaders, viewer, relay ? { committed: () => void relay.wake() } : undefined, audit);
  }

  async listen(port: number, host?: string): Promise<ServedSubgraph> {
    const schema = await subgraphSchema(this.definition);
    // Subgraphs verify the token themselves: they trust nothing the network says.
    const { auth, sharedSecret } = this.security;
    assertSafeBinding(host, auth);
    this.served = await serveSubgraph({
      name: this.name,
      schema,
      port,
      host,
      sharedSecret,
      ready: () => databaseReady(this.db),
      portSetting: `${this.name.toUpperCase()}_PORT (or PORT: subgraphs follow the gateway's port, +1 to +5)`,
      extensions: () => (this.dataset ? { dataset: datasetExtension(this.dataset) } : {}),
      plugins: [auditPlugin(this.definition.purposes ?? []) as never],
      context: async (req) => this.context(await viewerFromAuthorization(req.headers.authorization, auth), auditRequest(req)),
      routes: this.definition.imports?.length
        ? importRouter({
            kinds: this.definition.imports,
            em: () => this.db!.em,
            auth,
            committed: () => void this.relay?.wake(),
            auditWriter: this.auditWriter,
          })
        : undefined,
    });
    return this.served;
  }

  async close(): Promise<void> {
    this.unobserve?.();
    await this.served?.close();
    await this.subscription?.close();
    await this.relay?.stop();
    await this.db?.orm.close(true);
  }
}

/** Started subgraphs, each on a port of the system's choosing on `host`: their URLs and in-process handlers, by name. */
export async function listenAll(
  apps: SubgraphApp<any>[],
  host = '127.0.0.1',
): Promise<{ urls: Record<string, string>; local: Record<string, LocalHandler> }> {
  const urls: Record<string, string> = {};
  const local: Record<string, LocalHandler> = {};
  for (const app of apps) {
    const served = await app.listen(0, host);
    urls[app.name] = served.url;
    local[app.name] = served.local;
  }
  return { urls, local };
}
