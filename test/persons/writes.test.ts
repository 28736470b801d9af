import { randomUUID } from 'node:crypto';
import { OutboxEvent } from '../../kit/events/outbox';
import { IdempotencyRecord } from '../../kit/writes/idempotency';
import { minusYears, today } from '../../kit/dates';
import { formatRut, rutOf } from '../../kit/rut';
import { Person } from '../../subgraphs/persons/entities/person';
import { personsSubgraph } from '../../subgraphs/persons/subgraph';
import { errorCodes } from '../support/graphql';
import { describeSubgraph, viewer, type TestSubgraph } from '../support/subgraph';
import { outboxAfter, outboxHead, refuseOutboxInserts } from '../support/writes';

const FIELDS =
  'id version createdAt updatedAt rut firstName lastName secondLastName birthDate sex education registeredAt bneRegistered phone email disabilityConsent disability correctionReason omilCommune { code } residenceCommune { code }';
const REGISTER = `mutation($input: RegisterJobSeekerInput!) { registerJobSeeker(input: $input) { replayed person { ${FIELDS} } } }`;
const UPDATE = `mutation($input: UpdateJobSeekerInput!) { updateJobSeeker(input: $input) { replayed person { ${FIELDS} } } }`;

const OMIL = viewer('omil', ['10101']);
const ADMIN = viewer('admin');

// RUT bodies no seeded person has (they are 5–28 million), one per registration of this file.
let nextBody = 40_000_000;
const freshRut = () => formatRut(rutOf(nextBody++));

function registration(overrides: Record<string, unknown> = {}) {
  return {
    idempotencyKey: randomUUID(),
    rut: freshRut(),
    firstName: ' Valentina ',
    lastName: 'Soto',
    secondLastName: 'Barría',
    birthDate: '1999-04-12',
    sex: 'FEMALE',
    education: 'SECONDARY',
    residenceCommuneCode: '10101',
    omilCommuneCode: '10101',
    registeredAt: '2026-03-02',
    bneRegistered: true,
    phone: '+56 9 8765 4321',
    email: 'valentina.soto@example.cl',
    disabilityConsent: true,
    disability: false,
    ...overrides,
  };
}

