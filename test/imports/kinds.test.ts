import type { EntityManager } from '@mikro-orm/knex';
import { addDays, today } from '../../kit/dates';
import { checkDigit, formatRut } from '../../kit/rut';
import { network } from '../../seed/network';
import { Attention } from '../../subgraphs/communes/entities/attention';
import { Vacancy } from '../../subgraphs/employers/entities/vacancy';
import { Referral } from '../../subgraphs/placements/entities/referral';
import { Enrollment } from '../../subgraphs/training/entities/enrollment';
import { WorkshopAttendance } from '../../subgraphs/training/entities/workshop';
import type { Platform } from '../support/platform';
import { describeEachDatabase } from '../support/platform';
import { outboxAfter, outboxHead } from '../support/writes';
import { csv, importFile, omilToken, xlsx } from './support';

const net = network();
const START = addDays(today(), -3);
const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('-');
const rutOf = (p: { rut: string }) => formatRut(p.rut);
// A valid RUT no seeded record has.
const UNKNOWN_RUT = formatRut(`96000000-${checkDigit(96000000)}`);

// Seeded job seekers of 10101 registered before 2021 (so before every workshop), each kind its own.
const people = net.persons.filter((p) => p.omilCommuneCode === '10101' && p.registeredAt < '2021-01-01');
const of10102 = net.persons.find((p) => p.omilCommuneCode === '10102')!;
const latePerson = net.persons.find((p) => p.omilCommuneCode === '10101' && p.registeredAt > '2022-01-01')!;
const open = net.vacancies.filter((v) => v.status === 'OPEN' && v.openedAt <= START);
const notOpen = net.vacancies.find((v) => v.status !== 'OPEN')!;
const enrolled = new Set(net.enrollments.map((e) => `${e.personId}|${e.courseId}`));
const courses = net.courses.filter((c) => c.communeCode === '10101');
const course10102 = net.courses.find((c) => c.communeCode === '10102')!;
const attended = new Set(net.attendance.map((a) => `${a.personId}|${a.workshopId}`));
const workshops = net.workshops.filter((w) => w.communeCode === '10101' && w.date > '2024-01-01' && w.date <= START);
const earlyWorkshop = net.workshops.find((w) => w.communeCode === '10101' && w.date < latePerson.registeredAt)!;
const workshop10102 = net.workshops.find((w) => w.communeCode === '10102' && w.date <= START)!;

/**
 * One kind's case: four good rows (the fourth only in the XLSX), bad rows each with the one issue
 * it must get, the table it writes (rows created by the test's OMIL counted) and the event.
 */
interface Case {
  kind: string;
  subgraph: string;
  header: string[];
  good: string[][];
  bad: { cells: string[]; column: string; code: string }[];
  entity: new () => object;
  event: string;
  /** A value check on what the commit wrote. */
  written?: (em: EntityManager) => Promise<void>;
}

