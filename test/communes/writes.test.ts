import { randomUUID } from 'node:crypto';
import { IdempotencyRecord } from '../../kit/writes/idempotency';
import { addDays } from '../../kit/dates';
import { network } from '../../seed/network';
import { Attention } from '../../subgraphs/communes/entities/attention';
import { EmployerVisit } from '../../subgraphs/communes/entities/employer-visit';
import { JobFair, JobFairAttendance, JobFairEmployer, JobFairVacancy } from '../../subgraphs/communes/entities/job-fair';
import { VacancyCapture } from '../../subgraphs/communes/entities/vacancy-capture';
import { communesSubgraph } from '../../subgraphs/communes/subgraph';
import { errorCodes } from '../support/graphql';
import { describeSubgraph, viewer, type TestSubgraph, type Who } from '../support/subgraph';
import { outboxAfter, outboxHead, refuseOutboxInserts } from '../support/writes';

const OMIL = viewer('omil', ['10101']);
const ADMIN = viewer('admin');
const AUDIT = 'version createdAt updatedAt';

// Known records of the seeded network (the subgraph's projections hold them).
const net = network();
const PERSON = net.persons.find((p) => p.omilCommuneCode === '10101' && p.registeredAt >= '2024-06-01')!;
const LATE_PERSON = net.persons.find((p) => p.registeredAt >= '2024-11-01')!;
const captured = new Set(net.vacancyCaptures.map((c) => c.vacancyId));
const uncaptured = net.vacancies.filter((v) => !captured.has(v.id) && v.openedAt >= '2023-01-01');
let nextVacancy = 0;
const freshVacancy = () => uncaptured[nextVacancy++];
const LATE_VACANCY = net.vacancies.find((v) => v.openedAt >= '2024-11-01')!;

const attentionInput = (o: Record<string, unknown> = {}) => ({
  idempotencyKey: randomUUID(),
  personId: String(PERSON.id),
  communeCode: '10101',
  date: addDays(PERSON.registeredAt, 3),
  kind: 'ORIENTATION',
  ...o,
});
const visitInput = (o: Record<string, unknown> = {}) => ({
  idempotencyKey: randomUUID(),
  employerId: '1',
  communeCode: '10101',
  date: '2025-03-04',
  purpose: 'LINKING',
  ...o,
});
const captureInput = (o: Record<string, unknown> = {}) => {
  const v = freshVacancy();
  return { idempotencyKey: randomUUID(), vacancyId: String(v.id), communeCode: '10101', date: v.openedAt, ...o };
};
const fairInput = (o: Record<string, unknown> = {}) => ({
  idempotencyKey: randomUUID(),
  communeCode: '10101',
  name: ' Feria Laboral de Otoño ',
  date: '2025-04-10',
  place: 'Gimnasio municipal',
  ...o,
});

const RECORD_ATTENTION = `mutation($input: RecordAttentionInput!) { recordAttention(input: $input) { replayed attention { id ${AUDIT} date kind status cancelReason person { id } commune { code } } } }`;
const CANCEL_ATTENTION = `mutation($input: CancelAttentionInput!) { cancelAttention(input: $input) { replayed attention { id ${AUDIT} status cancelReason } } }`;
const RECORD_VISIT = `mutation($input: RecordEmployerVisitInput!) { recordEmployerVisit(input: $input) { replayed visit { id ${AUDIT} date purpose employer { id } commune { code } } } }`;
const RECORD_CAPTURE = `mutation($input: RecordVacancyCaptureInput!) { recordVacancyCapture(input: $input) { replayed capture { id ${AUDIT} date positions vacancy { id } commune { code } } } }`;
const REGISTER_FAIR = `mutation($input: RegisterJobFairInput!) { registerJobFair(input: $input) { replayed jobFair { id ${AUDIT} name date place employersPresent vacanciesOffered attendance commune { code } } } }`;
const ADD_EMPLOYER = `mutation($input: AddJobFairEmployerInput!) { addJobFairEmployer(input: $input) { replayed employerPresent { id ${AUDIT} employer { id } } } }`;
const ADD_VACANCY = `mutation($input: AddJobFairVacancyInput!) { addJobFairVacancy(input: $input) { replayed vacancyOffered { id ${AUDIT} vacancy { id } } } }`;
const RECORD_ATTENDANCE = `mutation($input: RecordJobFairAttendanceInput!) { recordJobFairAttendance(input: $input) { replayed attendance { id ${AUDIT} person { id } } } }`;

