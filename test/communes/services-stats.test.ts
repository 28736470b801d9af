import { randomUUID } from 'node:crypto';
import { MemoryBus } from '../../kit/events/bus';
import { network } from '../../seed/network';
import { PersonProjection, VacancyProjection } from '../../subgraphs/communes/entities/projections';
import { communesSubgraph } from '../../subgraphs/communes/subgraph';
import { Attention } from '../../subgraphs/communes/entities/attention';
import { idsBy, published } from '../support/disclosure';
import { testDatabaseKinds } from '../support/databases';
import { errorCodes } from '../support/graphql';
import { describeSubgraph, startSubgraph, viewer } from '../support/subgraph';

// Territory × year cells with a goal are exact for analysts too; finer cells are exact for admins only.
const ANALYST = viewer('analyst');
const ADMIN = viewer('admin');
const net = network();
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describeSubgraph(communesSubgraph, 'OMIL services statistics', (subgraph) => {
  it('counts 15,529 people attended region-wide in 2024 for an analyst, against the summed PEOPLE_ATTENDED goals', async () => {
    const { attentionStats } = await subgraph().data(
      `{ attentionStats(filter: { years: [2024] }) { peopleAttended attentions goal compliance suppressed } }`,
      {},
      ANALYST,
    );
    const goal = sum(net.indicatorGoals.filter((g) => g.year === 2024 && g.indicator === 'PEOPLE_ATTENDED').map((g) => g.goal));
    const active = net.attentions.filter((a) => a.date.startsWith('2024-') && !a.cancelReason);
    expect(attentionStats).toEqual([
      { peopleAttended: 15_529, attentions: active.length, goal, compliance: 15_529 / goal, suppressed: false },
    ]);
  });

  it('counts a person once per cell however many attentions, and leaves cancelled attentions out', async () => {
    const { attentionStats } = await subgraph().data(
      `{ attentionStats(filter: { years: [2024] }, groupBy: [KIND]) { kind attentions peopleAttended goal } }`,
      {},
      ADMIN,
    );
    const active = net.attentions.filter((a) => a.date.startsWith('2024-') && !a.cancelReason);
    expect(attentionStats.map((r: any) => r.kind)).toEqual(['REGISTRATION', 'ORIENTATION', 'JOB_SEARCH_ADVICE']);
    for (const row of attentionStats) {
      const rows = active.filter((a) => a.kind === row.kind);
      expect(row).toEqual({
        kind: row.kind,
        attentions: rows.length,
        peopleAttended: new Set(rows.map((a) => a.personId)).size,
        goal: null,
      });
    }
    expect(net.attentions.some((a) => a.cancelReason && a.date.startsWith('2024-'))).toBe(true);
  });

  it('attaches each commune’s goal by the rule: by year, commune and province only, never with a date range', async () => {
    const { byCommune, byProvince, ranged } = await subgraph().data(
      `{
        byCommune: attentionStats(filter: { years: [2024], communes: ["10101", "10404"] }, groupBy: [COMMUNE]) { commune { code name } peopleAttended goal compliance }
        byProvince: employerVisitStats(filter: { years: [2023] }, groupBy: [YEAR, PROVINCE]) { year province { code name } visits goal previousYearVisits }
        ranged: jobFairStats(filter: { from: "2024-01-01", to: "2024-12-31" }) { fairs goal compliance }
      }`,
      {},
      ADMIN,
    );
    const goalOf = (code: string, year: number, indicator: string) =>
      net.indicatorGoals.find((g) => g.communeCode === code && g.year === year && g.indicator === indicator)?.goal;
    const people = (code: string) =>
      new Set(net.attentions.filter((a) => a.communeCode === code && a.date.startsWith('2024-') && !a.cancelReason).map((a) => a.personId))
        .size;
    // Palena (10404) has no agreement and no services: no row.
    expect(byCommune).toEqual([
      {
        commune: { code: '10101', name: 'Puerto Montt' },
        peopleAttended: people('10101'),
        goal: goalOf('10101', 2024, 'PEOPLE_ATTENDED'),
        compliance: people('10101') / goalOf('10101', 2024, 'PEOPLE_ATTENDED')!,
      },
    ]);
    // Communes and provinces are this subgraph's own: their names come with the cells.
    expect(byProvince.map((r: any) => r.province)).toEqual([
      { code: '101', name: 'Llanquihue' },
      { code: '102', name: 'Chiloé' },
      { code: '103', name: 'Osorno' },
      { code: '104', name: 'Palena' },
    ]);
    for (const row of byProvince) {
      const goals = net.indicatorGoals.filter(
        (g) => g.year === 2023 && g.indicator === 'EMPLOYER_VISITS' && g.communeCode.startsWith(row.province.code),
      );
      expect(row.goal).toBe(sum(goals.map((g) => g.goal)));
      const visits = (year: number) =>
        net.employerVisits.filter((v) => v.date.startsWith(`${year}-`) && v.communeCode.startsWith(row.province.code)).length;
      expect([row.visits, row.previousYearVisits]).toEqual([visits(2023), visits(2022)]);
    }
    expect(ranged).toEqual([{ fairs: net.jobFairs.filter((f) => f.date.startsWith('2024-')).length, goal: null, compliance: null }]);
  });

  it('counts job fairs with their employers present, vacancies offered and attendance, and vacancies captured', async () => {
    const { jobFairStats, vacancyCaptureStats } = await subgraph().data(
      `{ jobFairStats(filter: { years: [2022] }) { fairs employersPresent vacanciesOffered attendance goal }
         vacancyCaptureStats(filter: { years: [2022] }) { vacanciesCaptured positions goal } }`,
      {},
      ADMIN,
    );
    const fairs = net.jobFairs.filter((f) => f.date.startsWith('2022-'));
    const goal = (indicator: string) =>
      sum(net.indicatorGoals.filter((g) => g.year === 2022 && g.indicator === indicator).map((g) => g.goal));
    expect(jobFairStats).toEqual([
      {
        fairs: fairs.length,
        employersPresent: sum(fairs.map((f) => f.employerIds.length)),
        vacanciesOffered: sum(fairs.map((f) => f.vacancyIds.length)),
        attendance: sum(fairs.map((f) => f.personIds.length)),
        goal: goal('JOB_FAIRS'),
      },
    ]);
    const captures = net.vacancyCaptures.filter((c) => c.date.startsWith('2022-'));
    expect(vacancyCaptureStats).toEqual([
      {
        vacanciesCaptured: captures.length,
        positions: sum(captures.map((c) => net.vacancies[c.vacancyId - 1].positions)),
        goal: goal('VACANCIES_CAPTURED'),
      },
    ]);
  });

  it('perturbs cells of people for the public and analysts by the cell-key function of the database rows; exact for admins', async () => {
    const query = `{ attentionStats(filter: { years: [2024], communes: ["10401"] }, groupBy: [MONTH, AGE_BAND]) { month ageBand attentions peopleAttended perturbed } }`;
    const rows = await subgraph()
      .app.db!.em.fork()
      .find(
        Attention,
        { communeCode: '10401', status: 'ACTIVE' as never, date: { $gte: '2024-01-01', $lte: '2024-12-31' } },
        { fields: ['id', 'personId', 'date', 'ageBand'] },
      );
    const cell = (month: number, ageBand: string | null) => `${month}|${ageBand}`;
    const attentions = idsBy(rows, (a) => cell(Number(a.date.slice(5, 7)), a.ageBand));
    const people = new Map(
      [...attentions].map(([k, ids]) => [k, [...new Set(rows.filter((a) => ids.includes(a.id)).map((a) => a.personId))]]),
    );
    const exact = (await subgraph().data(query, {}, ADMIN)).attentionStats;
    for (const r of exact) {
      expect(r.attentions).toBe(attentions.get(cell(r.month, r.ageBand))!.length);
      expect(r.peopleAttended).toBe(people.get(cell(r.month, r.ageBand))!.length);
      expect(r.perturbed).toBe(false);
    }
    expect(exact.some((r: any) => r.peopleAttended > 0 && r.peopleAttended < 5)).toBe(true);
    for (const who of [undefined, ANALYST]) {
      const shown = (await subgraph().data(query, {}, who)).attentionStats;
      const expected = [...attentions.keys()]
        .map((k) => ({ k, attentions: published(attentions.get(k)!), peopleAttended: published(people.get(k)!) }))
        .filter((c) => c.attentions > 0 || c.peopleAttended > 0);
      expect(new Map(shown.map((r: any) => [cell(r.month, r.ageBand), [r.attentions, r.peopleAttended]]))).toEqual(
        new Map(expected.map((c) => [c.k, [c.attentions, c.peopleAttended]])),
      );
      expect(shown.every((r: any) => r.perturbed)).toBe(true);
    }
  });

  it('lists a commune’s and the region’s goals per indicator, in the indicators’ order', async () => {
    const d = await subgraph().data(`{
      commune(code: "10101") { indicatorGoals(year: 2024) { year indicator goal commune { code } } }
      region(code: "10") { indicatorGoals(year: 2024) { indicator } }
      palena: commune(code: "10404") { indicatorGoals(year: 2024) { indicator } }
    }`);
    expect(d.commune.indicatorGoals).toEqual(
      ['PEOPLE_ATTENDED', 'ORIENTATIONS', 'EMPLOYER_VISITS', 'VACANCIES_CAPTURED', 'JOB_FAIRS'].map((indicator) => ({
        year: 2024,
        indicator,
        goal: net.indicatorGoals.find((g) => g.communeCode === '10101' && g.year === 2024 && g.indicator === indicator)!.goal,
        commune: { code: '10101' },
      })),
    );
    expect(d.region.indicatorGoals).toHaveLength(24 * 5);
    expect(d.palena.indicatorGoals).toEqual([]);
  });
});

