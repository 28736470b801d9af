import type { Constructor } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import type { Migration } from '@mikro-orm/migrations';
import type { GraphQLSchema } from 'graphql';
import type { Viewer } from './context';
import type { NonEmptyArray } from 'type-graphql';
import { viewerFromAuthorization } from './auth';
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
import { serveSubgraph, type Served } from './serve';
import type { Statistic } from './stats/statistic';

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
  /** What the seed's data is: told with every answer served from it. */
  dataset: SeedDataset;
}

export interface StartOptions {
  /** false: an empty database stays empty (recorded as such) instead of being seeded. Default true. */
  seed?: boolean;
  /** The seed's volume multiplier, recorded with the dataset (default 1). */
  scale?: number;
}

export function defineSubgraph<Loaders>(definition: SubgraphDefinition<Loaders>): SubgraphDefinition<Loaders> {
  return definition;
}

export function subgraphSchema(definition: SubgraphDefinition<any>): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [...definition.resolvers, ...(definition.statistics ?? []).map((s) => s.resolver), DatasetResolver],
    orphanedTypes: definition.orphanedTypes,
    references: definition.references,
  });
}

/**
 * One subgraph in one process: `start()` connects, migrates and seeds; `listen()` serves.
 * Production (main.ts), the all-in-one start and the tests all go through here.
 */
export class SubgraphApp<Loaders = unknown> {
  db?: Database;
  served?: Served;
  /** Read at start; changes only through start() (the seed) in this process. */
  dataset?: Dataset;

  constructor(
    readonly definition: SubgraphDefinition<Loaders>,
    private readonly database: DatabaseOptions,
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
    });
    const em = this.db.em.fork();
    const empty = (await em.count(definition.entities[0])) === 0;
    const recorded = (await em.count(DatasetRecord, { id: 1 })) > 0;
    if (empty && options.seed !== false) {
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
    return this;
  }

  context(viewer: Viewer | null = null): Context<Loaders> {
    if (!this.db) throw new Error(`subgraph ${this.name} is not started`);
    return createContext(this.db.em, this.definition.loaders, viewer);
  }

  async listen(port: number, host?: string): Promise<Served> {
    const schema = await subgraphSchema(this.definition);
    // Subgraphs verify the token themselves: they trust nothing the network says.
    const { auth, sharedSecret } = this.security;
    this.served = await serveSubgraph({
      schema,
      port,
      host,
      sharedSecret,
      extensions: () => (this.dataset ? { dataset: datasetExtension(this.dataset) } : {}),
      context: async (req) => this.context(await viewerFromAuthorization(req.headers.authorization, auth)),
    });
    return this.served;
  }

  async close(): Promise<void> {
    await this.served?.close();
    await this.db?.orm.close(true);
  }
}
