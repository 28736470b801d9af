import { randomUUID } from 'node:crypto';
import { MemoryBus } from '../../kit/events/bus';
import { ProcessedEvent } from '../../kit/events/consumer';
import { IdempotencyRecord } from '../../kit/writes/idempotency';
import { network } from '../../seed/network';
import { Enrollment } from '../../subgraphs/training/entities/enrollment';
import { PlacementStart } from '../../subgraphs/training/entities/placement-start';
import { WorkshopAttendance } from '../../subgraphs/training/entities/workshop';
import { trainingSubgraph } from '../../subgraphs/training/subgraph';
import { testDatabaseKinds } from '../support/databases';
import { errorCodes } from '../support/graphql';
import { startSubgraph, viewer, type TestSubgraph, type Who } from '../support/subgraph';
import { outboxAfter, outboxHead, refuseOutboxInserts } from '../support/writes';
import { captureLogs } from '../support/logs';

const ENROLLMENT = 'id version status enrolledAt completedAt placedAt dropReason person { id } course { id }';
const ENROLL = `mutation($input: EnrollInCourseInput!) { enrollInCourse(input: $input) { replayed enrollment { ${ENROLLMENT} } } }`;
const OUTCOME = `mutation($input: RecordEnrollmentOutcomeInput!) { recordEnrollmentOutcome(input: $input) { replayed enrollment { ${ENROLLMENT} } } }`;
const ATTEND = `mutation($input: RecordWorkshopAttendanceInput!) { recordWorkshopAttendance(input: $input) { replayed attendance { id version person { id } workshop { id } } } }`;

const OMIL = viewer('omil', ['10101']);
const ADMIN = viewer('admin');
const net = network();
const course = net.courses.find((c) => c.communeCode === '10101')!;
const workshop = net.workshops.find((w) => w.communeCode === '10101' && w.date >= '2024-03-01' && w.date < '2025-01-01')!;

