import { randomUUID } from 'node:crypto';
import { addDays, today } from '../../kit/dates';
import { formatRut, rutOf } from '../../kit/rut';
import { network } from '../../seed/network';
import { EmployerProjection } from '../../subgraphs/placements/entities/employer-projection';
import { PersonProjection } from '../../subgraphs/placements/entities/person-projection';
import { VacancyProjection } from '../../subgraphs/placements/entities/vacancy-projection';
import { PersonProjection as CommunesPerson } from '../../subgraphs/communes/entities/projections';
import { Enrollment } from '../../subgraphs/training/entities/enrollment';
import { PersonProjection as TrainingPerson } from '../../subgraphs/training/entities/person-projection';
import { PlacementStart } from '../../subgraphs/training/entities/placement-start';
import { eventually } from '../support/events';
import { data, post, tokenFor } from '../support/graphql';
import { testDatabaseKinds } from '../support/databases';
import { describeEachDatabase, startPlatform, type Platform } from '../support/platform';

const REGISTER = `mutation($input: RegisterPlacementInput!) { registerPlacement(input: $input) { replayed placement { id version } } }`;
const CANCEL = `mutation($input: CancelPlacementInput!) { cancelPlacement(input: $input) { placement { status } } }`;

// A completer of a course with no placement within 3 months after: placing them 10 days after
// completing moves the course's job outcome.
const net = network();
const placedPersons = new Set(net.placements.map((p) => p.personId));
const enrollment = net.enrollments.find(
  (e) => e.status === 'COMPLETED' && e.completedAt! < '2025-06-01' && !placedPersons.has(e.personId),
)!;
const course = net.courses[enrollment.courseId - 1];
const startDate = addDays(enrollment.completedAt!, 10);
const year = Number(startDate.slice(0, 4));
const courseYear = Number(course.startDate.slice(0, 4));

/** The projections' sizes, counted in each subgraph's own database. */
async function projectionCounts(platform: Platform) {
  const placements = platform.subgraphs.placements.db!.em.fork();
  const training = platform.subgraphs.training.db!.em.fork();
  return {
    persons: await placements.count(PersonProjection, {}),
    employers: await placements.count(EmployerProjection, {}),
    vacancies: await placements.count(VacancyProjection, {}),
    trainingPersons: await training.count(TrainingPerson, {}),
    placementStarts: await training.count(PlacementStart, {}),
    placedWithin3Months: await training.count(Enrollment, { placedAt: { $ne: null } }),
    communesPersons: await platform.subgraphs.communes.db!.em.fork().count(CommunesPerson, {}),
  };
}

describeEachDatabase('events between subgraphs', (platform) => {
  let omil: string;
  // Admins read exact statistics: an analyst's course outcomes carry cell-key noise, so one added
  // placement would move them by more than one.
  let admin: string;
  beforeAll(async () => {
    omil = await tokenFor('omil', ['10101']);
    admin = await tokenFor('admin');
  });

  const figures = async () => {
    const d = await data(
      platform().url,
      `query($year: Int!, $courseYear: Int!, $commune: String!) {
        placementStats(filter: { years: [$year], communes: ["10101"] }) { placements }
        region(code: "10") { placementSummary(year: $year) { placements } }
        trainingStats(filter: { years: [$courseYear], communes: [$commune] }) { placedWithin3Months }
      }`,
      { year, courseYear, commune: course.communeCode },
      admin,
    );
    return {
      stats: d.placementStats[0].placements,
      region: d.region.placementSummary.placements,
      placed: d.trainingStats[0].placedWithin3Months,
    };
  };

  it('a placement through the gateway counts in placementStats and the region summary and moves the job outcome; cancelling moves them back', async () => {
    const before = await figures();
    const input = {
      idempotencyKey: randomUUID(),
      personId: String(enrollment.personId),
      employerId: '1',
      communeCode: '10101',
      startDate,
      occupationCode: '5223',
      contractType: 'FIXED_TERM',
      monthlyWage: 600_000,
    };
    const { registerPlacement } = await data(platform().url, REGISTER, { input }, omil);
    expect(registerPlacement.replayed).toBe(false);
    await eventually(figures, { stats: before.stats + 1, region: before.region + 1, placed: before.placed + 1 });
    const enrollmentRow = await platform().subgraphs.training.db!.em.fork().findOneOrFail(Enrollment, { id: enrollment.id });
    expect(enrollmentRow.placedAt).toBe(startDate);

    await data(
      platform().url,
      CANCEL,
      { input: { id: registerPlacement.placement.id, version: 1, reason: 'Registered by mistake' } },
      omil,
    );
    await eventually(figures, before);
  });

  it('a job seeker registered through the persons mutation becomes placeable', async () => {
    const registeredAt = addDays(today(), -30);
    const { registerJobSeeker } = await data(
      platform().url,
      `mutation($input: RegisterJobSeekerInput!) { registerJobSeeker(input: $input) { person { id } } }`,
      {
        input: {
          idempotencyKey: randomUUID(),
          rut: formatRut(rutOf(41_000_000 + Math.floor(Math.random() * 1_000_000))),
          firstName: 'Camila',
          lastName: 'Oyarzún',
          birthDate: '1998-02-03',
          sex: 'FEMALE',
          education: 'TECHNICAL_HIGHER',
          residenceCommuneCode: '10101',
          omilCommuneCode: '10101',
          registeredAt,
        },
      },
      omil,
    );
    const personId = Number(registerJobSeeker.person.id);
    await eventually(() => platform().subgraphs.placements.db!.em.fork().count(PersonProjection, { id: personId }), 1);
    await eventually(() => platform().subgraphs.training.db!.em.fork().count(TrainingPerson, { id: personId }), 1);
    const input = {
      idempotencyKey: randomUUID(),
      personId: String(personId),
      employerId: '1',
      communeCode: '10101',
      startDate: addDays(registeredAt, 7),
      occupationCode: '9112',
      contractType: 'INDEFINITE',
      monthlyWage: 560_000,
    };
    const body = await post(platform().url, REGISTER, { input }, { authorization: `Bearer ${omil}` });
    expect(body.errors).toBeUndefined();
    expect(body.data.registerPlacement.replayed).toBe(false);
  });
});

