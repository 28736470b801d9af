import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { SUBGRAPHS } from '../subgraphs';
import { securityFromEnv } from '../kit/config';
import { onSeedProgress } from '../kit/insert';
import { network, useNetworkScale } from '../seed/network';
import { SubgraphApp } from '../kit/subgraph';

/**
 * `npm run seed -- --scale N [--database-url postgres://…]`: replaces the five schemas of a
 * PostgreSQL database with the synthetic network at N times the region's volume (60 gives
 * 1,014,840 placements), migrated, seeded, vacuumed and analysed. Prints progress as it goes.
 */
const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/lle_scale';

function fail(message: string): never {
  console.error(`seed: ${message}\nusage: npm run seed -- --scale N [--database-url postgres://user@host:5432/db]`);
  process.exit(2);
}

async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) fail(`database name "${name}" must be lower-case letters, digits and _`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
  if (!exists.rowCount) await client.query(`create database ${name}`);
  await client.end();
}

async function main() {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' }, 'database-url': { type: 'string' } } });
  const scale = Number(values.scale);
  if (!Number.isInteger(scale) || scale < 1 || scale > 500) fail(`--scale must be an integer from 1 to 500, got "${values.scale}"`);
  const url = values['database-url'] ?? process.env.DATABASE_URL ?? DEFAULT_URL;
  if (!/^postgres(ql)?:\/\//.test(url)) fail('the scale seed fills PostgreSQL: give a postgres:// URL');
  await ensureDatabase(url);
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

  useNetworkScale(scale);
  console.log(`generating the network at scale ${scale}…`);
  const net = network();
  console.log(
    `  ${net.placements.length.toLocaleString('en')} placements, ${net.persons.length.toLocaleString('en')} persons, ` +
      `${net.employers.length.toLocaleString('en')} employers, ${net.vacancies.length.toLocaleString('en')} vacancies, ` +
      `${net.enrollments.length.toLocaleString('en')} enrolments (${elapsed()})`,
  );

  let lastShown = 0;
  onSeedProgress((table, done, total) => {
    if (done === total || done - lastShown >= 100_000 || done < lastShown) {
      console.log(`  ${table}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')} rows (${elapsed()})`);
      lastShown = done === total ? 0 : done;
    }
  });

  const client = new Client({ connectionString: url });
  await client.connect();
  for (const definition of SUBGRAPHS) {
    console.log(`${definition.name}: replacing schema "${definition.name}"`);
    await client.query(`drop schema if exists "${definition.name}" cascade`);
    const app = new SubgraphApp(definition, { databaseUrl: url, dataDir: '' }, securityFromEnv());
    await app.start({ scale, seed: true });
    await app.close();
    const tables = await client.query('select tablename from pg_tables where schemaname = $1', [definition.name]);
    for (const { tablename } of tables.rows) await client.query(`vacuum analyze "${definition.name}"."${tablename}"`);
    console.log(`${definition.name}: seeded, vacuumed and analysed (${elapsed()})`);
  }
  await client.end();
  console.log(`done in ${elapsed()}: DATABASE_URL=${url.replace(/\/\/[^@]*@/, '//…@')}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