const CASES: Case[] = [
  {
    kind: 'vacancies',
    subgraph: 'employers',
    header: ['employer_rut', 'commune', 'occupation_code', 'title', 'positions', 'contract_type', 'wage_min', 'wage_max', 'opened_at'],
    good: net.employers
      .slice(0, 4)
      .map((e, i) => [rutOf(e), '10101', '5223', `Vendedor/a Ñuble ${i}`, '2', 'FIXED_TERM', '600.000', '700.000', ddmmyyyy(START)]),
    bad: [
      {
        cells: [UNKNOWN_RUT, '10101', '5223', '', '2', 'FIXED_TERM', '600000', '700000', ddmmyyyy(START)],
        column: 'employer_rut',
        code: 'UNKNOWN_EMPLOYER',
      },
      {
        cells: [rutOf(net.employers[5]), '10101', '5223', '', '2', 'FIXED_TERM', '300000', '700000', ddmmyyyy(START)],
        column: 'wage_min',
        code: 'RULE',
      },
      {
        cells: [rutOf(net.employers[6]), '10101', '5223', '', '0', 'FIXED_TERM', '600000', '700000', ddmmyyyy(START)],
        column: 'positions',
        code: 'INVALID_VALUE',
      },
      {
        cells: [rutOf(net.employers[7]), '10101', '5223', '', '1', 'FIXED_TERM', '600000', '700000', ddmmyyyy(addDays(today(), 5))],
        column: 'opened_at',
        code: 'RULE',
      },
    ],
    entity: Vacancy,
    event: 'employers.vacancy_registered',
    async written(em) {
      const v = await em.findOneOrFail(Vacancy, { createdBy: 'test-omil', title: 'Vendedor/a Ñuble 1' });
      expect(v).toMatchObject({
        employerId: net.employers[1].id,
        positions: 2,
        wageMin: 600000,
        wageMax: 700000,
        openedAt: START,
        status: 'OPEN',
      });
    },
  },
  {
    kind: 'attentions',
    subgraph: 'communes',
    header: ['person_rut', 'omil_commune', 'date', 'kind'],
    good: people.slice(0, 4).map((p) => [rutOf(p), '10101', ddmmyyyy(START), 'ORIENTATION']),
    bad: [
      { cells: [rutOf(of10102), '10101', ddmmyyyy(START), 'ORIENTATION'], column: 'person_rut', code: 'UNKNOWN_PERSON' },
      { cells: [rutOf(people[4]), '10101', ddmmyyyy(addDays(today(), 2)), 'ORIENTATION'], column: 'date', code: 'RULE' },
      { cells: [rutOf(people[5]), '10101', ddmmyyyy(START), 'VISIT'], column: 'kind', code: 'UNKNOWN_CODE' },
      { cells: [rutOf(latePerson), '10101', '01-01-2021', 'REGISTRATION'], column: 'date', code: 'RULE' },
    ],
    entity: Attention,
    event: 'communes.attention_recorded',
    async written(em) {
      const a = await em.findOneOrFail(Attention, { createdBy: 'test-omil', personId: people[2].id });
      expect(a).toMatchObject({ communeCode: '10101', date: START, kind: 'ORIENTATION', status: 'ACTIVE', sex: people[2].sex });
    },
  },
  {
    kind: 'referrals',
    subgraph: 'placements',
    header: ['person_rut', 'vacancy_id', 'omil_commune', 'referred_at'],
    good: people.slice(10, 14).map((p, i) => [rutOf(p), String(open[i].id), '10101', ddmmyyyy(START)]),
    bad: [
      { cells: [rutOf(people[14]), String(notOpen.id), '10101', ddmmyyyy(START)], column: 'vacancy_id', code: 'RULE' },
      { cells: [rutOf(people[15]), '999999', '10101', ddmmyyyy(START)], column: 'vacancy_id', code: 'RULE' },
      {
        cells: [rutOf(people[16]).replace(/.$/, (d) => (d === '1' ? '2' : '1')), String(open[0].id), '10101', ddmmyyyy(START)],
        column: 'person_rut',
        code: 'INVALID_RUT',
      },
    ],
    entity: Referral,
    event: 'placements.referral_recorded',
    async written(em) {
      const r = await em.findOneOrFail(Referral, { createdBy: 'test-omil', personId: people[11].id });
      expect(r).toMatchObject({ vacancyId: open[1].id, employerId: open[1].employerId, communeCode: '10101', referredAt: START });
    },
  },
  {
    kind: 'enrollments',
    subgraph: 'training',
    header: ['person_rut', 'course_id', 'commune', 'enrolled_at'],
    good: people
      .slice(20)
      .flatMap((p) =>
        courses
          .slice(0, 1)
          .filter((c) => !enrolled.has(`${p.id}|${c.id}`))
          .map((c) => [p, c] as const),
      )
      .slice(0, 4)
      .map(([p, c]) => [rutOf(p), String(c.id), '10101', ddmmyyyy(START)]),
    bad: [
      { cells: [rutOf(people[30]), String(course10102.id), '10101', ddmmyyyy(START)], column: 'commune', code: 'RULE' },
      { cells: [rutOf(people[31]), '999999', '10101', ddmmyyyy(START)], column: 'course_id', code: 'RULE' },
      { cells: [rutOf(people[32]), String(courses[0].id), '10101', '31-02-2026'], column: 'enrolled_at', code: 'INVALID_DATE' },
    ],
    entity: Enrollment,
    event: 'training.enrollment_recorded',
    async written(em) {
      const e = await em.findOneOrFail(Enrollment, { createdBy: 'test-omil' }, { orderBy: { id: 'asc' } });
      expect(e).toMatchObject({ courseId: courses[0].id, communeCode: '10101', status: 'ENROLLED', enrolledAt: START, completedAt: null });
    },
  },
  {
    kind: 'workshopAttendance',
    subgraph: 'training',
    header: ['person_rut', 'workshop_id', 'commune'],
    good: people
      .slice(40)
      .map((p, i) => [p, workshops[i % workshops.length]] as const)
      .filter(([p, w]) => !attended.has(`${p.id}|${w.id}`))
      .slice(0, 4)
      .map(([p, w]) => [rutOf(p), String(w.id), '10101']),
    bad: [
      { cells: [rutOf(latePerson), String(earlyWorkshop.id), '10101'], column: 'person_rut', code: 'RULE' },
      { cells: [rutOf(people[50]), 'abc', '10101'], column: 'workshop_id', code: 'INVALID_CODE' },
      { cells: [rutOf(people[51]), String(workshop10102.id), '10101'], column: 'commune', code: 'RULE' },
    ],
    entity: WorkshopAttendance,
    event: 'training.workshop_attendance_recorded',
  },
];

