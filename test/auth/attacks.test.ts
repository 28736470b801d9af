import { EnrollmentStatus } from '../../subgraphs/training/entities/enums';
import { Course } from '../../subgraphs/training/entities/course';
import { Enrollment } from '../../subgraphs/training/entities/enrollment';
import { Person } from '../../subgraphs/persons/entities/person';
import { Placement } from '../../subgraphs/placements/entities/placement';
import { PlacementStatus } from '../../subgraphs/placements/entities/enums';
import { AgeBand } from '../../domain/classifications';
import { data, errorCodes, post } from '../support/graphql';
import { describeEachDatabase } from '../support/platform';

/**
 * The attacks of issue 10 that recovered every suppressed cell (8 of 8), replayed as the public:
 * each must now recover a value that is not the true count, computed here directly from the
 * database, or find the cell not derivable at all.
 */
describeEachDatabase('small cells stay hidden: the attacks of issue 10, as the public', (platform) => {
  const em = (name: string) => platform().subgraphs[name].db!.em.fork();
  const ask = (query: string) => data(platform().url, query);
  const sum = (rows: any[], key: string) => rows.reduce((s, r) => s + r[key], 0);

  it('total minus visible cells: 10101 PRESCHOOL in jobSeekerStats 2024', async () => {
    const d = await ask(`{
      total: jobSeekerStats(filter: { years: [2024], communes: ["10101"] }) { registrations perturbed }
      cells: jobSeekerStats(filter: { years: [2024], communes: ["10101"] }, groupBy: [EDUCATION]) { education registrations }
    }`);
    const recovered =
      d.total[0].registrations -
      sum(
        d.cells.filter((c: any) => c.education !== 'PRESCHOOL'),
        'registrations',
      );
    const truth = await em('persons').count(Person, {
      omilCommuneCode: '10101',
      education: 'PRESCHOOL' as never,
      registeredAt: { $gte: '2024-01-01', $lte: '2024-12-31' },
    });
    expect(truth).toBe(3); // the cell the issue recovered
    expect(d.total[0].perturbed).toBe(true);
    expect(recovered).not.toBe(truth);
  });

  it('exact commune total minus commune × age band: 10102, 65+, placements 2022', async () => {
    const d = await ask(`{
      total: placementStats(filter: { years: [2022] }, groupBy: [COMMUNE]) { commune { code } placements perturbed }
      cells: placementStats(filter: { years: [2022] }, groupBy: [COMMUNE, AGE_BAND]) { commune { code } ageBand placements perturbed }
    }`);
    const total = d.total.find((r: any) => r.commune.code === '10102');
    expect(total.perturbed).toBe(false); // the headline total stays exact
    const others = d.cells.filter((r: any) => r.commune.code === '10102' && r.ageBand !== AgeBand.AGE_65_PLUS);
    const recovered = total.placements - sum(others, 'placements');
    const truth = await em('placements').count(Placement, {
      communeCode: '10102',
      year: 2022,
      ageBand: AgeBand.AGE_65_PLUS,
      status: { $ne: PlacementStatus.CANCELLED },
    });
    expect(truth).toBeGreaterThan(0); // 8 in today's seed (the run saw 4)
    expect(total.placements).toBe(
      await em('placements').count(Placement, { communeCode: '10102', year: 2022, status: { $ne: PlacementStatus.CANCELLED } }),
    );
    expect(recovered).not.toBe(truth);
  });

  it('differencing date ranges: 10102 registrations on 2024-01-01 are not derivable', async () => {
    const truth = await em('persons').count(Person, { omilCommuneCode: '10102', registeredAt: '2024-01-01' });
    expect(truth).toBe(1);
    // The pair of ranges, a day apart: refused, the period of a statistic of people is whole months.
    const dayApart = await post(
      platform().url,
      `{ a: jobSeekerStats(filter: { communes: ["10102"], from: "2023-01-01", to: "2024-01-01" }) { registrations } }`,
    );
    expect(errorCodes(dayApart)).toEqual(['BAD_USER_INPUT']);
    expect(dayApart.status).toBe(400);
    // The closest allowed pair differs by a whole month of perturbed counts, never the day.
    const d = await ask(`{
      a: jobSeekerStats(filter: { communes: ["10102"], from: "2023-01-01", to: "2024-01-31" }) { registrations }
      b: jobSeekerStats(filter: { communes: ["10102"], from: "2023-01-01", to: "2023-12-31" }) { registrations }
    }`);
    const recovered = d.a[0].registrations - d.b[0].registrations;
    expect(recovered).not.toBe(truth);
    // Nor is January itself recovered exactly from the difference.
    const january = await em('persons').count(Person, {
      omilCommuneCode: '10102',
      registeredAt: { $gte: '2024-01-01', $lte: '2024-01-31' },
    });
    expect(recovered).not.toBe(january);
  });

  it("another statistic: trainingStats 2022 completions minus the other courses' completedCount, course 207", async () => {
    const courses: { id: string; completedCount: number }[] = [];
    let after: string | null = null;
    do {
      const d: any = await data(
        platform().url,
        'query($after: String) { courses(filter: { year: 2022 }, first: 100, after: $after) { nodes { id completedCount } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      courses.push(...d.courses.nodes);
      after = d.courses.pageInfo.hasNextPage ? d.courses.pageInfo.endCursor : null;
    } while (after);
    expect(courses).toHaveLength(130);
    expect(courses.map((c) => c.id)).toContain('207');
    const d = await ask('{ trainingStats(filter: { years: [2022] }) { completions } }');
    const recovered =
      d.trainingStats[0].completions -
      sum(
        courses.filter((c) => c.id !== '207'),
        'completedCount',
      );
    const training = em('training');
    const course = await training.findOneOrFail(Course, { id: 207 });
    expect(course.startDate.slice(0, 4)).toBe('2022');
    const truth = await training.count(Enrollment, { courseId: 207, status: EnrollmentStatus.COMPLETED });
    expect(truth).toBeGreaterThan(0); // 16 in today's seed (the run saw 4)
    expect(recovered).not.toBe(truth);
  });

  it('the subtraction attack, over every small cell of 2024 jobSeekerStats by commune × education, rarely hits and never knows it', async () => {
    const d = await ask(`{
      totals: jobSeekerStats(filter: { years: [2024] }, groupBy: [COMMUNE]) { commune { code } registrations }
      cells: jobSeekerStats(filter: { years: [2024] }, groupBy: [COMMUNE, EDUCATION]) { commune { code } education registrations }
    }`);
    const people = await em('persons').find(
      Person,
      { registeredAt: { $gte: '2024-01-01', $lte: '2024-12-31' } },
      { fields: ['id', 'omilCommuneCode', 'education'] },
    );
    const truth = new Map<string, number>();
    for (const p of people) truth.set(`${p.omilCommuneCode}|${p.education}`, (truth.get(`${p.omilCommuneCode}|${p.education}`) ?? 0) + 1);
    let small = 0;
    let hits = 0;
    for (const [key, n] of truth) {
      if (n >= 5) continue;
      const [code, education] = key.split('|');
      const total = d.totals.find((r: any) => r.commune.code === code)?.registrations ?? 0;
      const others = d.cells.filter((r: any) => r.commune.code === code && r.education !== education);
      small += 1;
      if (total - sum(others, 'registrations') === n) hits += 1;
    }
    expect(small).toBeGreaterThan(20);
    // Before: every small cell recovered (8 of 8). Now a guess that is right in a minority of cells, indistinguishable from the others.
    expect(hits / small).toBeLessThan(0.35);
  });
});
