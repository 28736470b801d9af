import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/**
 * Seeded copies come from templates made once per run (test/support/global-setup.ts): a folder
 * of SQLite files and a PostgreSQL template database, both seeded by the subgraphs themselves.
 */
export const SEEDED_SQLITE_DIR = 'LLE_TEST_SEEDED_SQLITE_DIR';
export const SEEDED_POSTGRES_DB = 'LLE_TEST_SEEDED_POSTGRES_DB';
/** When this run's seeding began (ISO): what a seeded copy's `seededAt` is checked against. */
export const SEEDING_STARTED_AT = 'LLE_TEST_SEEDING_STARTED_AT';

function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  return url;
}

async function admin<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export async function createPostgresDatabase(name: string, template?: string): Promise<void> {
  await admin(async (client) => {
    // Two workers copying one template at the same instant can collide; the second tries again.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`create database ${name}${template ? ` template ${template}` : ''}`);
        return;
      } catch (error) {
        if (!template || attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  });
}

export async function dropPostgresDatabase(name: string): Promise<void> {
  await admin((client) => client.query(`drop database if exists ${name} with (force)`));
}

/**
 * A database of its own for one suite: `seeded` copies the run's seeded template (instant, and
 * isolated: what a suite writes, no other suite sees); otherwise empty (in-memory SQLite, or a new
 * PostgreSQL database), and the subgraphs seed it themselves if asked.
 */
export async function freshDatabase(kind: DatabaseKind, { seeded = false } = {}): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const template = seeded ? process.env[SEEDED_SQLITE_DIR] : undefined;
    if (!template) return { kind, options: { dataDir: ':memory:' }, drop: async () => {} };
    const dir = mkdtempSync(join(tmpdir(), 'lle-test-'));
    cpSync(template, dir, { recursive: true, filter: (source) => !/-(wal|shm)$/.test(source) });
    return { kind, options: { dataDir: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `lle_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await createPostgresDatabase(name, seeded ? process.env[SEEDED_POSTGRES_DB] : undefined);
  return { kind, options: { databaseUrl: databaseUrl(name), dataDir: '' }, drop: () => dropPostgresDatabase(name) };
}