const em = (platform: Platform, subgraph: string) => platform.subgraphs[subgraph].db!.em.fork() as EntityManager;
const byOmil = (platform: Platform, c: Case) => em(platform, c.subgraph).count(c.entity, { createdBy: 'test-omil' } as never);

describeEachDatabase('imports of vacancies, attentions, referrals, enrolments and workshop attendance', (platform) => {
  it('the gateway lists every kind of every owning subgraph, with its natural key', async () => {
    const listed = await (await fetch(platform().url.replace(/\/graphql$/, '/imports/templates'))).json();
    expect(listed.map((k: any) => k.kind)).toEqual([
      'placements',
      'jobSeekers',
      'employers',
      'vacancies',
      'attentions',
      'referrals',
      'enrollments',
      'workshopAttendance',
    ]);
    expect(listed.find((k: any) => k.kind === 'referrals')).toMatchObject({
      naturalKey: 'person_rut + vacancy_id',
      columns: expect.arrayContaining([expect.objectContaining({ name: 'vacancy_id', required: true })]),
    });
  });

  it.each(CASES)(
    '$kind: template; bad rows all reported, nothing written; commits with its events; idempotent; Windows-1252 and XLSX; another commune refused',
    async (c) => {
      const { url } = platform();
      const token = await omilToken('10101');
      const base = url.replace(/\/graphql$/, '');
      const template = await fetch(`${base}/imports/templates/${c.kind}.csv`);
      expect(template.status).toBe(200);
      expect(
        (await template.text())
          .replace(/^\uFEFF/, '')
          .split('\r\n')[0]
          .split(';'),
      ).toEqual(c.header);
      expect((await fetch(`${base}/imports/templates/${c.kind}.xlsx`)).status).toBe(200);
      expect(c.good).toHaveLength(4);

      // Every bad row reported (row numbers as the spreadsheet counts them), nothing written.
      const rejected = await importFile(url, c.kind, csv([c.header, c.good[0], ...c.bad.map((b) => b.cells)]), token);
      expect(rejected.status).toBe(422);
      expect(rejected.body.report).toMatchObject({ status: 'REJECTED', rows: 1 + c.bad.length, invalidRows: c.bad.length, created: 0 });
      expect(rejected.body.report.issues.map((i: any) => [i.row, i.column, i.code])).toEqual(
        c.bad.map((b, i) => [i + 3, b.column, b.code]),
      );
      expect(await byOmil(platform(), c)).toBe(0);

      // Windows-1252 with ';': committed, one event per record as the mutation writes.
      const head = await outboxHead(platform().subgraphs[c.subgraph]);
      const win = csv([c.header, ...c.good.slice(0, 3)], { delimiter: ';', encoding: 'win1252' });
      const committed = await importFile(url, c.kind, win, token);
      expect(committed.status).toBe(200);
      expect(committed.body.report).toMatchObject({ status: 'COMMITTED', rows: 3, created: 3, unchanged: 0 });
      expect(await byOmil(platform(), c)).toBe(3);
      const events = (await outboxAfter(platform().subgraphs[c.subgraph], head)).filter((e) => e.type === c.event);
      expect(events).toHaveLength(3);
      await c.written?.(em(platform(), c.subgraph));

      // The same file again adds nothing; an XLSX with one more row adds that one.
      expect((await importFile(url, c.kind, win, token)).body.report).toMatchObject({ status: 'COMMITTED', created: 0, unchanged: 3 });
      const book = await importFile(url, c.kind, await xlsx([c.header, ...c.good]), token, { fileName: `${c.kind}.xlsx` });
      expect(book.body.report).toMatchObject({ status: 'COMMITTED', rows: 4, created: 1, unchanged: 3 });
      expect(await byOmil(platform(), c)).toBe(4);

      // An OMIL of another commune: refused, row by row.
      const refused = await importFile(url, c.kind, csv([c.header, c.good[3]]), await omilToken('10102'));
      expect(refused.status).toBe(403);
      expect(refused.body.report.issues[0]).toMatchObject({ row: 2, code: 'FORBIDDEN' });
      expect(await byOmil(platform(), c)).toBe(4);
    },
  );
});