describe.each(testDatabaseKinds())('communes consumes persons and employers events [%s]', (kind) => {
  it('keeps its projections from the events, once per event id, and validates against them', async () => {
    const bus = new MemoryBus();
    const s = await startSubgraph(communesSubgraph, kind, { bus });
    try {
      const em = () => s.app.db!.em.fork();
      const event = (type: string, payload: Record<string, unknown>) => ({
        id: randomUUID(),
        type,
        occurredAt: new Date().toISOString(),
        payload,
      });
      const registered = event('persons.job_seeker_registered', {
        personId: 900_001,
        sex: 'MALE',
        birthDate: '2000-02-03',
        education: 'SECONDARY',
        registeredAt: '2025-05-05',
        omilCommuneCode: '10101',
        residenceCommuneCode: '10102',
      });
      const settled = async (check: () => Promise<boolean>) => {
        for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 50));
      };
      await bus.publish([registered, registered]);
      await settled(async () => (await em().count(PersonProjection, { id: 900_001 })) === 1);
      expect(await em().findOneOrFail(PersonProjection, { id: 900_001 })).toMatchObject({ registeredAt: '2025-05-05', sex: 'MALE' });

      const RECORD = `mutation($input: RecordAttentionInput!) { recordAttention(input: $input) { attention { id } } }`;
      const input = { idempotencyKey: randomUUID(), personId: '900001', communeCode: '10101', date: '2025-05-06', kind: 'ORIENTATION' };
      expect(errorCodes(await s.execute(RECORD, { input }, viewer('omil', ['10101'])))).toEqual([]);

      // A corrected registration date moves the bound; an employer and a vacancy become known.
      await bus.publish([
        event('persons.job_seeker_updated', { ...registered.payload, registeredAt: '2025-06-01' }),
        event('employers.employer_registered', {
          employerId: 900_002,
          sector: 'A',
          ciiuClass: '0321',
          size: 'SMALL',
          communeCode: '10101',
        }),
        event('employers.vacancy_registered', {
          vacancyId: 900_003,
          employerId: 900_002,
          communeCode: '10101',
          sector: 'A',
          occupationCode: '6221',
          contractType: 'SEASONAL',
          positions: 4,
          status: 'OPEN',
          openedAt: '2025-06-02',
        }),
      ]);
      await settled(async () => (await em().findOne(PersonProjection, { id: 900_001 }))?.registeredAt === '2025-06-01');
      const early = await s.execute(RECORD, { input: { ...input, idempotencyKey: randomUUID() } }, viewer('omil', ['10101']));
      expect(early.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.date' });
      await settled(async () => (await em().count(VacancyProjection, { id: 900_003 })) === 1);
      const capture = await s.execute(
        `mutation($input: RecordVacancyCaptureInput!) { recordVacancyCapture(input: $input) { capture { positions } } }`,
        { input: { idempotencyKey: randomUUID(), vacancyId: '900003', communeCode: '10101', date: '2025-06-02' } },
        viewer('omil', ['10101']),
      );
      expect(capture.data?.recordVacancyCapture.capture.positions).toBe(4);

      // A replay from the start begins by clearing what the events built.
      await s.app.resetProjections();
      expect(await em().count(PersonProjection, {})).toBe(0);
    } finally {
      await s.close();
    }
  });
});