/** Each create: its operation, how to make an input (in commune 10101), its table and event. */
interface Create {
  name: string;
  query: string;
  entity: new () => object;
  event: string | null;
  /** A change that makes another input. */
  other: Record<string, unknown>;
  input(s: TestSubgraph, o?: Record<string, unknown>): Promise<Record<string, unknown>>;
}

async function newFair(s: TestSubgraph, who: Who = OMIL, o: Record<string, unknown> = {}): Promise<{ id: string; date: string }> {
  return (await s.data(REGISTER_FAIR, { input: fairInput(o) }, who)).registerJobFair.jobFair;
}
const fairPart =
  (extra: (fair: { id: string; date: string }) => Record<string, unknown>, fairOverrides: Record<string, unknown> = {}) =>
  async (s: TestSubgraph, o = {}) => {
    const fair = await newFair(s, ADMIN, fairOverrides);
    return { idempotencyKey: randomUUID(), jobFairId: fair.id, ...extra(fair), ...o };
  };

const CREATES: Create[] = [
  {
    name: 'recordAttention',
    query: RECORD_ATTENTION,
    entity: Attention,
    event: 'communes.attention_recorded',
    other: { kind: 'JOB_SEARCH_ADVICE' },
    input: async (_s, o) => attentionInput(o),
  },
  {
    name: 'recordEmployerVisit',
    query: RECORD_VISIT,
    entity: EmployerVisit,
    event: 'communes.employer_visit_recorded',
    other: { purpose: 'FOLLOW_UP' },
    input: async (_s, o) => visitInput(o),
  },
  {
    name: 'recordVacancyCapture',
    query: RECORD_CAPTURE,
    entity: VacancyCapture,
    event: 'communes.vacancy_captured',
    other: { date: '2025-01-01' },
    input: async (_s, o) => captureInput(o),
  },
  {
    name: 'registerJobFair',
    query: REGISTER_FAIR,
    entity: JobFair,
    event: 'communes.job_fair_registered',
    other: { name: 'Otra feria' },
    input: async (_s, o) => fairInput(o),
  },
  {
    name: 'addJobFairEmployer',
    query: ADD_EMPLOYER,
    entity: JobFairEmployer,
    event: null,
    other: { employerId: '8' },
    input: fairPart(() => ({ employerId: '7' })),
  },
  {
    name: 'addJobFairVacancy',
    query: ADD_VACANCY,
    entity: JobFairVacancy,
    event: null,
    other: { vacancyId: '3' },
    input: fairPart(() => ({ vacancyId: String(uncaptured[0].id) })),
  },
  {
    name: 'recordJobFairAttendance',
    query: RECORD_ATTENDANCE,
    entity: JobFairAttendance,
    event: 'communes.job_fair_attendance_recorded',
    other: { personId: '3' },
    input: fairPart(() => ({ personId: String(PERSON.id) })),
  },
];

/** The first (only) record a create's payload holds. */
const recordOf = (data: Record<string, any>) => {
  const payload = Object.values(data)[0];
  return Object.entries(payload).find(([k]) => k !== 'replayed')![1] as Record<string, any>;
};

