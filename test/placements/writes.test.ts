import { randomUUID } from 'node:crypto';
import { ageAt } from '../../domain/classifications';
import { MemoryBus } from '../../kit/events/bus';
import { ProcessedEvent } from '../../kit/events/consumer';
import { IdempotencyRecord } from '../../kit/writes/idempotency';
import { network } from '../../seed/network';
import { Placement } from '../../subgraphs/placements/entities/placement';
import { PersonProjection } from '../../subgraphs/placements/entities/person-projection';
import { Referral } from '../../subgraphs/placements/entities/referral';
import { placementsSubgraph } from '../../subgraphs/placements/subgraph';
import { testDatabaseKinds } from '../support/databases';
import { errorCodes } from '../support/graphql';
import { startSubgraph, viewer, type TestSubgraph, type Who } from '../support/subgraph';
import { outboxAfter, outboxHead, refuseOutboxInserts } from '../support/writes';

const PLACEMENT =
  'id version status startDate sex ageBand sector occupationCode contractType monthlyWage cancellationReason correctionReason';
const REGISTER = `mutation($input: RegisterPlacementInput!) { registerPlacement(input: $input) { replayed placement { ${PLACEMENT} } } }`;
const CANCEL = `mutation($input: CancelPlacementInput!) { cancelPlacement(input: $input) { replayed placement { ${PLACEMENT} } } }`;
const CORRECT = `mutation($input: CorrectPlacementInput!) { correctPlacement(input: $input) { replayed placement { ${PLACEMENT} } } }`;
const REFER = `mutation($input: ReferToVacancyInput!) { referToVacancy(input: $input) { replayed referral { id version referredAt outcome outcomeReason person { id } vacancy { id } commune { code } } } }`;
const OUTCOME = `mutation($input: RecordReferralOutcomeInput!) { recordReferralOutcome(input: $input) { replayed referral { id version outcome outcomeReason } } }`;
const STATS = `query($year: Int!) { placementStats(filter: { years: [$year], communes: ["10101"] }) { placements } }`;

const OMIL = viewer('omil', ['10101']);
const ADMIN = viewer('admin');
const START = '2025-03-03';

// Seeded facts (the network is deterministic): a person of 10101 aged 25–60 on START, an open
// vacancy with its employer, and another employer.
const net = network();
const person = net.persons.find(
  (p) =>
    p.omilCommuneCode === '10101' && p.registeredAt < '2024-01-01' && ageAt(p.birthDate, START) >= 25 && ageAt(p.birthDate, START) <= 60,
)!;
const vacancy = net.vacancies.find((v) => v.status === 'OPEN' && v.openedAt < '2025-01-01')!;
const closed = net.vacancies.find((v) => v.status !== 'OPEN')!;
const employer = net.employers[vacancy.employerId - 1];
const otherEmployer = net.employers.find((e) => e.id !== employer.id)!;

function placementInput(overrides: Record<string, unknown> = {}) {
  return {
    idempotencyKey: randomUUID(),
    personId: String(person.id),
    employerId: String(employer.id),
    vacancyId: String(vacancy.id),
    communeCode: '10101',
    startDate: START,
    occupationCode: '5223',
    contractType: 'FIXED_TERM',
    monthlyWage: 600_000,
    ...overrides,
  };
}

function referralInput(overrides: Record<string, unknown> = {}) {
  return {
    idempotencyKey: randomUUID(),
    personId: String(person.id),
    vacancyId: String(vacancy.id),
    communeCode: '10101',
    referredAt: START,
    ...overrides,
  };
}

