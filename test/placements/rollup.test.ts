import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { ormConfig } from '../../kit/orm';
import { recordKeySql } from '../../kit/stats/disclosure';
import { rollupFillSql, rollupTriggersSql } from '../../kit/stats/rollup';
import { GraphQLError } from 'graphql';
import { clientError, isConcurrentWrite } from '../../kit/writes/write';
import { testDatabaseKinds } from '../support/databases';
import { tokenFor } from '../support/graphql';
import { describeSubgraph, startSubgraph, type TestSubgraph } from '../support/subgraph';
import { placementsSubgraph } from '../../subgraphs/placements/subgraph';
import { placementStats } from '../../subgraphs/placements/resolvers/stats';
import { Migration20261128090056 } from '../../subgraphs/placements/migrations/Migration20261128090056';

// The columns of a placement, copied row for row to make new ones.
const COLUMNS =
  'omil_commune_code, start_date, year, month, province_code, occupation_major_group, occupation_code, sector, contract_type, ' +
  'sex, age_band, person_id, employer_id, vacancy_id, education, version, created_by, created_at, updated_by, updated_at, monthly_wage, status';
// A record's key, as the perturbation computes it.
const KEY = recordKeySql('t.id');
// New placements get ids far above the seed's.
const NEW = 50_000_000;

describe('the rollup of placementStats', () => {
  it('is created on PostgreSQL by the migration with the triggers the declaration makes', async () => {
    const d = placementsSubgraph;
    const options = {
      name: d.name,
      entities: d.entities,
      migrations: d.migrations,
      databaseUrl: 'postgres://nobody@127.0.0.1:1/none',
      dataDir: '',
    };
    const orm = await MikroORM.init({ ...ormConfig(options), connect: false });
    try {
      const spec = placementStats.rollupSpec(orm.em as EntityManager)!;
      const migration = new Migration20261128090056(orm.em.getDriver() as never, orm.config);
      await migration.up();
      const made = migration.getQueries().map((q) => String(q).replace(/;$/, ''));
      // The first statement creates the table (from the entity); the rest are the kit's.
      expect(made.slice(1)).toEqual([...rollupTriggersSql(spec, 'postgresql'), ...rollupFillSql(spec, 'postgresql')]);
    } finally {
      await orm.close(true);
    }
  });
});

