import { randomUUID } from 'node:crypto';
import { today } from '../../kit/dates';
import { OutboxEvent } from '../../kit/events/outbox';
import { formatRut, rutOf } from '../../kit/rut';
import { IdempotencyRecord } from '../../kit/writes/idempotency';
import { employerRut } from '../../seed/ruts';
import { Employer } from '../../subgraphs/employers/entities/employer';
import { VacancyStatus } from '../../subgraphs/employers/entities/enums';
import { Vacancy } from '../../subgraphs/employers/entities/vacancy';
import { employersSubgraph } from '../../subgraphs/employers/subgraph';
import { errorCodes } from '../support/graphql';
import { describeSubgraph, viewer, type TestSubgraph } from '../support/subgraph';
import { outboxAfter, outboxHead, refuseOutboxInserts } from '../support/writes';

const EMPLOYER = 'id version createdAt updatedAt rut name sector ciiuClass size correctionReason commune { code }';
const VACANCY =
  'id version createdAt updatedAt employer { id } title sector occupationCode positions contractType wageMin wageMax commune { code } openedAt closedAt status statusReason';
const REGISTER_EMPLOYER = `mutation($input: RegisterEmployerInput!) { registerEmployer(input: $input) { replayed employer { ${EMPLOYER} } } }`;
const UPDATE_EMPLOYER = `mutation($input: UpdateEmployerInput!) { updateEmployer(input: $input) { replayed employer { ${EMPLOYER} } } }`;
const REGISTER_VACANCY = `mutation($input: RegisterVacancyInput!) { registerVacancy(input: $input) { replayed vacancy { ${VACANCY} } } }`;
const SET_STATUS = `mutation($input: SetVacancyStatusInput!) { setVacancyStatus(input: $input) { replayed vacancy { ${VACANCY} } } }`;

const OMIL = viewer('omil', ['10101']);
const ADMIN = viewer('admin');
type Who = Parameters<TestSubgraph['execute']>[2];

// Company RUT bodies no seeded employer (76 million) or OTEC (77 million) has.
let nextBody = 79_000_000;
const freshRut = () => formatRut(rutOf(nextBody++));

const employerInput = (overrides: Record<string, unknown> = {}) => ({
  idempotencyKey: randomUUID(),
  rut: freshRut(),
  name: ' Salmonera Reloncaví SpA ',
  sector: 'A',
  ciiuClass: '0321',
  size: 'MEDIUM',
  communeCode: '10101',
  ...overrides,
});

const vacancyInput = (employerId: string, overrides: Record<string, unknown> = {}) => ({
  idempotencyKey: randomUUID(),
  employerId,
  occupationCode: '6221',
  positions: 3,
  contractType: 'SEASONAL',
  wageMin: 560_000,
  wageMax: 640_000,
  communeCode: '10101',
  openedAt: '2026-10-05',
  ...overrides,
});

/** Every outcome of the role × commune matrix for a record of commune 10101. */
const MATRIX: [string, Who, string | null][] = [
  ['omil of the commune', viewer('omil', ['10101', '10102']), null],
  ['admin', viewer('admin'), null],
  ['omil of another commune', viewer('omil', ['10301']), 'FORBIDDEN'],
  ['municipality of the commune', viewer('municipality', ['10101']), 'FORBIDDEN'],
  ['analyst', viewer('analyst'), 'FORBIDDEN'],
  ['partner', viewer('partner'), 'FORBIDDEN'],
  ['no token', null, 'UNAUTHENTICATED'],
];

