import { addDays } from '../../kit/dates';
import { bearer, data, errorCodes, post, tokenFor } from '../support/graphql';
import { describeEachDatabase } from '../support/platform';
import { idsBy, publishedCells } from '../support/disclosure';
import { Person } from '../../subgraphs/persons/entities/person';
import { Workshop, WorkshopAttendance } from '../../subgraphs/training/entities/workshop';

const sum = (rows: any[], key: string) => rows.reduce((s, r) => s + (r[key] ?? 0), 0);

describeEachDatabase('jobSeekerStats, vacancyStats, trainingStats, workshopStats', (platform) => {
  let analyst: string;
  let admin: string;
  beforeAll(async () => {
    analyst = await tokenFor('analyst');
    admin = await tokenFor('admin');
  });

  it('counts job-seeker registrations (never rows), exact for admins, consistent with the persons list', async () => {
    const d = await data(
      platform().url,
      `{
      byYear: jobSeekerStats(groupBy: [YEAR]) { year registrations }
      y2022: jobSeekerStats(filter: { years: [2022] }, groupBy: [PROVINCE, SEX, AGE_BAND, EDUCATION]) { province { name } sex ageBand education registrations }
      total: jobSeekerStats { registrations }
    }`,
      undefined,
      admin,
    );
    expect(d.total).toEqual([{ registrations: 30000 }]);
    expect(sum(d.byYear, 'registrations')).toBe(30000);
    expect(d.byYear.map((r: any) => r.year)).toEqual([2019, 2020, 2021, 2022, 2023, 2024]);
    const y2022 = d.byYear.find((r: any) => r.year === 2022).registrations;
    expect(sum(d.y2022, 'registrations')).toBe(y2022);
    const list = await data(platform().url, '{ persons(filter: { year: 2022 }, first: 0) { totalCount } }', undefined, admin);
    expect(list.persons.totalCount).toBe(y2022);
  });

  it('perturbs job-seeker cells for the public and analysts: the cell-key function of the registrations in the database', async () => {
    const q =
      '{ jobSeekerStats(filter: { years: [2022] }, groupBy: [COMMUNE, EDUCATION]) { commune { code } education registrations perturbed } }';
    const people = await platform()
      .subgraphs.persons.db!.em.fork()
      .find(Person, { registeredAt: { $gte: '2022-01-01', $lte: '2022-12-31' } }, { fields: ['id', 'omilCommuneCode', 'education'] });
    const groups = idsBy(people, (p) => `${p.omilCommuneCode}|${p.education}`);
    expect([...groups.values()].some((ids) => ids.length < 5)).toBe(true);
    const cells = (rows: any[]) => new Map(rows.map((r: any) => [`${r.commune.code}|${r.education}`, r.registrations]));
    const exact = (await data(platform().url, q, undefined, admin)).jobSeekerStats;
    expect(cells(exact)).toEqual(new Map([...groups].map(([k, ids]) => [k, ids.length])));
    for (const who of [undefined, analyst]) {
      const shown = (await data(platform().url, q, undefined, who)).jobSeekerStats;
      expect(cells(shown)).toEqual(publishedCells(groups));
      expect(shown.every((r: any) => r.perturbed)).toBe(true);
    }
  });

  it('counts vacancies and positions by sector, occupation, contract type, commune and period', async () => {
    const d = await data(
      platform().url,
      `{
      bySector: vacancyStats(filter: { years: [2022] }, groupBy: [SECTOR]) { sector vacancies positions }
      all: vacancyStats { vacancies positions }
      list: vacancies(filter: { year: 2022 }, first: 0) { totalCount }
      listA: vacancies(filter: { year: 2022, sectors: ["A"] }, first: 0) { totalCount }
    }`,
      undefined,
      admin,
    );
    // Five dimensions: beyond the public cost budget, and at the row cap (LIMIT_STAT_ROWS) alone, so in its own request.
    Object.assign(
      d,
      await data(
        platform().url,
        `{ fine: vacancyStats(filter: { years: [2022], sectors: ["A"] }, groupBy: [MONTH, COMMUNE, OCCUPATION_MAJOR_GROUP, CONTRACT_TYPE, STATUS]) { vacancies occupationMajorGroup } }`,
        undefined,
        admin,
      ),
    );
    expect(sum(d.bySector, 'vacancies')).toBe(d.list.totalCount);
    expect(d.all[0].vacancies).toBe(10550);
    expect(d.all[0].positions).toBeGreaterThan(d.all[0].vacancies);
    expect(sum(d.fine, 'vacancies')).toBe(d.listA.totalCount);
    expect(new Set(d.fine.map((r: any) => r.occupationMajorGroup))).toEqual(new Set(['3', '6', '7', '9']));
  });

  it('measures enrolments, completions and the job outcome, and the outcome matches the placements subgraph', async () => {
    const stats = await data(
      platform().url,
      `{
      byYear: trainingStats(groupBy: [YEAR]) { year enrollments completions completionRate placedWithin3Months placementRate }
      osorno: trainingStats(filter: { communes: ["10301"], years: [2022] }) { enrollments completions placedWithin3Months }
      list: enrollments(filter: { communes: ["10301"] }, first: 0) { totalCount }
    }`,
      undefined,
      admin,
    );
    expect(stats.byYear.map((r: any) => r.year)).toEqual([2021, 2022, 2023, 2024]);
    for (const r of stats.byYear) {
      expect(r.completionRate).toBeCloseTo(r.completions / r.enrollments, 12);
      expect(r.placementRate).toBeCloseTo(r.placedWithin3Months / r.completions, 12);
      expect(r.placedWithin3Months).toBeGreaterThan(0);
    }
    // Recompute the outcome live, across subgraphs, for Osorno's 2022 courses.
    const rows: any[] = [];
    let after: string | null = null;
    do {
      const page: any = await data(
        platform().url,
        `query($after: String) { courses(filter: { communes: ["10301"], year: 2022 }, first: 100, after: $after) {
        pageInfo { hasNextPage endCursor } nodes { enrollments { status completedAt person { placements { startDate } } } } } }`,
        { after },
        admin,
      );
      rows.push(...page.courses.nodes.flatMap((c: any) => c.enrollments));
      after = page.courses.pageInfo.hasNextPage ? page.courses.pageInfo.endCursor : null;
    } while (after);
    const placed = rows.filter(
      (e) =>
        e.completedAt && e.person.placements.some((p: any) => p.startDate > e.completedAt && p.startDate <= addDays(e.completedAt, 90)),
    );
    expect(stats.osorno).toEqual([
      { enrollments: rows.length, completions: rows.filter((e) => e.status === 'COMPLETED').length, placedWithin3Months: placed.length },
    ]);
  });

  it('counts workshops and attendance; attendance is perturbed for the public by the cell-key function of the attendances', async () => {
    const q =
      '{ workshopStats(filter: { years: [2022] }, groupBy: [COMMUNE, TOPIC]) { commune { code } topic workshops attendance perturbed } }';
    const exact = (await data(platform().url, q, undefined, admin)).workshopStats;
    const list = await data(platform().url, '{ workshops(filter: { year: 2022 }, first: 0) { totalCount } }');
    expect(sum(exact, 'workshops')).toBe(list.workshops.totalCount);
    const em = platform().subgraphs.training.db!.em.fork();
    const workshops = new Map(
      (await em.find(Workshop, { date: { $gte: '2022-01-01', $lte: '2022-12-31' } })).map((w) => [w.id, `${w.communeCode}|${w.topic}`]),
    );
    const attendance = (await em.find(WorkshopAttendance, {}, { fields: ['id', 'workshopId'] })).filter((a) => workshops.has(a.workshopId));
    const expected = publishedCells(idsBy(attendance, (a) => workshops.get(a.workshopId)!));
    const shown = (await data(platform().url, q)).workshopStats;
    expect(shown).toHaveLength(exact.length); // every cell holds a workshop: none is left out
    shown.forEach((r: any, i: number) => {
      expect(r.workshops).toBe(exact[i].workshops);
      expect(r.attendance).toBe(expected.get(`${r.commune.code}|${r.topic}`) ?? 0);
      expect(r.perturbed).toBe(true);
    });
  });

  it.each([
    ['jobSeekerStats', '(filter: { communes: ["99999"] })', 'registrations', 'filter.communes'],
    ['vacancyStats', '(filter: { sectors: ["Ñ"] })', 'vacancies', 'filter.sectors'],
    ['trainingStats', '(filter: { from: "2023-01-01", to: "2022-01-01" })', 'enrollments', 'filter.from'],
    ['workshopStats', '(filter: { months: [0] })', 'workshops', 'filter.months'],
  ])('%s refuses unknown values and contradictory ranges with BAD_USER_INPUT', async (field, args, measure, named) => {
    const body = await post(platform().url, `{ ${field}${args} { ${measure} } }`, undefined, bearer(analyst));
    expect(errorCodes(body)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors![0].extensions!.field).toBe(named);
  });
});