describe.each(testDatabaseKinds())('placements writes [%s]', (kind) => {
  let s: TestSubgraph;
  const bus = new MemoryBus();
  beforeAll(async () => {
    s = await startSubgraph(placementsSubgraph, kind, { bus });
  });
  afterAll(async () => {
    await s?.close();
  });
  const em = () => s.app.db!.em.fork();

  /** Delivers another subgraph's event and waits until the consumer has handled it. */
  async function deliver(type: string, payload: Record<string, unknown>) {
    const id = randomUUID();
    await bus.publish([{ id, type, occurredAt: new Date().toISOString(), payload }]);
    for (let i = 0; i < 200 && !(await em().count(ProcessedEvent, { eventId: id })); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await em().count(ProcessedEvent, { eventId: id })).toBe(1);
  }

  async function register(input: Record<string, unknown>, who: Who = OMIL) {
    return (await s.data(REGISTER, { input }, who)).registerPlacement;
  }

  /** A write that must fail with `code` (and `field`) and write nothing: no row, no event, no key. */
  async function refused(query: string, input: Record<string, unknown>, who: Who, code: string, field?: string) {
    const before = [
      await em().count(Placement, {}),
      await em().count(Referral, {}),
      await outboxHead(s.app),
      await em().count(IdempotencyRecord, {}),
    ];
    const body = await s.execute(query, { input }, who);
    expect(errorCodes(body)).toEqual([code]);
    if (field) expect(body.errors![0].extensions).toMatchObject({ field });
    expect(await em().count(Placement, {})).toBe(before[0]);
    expect(await em().count(Referral, {})).toBe(before[1]);
    expect(await outboxAfter(s.app, before[2])).toEqual([]);
    expect(await em().count(IdempotencyRecord, {})).toBe(before[3]);
    return body.errors![0];
  }

  const placed = async (year = 2025) => (await s.data(STATS, { year }, ADMIN)).placementStats[0]?.placements ?? 0;

  describe('registerPlacement', () => {
    it('registers a placement snapshotting the person and employer, counted, with its event', async () => {
      const [before, head] = [await placed(), await outboxHead(s.app)];
      const { placement, replayed } = await register(placementInput());
      expect(replayed).toBe(false);
      expect(placement).toMatchObject({
        version: 1,
        status: 'ACTIVE',
        startDate: START,
        sex: person.sex,
        sector: employer.sector,
        occupationCode: '5223',
        contractType: 'FIXED_TERM',
        monthlyWage: 600_000,
      });
      const row = await em().findOneOrFail(Placement, { id: Number(placement.id) });
      expect(row).toMatchObject({
        year: 2025,
        month: 3,
        provinceCode: '101',
        occupationMajorGroup: '5',
        education: person.education,
        createdBy: OMIL.sub,
      });
      expect(await placed()).toBe(before + 1);
      expect(await outboxAfter(s.app, head)).toEqual([
        {
          seq: expect.any(Number),
          type: 'placements.placement_registered',
          payload: {
            placementId: Number(placement.id),
            personId: person.id,
            employerId: employer.id,
            vacancyId: vacancy.id,
            communeCode: '10101',
            startDate: START,
          },
        },
      ]);
    });

    it('refuses each rule with one BAD_USER_INPUT naming the field, writing nothing', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ idempotencyKey: '' }, 'input.idempotencyKey'],
        [{ communeCode: '101' }, 'input.communeCode'],
        [{ personId: '99999999' }, 'input.personId'],
        [{ employerId: '99999999' }, 'input.employerId'],
        [{ vacancyId: '99999999' }, 'input.vacancyId'],
        [{ employerId: String(otherEmployer.id) }, 'input.vacancyId'],
        [{ startDate: '2099-01-02' }, 'input.startDate'],
        [{ startDate: '2019-01-02' }, 'input.startDate'],
        [{ occupationCode: '0000' }, 'input.occupationCode'],
        [{ occupationCode: '52' }, 'input.occupationCode'],
        [{ contractType: 'APPRENTICESHIP' }, 'input.contractType'],
        [{ monthlyWage: 499_999 }, 'input.monthlyWage'],
        [{ monthlyWage: 0 }, 'input.monthlyWage'],
      ];
      for (const [overrides, field] of cases) {
        const error = await refused(REGISTER, placementInput(overrides), OMIL, 'BAD_USER_INPUT', field);
        expect(error.extensions!.reason).toEqual(expect.any(String));
      }
      // The minimum wage in force on the start date: 460,000 until June 2024, 500,000 from July.
      expect((await register(placementInput({ startDate: '2024-06-28', monthlyWage: 460_000 }))).placement.monthlyWage).toBe(460_000);
      await refused(
        REGISTER,
        placementInput({ startDate: '2024-07-01', monthlyWage: 460_000 }),
        OMIL,
        'BAD_USER_INPUT',
        'input.monthlyWage',
      );
    });

    it('places from 15 (age band AGE_15_17, apprenticeship under 21) and refuses under 15; a person becomes placeable by their event', async () => {
      const young = {
        personId: 900_001,
        sex: 'MALE',
        birthDate: '2009-06-01',
        education: 'SECONDARY',
        registeredAt: '2025-09-01',
        omilCommuneCode: '10101',
        residenceCommuneCode: '10101',
      };
      await refused(REGISTER, placementInput({ personId: '900001', startDate: '2026-01-05' }), OMIL, 'BAD_USER_INPUT', 'input.personId');
      await deliver('persons.job_seeker_registered', young);
      const { placement } = await register(
        placementInput({ personId: '900001', startDate: '2026-01-05', contractType: 'APPRENTICESHIP', monthlyWage: 539_000 }),
      );
      expect(placement).toMatchObject({ ageBand: 'AGE_15_17', contractType: 'APPRENTICESHIP', sex: 'MALE' });
      await deliver('persons.job_seeker_updated', { ...young, personId: 900_002, birthDate: '2011-12-01' });
      await refused(REGISTER, placementInput({ personId: '900002', startDate: '2026-01-05' }), OMIL, 'BAD_USER_INPUT', 'input.startDate');
      await deliver('employers.employer_registered', {
        employerId: 900_001,
        sector: 'I',
        ciiuClass: '5610',
        size: 'MICRO',
        communeCode: '10101',
      });
      const other = await register(placementInput({ employerId: '900001', vacancyId: null }));
      expect(other.placement.sector).toBe('I');
    });

    it('lets omil of the commune and admin write; other communes, other roles FORBIDDEN; no token UNAUTHENTICATED', async () => {
      expect((await register(placementInput())).replayed).toBe(false);
      expect((await register(placementInput(), ADMIN)).replayed).toBe(false);
      await refused(REGISTER, placementInput(), viewer('omil', ['10301']), 'FORBIDDEN');
      for (const role of ['municipality', 'analyst', 'partner'] as const)
        await refused(REGISTER, placementInput(), viewer(role, ['10101']), 'FORBIDDEN');
      await refused(REGISTER, placementInput(), null, 'UNAUTHENTICATED');
    });

    it('is idempotent: the same key returns the first placement, another input is CONFLICT, 20 at once create one row', async () => {
      const input = placementInput();
      const first = await register(input);
      const count = await em().count(Placement, {});
      const again = await register(input);
      expect(again).toEqual({ ...first, replayed: true });
      expect(await em().count(Placement, {})).toBe(count);
      await refused(REGISTER, { ...input, monthlyWage: 700_000 }, OMIL, 'CONFLICT', 'input.idempotencyKey');

      const burst = placementInput();
      const answers = await Promise.all(Array.from({ length: 20 }, () => s.execute(REGISTER, { input: burst }, OMIL)));
      expect(answers.flatMap((a) => a.errors ?? [])).toEqual([]);
      const ids = new Set(answers.map((a) => a.data.registerPlacement.placement.id));
      expect(ids.size).toBe(1);
      expect(answers.filter((a) => !a.data.registerPlacement.replayed)).toHaveLength(1);
      expect(await em().count(Placement, {})).toBe(count + 1);
    });

    it('writes nothing when the transaction fails midway (the outbox refuses its event)', async () => {
      const input = placementInput();
      const undo = await refuseOutboxInserts(s.app);
      try {
        await refused(REGISTER, input, OMIL, 'INTERNAL_SERVER_ERROR');
      } finally {
        await undo();
      }
      expect((await register(input)).replayed).toBe(false);
    });
  });

  describe('cancelPlacement and correctPlacement', () => {
    it('cancels with a reason: kept, out of statistics and lists; again or stale is CONFLICT', async () => {
      const { placement } = await register(placementInput({ startDate: '2025-04-07' }));
      const before = await placed();
      const head = await outboxHead(s.app);
      await refused(CANCEL, { id: placement.id, version: 1, reason: '' }, OMIL, 'BAD_USER_INPUT', 'input.reason');
      await refused(CANCEL, { id: placement.id, version: 1, reason: 'x' }, viewer('omil', ['10301']), 'FORBIDDEN');
      await refused(CANCEL, { id: placement.id, version: 1, reason: 'x' }, viewer('municipality', ['10101']), 'FORBIDDEN');
      await refused(CANCEL, { id: placement.id, version: 1, reason: 'x' }, null, 'UNAUTHENTICATED');
      await refused(CANCEL, { id: '99999999', version: 1, reason: 'x' }, OMIL, 'NOT_FOUND');
      const { cancelPlacement } = await s.data(CANCEL, { input: { id: placement.id, version: 1, reason: 'Registered twice' } }, OMIL);
      expect(cancelPlacement).toMatchObject({
        replayed: false,
        placement: { status: 'CANCELLED', version: 2, cancellationReason: 'Registered twice' },
      });
      expect(await placed()).toBe(before - 1);
      const list = await s.data(
        `{ placements(filter: { from: "2025-04-07", to: "2025-04-07", communes: ["10101"] }, first: 100) { nodes { id } } }`,
        {},
        ADMIN,
      );
      expect(list.placements.nodes.map((n: any) => n.id)).not.toContain(placement.id);
      expect(await em().count(Placement, { id: Number(placement.id) })).toBe(1);
      expect((await outboxAfter(s.app, head)).map((e) => e)).toEqual([
        {
          seq: expect.any(Number),
          type: 'placements.placement_cancelled',
          payload: { placementId: Number(placement.id), personId: person.id, startDate: '2025-04-07' },
        },
      ]);
      await refused(CANCEL, { id: placement.id, version: 1, reason: 'x' }, OMIL, 'CONFLICT', 'input.version');
      await refused(CANCEL, { id: placement.id, version: 2, reason: 'x' }, ADMIN, 'CONFLICT', 'input.id');
      await refused(CORRECT, { id: placement.id, version: 2, reason: 'x', monthlyWage: 700_000 }, OMIL, 'CONFLICT', 'input.id');
    });

    it('corrects terms with a reason, deriving the analysis columns again and validating as at registration', async () => {
      const { placement } = await register(placementInput());
      await refused(
        CORRECT,
        { id: placement.id, version: 1, reason: 'typo', monthlyWage: 400_000 },
        OMIL,
        'BAD_USER_INPUT',
        'input.monthlyWage',
      );
      await refused(
        CORRECT,
        { id: placement.id, version: 1, reason: 'typo', occupationCode: '0000' },
        OMIL,
        'BAD_USER_INPUT',
        'input.occupationCode',
      );
      await refused(
        CORRECT,
        { id: placement.id, version: 1, reason: 'typo', startDate: '2099-01-01' },
        OMIL,
        'BAD_USER_INPUT',
        'input.startDate',
      );
      await refused(
        CORRECT,
        { id: placement.id, version: 1, reason: 'typo', startDate: '2024-02-01' },
        viewer('omil', ['10301']),
        'FORBIDDEN',
      );
      await refused(CORRECT, { id: placement.id, version: 1, reason: 'typo', startDate: '2024-02-01' }, viewer('analyst'), 'FORBIDDEN');
      await refused(CORRECT, { id: placement.id, version: 1, reason: 'typo', startDate: '2024-02-01' }, null, 'UNAUTHENTICATED');
      const head = await outboxHead(s.app);
      const { correctPlacement } = await s.data(
        CORRECT,
        { input: { id: placement.id, version: 1, reason: 'Wrong month', startDate: '2024-02-01', occupationCode: '9112' } },
        ADMIN,
      );
      expect(correctPlacement.placement).toMatchObject({
        version: 2,
        startDate: '2024-02-01',
        occupationCode: '9112',
        monthlyWage: 600_000,
        correctionReason: 'Wrong month',
      });
      expect(await em().findOneOrFail(Placement, { id: Number(placement.id) })).toMatchObject({
        year: 2024,
        month: 2,
        occupationMajorGroup: '9',
        updatedBy: ADMIN.sub,
      });
      expect((await outboxAfter(s.app, head)).map((e) => [e.type, e.payload.startDate])).toEqual([
        ['placements.placement_corrected', '2024-02-01'],
      ]);
    });

    it('of two concurrent updates from one version exactly one wins; the other is CONFLICT', async () => {
      const { placement } = await register(placementInput());
      const answers = await Promise.all([
        s.execute(CORRECT, { input: { id: placement.id, version: 1, reason: 'a', monthlyWage: 610_000 } }, OMIL),
        s.execute(CANCEL, { input: { id: placement.id, version: 1, reason: 'b' } }, OMIL),
      ]);
      expect(answers.map((a) => errorCodes(a)).flat()).toEqual(['CONFLICT']);
      expect((await em().findOneOrFail(Placement, { id: Number(placement.id) })).version).toBe(2);
    });
  });

  describe('referToVacancy and recordReferralOutcome', () => {
    it('refers to an open vacancy and records the outcome, with their events', async () => {
      const head = await outboxHead(s.app);
      const { referToVacancy } = await s.data(REFER, { input: referralInput() }, OMIL);
      expect(referToVacancy).toMatchObject({
        replayed: false,
        referral: {
          version: 1,
          referredAt: START,
          outcome: null,
          person: { id: String(person.id) },
          vacancy: { id: String(vacancy.id) },
          commune: { code: '10101' },
        },
      });
      const id = referToVacancy.referral.id;
      const { recordReferralOutcome } = await s.data(OUTCOME, { input: { id, version: 1, outcome: 'HIRED' } }, OMIL);
      expect(recordReferralOutcome.referral).toMatchObject({ version: 2, outcome: 'HIRED', outcomeReason: null });
      expect((await outboxAfter(s.app, head)).map((e) => e.type)).toEqual([
        'placements.referral_recorded',
        'placements.referral_outcome_recorded',
      ]);
      await refused(OUTCOME, { id, version: 1, outcome: 'NO_SHOW' }, OMIL, 'CONFLICT', 'input.version');
      await refused(OUTCOME, { id, version: 2, outcome: 'NO_SHOW' }, viewer('omil', ['10301']), 'FORBIDDEN');
      await refused(OUTCOME, { id, version: 2, outcome: 'NO_SHOW' }, viewer('partner'), 'FORBIDDEN');
      await refused(OUTCOME, { id, version: 2, outcome: 'NO_SHOW' }, null, 'UNAUTHENTICATED');
      await refused(OUTCOME, { id, version: 2, outcome: 'NO_SHOW', reason: '' }, OMIL, 'BAD_USER_INPUT', 'input.reason');
      const answers = await Promise.all(
        ['WITHDRAWN', 'NOT_SELECTED'].map((outcome) =>
          s.execute(OUTCOME, { input: { id, version: 2, outcome, reason: 'said so' } }, ADMIN),
        ),
      );
      expect(answers.map((a) => errorCodes(a)).flat()).toEqual(['CONFLICT']);
    });

    it('refuses each rule, the role × commune matrix, and is idempotent', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ vacancyId: '99999999' }, 'input.vacancyId'],
        [{ vacancyId: String(closed.id) }, 'input.vacancyId'],
        [{ personId: '99999999' }, 'input.personId'],
        [{ referredAt: '2099-01-01' }, 'input.referredAt'],
        [{ referredAt: '2015-01-01' }, 'input.referredAt'],
        [{ communeCode: 'abc' }, 'input.communeCode'],
      ];
      for (const [overrides, field] of cases) await refused(REFER, referralInput(overrides), OMIL, 'BAD_USER_INPUT', field);
      await refused(REFER, referralInput(), viewer('omil', ['10301']), 'FORBIDDEN');
      for (const role of ['municipality', 'analyst', 'partner'] as const)
        await refused(REFER, referralInput(), viewer(role, ['10101']), 'FORBIDDEN');
      await refused(REFER, referralInput(), null, 'UNAUTHENTICATED');
      expect((await s.data(REFER, { input: referralInput() }, ADMIN)).referToVacancy.replayed).toBe(false);

      const input = referralInput();
      const answers = await Promise.all(Array.from({ length: 20 }, () => s.execute(REFER, { input }, OMIL)));
      expect(answers.flatMap((a) => a.errors ?? [])).toEqual([]);
      expect(new Set(answers.map((a) => a.data.referToVacancy.referral.id)).size).toBe(1);
      expect(answers.filter((a) => !a.data.referToVacancy.replayed)).toHaveLength(1);
      await refused(REFER, { ...input, referredAt: '2025-03-04' }, OMIL, 'CONFLICT', 'input.idempotencyKey');

      const undo = await refuseOutboxInserts(s.app);
      try {
        await refused(REFER, referralInput(), OMIL, 'INTERNAL_SERVER_ERROR');
      } finally {
        await undo();
      }
    });

    it('follows the vacancy: closed by its event, refused', async () => {
      const v = {
        vacancyId: 900_001,
        employerId: employer.id,
        communeCode: '10101',
        sector: employer.sector,
        occupationCode: '5223',
        contractType: 'FIXED_TERM',
        positions: 1,
        status: 'OPEN',
        openedAt: '2025-01-02',
      };
      await deliver('employers.vacancy_registered', v);
      expect((await s.data(REFER, { input: referralInput({ vacancyId: '900001' }) }, OMIL)).referToVacancy.replayed).toBe(false);
      await deliver('employers.vacancy_status_changed', { ...v, status: 'FILLED' });
      await refused(REFER, referralInput({ vacancyId: '900001' }), OMIL, 'BAD_USER_INPUT', 'input.vacancyId');
    });
  });

  it('keeps the seeded projections and events; reset clears the projections', async () => {
    expect(await em().count(PersonProjection, {})).toBeGreaterThanOrEqual(net.persons.length);
    const events = await outboxAfter(s.app, 0);
    expect(events.filter((e) => e.type === 'placements.placement_registered').length).toBeGreaterThanOrEqual(net.placements.length);
    await s.app.resetProjections();
    expect(await em().count(PersonProjection, {})).toBe(0);
    expect(await em().count(ProcessedEvent, {})).toBe(0);
  });
});
