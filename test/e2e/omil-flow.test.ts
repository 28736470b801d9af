import { randomUUID } from 'node:crypto';
import { addDays } from '../../kit/dates';
import { formatRut, rutOf } from '../../kit/rut';
import { eventually, testEventsUrl } from '../support/events';
import { bearer, data, errorCodes, post, tokenFor } from '../support/graphql';
import { startPlatform, type Platform } from '../support/platform';

/**
 * The writes issue's acceptance, as a new user would try it through the gateway with an `omil`
 * token for 10101: register a job seeker, record an orientation, refer them to an open vacancy,
 * register the placement with an idempotency key. On SQLite with the in-process bus, and on
 * PostgreSQL with the Redis broker when both are configured (CI configures both).
 */
const setups: [string, 'sqlite' | 'postgresql', 'memory' | 'redis'][] = [['SQLite, in-process bus', 'sqlite', 'memory']];
if (process.env.TEST_DATABASE_URL && testEventsUrl()) setups.push(['PostgreSQL, Redis Streams', 'postgresql', 'redis']);

describe.each(setups)('an OMIL executive records a placement [%s]', (_label, kind, bus) => {
  let platform: Platform;
  let omil: string;
  beforeAll(async () => {
    platform = await startPlatform(kind, undefined, {}, { bus });
    omil = await tokenFor('omil', ['10101']);
  });
  afterAll(async () => {
    await platform?.close();
  });

  const as = (token: string) => (query: string, variables: Record<string, unknown>) => post(platform.url, query, variables, bearer(token));
  it('registers, orients, refers and places; the region grows by one; the same key changes nothing; 10301 is refused', async () => {
    // In 2024, whose published total (3,247) the region's summary shows to anyone.
    const registeredAt = '2024-03-01';
    const startDate = '2024-04-15';
    const year = Number(startDate.slice(0, 4));
    const region = async () =>
      (await data(platform.url, `query($y: Int!) { region(code: "10") { placementSummary(year: $y) { placements } } }`, { y: year }, omil))
        .region.placementSummary.placements as number;
    const before = await region();
    expect(before).toBe(3247);

    const person = await as(omil)(
      `mutation($input: RegisterJobSeekerInput!) { registerJobSeeker(input: $input) { replayed person { id version } } }`,
      {
        input: {
          idempotencyKey: randomUUID(),
          rut: formatRut(rutOf(34_000_000 + Math.floor(Math.random() * 900_000))),
          firstName: 'Valentina',
          lastName: 'Barría',
          secondLastName: 'Cárcamo',
          birthDate: '1996-08-14',
          sex: 'FEMALE',
          education: 'SECONDARY',
          residenceCommuneCode: '10101',
          omilCommuneCode: '10101',
          registeredAt,
        },
      },
    );
    expect(person.errors).toBeUndefined();
    const personId = person.data.registerJobSeeker.person.id;

    // The communes and placements subgraphs learn of the person through events.
    const orientation = {
      idempotencyKey: randomUUID(),
      personId,
      communeCode: '10101',
      date: addDays(registeredAt, 2),
      kind: 'ORIENTATION',
    };
    await eventually(async () => {
      const body = await as(omil)(`mutation($input: RecordAttentionInput!) { recordAttention(input: $input) { attention { kind } } }`, {
        input: { ...orientation, idempotencyKey: randomUUID() },
      });
      return body.data?.recordAttention?.attention?.kind ?? errorCodes(body);
    }, 'ORIENTATION');

    const vacancy = await as(omil)(
      `mutation($input: RegisterVacancyInput!) { registerVacancy(input: $input) { vacancy { id employer { id } status } } }`,
      {
        input: {
          idempotencyKey: randomUUID(),
          employerId: '1',
          occupationCode: '9112',
          positions: 1,
          contractType: 'INDEFINITE',
          wageMin: 560_000,
          wageMax: 620_000,
          communeCode: '10101',
          openedAt: addDays(registeredAt, 1),
        },
      },
    );
    expect(vacancy.errors).toBeUndefined();
    const vacancyId = vacancy.data.registerVacancy.vacancy.id;
    const employerId = vacancy.data.registerVacancy.vacancy.employer.id;

    await eventually(async () => {
      const body = await as(omil)(`mutation($input: ReferToVacancyInput!) { referToVacancy(input: $input) { referral { id } } }`, {
        input: { idempotencyKey: randomUUID(), personId, vacancyId, communeCode: '10101', referredAt: addDays(registeredAt, 5) },
      });
      return body.errors ? errorCodes(body) : 'referred';
    }, 'referred');

    const placement = {
      idempotencyKey: randomUUID(),
      personId,
      employerId,
      vacancyId,
      communeCode: '10101',
      startDate,
      occupationCode: '9112',
      contractType: 'INDEFINITE',
      monthlyWage: 580_000,
    };
    const REGISTER = `mutation($input: RegisterPlacementInput!) { registerPlacement(input: $input) { replayed placement { id startDate } } }`;
    const first = await as(omil)(REGISTER, { input: placement });
    expect(first.errors).toBeUndefined();
    expect(first.data.registerPlacement).toMatchObject({ replayed: false, placement: { startDate } });
    const placementId = first.data.registerPlacement.placement.id;

    expect(await region()).toBe(before + 1);
    const listed = await data(platform.url, `query($id: ID!) { person(id: $id) { placements { id } } }`, { id: personId }, omil);
    expect(listed.person.placements).toEqual([{ id: placementId }]);

    const again = await as(omil)(REGISTER, { input: placement });
    expect(again.data.registerPlacement).toEqual({ replayed: true, placement: { id: placementId, startDate } });
    expect(await region()).toBe(before + 1);

    const other = await as(await tokenFor('omil', ['10301']))(REGISTER, { input: { ...placement, idempotencyKey: randomUUID() } });
    expect(errorCodes(other)).toEqual(['FORBIDDEN']);
    // Nothing was served, only the refusal: its 4xx, not 200.
    expect(other.status).toBe(403);
    expect(await region()).toBe(before + 1);
  });
});