// A replay on a platform that starts empty and gets its data through the graph: every projection
// it rebuilds comes from events alone. (The seeded network's replay is an operations figure:
// `npm run events -- replay`, docs/operations.md.)
describe.each(testDatabaseKinds())('a replay from the start [%s]', (kind) => {
  let platform: Platform;
  let admin: string;
  beforeAll(async () => {
    platform = await startPlatform(kind, undefined, { seed: false });
    admin = await tokenFor('admin');
  });
  afterAll(async () => {
    await platform?.close();
  });
  /** One create as admin through the gateway; `record` names the payload's field. */
  const write = async (mutation: string, record: string, input: Record<string, unknown>) => {
    const type = `${mutation.charAt(0).toUpperCase()}${mutation.slice(1)}Input`;
    const d = await data(
      platform.url,
      `mutation($input: ${type}!) { ${mutation}(input: $input) { ${record} { id } } }`,
      { input: { idempotencyKey: randomUUID(), ...input } },
      admin,
    );
    return d[mutation][record].id as string;
  };

  it('rebuilds the same projections in every consuming subgraph', async () => {
    const registeredAt = addDays(today(), -60);
    const persons = [];
    for (const [i, sex] of (['FEMALE', 'MALE', 'FEMALE'] as const).entries()) {
      persons.push(
        await write('registerJobSeeker', 'person', {
          rut: formatRut(rutOf(15_000_000 + i)),
          firstName: 'Persona',
          lastName: 'Sintética',
          birthDate: `199${i}-05-0${i + 1}`,
          sex,
          education: 'SECONDARY',
          residenceCommuneCode: '10101',
          omilCommuneCode: '10101',
          registeredAt,
        }),
      );
    }
    const employer = await write('registerEmployer', 'employer', {
      rut: formatRut(rutOf(76_999_001)),
      name: 'Acuícola Sintética SpA',
      sector: 'A',
      ciiuClass: '0321',
      size: 'SMALL',
      communeCode: '10101',
    });
    const vacancy = await write('registerVacancy', 'vacancy', {
      employerId: employer,
      occupationCode: '6221',
      positions: 2,
      contractType: 'INDEFINITE',
      wageMin: 600_000,
      wageMax: 700_000,
      communeCode: '10101',
      openedAt: addDays(registeredAt, 5),
    });
    await eventually(async () => (await projectionCounts(platform)).vacancies, 1);
    for (const personId of persons.slice(0, 2)) {
      await write('registerPlacement', 'placement', {
        personId,
        employerId: employer,
        vacancyId: vacancy,
        communeCode: '10101',
        startDate: addDays(registeredAt, 20),
        occupationCode: '6221',
        contractType: 'INDEFINITE',
        monthlyWage: 620_000,
      });
    }
    const expected = {
      persons: 3,
      employers: 1,
      vacancies: 1,
      trainingPersons: 3,
      placementStarts: 2,
      placedWithin3Months: 0,
      communesPersons: 3,
    };
    await eventually(() => projectionCounts(platform), expected);

    const apps = Object.values(platform.subgraphs);
    for (const app of apps) await app.resetProjections();
    expect(await projectionCounts(platform)).toEqual({
      persons: 0,
      employers: 0,
      vacancies: 0,
      trainingPersons: 0,
      placementStarts: 0,
      placedWithin3Months: 0,
      communesPersons: 0,
    });
    for (const app of apps) await app.republish();
    await eventually(() => projectionCounts(platform), expected);
  });
});