describeSubgraph(personsSubgraph, 'persons writes', (subgraph) => {
  const em = () => subgraph().app.db!.em.fork();
  const count = (where: object = {}) => em().count(Person, where);

  async function register(s: TestSubgraph, input: Record<string, unknown>, who = OMIL) {
    return (await s.data(REGISTER, { input }, who)).registerJobSeeker;
  }

  /** Runs a write that must fail with `code` (and `field`), and proves it wrote nothing. */
  async function refused(
    query: string,
    input: Record<string, unknown>,
    who: Parameters<TestSubgraph['execute']>[2],
    code: string,
    field?: string,
  ) {
    const [persons, head, keys] = [await count(), await outboxHead(subgraph().app), await em().count(IdempotencyRecord, {})];
    const body = await subgraph().execute(query, { input }, who);
    expect(errorCodes(body)).toEqual([code]);
    if (field) expect(body.errors![0].extensions).toMatchObject({ field });
    expect(await count()).toBe(persons);
    expect(await outboxAfter(subgraph().app, head)).toEqual([]);
    expect(await em().count(IdempotencyRecord, {})).toBe(keys);
    return body.errors![0];
  }

  describe('registerJobSeeker', () => {
    it('registers a job seeker, audited, with exactly its event (no RUT, names or contact in it)', async () => {
      const head = await outboxHead(subgraph().app);
      const input = registration();
      const { person, replayed } = await register(subgraph(), input);
      expect(replayed).toBe(false);
      expect(person).toMatchObject({
        version: 1,
        rut: input.rut,
        firstName: 'Valentina',
        lastName: 'Soto',
        secondLastName: 'Barría',
        birthDate: '1999-04-12',
        sex: 'FEMALE',
        education: 'SECONDARY',
        registeredAt: '2026-03-02',
        bneRegistered: true,
        phone: '+56 9 87654321',
        email: 'valentina.soto@example.cl',
        disabilityConsent: true,
        disability: false,
        correctionReason: null,
        omilCommune: { code: '10101' },
        residenceCommune: { code: '10101' },
      });
      expect(person.createdAt).toBe(person.updatedAt);
      const row = await em().findOneOrFail(Person, { id: Number(person.id) });
      expect(row).toMatchObject({ createdBy: OMIL.sub, updatedBy: OMIL.sub, registrationAgeBand: 'AGE_18_29' });
      expect(await outboxAfter(subgraph().app, head)).toEqual([
        {
          seq: expect.any(Number),
          type: 'persons.job_seeker_registered',
          payload: {
            personId: Number(person.id),
            sex: 'FEMALE',
            birthDate: '1999-04-12',
            education: 'SECONDARY',
            registeredAt: '2026-03-02',
            omilCommuneCode: '10101',
            residenceCommuneCode: '10101',
          },
        },
      ]);
    });

    it('registers today by default; optional fields may be left out; 15-year-olds are accepted', async () => {
      const birthDate = minusYears(today(), 15);
      const { registeredAt, secondLastName, phone, email, disabilityConsent, disability, bneRegistered, ...required } = registration({
        birthDate,
      });
      void [registeredAt, secondLastName, phone, email, disabilityConsent, disability, bneRegistered];
      const { person } = await register(subgraph(), required);
      expect(person).toMatchObject({
        registeredAt: today(),
        secondLastName: '',
        phone: null,
        email: null,
        bneRegistered: false,
        disabilityConsent: false,
        disability: null,
      });
      expect((await em().findOneOrFail(Person, { id: Number(person.id) })).registrationAgeBand).toBe('AGE_15_17');
    });

    it('accepts a phone in any common writing and a landline', async () => {
      expect((await register(subgraph(), registration({ phone: '987654321' }))).person.phone).toBe('+56 9 87654321');
      expect((await register(subgraph(), registration({ phone: '(65) 226 1234' }))).person.phone).toBe('+56 652261234');
    });

    it.each([
      ['a RUT with a wrong check digit', { rut: '12.345.678-4' }, 'rut', /wrong check digit/],
      ['a blank first name', { firstName: '  ' }, 'input.firstName', /blank/],
      ['a birth date in the future', { birthDate: '2999-01-01', registeredAt: null }, 'input.birthDate', /future/],
      ['someone 14 at registration', { birthDate: minusYears('2026-03-02', 14) }, 'input.birthDate', /14 at registration.*minimum is 15/],
      ['a registration date in the future', { registeredAt: '2999-01-01' }, 'input.registeredAt', /future/],
      ['an OMIL commune outside Los Lagos (admin)', { omilCommuneCode: '13101' }, 'input.omilCommuneCode', /not a commune of Los Lagos/],
      ['a residence commune that is not a CUT code', { residenceCommuneCode: '1010' }, 'input.residenceCommuneCode', /5-digit/],
      ['a phone that is not Chilean', { phone: '+1 212 555 0100' }, 'input.phone', /Chilean phone/],
      ['a malformed email', { email: 'valentina@' }, 'input.email', /email/],
      ['disability data without consent', { disabilityConsent: false, disability: true }, 'input.disability', /consent/],
      ['an empty idempotency key', { idempotencyKey: '' }, 'input.idempotencyKey', /1–128 characters/],
    ])('refuses %s: BAD_USER_INPUT naming the field, nothing written', async (_label, overrides, field, reason) => {
      const error = await refused(REGISTER, registration(overrides), ADMIN, 'BAD_USER_INPUT', field);
      expect(error.extensions!.reason).toMatch(reason);
    });

    it('refuses a RUT already registered: CONFLICT naming input.rut, in any writing', async () => {
      await refused(REGISTER, registration({ rut: '123456785' }), OMIL, 'CONFLICT', 'input.rut');
    });

    it.each([
      ['omil of the commune', viewer('omil', ['10101', '10102']), null],
      ['admin', viewer('admin'), null],
      ['omil of another commune', viewer('omil', ['10301']), 'FORBIDDEN'],
      ['municipality of the commune', viewer('municipality', ['10101']), 'FORBIDDEN'],
      ['analyst', viewer('analyst'), 'FORBIDDEN'],
      ['partner', viewer('partner'), 'FORBIDDEN'],
      ['no token', null, 'UNAUTHENTICATED'],
    ])('%s: %s', async (_label, who, code) => {
      if (code) await refused(REGISTER, registration(), who, code);
      else expect((await register(subgraph(), registration(), who!)).replayed).toBe(false);
    });

    it('is idempotent: the same key and input returns the first person and writes nothing; another input is CONFLICT', async () => {
      const input = registration();
      const first = await register(subgraph(), input);
      const [persons, head] = [await count(), await outboxHead(subgraph().app)];
      // The RUT written another way is the same input.
      const again = await register(subgraph(), { ...input, rut: String(input.rut).replace(/\./g, '') });
      expect(again).toEqual({ ...first, replayed: true });
      expect(await count()).toBe(persons);
      expect(await outboxAfter(subgraph().app, head)).toEqual([]);
      await refused(REGISTER, { ...input, firstName: 'Otra' }, OMIL, 'CONFLICT', 'input.idempotencyKey');
    });

    it('creates one person for 20 identical requests at once', async () => {
      const input = registration();
      const head = await outboxHead(subgraph().app);
      const answers = await Promise.all(Array.from({ length: 20 }, () => subgraph().execute(REGISTER, { input }, OMIL)));
      expect(answers.flatMap((a) => a.errors ?? [])).toEqual([]);
      const ids = new Set(answers.map((a) => a.data.registerJobSeeker.person.id));
      expect(ids.size).toBe(1);
      expect(answers.filter((a) => !a.data.registerJobSeeker.replayed)).toHaveLength(1);
      expect(await count({ rut: input.rut.replace(/\./g, '') })).toBe(1);
      expect((await outboxAfter(subgraph().app, head)).map((e) => e.type)).toEqual(['persons.job_seeker_registered']);
    });

    it('registers one RUT once when 5 requests with different keys race: the others are CONFLICT naming input.rut', async () => {
      const rut = freshRut();
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => subgraph().execute(REGISTER, { input: registration({ rut }) }, OMIL)),
      );
      expect(answers.filter((a) => !a.errors)).toHaveLength(1);
      expect(answers.flatMap((a) => a.errors ?? []).map((e) => [e.extensions!.code, e.extensions!.field])).toEqual(
        Array(4).fill(['CONFLICT', 'input.rut']),
      );
      expect(await count({ rut: rut.replace(/\./g, '') })).toBe(1);
    });

    it('leaves nothing when the event cannot be written, and the same key works afterwards', async () => {
      const input = registration();
      const undo = await refuseOutboxInserts(subgraph().app);
      try {
        await refused(REGISTER, input, OMIL, 'INTERNAL_SERVER_ERROR');
      } finally {
        await undo();
      }
      expect(await register(subgraph(), input)).toMatchObject({ replayed: false, person: { rut: input.rut } });
    });
  });

  describe('updateJobSeeker', () => {
    async function fresh(overrides: Record<string, unknown> = {}) {
      return (await register(subgraph(), registration(overrides))).person;
    }
    const update = (person: { id: string; version: number }, fields: Record<string, unknown>) => ({
      id: person.id,
      version: person.version,
      reason: 'Corrected on the paper form',
      ...fields,
    });

    it('corrects the fields given, records who, why and the next version, with exactly its event', async () => {
      const person = await fresh();
      const head = await outboxHead(subgraph().app);
      const who = viewer('omil', ['10101', '10102']);
      const { updateJobSeeker } = await subgraph().data(
        UPDATE,
        { input: update(person, { education: 'UNIVERSITY', residenceCommuneCode: '10102', phone: null, birthDate: '1998-04-12' }) },
        who,
      );
      expect(updateJobSeeker.replayed).toBe(false);
      expect(updateJobSeeker.person).toMatchObject({
        ...person,
        version: 2,
        education: 'UNIVERSITY',
        residenceCommune: { code: '10102' },
        phone: null,
        birthDate: '1998-04-12',
        correctionReason: 'Corrected on the paper form',
        updatedAt: expect.any(String),
      });
      expect(await em().findOneOrFail(Person, { id: Number(person.id) })).toMatchObject({ createdBy: OMIL.sub, updatedBy: who.sub });
      expect(await outboxAfter(subgraph().app, head)).toEqual([
        {
          seq: expect.any(Number),
          type: 'persons.job_seeker_updated',
          payload: {
            personId: Number(person.id),
            sex: 'FEMALE',
            birthDate: '1998-04-12',
            education: 'UNIVERSITY',
            registeredAt: '2026-03-02',
            omilCommuneCode: '10101',
            residenceCommuneCode: '10102',
          },
        },
      ]);
    });

    it('withdrawing consent clears the disability data', async () => {
      const person = await fresh({ disability: true });
      const { updateJobSeeker } = await subgraph().data(UPDATE, { input: update(person, { disabilityConsent: false }) }, OMIL);
      expect(updateJobSeeker.person).toMatchObject({ disabilityConsent: false, disability: null });
    });

    it.each([
      ['no reason', { reason: ' ' }, 'input.reason', /blank/],
      ['no field to correct', {}, 'input', /no field/],
      ['a version below 1', { version: 0 }, 'input.version', /version you read/],
      ['a required field cleared', { lastName: null }, 'input.lastName', /cannot be cleared/],
      ['a birth date making the person 14 at registration', { birthDate: '2012-01-01' }, 'input.birthDate', /minimum is 15/],
      ['a birth date in the future', { birthDate: '2999-01-01' }, 'input.birthDate', /future/],
      ['disability data without consent', { disabilityConsent: false, disability: true }, 'input.disability', /consent/],
      ['a malformed email', { email: 'no-at-sign' }, 'input.email', /email/],
      ['a residence outside Los Lagos', { residenceCommuneCode: '13101' }, 'input.residenceCommuneCode', /Los Lagos/],
    ])('refuses %s: BAD_USER_INPUT naming the field, nothing written', async (_label, fields, field, reason) => {
      const person = await fresh();
      const error = await refused(UPDATE, update(person, fields), OMIL, 'BAD_USER_INPUT', field);
      expect(error.extensions!.reason).toMatch(reason);
      expect((await em().findOneOrFail(Person, { id: Number(person.id) })).version).toBe(1);
    });

    it("refuses another person's RUT: CONFLICT naming input.rut", async () => {
      const person = await fresh();
      await refused(UPDATE, update(person, { rut: '12.345.678-5' }), OMIL, 'CONFLICT', 'input.rut');
    });

    it('answers NOT_FOUND for an unknown person', async () => {
      await refused(UPDATE, update({ id: '99999999', version: 1 }, { education: 'NONE' }), ADMIN, 'NOT_FOUND');
    });

    it.each([
      ['omil of the OMIL commune', viewer('omil', ['10101']), null],
      ['admin', viewer('admin'), null],
      ['omil of the residence commune only', viewer('omil', ['10102']), 'FORBIDDEN'],
      ['omil of another commune', viewer('omil', ['10301']), 'FORBIDDEN'],
      ['municipality of the commune', viewer('municipality', ['10101']), 'FORBIDDEN'],
      ['analyst', viewer('analyst'), 'FORBIDDEN'],
      ['partner', viewer('partner'), 'FORBIDDEN'],
      ['no token', null, 'UNAUTHENTICATED'],
    ])('%s: %s', async (_label, who, code) => {
      const person = await fresh({ residenceCommuneCode: '10102' });
      const input = update(person, { education: 'UNIVERSITY' });
      if (code) await refused(UPDATE, input, who, code);
      else expect((await subgraph().data(UPDATE, { input }, who!)).updateJobSeeker.person.version).toBe(2);
    });

    it('refuses moving the person to an OMIL outside the token', async () => {
      const person = await fresh();
      await refused(UPDATE, update(person, { omilCommuneCode: '10301' }), OMIL, 'FORBIDDEN');
    });

    it('refuses a stale version: CONFLICT with the current version, nothing written', async () => {
      const person = await fresh();
      await subgraph().data(UPDATE, { input: update(person, { education: 'NONE' }) }, OMIL);
      const error = await refused(UPDATE, update(person, { education: 'PRIMARY_1' }), OMIL, 'CONFLICT', 'input.version');
      expect(error.extensions!.currentVersion).toBe(2);
    });

    it('of two concurrent updates from one version, exactly one wins', async () => {
      const person = await fresh();
      const head = await outboxHead(subgraph().app);
      const answers = await Promise.all(
        ['UNIVERSITY', 'PRIMARY_2'].map((education) => subgraph().execute(UPDATE, { input: update(person, { education }) }, OMIL)),
      );
      expect(answers.map((a) => (a.errors ? errorCodes(a)[0] : 'ok')).sort()).toEqual(['CONFLICT', 'ok']);
      const winner = answers.find((a) => !a.errors)!.data.updateJobSeeker.person;
      expect(await em().findOneOrFail(Person, { id: Number(person.id) })).toMatchObject({ version: 2, education: winner.education });
      expect((await outboxAfter(subgraph().app, head)).map((e) => e.payload.education)).toEqual([winner.education]);
    });

    it('leaves nothing when the event cannot be written', async () => {
      const person = await fresh();
      const undo = await refuseOutboxInserts(subgraph().app);
      try {
        await refused(UPDATE, update(person, { education: 'NONE' }), OMIL, 'INTERNAL_SERVER_ERROR');
      } finally {
        await undo();
      }
      expect(await em().findOneOrFail(Person, { id: Number(person.id) })).toMatchObject({ version: 1, education: 'SECONDARY' });
    });
  });

  it('records every seeded job seeker as registered, already published, without personal data', async () => {
    const seededEvents = await em().find(OutboxEvent, { type: 'persons.job_seeker_registered', publishedAt: { $ne: null } });
    expect(seededEvents.length).toBe(await count({ createdBy: 'seed' }));
    const first = seededEvents.map((e) => JSON.parse(e.payload)).find((p) => p.personId === 1);
    const person = await em().findOneOrFail(Person, { id: 1 });
    expect(person).toMatchObject({ createdBy: 'seed', version: 1 });
    expect(first).toEqual({
      personId: 1,
      sex: person.sex,
      birthDate: person.birthDate,
      education: person.education,
      registeredAt: person.registeredAt,
      omilCommuneCode: person.omilCommuneCode,
      residenceCommuneCode: person.residenceCommuneCode,
    });
  });
});