describeSubgraph(placementsSubgraph, 'the rollup of placementStats, through any write', (subgraph) => {
  const sql = async (statement: string) => (subgraph().app.db!.em as EntityManager).getConnection().execute(statement);
  const table = () => (subgraph().kind === 'postgresql' ? 'placements.placement' : 'placement');
  const rollup = () => (subgraph().kind === 'postgresql' ? 'placements.placement_month' : 'placement_month');

  /** The rollup's cells with placements, and the same sums computed from the placements themselves. */
  const both = async () => {
    const cells = (rows: any[]) =>
      rows.map((r) => `${r.year}-${r.month}-${r.commune}-${r.province}: ${r.n} ${BigInt(String(r.k).split('.')[0])}`).sort();
    const kept = await sql(
      `select year, month, omil_commune_code as commune, province_code as province, placements as n, placements_key as k from ${rollup()} where placements <> 0`,
    );
    const counted = await sql(
      `select t.year, t.month, t.omil_commune_code as commune, t.province_code as province, count(*) as n, sum(${KEY}) as k ` +
        `from ${table()} t where t.status <> 'CANCELLED' group by t.year, t.month, t.omil_commune_code, t.province_code`,
    );
    return { kept: cells(kept), counted: cells(counted) };
  };

  let analyst: string;
  let admin: string;
  beforeAll(async () => {
    analyst = await tokenFor('analyst');
    admin = await tokenFor('admin');
  });

  /** The same question read from the rollup and from the placements (a filter on sex, which the rollup does not hold, naming both sexes). */
  const answers = async (token: string) => {
    const fields = 'year commune { code } month placements perturbed previousYearPlacements';
    const ask = (filter: string) =>
      subgraph().data(`{ placementStats(filter: { ${filter} }, groupBy: [YEAR, COMMUNE, MONTH]) { ${fields} } }`, undefined, token);
    return { rollup: await ask('years: [2022, 2023]'), records: await ask('years: [2022, 2023], sexes: [FEMALE, MALE]') };
  };

  const agrees = async () => {
    const { kept, counted } = await both();
    expect(kept.length).toBeGreaterThan(300);
    expect(kept).toEqual(counted);
    for (const token of [admin, analyst]) {
      const { rollup, records } = await answers(token);
      expect(rollup.placementStats.length).toBeGreaterThan(300);
      expect(rollup).toEqual(records);
    }
  };

  it('holds the seeded placements', agrees);

  it('answers the questions cut by year, month and territory alone; the others read the placements', async () => {
    const total = async (args: string) => {
      const d = await subgraph().data(`{ placementStats(${args}) { placements } }`, undefined, admin);
      return d.placementStats.reduce((s: number, r: { placements: number }) => s + r.placements, 0);
    };
    const questions = [
      'filter: { years: [2022] }, groupBy: [COMMUNE]',
      'filter: { years: [2022], communes: ["10101"] }, groupBy: [MONTH]',
      'filter: { years: [2022] }, groupBy: [PROVINCE, MONTH]',
    ];
    const others = ['filter: { years: [2022] }, groupBy: [SEX]', 'filter: { from: "2022-01-01", to: "2022-12-31" }, groupBy: [COMMUNE]'];
    const before = await Promise.all([...questions, ...others].map(total));
    expect(before[0]).toBe(4948);
    // A cell of the rollup made wrong on purpose shows in the first answers alone.
    await sql(`update ${rollup()} set placements = placements + 1000 where year = 2022 and month = 3 and omil_commune_code = '10101'`);
    try {
      expect(await Promise.all([...questions, ...others].map(total))).toEqual([
        ...before.slice(0, questions.length).map((n) => n + 1000),
        ...before.slice(questions.length),
      ]);
    } finally {
      await sql(`update ${rollup()} set placements = placements - 1000 where year = 2022 and month = 3 and omil_commune_code = '10101'`);
    }
    expect(await Promise.all([...questions, ...others].map(total))).toEqual(before);
  });

  it('follows a bulk insert, moves between cells, cancellations, reinstatements and deletes', async () => {
    const before = await both();
    await sql(`insert into ${table()} (id, ${COLUMNS}) select id + ${NEW}, ${COLUMNS} from ${table()} where year = 2022 and id % 3 = 0`);
    const inserted = await both();
    expect(inserted.kept).not.toEqual(before.kept);
    await agrees();
    await sql(`update ${table()} set month = 1 + (month % 12) where id > ${NEW} and id % 2 = 0`);
    await sql(`update ${table()} set omil_commune_code = '10101', province_code = '101' where id > ${NEW} and id % 11 = 0`);
    await agrees();
    // A row replaced in place: SQLite's REPLACE deletes and inserts, PostgreSQL's upsert updates.
    const replace =
      subgraph().kind === 'postgresql'
        ? `insert into ${table()} (id, ${COLUMNS}) select id, ${COLUMNS.replace(' month,', ' 1 + (month % 12),')} from ${table()} where id > ${NEW} and id % 13 = 0 ` +
          `on conflict (id) do update set month = excluded.month`
        : `insert or replace into ${table()} (id, ${COLUMNS}) select id, ${COLUMNS.replace(' month,', ' 1 + (month % 12),')} from ${table()} where id > ${NEW} and id % 13 = 0`;
    await sql(replace);
    await agrees();
    await sql(`update ${table()} set status = 'CANCELLED' where id > ${NEW} and id % 5 <> 0`);
    await sql(`update ${table()} set status = 'ACTIVE' where id > ${NEW} and id % 7 = 0`);
    await agrees();
    await sql(`delete from ${table()} where id > ${NEW}`);
    expect(await both()).toEqual(before);
    await agrees();
  });

  it('leaves its cells emptied by cancellations out of the answers and of the row cap', async () => {
    // 9,000 placements in as many cells (years before the data), then all cancelled: 9,000 cells at 0.
    const communes = (await sql(`select distinct omil_commune_code as code, province_code as province from ${table()} order by 1`)) as {
      code: string;
      province: string;
    }[];
    const m = communes.length;
    const cells = 9_000;
    const values: Record<string, string> = {
      year: `1900 + n.i / ${12 * m}`,
      month: `1 + (n.i / ${m}) % 12`,
      omil_commune_code: 'c.code',
      province_code: 'c.province',
    };
    const select = COLUMNS.split(', ')
      .map((column) => values[column] ?? `p.${column}`)
      .join(', ');
    const list = communes.map((c, k) => `select '${c.code}' as code, '${c.province}' as province, ${k} as k`).join(' union all ');
    await sql(
      `insert into ${table()} (id, ${COLUMNS}) with recursive n(i) as (select 0 union all select i + 1 from n where i < ${cells - 1}) ` +
        `select ${NEW} + n.i, ${select} from n join (${list}) c on c.k = n.i % ${m} ` +
        `cross join (select * from ${table()} where id = (select min(id) from ${table()})) p`,
    );
    await sql(`update ${table()} set status = 'CANCELLED' where id >= ${NEW}`);
    const [zero] = await sql(`select count(*) as n from ${rollup()} where placements = 0`);
    expect(Number(zero.n)).toBeGreaterThanOrEqual(cells);
    try {
      const question = (filter: string) =>
        subgraph().data(
          `{ placementStats(${filter}groupBy: [YEAR, MONTH, COMMUNE]) { year month commune { code } placements } }`,
          undefined,
          admin,
        );
      // More than 10,000 rows in the rollup, 1,000-odd cells with placements: answered, as from the records.
      const fromRollup = await question('');
      expect(fromRollup).toEqual(await question('filter: { sexes: [FEMALE, MALE] }, '));
      expect(fromRollup.placementStats.every((r: { year: number }) => r.year > 2000)).toBe(true);
    } finally {
      await sql(`delete from ${table()} where id >= ${NEW}`);
    }
    await agrees();
  });

  it('is emptied when every placement goes at once (rolled back)', async () => {
    // PostgreSQL: truncate, with its own trigger. SQLite: a delete without a where, which SQLite
    // would run as a truncate, firing no trigger, if the table had none.
    const everything = subgraph().kind === 'postgresql' ? `truncate ${table()}` : `delete from ${table()}`;
    const em = subgraph().app.db!.em as EntityManager;
    await expect(
      em.transactional(async (tx) => {
        const connection = tx.getConnection();
        await connection.execute(everything, [], 'all', tx.getTransactionContext());
        const [left] = await connection.execute(
          `select count(*) as n from ${rollup()} where placements <> 0`,
          [],
          'all',
          tx.getTransactionContext(),
        );
        throw new Error(`rollup cells left: ${left.n}`);
      }),
    ).rejects.toThrow('rollup cells left: 0');
    await agrees();
  });
});

