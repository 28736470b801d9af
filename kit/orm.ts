import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DefaultLogger, MikroORM, type Constructor, type LoggerOptions, type Options } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { LibSqlDriver } from '@mikro-orm/libsql';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Migration, Migrator } from '@mikro-orm/migrations';
import { KIT_ENTITIES, KIT_MIGRATIONS } from './kit-tables';
import { BACKGROUND } from './logging';
import { logger } from './observability/logger';

export type DatabaseKind = 'sqlite' | 'postgresql';

export interface DatabaseOptions {
  /** postgres://… selects PostgreSQL (one schema per subgraph); unset selects embedded SQLite. */
  databaseUrl?: string;
  /** Folder of the SQLite files (one per subgraph), or ':memory:' for an in-memory database. */
  dataDir: string;
}

export interface OrmOptions extends DatabaseOptions {
  name: string;
  entities: Constructor[];
  migrations: Constructor<Migration>[];
  /**
   * More schema for the embedded SQLite file, made after its tables (triggers); on PostgreSQL the
   * subgraph's migrations carry the same.
   */
  embeddedSql?: (em: EntityManager) => string[];
}

/** Counts SQL statements, so tests can prove batching (it counts; it prints only in debug). */
export class StatementCounter {
  count = 0;
  reset(): void {
    this.count = 0;
  }
}

class CountingLogger extends DefaultLogger {
  constructor(
    options: LoggerOptions,
    private readonly counter: StatementCounter,
  ) {
    super(options);
  }
  override logQuery(context: Parameters<DefaultLogger['logQuery']>[0]): void {
    // Background work (the event relay, consumers) is not a request's statements.
    if (context.label !== BACKGROUND) this.counter.count++;
    super.logQuery(context);
  }
}

export interface Database {
  orm: MikroORM;
  em: EntityManager;
  kind: DatabaseKind;
  statements: StatementCounter;
}

export function databaseKind(databaseUrl: string | undefined): DatabaseKind {
  if (!databaseUrl) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return 'postgresql';
  throw new Error(
    `unsupported database "${databaseUrl.split(':')[0]}": DATABASE_URL must be a postgres:// URL, or unset for the embedded SQLite`,
  );
}

export function ormConfig(options: OrmOptions, statements = new StatementCounter()): Options {
  const kind = databaseKind(options.databaseUrl);
  const common = {
    // The kit's own tables (the dataset record) live beside each subgraph's.
    entities: [...options.entities, ...KIT_ENTITIES],
    discovery: { disableDynamicFileAccess: true },
    loggerFactory: (o: LoggerOptions) => new CountingLogger(o, statements),
    debug: process.env.SQL_DEBUG === '1',
    allowGlobalContext: false,
  };
  if (kind === 'postgresql') {
    return {
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: options.databaseUrl,
      schema: options.name,
      extensions: [Migrator],
      migrations: {
        migrationsList: [...options.migrations, ...KIT_MIGRATIONS].map((m) => ({ name: m.name, class: m })),
        path: join('subgraphs', options.name, 'migrations'),
        tableName: 'mikro_orm_migrations',
        snapshot: false,
        silent: true,
        emit: 'ts',
      },
    };
  }
  const memory = options.dataDir === ':memory:';
  if (!memory) mkdirSync(options.dataDir, { recursive: true });
  return {
    ...common,
    // Per connection, on every connection: the pool replaces a file's connection after 10 s idle
    // (MikroORM's libsql dialect), and a pragma set once would be gone with the first one.
    pool: { afterCreate: sqlitePragmas },
    driver: LibSqlDriver,
    dbName: memory ? ':memory:' : sqliteFile(options.dataDir, options.name),
  };
}

/**
 * Each SQLite connection's settings. NORMAL sync in WAL mode cannot corrupt the file; a power cut
 * may lose the last commits, as on any server without battery-backed storage. Recursive triggers:
 * a REPLACE deletes the row it replaces, and with them off SQLite fires no delete trigger for it,
 * so a rollup's triggers (kit/stats/rollup.ts) would miss the delete.
 */