describe.each(testDatabaseKinds())('training writes [%s]', (kind) => {
  let s: TestSubgraph;
  const bus = new MemoryBus();
  let nextPerson = 910_000;
  beforeAll(async () => {
    s = await startSubgraph(trainingSubgraph, kind, { bus });
  });
  afterAll(async () => {
    await s?.close();
  });
  const em = () => s.app.db!.em.fork();

  async function deliver(type: string, payload: Record<string, unknown>) {
    const id = randomUUID();
    await bus.publish([{ id, type, occurredAt: new Date().toISOString(), payload }]);
    for (let i = 0; i < 200 && !(await em().count(ProcessedEvent, { eventId: id })); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await em().count(ProcessedEvent, { eventId: id })).toBe(1);
  }

  /** A new job seeker of 10101, known to training by their event. */
  async function newPerson(registeredAt = '2024-01-10'): Promise<string> {
    const personId = ++nextPerson;
    await deliver('persons.job_seeker_registered', {
      personId,
      sex: 'FEMALE',
      birthDate: '1995-05-05',
      education: 'SECONDARY',
      registeredAt,
      omilCommuneCode: '10101',
      residenceCommuneCode: '10101',
    });
    return String(personId);
  }

  const enrollInput = (personId: string, overrides: Record<string, unknown> = {}) => ({
    idempotencyKey: randomUUID(),
    personId,
    courseId: String(course.id),
    enrolledAt: '2025-03-03',
    ...overrides,
  });

  async function refused(query: string, input: Record<string, unknown>, who: Who, code: string, field?: string) {
    const before = [
      await em().count(Enrollment, {}),
      await em().count(WorkshopAttendance, {}),
      await outboxHead(s.app),
      await em().count(IdempotencyRecord, {}),
    ];
    const body = await s.execute(query, { input }, who);
    expect(errorCodes(body)).toEqual([code]);
    if (field) expect(body.errors![0].extensions).toMatchObject({ field });
    expect(await em().count(Enrollment, {})).toBe(before[0]);
    expect(await em().count(WorkshopAttendance, {})).toBe(before[1]);
    expect(await outboxAfter(s.app, before[2])).toEqual([]);
    expect(await em().count(IdempotencyRecord, {})).toBe(before[3]);
  }

  describe('enrollInCourse', () => {
    it('enrols a registered person, audited, with its event', async () => {
      const personId = await newPerson();
      const head = await outboxHead(s.app);
      const { enrollInCourse } = await s.data(ENROLL, { input: enrollInput(personId) }, OMIL);
      expect(enrollInCourse).toMatchObject({
        replayed: false,
        enrollment: {
          version: 1,
          status: 'ENROLLED',
          enrolledAt: '2025-03-03',
          placedAt: null,
          person: { id: personId },
          course: { id: String(course.id) },
        },
      });
      expect(await em().findOneOrFail(Enrollment, { id: Number(enrollInCourse.enrollment.id) })).toMatchObject({
        communeCode: '10101',
        createdBy: OMIL.sub,
      });
      expect(await outboxAfter(s.app, head)).toEqual([
        {
          seq: expect.any(Number),
          type: 'training.enrollment_recorded',
          payload: {
            enrollmentId: Number(enrollInCourse.enrollment.id),
            personId: Number(personId),
            courseId: course.id,
            communeCode: '10101',
            enrolledAt: '2025-03-03',
          },
        },
      ]);
      await refused(ENROLL, enrollInput(personId), OMIL, 'CONFLICT', 'input.courseId');
    });

    it('refuses each rule with one BAD_USER_INPUT naming the field; the role × commune matrix', async () => {
      const personId = await newPerson();
      const cases: [Record<string, unknown>, string][] = [
        [{ idempotencyKey: '' }, 'input.idempotencyKey'],
        [{ courseId: '99999999' }, 'input.courseId'],
        [{ personId: '99999999' }, 'input.personId'],
        [{ enrolledAt: '2099-01-01' }, 'input.enrolledAt'],
        [{ enrolledAt: '2023-12-31' }, 'input.enrolledAt'],
      ];
      for (const [overrides, field] of cases) await refused(ENROLL, enrollInput(personId, overrides), OMIL, 'BAD_USER_INPUT', field);
      await refused(ENROLL, enrollInput(personId), viewer('omil', ['10301']), 'FORBIDDEN');
      for (const role of ['municipality', 'analyst', 'partner'] as const)
        await refused(ENROLL, enrollInput(personId), viewer(role, ['10101']), 'FORBIDDEN');
      await refused(ENROLL, enrollInput(personId), null, 'UNAUTHENTICATED');
      expect((await s.data(ENROLL, { input: enrollInput(personId) }, ADMIN)).enrollInCourse.replayed).toBe(false);
    });

    it('is idempotent (sequential and 20 at once) and leaves nothing when the transaction fails', async () => {
      const personId = await newPerson();
      const input = enrollInput(personId);
      const answers = await Promise.all(Array.from({ length: 20 }, () => s.execute(ENROLL, { input }, OMIL)));
      expect(answers.flatMap((a) => a.errors ?? [])).toEqual([]);
      expect(new Set(answers.map((a) => a.data.enrollInCourse.enrollment.id)).size).toBe(1);
      expect(answers.filter((a) => !a.data.enrollInCourse.replayed)).toHaveLength(1);
      expect(await em().count(Enrollment, { personId: Number(personId) })).toBe(1);
      expect((await s.data(ENROLL, { input }, OMIL)).enrollInCourse.replayed).toBe(true);
      await refused(ENROLL, { ...input, enrolledAt: '2025-03-04' }, OMIL, 'CONFLICT', 'input.idempotencyKey');

      const other = enrollInput(await newPerson());
      const undo = await refuseOutboxInserts(s.app);
      try {
        await refused(ENROLL, other, OMIL, 'INTERNAL_SERVER_ERROR');
      } finally {
        await undo();
      }
      expect((await s.data(ENROLL, { input: other }, OMIL)).enrollInCourse.replayed).toBe(false);
    });
  });

  describe('recordEnrollmentOutcome and the placed-within-3-months outcome', () => {
    it('completes or drops with the rules, and follows placements registered, corrected and cancelled', async () => {
      const personId = await newPerson();
      const { enrollment } = (await s.data(ENROLL, { input: enrollInput(personId) }, OMIL)).enrollInCourse;
      const id = enrollment.id;
      await refused(OUTCOME, { id, version: 1, outcome: 'COMPLETED' }, OMIL, 'BAD_USER_INPUT', 'input.completedAt');
      await refused(
        OUTCOME,
        { id, version: 1, outcome: 'COMPLETED', completedAt: '2099-01-01' },
        OMIL,
        'BAD_USER_INPUT',
        'input.completedAt',
      );
      await refused(
        OUTCOME,
        { id, version: 1, outcome: 'COMPLETED', completedAt: '2025-03-02' },
        OMIL,
        'BAD_USER_INPUT',
        'input.completedAt',
      );
      await refused(OUTCOME, { id, version: 1, outcome: 'DROPPED' }, OMIL, 'BAD_USER_INPUT', 'input.reason');
      await refused(OUTCOME, { id, version: 1, outcome: 'DROPPED', reason: 'moved' }, viewer('omil', ['10301']), 'FORBIDDEN');
      await refused(OUTCOME, { id, version: 1, outcome: 'DROPPED', reason: 'moved' }, viewer('analyst'), 'FORBIDDEN');
      await refused(OUTCOME, { id, version: 1, outcome: 'DROPPED', reason: 'moved' }, null, 'UNAUTHENTICATED');
      await refused(OUTCOME, { id, version: 2, outcome: 'DROPPED', reason: 'moved' }, OMIL, 'CONFLICT', 'input.version');

      const placedAt = async () => (await em().findOneOrFail(Enrollment, { id: Number(id) })).placedAt;
      const placement = {
        placementId: 990_001,
        personId: Number(personId),
        employerId: 1,
        vacancyId: null,
        communeCode: '10101',
        startDate: '2025-06-01',
      };
      await deliver('placements.placement_registered', placement);
      const head = await outboxHead(s.app);
      const done = (await s.data(OUTCOME, { input: { id, version: 1, outcome: 'COMPLETED', completedAt: '2025-05-01' } }, OMIL))
        .recordEnrollmentOutcome;
      expect(done.enrollment).toMatchObject({ version: 2, status: 'COMPLETED', completedAt: '2025-05-01', placedAt: '2025-06-01' });
      expect((await outboxAfter(s.app, head)).map((e) => e.type)).toEqual(['training.enrollment_outcome_recorded']);
      await deliver('placements.placement_corrected', { ...placement, startDate: '2025-09-15' });
      expect(await placedAt()).toBeNull();
      await deliver('placements.placement_registered', { ...placement, placementId: 990_002, startDate: '2025-07-20' });
      expect(await placedAt()).toBe('2025-07-20');
      await deliver('placements.placement_corrected', { ...placement, startDate: '2025-05-10' });
      expect(await placedAt()).toBe('2025-05-10');
      await deliver('placements.placement_cancelled', { placementId: 990_001, personId: Number(personId), startDate: '2025-05-10' });
      expect(await placedAt()).toBe('2025-07-20');
      await deliver('placements.placement_cancelled', { placementId: 990_002, personId: Number(personId), startDate: '2025-07-20' });
      expect(await placedAt()).toBeNull();

      const dropped = (await s.data(OUTCOME, { input: { id, version: 2, outcome: 'DROPPED', reason: 'Moved away' } }, ADMIN))
        .recordEnrollmentOutcome;
      expect(dropped.enrollment).toMatchObject({
        version: 3,
        status: 'DROPPED',
        completedAt: null,
        placedAt: null,
        dropReason: 'Moved away',
      });
      const answers = await Promise.all(
        ['2025-05-02', '2025-05-03'].map((completedAt) =>
          s.execute(OUTCOME, { input: { id, version: 3, outcome: 'COMPLETED', completedAt } }, OMIL),
        ),
      );
      expect(answers.map((a) => errorCodes(a)).flat()).toEqual(['CONFLICT']);
    });
  });

  describe('recordWorkshopAttendance', () => {
    const attendInput = (personId: string, overrides: Record<string, unknown> = {}) => ({
      idempotencyKey: randomUUID(),
      personId,
      workshopId: String(workshop.id),
      ...overrides,
    });

    it('records once per person and workshop, with the rules, the matrix and idempotency', async () => {
      const personId = await newPerson('2024-01-10');
      await refused(ATTEND, attendInput(personId, { workshopId: '99999999' }), OMIL, 'BAD_USER_INPUT', 'input.workshopId');
      await refused(ATTEND, attendInput('99999999'), OMIL, 'BAD_USER_INPUT', 'input.personId');
      await refused(ATTEND, attendInput(await newPerson('2025-01-10')), OMIL, 'BAD_USER_INPUT', 'input.personId');
      await refused(ATTEND, attendInput(personId), viewer('omil', ['10301']), 'FORBIDDEN');
      for (const role of ['municipality', 'analyst', 'partner'] as const)
        await refused(ATTEND, attendInput(personId), viewer(role, ['10101']), 'FORBIDDEN');
      await refused(ATTEND, attendInput(personId), null, 'UNAUTHENTICATED');

      const head = await outboxHead(s.app);
      const input = attendInput(personId);
      const answers = await Promise.all(Array.from({ length: 20 }, () => s.execute(ATTEND, { input }, OMIL)));
      expect(answers.flatMap((a) => a.errors ?? [])).toEqual([]);
      expect(new Set(answers.map((a) => a.data.recordWorkshopAttendance.attendance.id)).size).toBe(1);
      expect(answers.filter((a) => !a.data.recordWorkshopAttendance.replayed)).toHaveLength(1);
      expect(await outboxAfter(s.app, head)).toEqual([
        {
          seq: expect.any(Number),
          type: 'training.workshop_attendance_recorded',
          payload: {
            attendanceId: Number(answers[0].data.recordWorkshopAttendance.attendance.id),
            personId: Number(personId),
            workshopId: workshop.id,
            communeCode: '10101',
            date: workshop.date,
          },
        },
      ]);
      await refused(ATTEND, attendInput(personId), ADMIN, 'CONFLICT', 'input.personId');
      const other = attendInput(await newPerson());
      const undo = await refuseOutboxInserts(s.app);
      try {
        await refused(ATTEND, other, OMIL, 'INTERNAL_SERVER_ERROR');
      } finally {
        await undo();
      }
      expect((await s.data(ATTEND, { input: other }, ADMIN)).recordWorkshopAttendance.replayed).toBe(false);
    });
  });

  it('a handler that fails leaves nothing and the event unhandled (it is delivered again)', async () => {
    const [starts, handled] = [await em().count(PlacementStart, {}), await em().count(ProcessedEvent, {})];
    const id = randomUUID();
    const logs = captureLogs('error');
    // No start date: the projection's NOT NULL refuses it inside the handler's transaction.
    await bus.publish([
      { id, type: 'placements.placement_registered', occurredAt: new Date().toISOString(), payload: { placementId: 990_100, personId: 1 } },
    ]);
    await new Promise((r) => setTimeout(r, 300));
    expect(await em().count(ProcessedEvent, { eventId: id })).toBe(0);
    expect(await em().count(PlacementStart, {})).toBe(starts);
    expect(await em().count(ProcessedEvent, {})).toBe(handled);
    logs.restore();
    expect(logs.lines.some((l) => l.level === 'error' && l.group === 'training' && l.err?.message)).toBe(true);
  });
});
