import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { verifyChain, type ChainReport } from '../kit/audit/chain';
import { databaseOptions, SUBGRAPH_NAMES } from '../kit/config';
import { databaseKind, ormConfig } from '../kit/orm';

/**
 * `npm run audit -- verify [--database-url postgres://…] [--data-dir ./data]`: walks the audit
 * chain (kit/audit) of every subgraph database that has one — the SQLite files under DATA_DIR
 * (default ./data) or the schemas of DATABASE_URL — prints its entries and head hash, names the
 * first entry that does not verify and exits 1 if any chain is broken (2 on bad usage).
 * Reads only: nothing is migrated, created or seeded.
 */
const USAGE = 'usage: npm run audit -- verify [--database-url postgres://…] [--data-dir ./data]';

async function auditTableExists(em: EntityManager, kind: 'sqlite' | 'postgresql', schema: string): Promise<boolean> {
  const rows =
    kind === 'sqlite'
      ? await em.execute(`select name from sqlite_master where type = 'table' and name = 'audit_entry'`)
      : await em.execute(`select to_regclass('"${schema}"."audit_entry"') as name`);
  return Boolean(rows[0]?.name);
}

export async function verifyDatabases(options: { databaseUrl?: string; dataDir: string }): Promise<Record<string, ChainReport | null>> {
  const kind = databaseKind(options.databaseUrl);
  const reports: Record<string, ChainReport | null> = {};
  for (const name of SUBGRAPH_NAMES) {
    if (kind === 'sqlite' && !existsSync(join(options.dataDir, `${name}.sqlite`))) {
      reports[name] = null;
      continue;
    }
    const orm = await MikroORM.init(ormConfig({ ...options, name, entities: [], migrations: [] }));
    try {
      const em = orm.em.fork() as EntityManager;
      reports[name] = (await auditTableExists(em, kind, name)) ? await verifyChain(em) : null;
    } finally {
      await orm.close(true);
    }
  }
  return reports;
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'database-url': { type: 'string' }, 'data-dir': { type: 'string' } },
  });
  if (positionals[0] !== 'verify' || positionals.length !== 1) {
    console.error(USAGE);
    process.exit(2);
  }
  const defaults = databaseOptions();
  const options = { databaseUrl: values['database-url'] ?? defaults.databaseUrl, dataDir: values['data-dir'] ?? defaults.dataDir };
  console.log(`audit: verifying ${options.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `the SQLite files in ${options.dataDir}/`}`);
  const reports = await verifyDatabases(options);
  let broken = 0;
  for (const [name, report] of Object.entries(reports)) {
    if (!report) {
      console.log(`  ${name}: no audit log`);
      continue;
    }
    const entries = report.entries.toLocaleString('en');
    if (report.broken) {
      broken++;
      console.log(`  ${name}: BROKEN at entry ${report.broken.seq}: ${report.broken.reason} (${entries} entries verify before it)`);
    } else {
      console.log(`  ${name}: ${entries} entries, chain intact, head ${report.head}`);
    }
  }
  if (broken) {
    console.error(`audit: ${broken} chain(s) broken: the log was changed after it was written`);
    process.exit(1);
  }
  console.log('audit: every chain verifies');
}

if (require.main === module) {
  main().catch((error) => {
    console.error('audit failed:', error);
    process.exit(1);
  });
}