function sqlitePragmas(connection: { exec(sql: string): unknown }, done: (error: Error | null, connection: unknown) => void): void {
  try {
    connection.exec('pragma synchronous = normal; pragma recursive_triggers = on');
    done(null, connection);
  } catch (error) {
    done(error as Error, connection);
  }
}

/** The embedded default's file of one subgraph. */
export function sqliteFile(dataDir: string, name: string): string {
  return join(dataDir, `${name}.sqlite`);
}

/**
 * Connects and brings the schema up to date: committed migrations on PostgreSQL; on the
 * embedded SQLite default the tables are created (or updated) from the entities.
 */
export async function openDatabase(options: OrmOptions): Promise<Database> {
  const statements = new StatementCounter();
  const kind = databaseKind(options.databaseUrl);
  const orm = await MikroORM.init({ ...ormConfig(options, statements), ensureDatabase: kind !== 'postgresql' });
  if (kind === 'postgresql') {
    await ensurePostgresDatabase(orm);
    await orm.getMigrator().up();
  } else {
    // A write-ahead log: a commit appends to the log with one sync instead of rewriting a rollback
    // journal with several, and readers do not wait for a writer (the audit appends on every
    // personal read). The file keeps it; the per-connection settings are sqlitePragmas'.
    if (options.dataDir !== ':memory:') await orm.em.getConnection().execute('pragma journal_mode = wal');
    await ensureEmbeddedSchema(orm, options.name, options.embeddedSql?.(orm.em as EntityManager) ?? []);
  }
  return { orm, em: orm.em as EntityManager, kind, statements };
}

/**
 * Creates the PostgreSQL database when missing. Subgraphs starting together against a database
 * that does not exist yet race to create it: the losers see a duplicate (`42P04`, or `23505` on
 * pg_database), reconnect to the winner's database and check again.
 */
async function ensurePostgresDatabase(orm: MikroORM): Promise<void> {
  const dbName = orm.config.get('dbName');
  for (let attempt = 1; ; attempt++) {
    try {
      await orm.schema.ensureDatabase({ forceCheck: true });
      return;
    } catch (error) {
      const { code, message } = error as { code?: string; message?: string };
      const duplicate = code === '42P04' || (code === '23505' && /pg_database/.test(message ?? ''));
      if (!duplicate || attempt >= 5) {
        await orm.close(true);
        throw error;
      }
      // ensureDatabase had switched to the maintenance database to create it.
      orm.config.set('dbName', dbName);
      await orm.em.getDriver().reconnect();
    }
  }
}

/**
 * The embedded SQLite files are demo data, created from the entities and seeded. Their schema is
 * fingerprinted: when the entities change, the file's tables are dropped and created anew (and so
 * seeded again). SQLite schema diffs are not used: with enum check constraints MikroORM would
 * rebuild every such table at every start.
 */
async function ensureEmbeddedSchema(orm: MikroORM, name: string, more: string[]): Promise<void> {
  const connection = orm.em.getConnection();
  const create = await orm.schema.getCreateSchemaSQL({ wrap: false });
  const fingerprint = createHash('sha256')
    .update([create, ...more].join(';\n'))
    .digest('hex');
  await connection.execute('create table if not exists schema_fingerprint (fingerprint text not null)');
  const [row] = await connection.execute<{ fingerprint: string }[]>('select fingerprint from schema_fingerprint');
  if (row?.fingerprint === fingerprint) return;
  if (row) logger.info({ service: name }, `${name}: the entities changed since this SQLite file was made; recreating its tables`);
  await orm.schema.dropSchema();
  await orm.schema.createSchema();
  for (const sql of more) await connection.execute(sql);
  await connection.execute('delete from schema_fingerprint');
  await connection.execute('insert into schema_fingerprint (fingerprint) values (?)', [fingerprint]);
}