// SQLite has one writer at a time: only PostgreSQL's writers can wait for each other.
(testDatabaseKinds().includes('postgresql') ? describe : describe.skip)('writers of the same rollup cells [postgresql]', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startSubgraph(placementsSubgraph, 'postgresql');
  });
  afterAll(async () => {
    await subgraph?.close();
  });

  it('that wait for each other in opposite orders: PostgreSQL stops one, which is told CONFLICT and writes nothing', async () => {
    const em = subgraph.app.db!.em as EntityManager;
    // A copy of a placement of 10101 in a month: a new row in that month's cell.
    const copy = (id: number, month: number) =>
      `insert into placements.placement (id, ${COLUMNS}) select ${id}, ${COLUMNS} from placements.placement ` +
      `where year = 2022 and month = ${month} and omil_commune_code = '10101' and status <> 'CANCELLED' and id < ${NEW} order by id limit 1`;
    const cells = async () =>
      (await em
        .fork()
        .getConnection()
        .execute(
          `select month, placements from placements.placement_month where year = 2022 and omil_commune_code = '10101' and month in (1, 2) order by month`,
        )) as { month: number; placements: number }[];
    const before = await cells();
    const gate = () => {
      let open!: () => void;
      const opened = new Promise<void>((resolve) => (open = resolve));
      return { opened, open };
    };
    const [a, b] = [gate(), gate()];
    // Each takes one cell, then waits for the other to hold its own before asking for it.
    const writer = (first: number, second: number, mine: ReturnType<typeof gate>, other: ReturnType<typeof gate>, id: number) =>
      em.fork().transactional(async (tx) => {
        const run = (sql: string) => tx.getConnection().execute(sql, [], 'run', tx.getTransactionContext());
        await run(copy(id, first));
        mine.open();
        await other.opened;
        await run(copy(id + 1, second));
      });
    const results = await Promise.allSettled([writer(1, 2, a, b, NEW + 100), writer(2, 1, b, a, NEW + 200)]);
    const stopped = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(stopped).toHaveLength(1);
    expect(isConcurrentWrite(stopped[0].reason)).toBe(true);
    const told = clientError(stopped[0].reason) as GraphQLError;
    expect(told).toBeInstanceOf(GraphQLError);
    expect(told.extensions.code).toBe('CONFLICT');
    // The one that went through added one placement to each cell; the stopped one, nothing.
    expect(await cells()).toEqual(before.map((c) => ({ ...c, placements: c.placements + 1 })));
    await em.fork().getConnection().execute(`delete from placements.placement where id > ${NEW}`);
    expect(await cells()).toEqual(before);
  });

  it('that wait past the lock_timeout an operator set: told CONFLICT, nothing written', async () => {
    const em = subgraph.app.db!.em as EntityManager;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held!: () => void;
    const holding = new Promise<void>((resolve) => (held = resolve));
    const cell = `select * from placements.placement_month where year = 2022 and month = 1 and omil_commune_code = '10101' for no key update`;
    const holder = em.fork().transactional(async (tx) => {
      await tx.getConnection().execute(cell, [], 'all', tx.getTransactionContext());
      held();
      await released;
    });
    await holding;
    const waiter = em.fork().transactional(async (tx) => {
      const run = (sql: string) => tx.getConnection().execute(sql, [], 'all', tx.getTransactionContext());
      await run(`set local lock_timeout = '200ms'`);
      await run(cell);
    });
    const [outcome] = await Promise.allSettled([waiter]);
    release();
    await holder;
    expect(outcome.status).toBe('rejected');
    const error = (outcome as PromiseRejectedResult).reason;
    expect(isConcurrentWrite(error)).toBe(true);
    expect((clientError(error) as GraphQLError).extensions.code).toBe('CONFLICT');
  });

  it('that move placements between two cells in opposite directions, one statement each, do not deadlock', async () => {
    const em = subgraph.app.db!.em as EntityManager;
    const connection = () => em.fork().getConnection();
    const pick = async (month: number) =>
      (
        await connection().execute(
          `select id from placements.placement where year = 2022 and month = ${month} and omil_commune_code = '10101' and status <> 'CANCELLED' order by id limit 1`,
        )
      )[0].id as number;
    const [january, february] = [await pick(1), await pick(2)];
    const move = (id: number, month: number) =>
      em
        .fork()
        .transactional((tx) =>
          tx
            .getConnection()
            .execute(`update placements.placement set month = ${month} where id = ${id}`, [], 'run', tx.getTransactionContext()),
        );
    const waiting = async () =>
      Number(
        (
          await connection().execute(
            `select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
          )
        )[0].n,
      );
    // A third writer holds January's cell (a registration not yet committed) while both moves start.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const holder = em.fork().transactional(async (tx) => {
      await tx
        .getConnection()
        .execute(
          `select * from placements.placement_month where year = 2022 and month = 1 and omil_commune_code = '10101' for no key update`,
          [],
          'all',
          tx.getTransactionContext(),
        );
      await released;
    });
    await new Promise((r) => setTimeout(r, 100));
    const moves = [move(january, 2), move(february, 1)];
    for (let i = 0; i < 100 && (await waiting()) < 2; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await waiting()).toBe(2);
    release();
    await holder;
    // Each takes January's cell first, then February's: one waits for the other, neither is stopped.
    expect((await Promise.allSettled(moves)).map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    await move(january, 1);
    await move(february, 2);
  });
});
