import { bearer, data, errorCodes, post, tokenFor } from '../support/graphql';
import { describeEachDatabase } from '../support/platform';

const YEARS = [2021, 2022, 2023, 2024];

describeEachDatabase('placements subgraph', (platform) => {
  // Individual placements are person-level records: admins (region) and municipalities (their communes); see test/auth.
  let analyst: string;
  beforeAll(async () => {
    analyst = await tokenFor('admin');
  });
  it('sums 2022 to 4,948 placements in 24 communes at 101% of goal, with some communes above and some below', async () => {
    const d = await data(
      platform().url,
      `{
      region(code: "10") { placementSummary(year: 2022) { year placements goal compliance } communes { code placementSummary(year: 2022) { placements goal compliance } } }
    }`,
      undefined,
      analyst,
    );
    const region = d.region.placementSummary;
    expect(region.placements).toBe(4948);
    expect(region.goal).toBeGreaterThanOrEqual(4875);
    expect(region.goal).toBeLessThanOrEqual(4923);
    expect(region.compliance).toBeCloseTo(4948 / region.goal, 10);
    expect(Math.round(region.compliance * 100) / 100).toBe(1.01);

    const communes = d.region.communes.map((c: any) => ({ code: c.code, ...c.placementSummary }));
    const withGoal = communes.filter((c: any) => c.goal !== null);
    expect(withGoal).toHaveLength(24);
    expect(withGoal.reduce((s: number, c: any) => s + c.placements, 0)).toBe(4948);
    expect(withGoal.reduce((s: number, c: any) => s + c.goal, 0)).toBe(region.goal);
    expect(withGoal.every((c: any) => c.placements > 0 && c.compliance === c.placements / c.goal)).toBe(true);
    expect(withGoal.some((c: any) => c.compliance > 1)).toBe(true);
    expect(withGoal.some((c: any) => c.compliance < 1)).toBe(true);
    const without = communes.filter((c: any) => c.goal === null);
    expect(without.map((c: any) => c.code).sort()).toEqual(['10103', '10204', '10206', '10207', '10402', '10404']);
    expect(without.every((c: any) => c.placements === 0 && c.compliance === null)).toBe(true);
  });

  it('sums 2024 to 3,247 in 24 communes, and each year of 2021–2024 agrees across region, communes and rows', async () => {
    for (const year of YEARS) {
      const d = await data(
        platform().url,
        `query($year: Int!) {
        region(code: "10") { placementSummary(year: $year) { placements goal } communes { placementSummary(year: $year) { placements goal } } }
        placements(filter: { year: $year }, first: 0) { totalCount }
      }`,
        { year },
        analyst,
      );
      const communes = d.region.communes.map((c: any) => c.placementSummary);
      const total = communes.reduce((s: number, c: any) => s + c.placements, 0);
      expect(total).toBe(d.region.placementSummary.placements);
      expect(d.placements.totalCount).toBe(total);
      expect(communes.reduce((s: number, c: any) => s + (c.goal ?? 0), 0)).toBe(d.region.placementSummary.goal);
      const active = communes.filter((c: any) => c.goal !== null).length;
      if (year === 2024) {
        expect(total).toBe(3247);
        expect(active).toBe(24);
      }
      if (year === 2021) expect(active).toBe(24);
      expect(total).toBeGreaterThan(2000);
    }
  });

  it("lists a commune's placements, filtered by year and date range, in date order", async () => {
    const d = await data(
      platform().url,
      `{
      commune(code: "10301") {
        name
        y2022: placements(filter: { year: 2022 }, first: 100) { totalCount nodes { startDate commune { code } } }
        march: placements(filter: { from: "2022-03-01", to: "2022-03-31" }, first: 100) { totalCount nodes { startDate } }
        marchOf2023: placements(filter: { year: 2023, from: "2022-03-01", to: "2023-03-31" }) { totalCount }
      }
      region(code: "10") { communes { code } }
      osorno2022: placements(filter: { year: 2022, communes: ["10301"] }) { totalCount }
    }`,
      undefined,
      analyst,
    );
    const c = d.commune;
    expect(c.name).toBe('Osorno');
    expect(c.y2022.totalCount).toBe(d.osorno2022.totalCount);
    const dates = c.y2022.nodes.map((n: any) => n.startDate);
    expect(dates).toEqual([...dates].sort());
    expect(dates.every((s: string) => s.startsWith('2022-'))).toBe(true);
    expect(c.y2022.nodes.every((n: any) => n.commune.code === '10301')).toBe(true);
    expect(c.march.totalCount).toBeGreaterThan(0);
    expect(c.march.nodes.every((n: any) => n.startDate >= '2022-03-01' && n.startDate <= '2022-03-31')).toBe(true);
    expect(c.marchOf2023.totalCount).toBeLessThan(c.y2022.totalCount);
  });

  it('pages the root placements connection without gaps or repeats', async () => {
    const url = platform().url;
    const query = `query($after: String) { placements(filter: { year: 2022, communes: ["10102", "10105"] }, first: 100, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { id sector sex ageBand contractType occupationCode commune { code } } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const d: any = await data(url, query, { after }, analyst);
      total = d.placements.totalCount;
      seen.push(...d.placements.nodes.map((n: any) => n.id));
      for (const n of d.placements.nodes) {
        expect(['10102', '10105']).toContain(n.commune.code);
        expect(n.occupationCode).toMatch(/^\d{4}$/);
        expect(n.sector).toMatch(/^[A-U]$/);
      }
      after = d.placements.pageInfo.hasNextPage ? d.placements.pageInfo.endCursor : null;
    } while (after);
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    expect(total).toBeGreaterThan(100);
  });

  it('follows the synthetic distributions: about half women, a December–March peak, sector A the largest', async () => {
    const d = await data(
      platform().url,
      `{ placements(filter: { year: 2022, communes: ["10101"] }, first: 100) { totalCount } }`,
      undefined,
      analyst,
    );
    expect(d.placements.totalCount).toBeGreaterThan(1000);
    // A sample by month: January outnumbers June.
    const months = await data(
      platform().url,
      `{
      jan: placements(filter: { from: "2022-01-01", to: "2022-01-31" }) { totalCount }
      jun: placements(filter: { from: "2022-06-01", to: "2022-06-30" }) { totalCount }
    }`,
      undefined,
      analyst,
    );
    expect(months.jan.totalCount).toBeGreaterThan(months.jun.totalCount);
  });

  it('answers null for malformed territory references sent straight to the subgraph', async () => {
    const url = platform().subgraphs.placements.served!.url;
    const d = await data(
      url,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Region { placementSummary(year: 2022) { placements } } ... on Commune { code } } }`,
      {
        r: [
          { __typename: 'Region', code: '%' },
          { __typename: 'Commune', code: '1%' },
          { __typename: 'Region', code: '10' },
        ],
      },
    );
    expect(d._entities).toEqual([null, null, { placementSummary: { placements: 4948 } }]);
  });

  it.each([
    ['year out of range', '{ region(code: "10") { placementSummary(year: 1999) { placements } } }', 'year'],
    ['reversed date range', '{ placements(filter: { from: "2022-05-01", to: "2022-01-01" }) { totalCount } }', 'filter.from'],
    ['malformed CUT in the list', '{ placements(filter: { communes: ["10101", "1O1O2"] }) { totalCount } }', 'filter.communes'],
    ['negative first', '{ placements(first: -5) { totalCount } }', 'first'],
    ['a year in the filter out of range', '{ placements(filter: { year: 20222 }) { totalCount } }', 'filter.year'],
    [
      'reversed range on a commune',
      '{ commune(code: "10101") { placements(filter: { from: "2023-01-02", to: "2023-01-01" }) { totalCount } } }',
      'filter.from',
    ],
  ])('rejects %s with BAD_USER_INPUT', async (_label, query, field) => {
    const body = await post(platform().url, query, undefined, bearer(analyst));
    expect(errorCodes(body)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors![0].extensions!.field).toBe(field);
  });

  it('rejects a malformed date variable with BAD_USER_INPUT, not an internal error', async () => {
    const body = await post(
      platform().url,
      `query($from: LocalDate) { placements(filter: { from: $from }) { totalCount } }`,
      { from: '2022-13-45' },
      bearer(analyst),
    );
    expect(errorCodes(body)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors![0].message).toContain('LocalDate');
    expect(JSON.stringify(body)).not.toContain('127.0.0.1');
  });

  it('rejects a malformed date literal with BAD_USER_INPUT (400), as a malformed variable', async () => {
    const body = await post(platform().url, '{ placements(filter: { to: "yesterday" }) { totalCount } }', undefined, bearer(analyst));
    expect(errorCodes(body)).toEqual(['BAD_USER_INPUT']);
    expect(body.status).toBe(400);
    expect(JSON.stringify(body)).not.toContain('127.0.0.1');
  });
});
