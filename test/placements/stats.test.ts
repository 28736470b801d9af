import { losLagosCommunes } from '../../domain/territory';
import { errorCodes, tokenFor } from '../support/graphql';
import { describeSubgraph } from '../support/subgraph';
import { placementsSubgraph } from '../../subgraphs/placements/subgraph';
import { Placement } from '../../subgraphs/placements/entities/placement';
import { PlacementStatus } from '../../subgraphs/placements/entities/enums';
import { idsBy, publishedCells } from '../support/disclosure';

const sum = (rows: any[], key: string) => rows.reduce((s, r) => s + r[key], 0);

describeSubgraph(placementsSubgraph, 'placementStats', (subgraph) => {
  // Admins see exact counts (the engine's arithmetic); others see perturbed cells, tested below.
  let admin: string;
  beforeAll(async () => {
    admin = await tokenFor('admin');
  });
  // token '' = the public (no Authorization header).
  const stats = async (args: string, fields: string, token: string = admin) =>
    (await subgraph().data(`{ placementStats${args} { ${fields} } }`, undefined, token)).placementStats;

  it('groups 2022 by commune: 24 rows summing to 4,948 against goals summing to 4,899', async () => {
    const rows = await stats(
      '(filter: { years: [2022] }, groupBy: [COMMUNE])',
      'commune { code } placements goal compliance perturbed year',
    );
    // Territory × year totals are the headline: exact for everyone, the public included.
    expect(
      await stats('(filter: { years: [2022] }, groupBy: [COMMUNE])', 'commune { code } placements goal compliance perturbed year', ''),
    ).toEqual(rows);
    expect(rows).toHaveLength(24);
    expect(sum(rows, 'placements')).toBe(4948);
    expect(sum(rows, 'goal')).toBe(4899);
    expect(rows.map((r: any) => r.commune.code)).toEqual([...rows.map((r: any) => r.commune.code)].sort());
    for (const r of rows) {
      expect(r.compliance).toBeCloseTo(r.placements / r.goal, 12);
      expect(r.perturbed).toBe(false);
      expect(r.year).toBeNull();
    }
  });

  it('agrees with the summaries of the foundation', async () => {
    const codes = losLagosCommunes().map((c) => c.code);
    const d = await subgraph().data(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Commune { code placementSummary(year: 2022) { placements goal } } }
      region: _entities(representations: [{ __typename: "Region", code: "10" }]) { ... on Region { placementSummary(year: 2022) { placements goal compliance } } } }`,
      { reps: codes.map((code) => ({ __typename: 'Commune', code })) },
    );
    const rows = await stats('(filter: { years: [2022] }, groupBy: [COMMUNE])', 'commune { code } placements goal');
    const byCode = new Map(rows.map((r: any) => [r.commune.code, r]));
    for (const c of d._entities) {
      const row = byCode.get(c.code) ?? { commune: { code: c.code }, placements: 0, goal: null };
      expect(row).toEqual({ commune: { code: c.code }, placements: c.placementSummary.placements, goal: c.placementSummary.goal });
    }
    expect(d.region[0].placementSummary).toEqual({ placements: 4948, goal: 4899, compliance: 4948 / 4899 });
  });

  it.each([
    ['[PROVINCE]', 4],
    ['[MONTH]', 12],
    ['[SECTOR, SEX]', null],
    ['[AGE_BAND, CONTRACT_TYPE, OCCUPATION_MAJOR_GROUP]', null],
  ])('groups 2022 by %s and still sums to 4,948', async (groupBy, count) => {
    const rows = await stats(`(filter: { years: [2022] }, groupBy: ${groupBy})`, 'placements province { code } month sector sex');
    if (count) expect(rows).toHaveLength(count);
    expect(sum(rows, 'placements')).toBe(4948);
  });

  it('gives province goals and a goal-less answer where goals cannot apply', async () => {
    const byProvince = await stats('(filter: { years: [2022] }, groupBy: [PROVINCE])', 'province { code } placements goal compliance');
    expect(byProvince.map((r: any) => r.province.code)).toEqual(['101', '102', '103', '104']);
    expect(sum(byProvince, 'goal')).toBe(4899);
    expect(byProvince.some((r: any) => r.compliance < 1) && byProvince.some((r: any) => r.compliance > 1)).toBe(true);
    const bySector = await stats('(filter: { years: [2022] }, groupBy: [SECTOR])', 'goal compliance');
    expect(bySector.every((r: any) => r.goal === null && r.compliance === null)).toBe(true);
    const women = await stats('(filter: { years: [2022], sexes: [FEMALE] })', 'placements goal');
    expect(women).toEqual([{ placements: expect.any(Number), goal: null }]);
  });

  it('shows 2024 at 3,247 with its change against 2023', async () => {
    const rows = await stats(
      '(filter: { years: [2021, 2022, 2023, 2024] }, groupBy: [YEAR])',
      'year placements goal previousYearPlacements yearOverYearChange',
    );
    expect(rows.map((r: any) => r.year)).toEqual([2021, 2022, 2023, 2024]);
    const [y21, y22, y23, y24] = rows;
    expect(y22.placements).toBe(4948);
    expect(y24.placements).toBe(3247);
    expect(y24.previousYearPlacements).toBe(y23.placements);
    expect(y24.yearOverYearChange).toBeCloseTo((3247 - y23.placements) / y23.placements, 12);
    expect(y22.previousYearPlacements).toBe(y21.placements);
    expect(y21.previousYearPlacements).toBeNull();
    expect(y21.yearOverYearChange).toBeNull();
    const only2024 = await stats(
      '(filter: { years: [2024] }, groupBy: [YEAR, PROVINCE])',
      'year province { code } placements previousYearPlacements',
    );
    expect(only2024.every((r: any) => r.year === 2024 && r.previousYearPlacements > 0)).toBe(true);
    expect(sum(only2024, 'previousYearPlacements')).toBe(y23.placements);
  });

  it('gives no previous year when a from/to range cuts the years unevenly', async () => {
    const rows = await stats(
      '(filter: { years: [2023], from: "2022-07-01", to: "2023-06-30" }, groupBy: [YEAR])',
      'year placements previousYearPlacements yearOverYearChange',
    );
    expect(rows).toEqual([{ year: 2023, placements: expect.any(Number), previousYearPlacements: null, yearOverYearChange: null }]);
  });

  it('refuses a list of more than 400 values, and reads repeated values once', async () => {
    const many = JSON.stringify(Array.from({ length: 401 }, () => 'A'));
    const body = await subgraph().execute(`{ placementStats(filter: { sectors: ${many} }) { placements } }`, undefined, admin);
    expect(errorCodes(body)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors![0].extensions!.field).toBe('filter.sectors');
    const repeated = await stats(`(filter: { years: [2022], sectors: ${JSON.stringify(Array(300).fill('A'))} })`, 'placements');
    const once = await stats('(filter: { years: [2022], sectors: ["A"] })', 'placements');
    expect(repeated).toEqual(once);
  });

  it('gives the grand total for an empty groupBy', async () => {
    expect(await stats('', 'placements goal')).toEqual([{ placements: 4512 + 4948 + 4207 + 3247, goal: 4650 + 4899 + 4420 + 3480 }]);
    expect(await stats('(filter: { years: [2022] }, groupBy: [])', 'placements goal compliance')).toEqual([
      { placements: 4948, goal: 4899, compliance: 4948 / 4899 },
    ]);
  });

  it('applies every filter dimension and the date range', async () => {
    const march = await stats('(filter: { from: "2022-03-01", to: "2022-03-31" }, groupBy: [MONTH, YEAR])', 'year month placements');
    expect(march).toHaveLength(1);
    expect(march[0]).toMatchObject({ year: 2022, month: 3 });
    const monthly = await stats('(filter: { years: [2022] }, groupBy: [MONTH])', 'month placements');
    expect(march[0].placements).toBe(monthly[2].placements);
    const narrow = await stats(
      `(filter: { years: [2022], months: [1, 2], communes: ["10101", "10301"], provinces: ["101", "103"], sectors: ["A", "C"],
      occupationMajorGroups: ["6", "9"], sexes: [FEMALE], ageBands: [AGE_18_29, AGE_30_44], contractTypes: [SEASONAL, FIXED_TERM] },
      groupBy: [MONTH, COMMUNE, SECTOR, OCCUPATION_MAJOR_GROUP, SEX, AGE_BAND, CONTRACT_TYPE])`,
      'month commune { code } sector occupationMajorGroup sex ageBand contractType placements',
    );
    expect(narrow.length).toBeGreaterThan(0);
    for (const r of narrow) {
      expect([1, 2]).toContain(r.month);
      expect(['10101', '10301']).toContain(r.commune.code);
      expect(['A', 'C']).toContain(r.sector);
      expect(['6', '9']).toContain(r.occupationMajorGroup);
      expect(r.sex).toBe('FEMALE');
      expect(['AGE_18_29', 'AGE_30_44']).toContain(r.ageBand);
      expect(['SEASONAL', 'FIXED_TERM']).toContain(r.contractType);
    }
  });

  it('perturbs cells for the public, partners and analysts by the cell-key method of their records in the database; exact for admins', async () => {
    const query = '(filter: { years: [2022] }, groupBy: [COMMUNE, AGE_BAND, SEX])';
    const fields = 'commune { code } ageBand sex placements perturbed suppressed';
    const rows = await subgraph()
      .app.db!.em.fork()
      .find(Placement, { year: 2022, status: { $ne: PlacementStatus.CANCELLED } }, { fields: ['id', 'communeCode', 'ageBand', 'sex'] });
    const groups = idsBy(rows, (p) => `${p.communeCode}|${p.ageBand}|${p.sex}`);
    const key = (r: any) => `${r.commune.code}|${r.ageBand}|${r.sex}`;
    const exact = await stats(query, fields);
    expect(new Map(exact.map((r: any) => [key(r), r.placements]))).toEqual(new Map([...groups].map(([k, ids]) => [k, ids.length])));
    expect(exact.every((r: any) => r.perturbed === false)).toBe(true);
    const expected = publishedCells(groups);
    const small = [...groups.values()].filter((ids) => ids.length < 5);
    expect(small.length).toBeGreaterThan(10);
    for (const token of ['', await tokenFor('partner'), await tokenFor('analyst')]) {
      const shown = await stats(query, fields, token);
      expect(new Map(shown.map((r: any) => [key(r), r.placements]))).toEqual(expected);
      expect(shown.every((r: any) => r.perturbed === true && r.suppressed === false)).toBe(true);
      // Never 1 or 2; and cells with 1–4 people are published as 0 (left out) or 3–6, not as themselves alone.
      expect(shown.some((r: any) => r.placements === 1 || r.placements === 2)).toBe(false);
    }
    // The noise is real: many cells differ from the truth, by at most 2 from 5 people up.
    const changed = exact.filter((r: any) => (expected.get(key(r)) ?? 0) !== r.placements);
    expect(changed.length).toBeGreaterThan(exact.length / 3);
    for (const r of exact) if (r.placements >= 5) expect(Math.abs(expected.get(key(r))! - r.placements)).toBeLessThanOrEqual(2);
  });

  it('answers the same cell the same, however it is asked, and refuses date ranges that are not whole months without exact counts', async () => {
    const a = await stats('(filter: { years: [2022], communes: ["10102"] }, groupBy: [AGE_BAND])', 'ageBand placements', '');
    const b = await stats(
      '(filter: { provinces: ["101"], months: [1,2,3,4,5,6,7,8,9,10,11,12] }, groupBy: [YEAR, COMMUNE, AGE_BAND])',
      'year commune { code } ageBand placements',
      '',
    );
    const fromB = b
      .filter((r: any) => r.year === 2022 && r.commune.code === '10102')
      .map((r: any) => ({ ageBand: r.ageBand, placements: r.placements }));
    expect(fromB).toEqual(a);
    const ranged = await subgraph().execute(
      '{ placementStats(filter: { from: "2023-01-01", to: "2024-01-01" }) { placements } }',
      undefined,
      '',
    );
    expect(errorCodes(ranged)).toEqual(['BAD_USER_INPUT']);
    expect(ranged.errors![0].extensions!.field).toBe('filter.to');
    const months = await stats('(filter: { from: "2023-01-01", to: "2023-12-31" })', 'placements perturbed', '');
    expect(months[0].perturbed).toBe(true);
    expect((await stats('(filter: { from: "2023-01-01", to: "2024-01-01" })', 'placements'))[0].placements).toBeGreaterThan(0);
  });

  it('computes in one GROUP BY (one more for goals, one for the years with data), whatever the grouping', async () => {
    const app = subgraph().app;
    app.db!.statements.reset();
    await stats('(groupBy: [COMMUNE, MONTH, SECTOR, SEX])', 'placements');
    expect(app.db!.statements.count).toBe(1);
    app.db!.statements.reset();
    await stats('(groupBy: [YEAR, COMMUNE, MONTH, SECTOR, SEX])', 'placements');
    expect(app.db!.statements.count).toBe(2);
    app.db!.statements.reset();
    await stats('(groupBy: [YEAR, COMMUNE])', 'placements goal');
    expect(app.db!.statements.count).toBe(3);
  });

  it.each([
    ['an unknown sector', '(filter: { sectors: ["A", "Z"] })', 'filter.sectors', '"Z"'],
    ['an unknown commune', '(filter: { communes: ["13101"] })', 'filter.communes', '"13101"'],
    ['an unknown province', '(filter: { provinces: ["999"] })', 'filter.provinces', '"999"'],
    ['an unknown occupation group', '(filter: { occupationMajorGroups: ["12"] })', 'filter.occupationMajorGroups', '"12"'],
    ['a month 13', '(filter: { months: [13] })', 'filter.months', '"13"'],
    ['a year out of range', '(filter: { years: [1999] })', 'filter.years', 'between'],
    ['a reversed range', '(filter: { from: "2022-05-01", to: "2022-01-01" })', 'filter.from', 'after'],
    ['years outside the range', '(filter: { years: [2021], from: "2022-01-01" })', 'filter.years', 'no year'],
  ])('refuses %s with BAD_USER_INPUT naming the value', async (_label, args, field, mention) => {
    const body = await subgraph().execute(`{ placementStats${args} { placements } }`, undefined, admin);
    expect(errorCodes(body)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors![0].extensions!.field).toBe(field);
    expect(body.errors![0].message).toContain(mention);
  });

  it('gives one previous year on every path: 0 where the cell had none, null only before the first year of data', async () => {
    // Quemchi (10209) had no agreement and no placement in 2021: its 2022 cell compares with 0, by any path.
    const alone = await stats('(filter: { communes: ["10209"] }, groupBy: [YEAR])', 'year placements previousYearPlacements');
    const all = await stats(
      '(filter: { years: [2022] }, groupBy: [COMMUNE, YEAR])',
      'commune { code } year placements previousYearPlacements',
    );
    const quemchi2022 = all.find((r: any) => r.commune.code === '10209');
    expect(alone.find((r: any) => r.year === 2022)).toEqual({
      year: 2022,
      placements: quemchi2022.placements,
      previousYearPlacements: quemchi2022.previousYearPlacements,
    });
    const byYear = await stats('(groupBy: [YEAR])', 'year previousYearPlacements');
    expect(byYear[0].previousYearPlacements).toBeNull();
    for (const r of alone) expect(r.previousYearPlacements).toEqual(r.year === byYear[0].year ? null : expect.any(Number));
  });

  it('shows a cell that falls to zero as a zero row beside its previous year', async () => {
    const rows = await stats('(groupBy: [COMMUNE, YEAR])', 'commune { code } year placements previousYearPlacements goal');
    const key = (r: any) => `${r.commune.code}:${r.year}`;
    const cells = new Map(rows.map((r: any) => [key(r), r]));
    const zeros = rows.filter((r: any) => r.placements === 0);
    expect(zeros.length).toBeGreaterThan(0);
    for (const z of zeros) expect(z.previousYearPlacements! > 0 || z.goal! > 0).toBe(true);
    // Every cell with placements in one year has a row the next year (up to the last year of data).
    const last = Math.max(...rows.map((r: any) => r.year));
    for (const r of rows) {
      if (r.year < last && r.placements > 0) expect(cells.get(`${r.commune.code}:${r.year + 1}`)).toBeDefined();
    }
    expect(
      sum(
        rows.filter((r: any) => r.year === 2022),
        'placements',
      ),
    ).toBe(4948);
  });

  it('orders rows by each grouped key, enum values in their declared order, nulls last', async () => {
    const rows = await stats('(filter: { years: [2022] }, groupBy: [AGE_BAND, SEX])', 'ageBand sex');
    const bands = ['AGE_18_29', 'AGE_30_44', 'AGE_45_64', 'AGE_65_PLUS'];
    const rank = (r: any) => bands.indexOf(r.ageBand) * 2 + (r.sex === 'FEMALE' ? 0 : 1);
    expect(rows.map(rank)).toEqual([...rows.map(rank)].sort((a, b) => a - b));
  });

  it('refuses a dimension the statistic does not declare', async () => {
    const body = await subgraph().execute('{ placementStats(groupBy: [EDUCATIONS]) { placements } }', undefined, admin);
    expect(errorCodes(body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const filter = await subgraph().execute(
      '{ placementStats(filter: { educationLevel: [UNIVERSITY] }) { placements } }',
      undefined,
      admin,
    );
    expect(errorCodes(filter)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('groups and filters by the education level snapshotted on each placement', async () => {
    const rows = await stats('(filter: { years: [2022] }, groupBy: [EDUCATION])', 'education placements');
    expect(sum(rows, 'placements')).toBe(4948);
    const university = rows.find((r: any) => r.education === 'UNIVERSITY');
    expect(university.placements).toBeGreaterThan(0);
    // The filter field an earlier contributor misnamed and saw ignored now narrows the answer.
    const filtered = await stats('(filter: { years: [2022], educationLevels: [UNIVERSITY] })', 'placements goal');
    expect(filtered).toEqual([{ placements: university.placements, goal: null }]);
  });
});