describeSubgraph(communesSubgraph, 'communes writes', (subgraph) => {
  const em = () => subgraph().app.db!.em.fork();

  /** Everything a write could leave: rows of each table, outbox events, idempotency keys, fair counts. */
  async function state() {
    const tables = [Attention, EmployerVisit, VacancyCapture, JobFair, JobFairEmployer, JobFairVacancy, JobFairAttendance];
    const counts = await Promise.all(tables.map((t) => em().count(t as never, {})));
    const fairs = await em().find(JobFair, {}, { orderBy: { id: 'asc' }, fields: ['employersPresent', 'vacanciesOffered', 'attendance'] });
    return {
      counts,
      fairs: fairs.map((f) => [f.employersPresent, f.vacanciesOffered, f.attendance]),
      head: await outboxHead(subgraph().app),
      keys: await em().count(IdempotencyRecord, {}),
      attentions: (await em().find(Attention, {}, { orderBy: { id: 'desc' }, limit: 5 })).map((a) => [a.id, a.version, a.status]),
    };
  }

  /** Runs a write that must fail with `code` (and `field`), and proves it wrote nothing. */
  async function refused(query: string, input: Record<string, unknown>, who: Who, code: string, field?: string) {
    const before = await state();
    const body = await subgraph().execute(query, { input }, who);
    expect(errorCodes(body)).toEqual([code]);
    if (field) expect(body.errors![0].extensions).toMatchObject({ field });
    expect(await state()).toEqual(before);
    return body.errors![0];
  }

  describe('recordAttention', () => {
    it('records an attention, audited, with the person’s snapshot and exactly its event (ids and dimensions)', async () => {
      const head = await outboxHead(subgraph().app);
      const input = attentionInput();
      const { recordAttention } = await subgraph().data(RECORD_ATTENTION, { input }, OMIL);
      expect(recordAttention).toMatchObject({
        replayed: false,
        attention: {
          version: 1,
          date: input.date,
          kind: 'ORIENTATION',
          status: 'ACTIVE',
          cancelReason: null,
          person: { id: String(PERSON.id) },
          commune: { code: '10101' },
        },
      });
      const id = Number(recordAttention.attention.id);
      expect(await em().findOneOrFail(Attention, { id })).toMatchObject({ createdBy: OMIL.sub, updatedBy: OMIL.sub, sex: PERSON.sex });
      expect(await outboxAfter(subgraph().app, head)).toEqual([
        {
          seq: expect.any(Number),
          type: 'communes.attention_recorded',
          payload: { attentionId: id, personId: PERSON.id, communeCode: '10101', date: input.date, kind: 'ORIENTATION' },
        },
      ]);
    });

    it('accepts an attention on the registration day', async () => {
      const input = attentionInput({ date: PERSON.registeredAt, kind: 'REGISTRATION' });
      expect((await subgraph().data(RECORD_ATTENTION, { input }, OMIL)).recordAttention.attention.kind).toBe('REGISTRATION');
    });

    it.each([
      ['a date in the future', { date: '2999-01-01' }, 'input.date', /future/],
      ['a date before the person registered', { date: addDays(PERSON.registeredAt, -1) }, 'input.date', /before the job seeker registered/],
      ['an unknown person', { personId: '99999999' }, 'input.personId', /no job seeker/],
      ['a person id that is not numeric', { personId: 'abc' }, 'input.personId', /numeric id/],
      ['a commune that is not a CUT code', { communeCode: '1010' }, 'input.communeCode', /5-digit/],
      ['an empty idempotency key', { idempotencyKey: '' }, 'input.idempotencyKey', /1–128 characters/],
    ])('refuses %s: BAD_USER_INPUT naming the field, nothing written', async (_label, overrides, field, reason) => {
      const error = await refused(RECORD_ATTENTION, attentionInput(overrides), ADMIN, 'BAD_USER_INPUT', field);
      expect(error.extensions!.reason).toMatch(reason);
    });
  });

  describe('cancelAttention', () => {
    const record = async () => (await subgraph().data(RECORD_ATTENTION, { input: attentionInput() }, OMIL)).recordAttention.attention;
    const cancel = (a: { id: string; version: number }, o: Record<string, unknown> = {}) => ({
      id: a.id,
      version: a.version,
      reason: 'Recorded twice',
      ...o,
    });

    it('cancels with a reason: the row stays, CANCELLED, next version, who; exactly its event; statistics leave it out', async () => {
      const stats = `{ attentionStats(filter: { communes: ["10101"], from: "${PERSON.registeredAt}", to: "${addDays(PERSON.registeredAt, 10)}" }) { attentions } }`;
      const attention = await record();
      const before = (await subgraph().data(stats, {}, ADMIN)).attentionStats[0].attentions;
      const head = await outboxHead(subgraph().app);
      const who = viewer('omil', ['10101', '10102']);
      const { cancelAttention } = await subgraph().data(CANCEL_ATTENTION, { input: cancel(attention) }, who);
      expect(cancelAttention).toMatchObject({
        replayed: false,
        attention: { id: attention.id, version: 2, status: 'CANCELLED', cancelReason: 'Recorded twice' },
      });
      expect(await em().findOneOrFail(Attention, { id: Number(attention.id) })).toMatchObject({ createdBy: OMIL.sub, updatedBy: who.sub });
      expect(await outboxAfter(subgraph().app, head)).toEqual([
        {
          seq: expect.any(Number),
          type: 'communes.attention_cancelled',
          payload: {
            attentionId: Number(attention.id),
            personId: PERSON.id,
            communeCode: '10101',
            date: attention.date,
            kind: 'ORIENTATION',
          },
        },
      ]);
      expect((await subgraph().data(stats, {}, ADMIN)).attentionStats[0].attentions).toBe(before - 1);
    });

    it.each([
      ['a blank reason', { reason: '  ' }, 'input.reason', /blank/],
      ['a version below 1', { version: 0 }, 'input.version', /version you read/],
    ])('refuses %s: BAD_USER_INPUT naming the field, nothing written', async (_label, o, field, reason) => {
      const attention = await record();
      const error = await refused(CANCEL_ATTENTION, cancel(attention, o), OMIL, 'BAD_USER_INPUT', field);
      expect(error.extensions!.reason).toMatch(reason);
    });

    it('answers NOT_FOUND for an unknown attention, CONFLICT for one cancelled already', async () => {
      await refused(CANCEL_ATTENTION, cancel({ id: '99999999', version: 1 }), ADMIN, 'NOT_FOUND');
      const attention = await record();
      const { cancelAttention } = await subgraph().data(CANCEL_ATTENTION, { input: cancel(attention) }, OMIL);
      await refused(CANCEL_ATTENTION, cancel(cancelAttention.attention), OMIL, 'CONFLICT', 'input.id');
    });

    it.each([
      ['omil of the commune', viewer('omil', ['10101']), null],
      ['admin', viewer('admin'), null],
      ['omil of another commune', viewer('omil', ['10301']), 'FORBIDDEN'],
      ['municipality of the commune', viewer('municipality', ['10101']), 'FORBIDDEN'],
      ['analyst', viewer('analyst'), 'FORBIDDEN'],
      ['partner', viewer('partner'), 'FORBIDDEN'],
      ['no token', null, 'UNAUTHENTICATED'],
    ])('%s: %s', async (_label, who, code) => {
      const attention = await record();
      if (code) await refused(CANCEL_ATTENTION, cancel(attention), who, code);
      else expect((await subgraph().data(CANCEL_ATTENTION, { input: cancel(attention) }, who!)).cancelAttention.attention.version).toBe(2);
    });

    it('refuses a stale version: CONFLICT with the current version, nothing written', async () => {
      const attention = await record();
      await subgraph().data(CANCEL_ATTENTION, { input: cancel(attention) }, OMIL);
      const error = await refused(CANCEL_ATTENTION, cancel(attention, { reason: 'Other' }), OMIL, 'CONFLICT', 'input.version');
      expect(error.extensions!.currentVersion).toBe(2);
    });

    it('of two concurrent cancellations from one version, exactly one wins', async () => {
      const attention = await record();
      const head = await outboxHead(subgraph().app);
      const answers = await Promise.all(
        ['Recorded twice', 'Wrong person'].map((reason) =>
          subgraph().execute(CANCEL_ATTENTION, { input: cancel(attention, { reason }) }, OMIL),
        ),
      );
      expect(answers.map((a) => (a.errors ? errorCodes(a)[0] : 'ok')).sort()).toEqual(['CONFLICT', 'ok']);
      const winner = answers.find((a) => !a.errors)!.data.cancelAttention.attention;
      expect(await em().findOneOrFail(Attention, { id: Number(attention.id) })).toMatchObject({
        version: 2,
        cancelReason: winner.cancelReason,
      });
      expect((await outboxAfter(subgraph().app, head)).map((e) => e.type)).toEqual(['communes.attention_cancelled']);
    });

    it('leaves nothing when the event cannot be written', async () => {
      const attention = await record();
      const undo = await refuseOutboxInserts(subgraph().app);
      try {
        await refused(CANCEL_ATTENTION, cancel(attention), OMIL, 'INTERNAL_SERVER_ERROR');
      } finally {
        await undo();
      }
      expect((await subgraph().data(CANCEL_ATTENTION, { input: cancel(attention) }, OMIL)).cancelAttention.attention.version).toBe(2);
    });
  });

  describe('recordEmployerVisit', () => {
    it('records a visit, audited, with exactly its event', async () => {
      const head = await outboxHead(subgraph().app);
      const input = visitInput();
      const { visit } = (await subgraph().data(RECORD_VISIT, { input }, OMIL)).recordEmployerVisit;
      expect(visit).toMatchObject({
        version: 1,
        date: '2025-03-04',
        purpose: 'LINKING',
        employer: { id: '1' },
        commune: { code: '10101' },
      });
      expect(await outboxAfter(subgraph().app, head)).toEqual([
        {
          seq: expect.any(Number),
          type: 'communes.employer_visit_recorded',
          payload: { visitId: Number(visit.id), employerId: 1, communeCode: '10101', date: '2025-03-04', purpose: 'LINKING' },
        },
      ]);
    });

    it.each([
      ['a date in the future', { date: '2999-01-01' }, 'input.date', /future/],
      ['an unknown employer', { employerId: '99999999' }, 'input.employerId', /no employer/],
    ])('refuses %s: BAD_USER_INPUT naming the field, nothing written', async (_label, o, field, reason) => {
      const error = await refused(RECORD_VISIT, visitInput(o), ADMIN, 'BAD_USER_INPUT', field);
      expect(error.extensions!.reason).toMatch(reason);
    });
  });

  describe('recordVacancyCapture', () => {
    it('records a capture with the vacancy’s positions and exactly its event; a second capture of the vacancy is CONFLICT', async () => {
      const head = await outboxHead(subgraph().app);
      const input = captureInput();
      const vacancy = net.vacancies[Number(input.vacancyId) - 1];
      const { capture } = (await subgraph().data(RECORD_CAPTURE, { input }, OMIL)).recordVacancyCapture;
      expect(capture).toMatchObject({ version: 1, date: vacancy.openedAt, positions: vacancy.positions, vacancy: { id: input.vacancyId } });
      expect(await outboxAfter(subgraph().app, head)).toEqual([
        {
          seq: expect.any(Number),
          type: 'communes.vacancy_captured',
          payload: { captureId: Number(capture.id), vacancyId: vacancy.id, communeCode: '10101', date: vacancy.openedAt },
        },
      ]);
      await refused(RECORD_CAPTURE, { ...input, idempotencyKey: randomUUID() }, OMIL, 'CONFLICT', 'input.vacancyId');
      const seeded = net.vacancyCaptures[0];
      await refused(
        RECORD_CAPTURE,
        captureInput({ vacancyId: String(seeded.vacancyId), date: seeded.date }),
        ADMIN,
        'CONFLICT',
        'input.vacancyId',
      );
    });

    it.each([
      ['a date in the future', () => captureInput({ date: '2999-01-01' }), 'input.date', /future/],
      [
        'a date before the vacancy opened',
        () => captureInput({ vacancyId: String(LATE_VACANCY.id), date: '2024-01-01' }),
        'input.date',
        /before the vacancy opened/,
      ],
      ['an unknown vacancy', () => captureInput({ vacancyId: '99999999' }), 'input.vacancyId', /no vacancy/],
    ])('refuses %s: BAD_USER_INPUT naming the field, nothing written', async (_label, input, field, reason) => {
      const error = await refused(RECORD_CAPTURE, input(), ADMIN, 'BAD_USER_INPUT', field);
      expect(error.extensions!.reason).toMatch(reason);
    });
  });

  describe('job fairs', () => {
    it('registers a fair, adds employers and vacancies and records attendance: each counted on the fair, with the events', async () => {
      const head = await outboxHead(subgraph().app);
      const { registerJobFair } = await subgraph().data(REGISTER_FAIR, { input: fairInput() }, OMIL);
      const fair = registerJobFair.jobFair;
      expect(fair).toMatchObject({
        version: 1,
        name: 'Feria Laboral de Otoño',
        date: '2025-04-10',
        place: 'Gimnasio municipal',
        employersPresent: 0,
        vacanciesOffered: 0,
        attendance: 0,
        commune: { code: '10101' },
      });
      const part = (o: Record<string, unknown>) => ({ input: { idempotencyKey: randomUUID(), jobFairId: fair.id, ...o } });
      await subgraph().data(ADD_EMPLOYER, part({ employerId: '1' }), OMIL);
      await subgraph().data(ADD_EMPLOYER, part({ employerId: '2' }), OMIL);
      await subgraph().data(ADD_VACANCY, part({ vacancyId: String(uncaptured[0].id) }), OMIL);
      const { attendance } = (await subgraph().data(RECORD_ATTENDANCE, part({ personId: String(PERSON.id) }), OMIL))
        .recordJobFairAttendance;
      expect(attendance).toMatchObject({ version: 1, person: { id: String(PERSON.id) } });
      expect(await em().findOneOrFail(JobFair, { id: Number(fair.id) })).toMatchObject({
        employersPresent: 2,
        vacanciesOffered: 1,
        attendance: 1,
        createdBy: OMIL.sub,
      });
      expect((await outboxAfter(subgraph().app, head)).map(({ type, payload }) => ({ type, payload }))).toEqual([
        { type: 'communes.job_fair_registered', payload: { jobFairId: Number(fair.id), communeCode: '10101', date: '2025-04-10' } },
        {
          type: 'communes.job_fair_attendance_recorded',
          payload: { jobFairId: Number(fair.id), communeCode: '10101', date: '2025-04-10', personId: PERSON.id },
        },
      ]);
      // Again is CONFLICT (another key): a person attends a fair once, an employer and a vacancy are added once.
      await refused(RECORD_ATTENDANCE, part({ personId: String(PERSON.id) }).input, OMIL, 'CONFLICT', 'input.personId');
      await refused(ADD_EMPLOYER, part({ employerId: '1' }).input, OMIL, 'CONFLICT', 'input.employerId');
      await refused(ADD_VACANCY, part({ vacancyId: String(uncaptured[0].id) }).input, OMIL, 'CONFLICT', 'input.vacancyId');
    });

    it.each([
      ['a fair date in the future', REGISTER_FAIR, async () => fairInput({ date: '2999-01-01' }), 'input.date', /future/],
      ['a blank fair name', REGISTER_FAIR, async () => fairInput({ name: '  ' }), 'input.name', /blank/],
      ['a blank place', REGISTER_FAIR, async () => fairInput({ place: '' }), 'input.place', /blank/],
      ['an unknown employer', ADD_EMPLOYER, fairPart(() => ({ employerId: '99999999' })), 'input.employerId', /no employer/],
      ['an unknown vacancy', ADD_VACANCY, fairPart(() => ({ vacancyId: '99999999' })), 'input.vacancyId', /no vacancy/],
      [
        'a vacancy opened after the fair',
        ADD_VACANCY,
        fairPart(() => ({ vacancyId: String(LATE_VACANCY.id) }), { date: '2024-10-01' }),
        'input.vacancyId',
        /after the fair/,
      ],
      ['an unknown person', RECORD_ATTENDANCE, fairPart(() => ({ personId: '99999999' })), 'input.personId', /no job seeker/],
    ])('refuses %s: BAD_USER_INPUT naming the field, nothing written', async (_label, query, input, field, reason) => {
      const error = await refused(query, await input(subgraph()), ADMIN, 'BAD_USER_INPUT', field);
      expect(error.extensions!.reason).toMatch(reason);
    });

    it('refuses a person registered after the fair, and answers NOT_FOUND for an unknown fair', async () => {
      const fair = await newFair(subgraph(), ADMIN, { date: addDays(LATE_PERSON.registeredAt, -1) });
      const input = { idempotencyKey: randomUUID(), jobFairId: fair.id, personId: String(LATE_PERSON.id) };
      const error = await refused(RECORD_ATTENDANCE, input, ADMIN, 'BAD_USER_INPUT', 'input.personId');
      expect(error.extensions!.reason).toMatch(/after the fair/);
      await refused(RECORD_ATTENDANCE, { ...input, jobFairId: '99999999' }, OMIL, 'NOT_FOUND');
      await refused(RECORD_ATTENDANCE, { ...input, jobFairId: '99999999' }, viewer('analyst'), 'FORBIDDEN');
    });
  });

  // The convention, for every create: who may write, idempotency, concurrency, a failure mid-transaction.
  describe.each(CREATES)('$name', (create) => {
    const count = () => em().count(create.entity as never, {});

    it.each([
      ['omil of the commune', viewer('omil', ['10101', '10102']), null],
      ['admin', viewer('admin'), null],
      ['omil of another commune', viewer('omil', ['10301']), 'FORBIDDEN'],
      ['municipality of the commune', viewer('municipality', ['10101']), 'FORBIDDEN'],
      ['analyst', viewer('analyst'), 'FORBIDDEN'],
      ['partner', viewer('partner'), 'FORBIDDEN'],
      ['no token', null, 'UNAUTHENTICATED'],
    ])('%s: %s', async (_label, who, code) => {
      const input = await create.input(subgraph());
      if (code) await refused(create.query, input, who, code);
      else expect((await subgraph().data(create.query, { input }, who)) as object).toMatchObject({ [create.name]: { replayed: false } });
    });

    it('is idempotent: the same key and input returns the first record and writes nothing; another input is CONFLICT', async () => {
      const input = await create.input(subgraph());
      const first = await subgraph().data(create.query, { input }, OMIL);
      const before = await state();
      const again = await subgraph().data(create.query, { input }, OMIL);
      expect(again[create.name]).toEqual({ ...first[create.name], replayed: true });
      expect(await state()).toEqual(before);
      await refused(create.query, { ...input, ...create.other }, OMIL, 'CONFLICT', 'input.idempotencyKey');
    });

    it('creates one record for 20 identical requests at once', async () => {
      const input = await create.input(subgraph());
      const [rows, head] = [await count(), await outboxHead(subgraph().app)];
      const answers = await Promise.all(Array.from({ length: 20 }, () => subgraph().execute(create.query, { input }, OMIL)));
      expect(answers.flatMap((a) => a.errors ?? [])).toEqual([]);
      expect(new Set(answers.map((a) => recordOf(a.data).id)).size).toBe(1);
      expect(answers.filter((a) => !a.data[create.name].replayed)).toHaveLength(1);
      expect(await count()).toBe(rows + 1);
      expect((await outboxAfter(subgraph().app, head)).map((e) => e.type)).toEqual(create.event ? [create.event] : []);
      if (input.jobFairId) {
        const fair = await em().findOneOrFail(JobFair, { id: Number(input.jobFairId) });
        expect(fair.employersPresent + fair.vacanciesOffered + fair.attendance).toBe(1);
      }
    });

    it('leaves nothing when the transaction fails midway, and the same key works afterwards', async () => {
      const input = await create.input(subgraph());
      // Events go to the outbox last; the adds without an event fail on the fair's count instead.
      const undo = create.event ? await refuseOutboxInserts(subgraph().app) : await refuseFairUpdates(subgraph());
      try {
        await refused(create.query, input, OMIL, 'INTERNAL_SERVER_ERROR');
      } finally {
        await undo();
      }
      expect((await subgraph().data(create.query, { input }, OMIL)) as object).toMatchObject({ [create.name]: { replayed: false } });
    });
  });
});

/** Makes the database refuse every update of a job fair (its counts), as a failure mid-transaction would. */
async function refuseFairUpdates(s: TestSubgraph): Promise<() => Promise<void>> {
  const connection = s.app.db!.em.getConnection();
  if (s.kind === 'sqlite') {
    await connection.execute("create trigger refuse_fair before update on job_fair begin select raise(abort, 'forced failure'); end");
    return async () => void (await connection.execute('drop trigger refuse_fair'));
  }
  await connection.execute(
    `create function communes.refuse_fair() returns trigger language plpgsql as $$ begin raise exception 'forced failure'; end $$`,
  );
  await connection.execute(
    'create trigger refuse_fair before update on communes.job_fair for each row execute function communes.refuse_fair()',
  );
  return async () => {
    await connection.execute('drop trigger refuse_fair on communes.job_fair');
    await connection.execute('drop function communes.refuse_fair()');
  };
}
