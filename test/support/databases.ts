import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DatabaseKind, DatabaseOptions } from '../../kit/orm';

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL is set (CI sets it and fails if it is down). */
export function testDatabaseKinds(): DatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ['sqlite', 'postgresql'] : ['sqlite'];
}

export interface TestDatabase {
  kind: DatabaseKind;
  options: DatabaseOptions;
  drop(): Promise<void>;
}

/** A database of its own for one test run: in-memory SQLite, or a new PostgreSQL database. */
export async function freshDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'sqlite') return { kind, options: { dataDir: ':memory:' }, drop: async () => {} };
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `lle_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    kind,
    options: { databaseUrl: url.toString(), dataDir: '' },
    async drop() {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