describeSubgraph(employersSubgraph, 'employers writes', (subgraph) => {
  const em = () => subgraph().app.db!.em.fork();

  /** Runs a write that must fail with `code` (and `field`), and proves it wrote nothing. */
  async function refused(query: string, input: Record<string, unknown>, who: Who, code: string, field?: string) {
    const counts = async () => [
      await em().count(Employer, {}),
      await em().count(Vacancy, {}),
      await em().count(IdempotencyRecord, {}),
      await outboxHead(subgraph().app),
    ];
    const before = await counts();
    const body = await subgraph().execute(query, { input }, who);
    expect(errorCodes(body)).toEqual([code]);
    if (field) expect(body.errors![0].extensions).toMatchObject({ field });
    expect(await counts()).toEqual(before);
    return body.errors![0];
  }

  const newEmployer = async (overrides: Record<string, unknown> = {}, who: Who = OMIL) =>
    (await subgraph().data(REGISTER_EMPLOYER, { input: employerInput(overrides) }, who)).registerEmployer.employer;
  const newVacancy = async (overrides: Record<string, unknown> = {}, who: Who = OMIL) =>
    (await subgraph().data(REGISTER_VACANCY, { input: vacancyInput((await newEmployer()).id, overrides) }, who)).registerVacancy.vacancy;

  describe('registerEmployer', () => {
    it('registers an employer, audited, with exactly its event (no RUT, no name in it)', async () => {
      const head = await outboxHead(subgraph().app);
      const input = employerInput();
      const { registerEmployer } = await subgraph().data(REGISTER_EMPLOYER, { input }, OMIL);
      expect(registerEmployer).toMatchObject({
        replayed: false,
        employer: {
          version: 1,
          rut: input.rut,
          name: 'Salmonera Reloncaví SpA',
          sector: 'A',
          ciiuClass: '0321',
          size: 'MEDIUM',
          correctionReason: null,
          commune: { code: '10101' },
        },
      });
      const id = Number(registerEmployer.employer.id);
      expect(await em().findOneOrFail(Employer, { id })).toMatchObject({ createdBy: OMIL.sub, updatedBy: OMIL.sub });
      expect(await outboxAfter(subgraph().app, head)).toEqual([
        {
          seq: expect.any(Number),
          type: 'employers.employer_registered',
          payload: { employerId: id, sector: 'A', ciiuClass: '0321', size: 'MEDIUM', communeCode: '10101' },
        },
      ]);
    });

    it('accepts a natural person who employs (a RUN below 50 million)', async () => {
      const rut = formatRut(rutOf(9_876_543));
      expect((await newEmployer({ rut, name: 'Juan Pérez Soto', sector: 'I', ciiuClass: '5610', size: 'MICRO' })).rut).toBe(rut);
    });

    it.each([
      ['a RUT with a wrong check digit', { rut: '76.001.013-0' }, 'rut', /wrong check digit/],
      ['a blank name', { name: ' ' }, 'input.name', /blank/],
      ['a sector that is not a CIIU section', { sector: 'Z' }, 'input.sector', /section letter A–U/],
      ['a class that is not 4 digits', { ciiuClass: '32' }, 'input.ciiuClass', /4-digit/],
      ['a class the product does not know', { ciiuClass: '9999' }, 'input.ciiuClass', /not a CIIU Rev.4.CL class the product knows/],
      ['a class of another section', { sector: 'C' }, 'input.ciiuClass', /0321 belongs to section A, not C/],
      ['a commune outside Los Lagos (admin)', { communeCode: '13101' }, 'input.communeCode', /not a commune of Los Lagos/],
      ['an empty idempotency key', { idempotencyKey: '' }, 'input.idempotencyKey', /1–128 characters/],
    ])('refuses %s: BAD_USER_INPUT naming the field, nothing written', async (_label, overrides, field, reason) => {
      const error = await refused(REGISTER_EMPLOYER, employerInput(overrides), ADMIN, 'BAD_USER_INPUT', field);
      expect(error.extensions!.reason).toMatch(reason);
    });

    it('refuses a RUT already registered: CONFLICT naming input.rut', async () => {
      await refused(REGISTER_EMPLOYER, employerInput({ rut: employerRut(1) }), OMIL, 'CONFLICT', 'input.rut');
    });

    it.each(MATRIX)('%s', async (_label, who, code) => {
      if (code) await refused(REGISTER_EMPLOYER, employerInput(), who, code);
      else expect((await newEmployer({}, who)).version).toBe(1);
    });

    it('is idempotent: the same key and input returns the first employer; another input is CONFLICT', async () => {
      const input = employerInput();
      const first = (await subgraph().data(REGISTER_EMPLOYER, { input }, OMIL)).registerEmployer;
      const head = await outboxHead(subgraph().app);
      const again = (await subgraph().data(REGISTER_EMPLOYER, { input }, OMIL)).registerEmployer;
      expect(again).toEqual({ ...first, replayed: true });
      expect(await outboxHead(subgraph().app)).toBe(head);
      await refused(REGISTER_EMPLOYER, { ...input, size: 'LARGE' }, OMIL, 'CONFLICT', 'input.idempotencyKey');
    });

    it('creates one employer for 20 identical requests at once', async () => {
      const input = employerInput();
      const head = await outboxHead(subgraph().app);
      const answers = await Promise.all(Array.from({ length: 20 }, () => subgraph().execute(REGISTER_EMPLOYER, { input }, OMIL)));
      expect(answers.flatMap((a) => a.errors ?? [])).toEqual([]);
      expect(new Set(answers.map((a) => a.data.registerEmployer.employer.id)).size).toBe(1);
      expect(answers.filter((a) => !a.data.registerEmployer.replayed)).toHaveLength(1);
      expect(await em().count(Employer, { rut: input.rut.replace(/\./g, '') })).toBe(1);
      expect((await outboxAfter(subgraph().app, head)).map((e) => e.type)).toEqual(['employers.employer_registered']);
    });

    it('registers one RUT once when 5 requests with different keys race: the others are CONFLICT naming input.rut', async () => {
      const rut = freshRut();
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => subgraph().execute(REGISTER_EMPLOYER, { input: employerInput({ rut }) }, OMIL)),
      );
      expect(answers.filter((a) => !a.errors)).toHaveLength(1);
      expect(answers.flatMap((a) => a.errors ?? []).map((e) => [e.extensions!.code, e.extensions!.field])).toEqual(
        Array(4).fill(['CONFLICT', 'input.rut']),
      );
      expect(await em().count(Employer, { rut: rut.replace(/\./g, '') })).toBe(1);
    });

    it('leaves nothing when the event cannot be written', async () => {
      const input = employerInput();
      const undo = await refuseOutboxInserts(subgraph().app);
      try {
        await refused(REGISTER_EMPLOYER, input, OMIL, 'INTERNAL_SERVER_ERROR');
      } finally {
        await undo();
      }
      expect((await subgraph().data(REGISTER_EMPLOYER, { input }, OMIL)).registerEmployer.replayed).toBe(false);
    });
  });

  describe('updateEmployer', () => {
    const update = (employer: { id: string; version: number }, fields: Record<string, unknown>) => ({
      id: employer.id,
      version: employer.version,
      reason: 'The company changed its line of business',
      ...fields,
    });

    it('corrects the fields given with a reason, the next version and exactly its event', async () => {
      const employer = await newEmployer();
      const head = await outboxHead(subgraph().app);
      const { updateEmployer } = await subgraph().data(
        UPDATE_EMPLOYER,
        { input: update(employer, { sector: 'C', ciiuClass: '1020', name: 'Procesadora Reloncaví SpA' }) },
        OMIL,
      );
      expect(updateEmployer).toMatchObject({
        replayed: false,
        employer: {
          ...employer,
          version: 2,
          sector: 'C',
          ciiuClass: '1020',
          name: 'Procesadora Reloncaví SpA',
          correctionReason: 'The company changed its line of business',
          updatedAt: expect.any(String),
        },
      });
      expect(await outboxAfter(subgraph().app, head)).toEqual([
        {
          seq: expect.any(Number),
          type: 'employers.employer_updated',
          payload: { employerId: Number(employer.id), sector: 'C', ciiuClass: '1020', size: 'MEDIUM', communeCode: '10101' },
        },
      ]);
    });

    it.each([
      ['no reason', { reason: '  ' }, 'input.reason', /blank/],
      ['no field to correct', {}, 'input', /no field/],
      ['a field cleared', { name: null }, 'input.name', /cannot be cleared/],
      ['a section its class does not belong to', { sector: 'C' }, 'input.sector', /belongs to section A, not C/],
      ['a class of another section', { ciiuClass: '1020' }, 'input.ciiuClass', /belongs to section C, not A/],
      ['a class the product does not know', { ciiuClass: '9999' }, 'input.ciiuClass', /the product knows/],
      ['a commune outside Los Lagos', { communeCode: '13101' }, 'input.communeCode', /Los Lagos/],
    ])('refuses %s: BAD_USER_INPUT naming the field, nothing written', async (_label, fields, field, reason) => {
      const employer = await newEmployer();
      // Admin: the commune check is the one that answers, not the token.
      const error = await refused(UPDATE_EMPLOYER, update(employer, fields), ADMIN, 'BAD_USER_INPUT', field);
      expect(error.extensions!.reason).toMatch(reason);
    });

    it("refuses another employer's RUT: CONFLICT naming input.rut", async () => {
      await refused(UPDATE_EMPLOYER, update(await newEmployer(), { rut: employerRut(1) }), OMIL, 'CONFLICT', 'input.rut');
    });

    it('answers NOT_FOUND for an unknown employer', async () => {
      await refused(UPDATE_EMPLOYER, update({ id: '99999999', version: 1 }, { size: 'LARGE' }), ADMIN, 'NOT_FOUND');
    });

    it.each(MATRIX)('%s', async (_label, who, code) => {
      const input = update(await newEmployer(), { size: 'LARGE' });
      if (code) await refused(UPDATE_EMPLOYER, input, who, code);
      else expect((await subgraph().data(UPDATE_EMPLOYER, { input }, who)).updateEmployer.employer.version).toBe(2);
    });

    it('refuses moving the employer to a commune outside the token', async () => {
      await refused(UPDATE_EMPLOYER, update(await newEmployer(), { communeCode: '10301' }), OMIL, 'FORBIDDEN');
    });

    it('refuses a stale version: CONFLICT with the current version', async () => {
      const employer = await newEmployer();
      await subgraph().data(UPDATE_EMPLOYER, { input: update(employer, { size: 'LARGE' }) }, OMIL);
      const error = await refused(UPDATE_EMPLOYER, update(employer, { size: 'SMALL' }), OMIL, 'CONFLICT', 'input.version');
      expect(error.extensions!.currentVersion).toBe(2);
    });

    it('of two concurrent updates from one version, exactly one wins', async () => {
      const employer = await newEmployer();
      const head = await outboxHead(subgraph().app);
      const answers = await Promise.all(
        ['LARGE', 'SMALL'].map((size) => subgraph().execute(UPDATE_EMPLOYER, { input: update(employer, { size }) }, OMIL)),
      );
      expect(answers.map((a) => (a.errors ? errorCodes(a)[0] : 'ok')).sort()).toEqual(['CONFLICT', 'ok']);
      const winner = answers.find((a) => !a.errors)!.data.updateEmployer.employer;
      expect(await em().findOneOrFail(Employer, { id: Number(employer.id) })).toMatchObject({ version: 2, size: winner.size });
      expect((await outboxAfter(subgraph().app, head)).map((e) => e.payload.size)).toEqual([winner.size]);
    });

    it('leaves nothing when the event cannot be written', async () => {
      const employer = await newEmployer();
      const undo = await refuseOutboxInserts(subgraph().app);
      try {
        await refused(UPDATE_EMPLOYER, update(employer, { size: 'LARGE' }), OMIL, 'INTERNAL_SERVER_ERROR');
      } finally {
        await undo();
      }
      expect(await em().findOneOrFail(Employer, { id: Number(employer.id) })).toMatchObject({ version: 1, size: 'MEDIUM' });
    });
  });

  describe('registerVacancy', () => {
    it("registers an open vacancy with its employer's sector and exactly its event", async () => {
      const employer = await newEmployer();
      const head = await outboxHead(subgraph().app);
      const { registerVacancy } = await subgraph().data(REGISTER_VACANCY, { input: vacancyInput(employer.id) }, OMIL);
      expect(registerVacancy).toMatchObject({
        replayed: false,
        vacancy: {
          version: 1,
          employer: { id: employer.id },
          title: 'Operario/a de centro de cultivo',
          sector: 'A',
          occupationCode: '6221',
          positions: 3,
          contractType: 'SEASONAL',
          wageMin: 560_000,
          wageMax: 640_000,
          commune: { code: '10101' },
          openedAt: '2026-10-05',
          closedAt: null,
          status: 'OPEN',
          statusReason: null,
        },
      });
      const id = Number(registerVacancy.vacancy.id);
      expect(await em().findOneOrFail(Vacancy, { id })).toMatchObject({ createdBy: OMIL.sub });
      expect(await outboxAfter(subgraph().app, head)).toEqual([
        {
          seq: expect.any(Number),
          type: 'employers.vacancy_registered',
          payload: {
            vacancyId: id,
            employerId: Number(employer.id),
            communeCode: '10101',
            sector: 'A',
            occupationCode: '6221',
            contractType: 'SEASONAL',
            positions: 3,
            status: 'OPEN',
            openedAt: '2026-10-05',
          },
        },
      ]);
    });

    it('opens today by default, under a title of its own if given', async () => {
      expect(await newVacancy({ openedAt: undefined, title: 'Operario/a de smolt' })).toMatchObject({
        openedAt: today(),
        title: 'Operario/a de smolt',
      });
    });

    it('takes the minimum wage in force on the opening date: 460,000 until June 2024, 500,000 from July', async () => {
      expect(await newVacancy({ openedAt: '2024-06-30', wageMin: 460_000, wageMax: 460_000 })).toMatchObject({ wageMin: 460_000 });
      const error = await refused(
        REGISTER_VACANCY,
        vacancyInput((await newEmployer()).id, { openedAt: '2024-07-01', wageMin: 499_999 }),
        OMIL,
        'BAD_USER_INPUT',
        'input.wageMin',
      );
      expect(error.extensions!.reason).toBe('is below the minimum monthly wage in force on 2024-07-01 (CLP 500000)');
    });

    it.each([
      ['an unknown employer', { employerId: '99999999' }, 'input.employerId', /not a registered employer/],
      [
        'an occupation the product does not know',
        { occupationCode: '1111' },
        'input.occupationCode',
        /CIUO-08.CL unit group the product knows/,
      ],
      ['an occupation that is not 4 digits', { occupationCode: '93' }, 'input.occupationCode', /4-digit/],
      ['no positions', { positions: 0 }, 'input.positions', /at least 1/],
      ['a maximum wage below the minimum', { wageMax: 559_999 }, 'input.wageMax', /below wageMin/],
      ['an opening date in the future', { openedAt: '2999-01-01' }, 'input.openedAt', /future/],
      [
        'an opening date before the minimum wage table',
        { openedAt: '2018-12-31' },
        'input.openedAt',
        /before the minimum wage table starts/,
      ],
      ['a commune outside Los Lagos (admin)', { communeCode: '13101' }, 'input.communeCode', /Los Lagos/],
      ['a blank title', { title: ' ' }, 'input.title', /blank/],
    ])('refuses %s: BAD_USER_INPUT naming the field, nothing written', async (_label, overrides, field, reason) => {
      const employer = await newEmployer();
      const error = await refused(REGISTER_VACANCY, vacancyInput(employer.id, overrides), ADMIN, 'BAD_USER_INPUT', field);
      expect(error.extensions!.reason).toMatch(reason);
    });

    it.each(MATRIX)('%s', async (_label, who, code) => {
      const input = vacancyInput((await newEmployer()).id);
      if (code) await refused(REGISTER_VACANCY, input, who, code);
      else expect((await subgraph().data(REGISTER_VACANCY, { input }, who)).registerVacancy.vacancy.status).toBe('OPEN');
    });

    it('is idempotent: the same key and input returns the first vacancy; another input is CONFLICT', async () => {
      const input = vacancyInput((await newEmployer()).id);
      const first = (await subgraph().data(REGISTER_VACANCY, { input }, OMIL)).registerVacancy;
      const head = await outboxHead(subgraph().app);
      expect((await subgraph().data(REGISTER_VACANCY, { input }, OMIL)).registerVacancy).toEqual({ ...first, replayed: true });
      expect(await outboxHead(subgraph().app)).toBe(head);
      await refused(REGISTER_VACANCY, { ...input, positions: 4 }, OMIL, 'CONFLICT', 'input.idempotencyKey');
    });

    it('creates one vacancy for 20 identical requests at once', async () => {
      const employer = await newEmployer();
      const input = vacancyInput(employer.id);
      const head = await outboxHead(subgraph().app);
      const answers = await Promise.all(Array.from({ length: 20 }, () => subgraph().execute(REGISTER_VACANCY, { input }, OMIL)));
      expect(answers.flatMap((a) => a.errors ?? [])).toEqual([]);
      expect(new Set(answers.map((a) => a.data.registerVacancy.vacancy.id)).size).toBe(1);
      expect(answers.filter((a) => !a.data.registerVacancy.replayed)).toHaveLength(1);
      expect(await em().count(Vacancy, { employerId: Number(employer.id) })).toBe(1);
      expect((await outboxAfter(subgraph().app, head)).map((e) => e.type)).toEqual(['employers.vacancy_registered']);
    });

    it('leaves nothing when the event cannot be written', async () => {
      const input = vacancyInput((await newEmployer()).id);
      const undo = await refuseOutboxInserts(subgraph().app);
      try {
        await refused(REGISTER_VACANCY, input, OMIL, 'INTERNAL_SERVER_ERROR');
      } finally {
        await undo();
      }
      expect((await subgraph().data(REGISTER_VACANCY, { input }, OMIL)).registerVacancy.replayed).toBe(false);
    });
  });

  describe('setVacancyStatus', () => {
    const change = (vacancy: { id: string; version: number }, fields: Record<string, unknown>) => ({
      id: vacancy.id,
      version: vacancy.version,
      ...fields,
    });

    it('fills a vacancy today by default, with exactly its event', async () => {
      const vacancy = await newVacancy();
      const head = await outboxHead(subgraph().app);
      const { setVacancyStatus } = await subgraph().data(SET_STATUS, { input: change(vacancy, { status: 'FILLED' }) }, OMIL);
      expect(setVacancyStatus).toMatchObject({
        replayed: false,
        vacancy: { ...vacancy, version: 2, status: 'FILLED', closedAt: today(), statusReason: null, updatedAt: expect.any(String) },
      });
      expect(await outboxAfter(subgraph().app, head)).toEqual([
        {
          seq: expect.any(Number),
          type: 'employers.vacancy_status_changed',
          payload: expect.objectContaining({ vacancyId: Number(vacancy.id), status: 'FILLED', openedAt: '2026-10-05', positions: 3 }),
        },
      ]);
    });

    it('closes a vacancy with a reason on a given date, and reopens it', async () => {
      const vacancy = await newVacancy();
      const closed = (
        await subgraph().data(
          SET_STATUS,
          { input: change(vacancy, { status: 'CLOSED', reason: 'The employer hired on its own', closedAt: '2026-11-01' }) },
          OMIL,
        )
      ).setVacancyStatus.vacancy;
      expect(closed).toMatchObject({ status: 'CLOSED', closedAt: '2026-11-01', statusReason: 'The employer hired on its own', version: 2 });
      const reopened = (await subgraph().data(SET_STATUS, { input: change(closed, { status: 'OPEN', reason: 'Closed by mistake' }) }, OMIL))
        .setVacancyStatus.vacancy;
      expect(reopened).toMatchObject({ status: 'OPEN', closedAt: null, statusReason: 'Closed by mistake', version: 3 });
    });

    it.each([
      ['closing without a reason', { status: 'CLOSED' }, 'input.reason', /required to close/],
      ['the status it has', { status: 'OPEN' }, 'input.status', /status already \(OPEN\)/],
      ['a closing date in the future', { status: 'FILLED', closedAt: '2999-01-01' }, 'input.closedAt', /future/],
      [
        'a closing date before the opening',
        { status: 'FILLED', closedAt: '2026-10-04' },
        'input.closedAt',
        /before the opening \(2026-10-05\)/,
      ],
      ['a closing date when reopening', { status: 'OPEN', closedAt: '2026-10-06' }, 'input.closedAt', /only for FILLED or CLOSED/],
    ])('refuses %s: BAD_USER_INPUT naming the field, nothing written', async (_label, fields, field, reason) => {
      const vacancy = await newVacancy();
      const error = await refused(SET_STATUS, change(vacancy, fields), OMIL, 'BAD_USER_INPUT', field);
      expect(error.extensions!.reason).toMatch(reason);
    });

    it('answers NOT_FOUND for an unknown vacancy', async () => {
      await refused(SET_STATUS, change({ id: '99999999', version: 1 }, { status: 'FILLED' }), ADMIN, 'NOT_FOUND');
    });

    it.each(MATRIX)('%s', async (_label, who, code) => {
      const input = change(await newVacancy(), { status: 'FILLED' });
      if (code) await refused(SET_STATUS, input, who, code);
      else expect((await subgraph().data(SET_STATUS, { input }, who)).setVacancyStatus.vacancy.status).toBe('FILLED');
    });

    it('refuses a stale version: CONFLICT with the current version', async () => {
      const vacancy = await newVacancy();
      await subgraph().data(SET_STATUS, { input: change(vacancy, { status: 'FILLED' }) }, OMIL);
      const error = await refused(SET_STATUS, change(vacancy, { status: 'CLOSED', reason: 'x' }), OMIL, 'CONFLICT', 'input.version');
      expect(error.extensions!.currentVersion).toBe(2);
    });

    it('of two concurrent changes from one version, exactly one wins', async () => {
      const vacancy = await newVacancy();
      const head = await outboxHead(subgraph().app);
      const answers = await Promise.all(
        [{ status: 'FILLED' }, { status: 'CLOSED', reason: 'Cancelled by the employer' }].map((fields) =>
          subgraph().execute(SET_STATUS, { input: change(vacancy, fields) }, OMIL),
        ),
      );
      expect(answers.map((a) => (a.errors ? errorCodes(a)[0] : 'ok')).sort()).toEqual(['CONFLICT', 'ok']);
      const winner = answers.find((a) => !a.errors)!.data.setVacancyStatus.vacancy;
      expect(await em().findOneOrFail(Vacancy, { id: Number(vacancy.id) })).toMatchObject({ version: 2, status: winner.status });
      expect((await outboxAfter(subgraph().app, head)).map((e) => e.payload.status)).toEqual([winner.status]);
    });

    it('leaves nothing when the event cannot be written', async () => {
      const vacancy = await newVacancy();
      const undo = await refuseOutboxInserts(subgraph().app);
      try {
        await refused(SET_STATUS, change(vacancy, { status: 'FILLED' }), OMIL, 'INTERNAL_SERVER_ERROR');
      } finally {
        await undo();
      }
      expect(await em().findOneOrFail(Vacancy, { id: Number(vacancy.id) })).toMatchObject({ version: 1, status: 'OPEN', closedAt: null });
    });
  });

  it("records the seeded employers' and vacancies' events as published: registrations, then the status of those no longer open", async () => {
    const published = async (type: string) => em().count(OutboxEvent, { type, publishedAt: { $ne: null } });
    const seeded = { createdBy: 'seed' };
    expect(await published('employers.employer_registered')).toBe(await em().count(Employer, seeded));
    expect(await published('employers.vacancy_registered')).toBe(await em().count(Vacancy, seeded));
    expect(await published('employers.vacancy_status_changed')).toBe(
      await em().count(Vacancy, { ...seeded, status: { $ne: VacancyStatus.OPEN } }),
    );
    const first = await em().findOneOrFail(
      OutboxEvent,
      { type: 'employers.vacancy_registered', publishedAt: { $ne: null } },
      { orderBy: { seq: 'asc' } },
    );
    const vacancy = await em().findOneOrFail(Vacancy, { id: JSON.parse(first.payload).vacancyId });
    expect(JSON.parse(first.payload)).toEqual({
      vacancyId: vacancy.id,
      employerId: vacancy.employerId,
      communeCode: vacancy.communeCode,
      sector: vacancy.sector,
      occupationCode: vacancy.occupationCode,
      contractType: vacancy.contractType,
      positions: vacancy.positions,
      status: 'OPEN',
      openedAt: vacancy.openedAt,
    });
  });
});
