import { bearer, errorCodes, tokenFor } from '../support/graphql';
import { describeSubgraph } from '../support/subgraph';
import { trainingSubgraph } from '../../subgraphs/training/subgraph';
import { Enrollment } from '../../subgraphs/training/entities/enrollment';
import { EnrollmentStatus } from '../../subgraphs/training/entities/enums';
import { WorkshopAttendance } from '../../subgraphs/training/entities/workshop';
import { idsBy, published } from '../support/disclosure';

describeSubgraph(trainingSubgraph, 'training subgraph', (subgraph) => {
  it('lists SENCE courses with their provider and their aggregates (exact for an admin)', async () => {
    const d = await subgraph().data(
      `{
      courses(filter: { year: 2023, programmes: [BECAS_LABORALES] }, first: 50) { totalCount nodes {
        senceCode name programme hours seats startDate endDate provider { name rut } commune { code } enrollmentCount completedCount } }
      all: courses(first: 0) { totalCount }
      providers(first: 100) { totalCount nodes { id courses { id } } }
    }`,
      undefined,
      await tokenFor('admin'),
    );
    expect(d.all.totalCount).toBe(520);
    expect(d.courses.totalCount).toBeGreaterThan(20);
    for (const c of d.courses.nodes) {
      expect(c.programme).toBe('BECAS_LABORALES');
      expect(c.startDate.startsWith('2023')).toBe(true);
      expect(c.endDate > c.startDate).toBe(true);
      expect(c.enrollmentCount).toBeLessThanOrEqual(c.seats);
      expect(c.completedCount).toBeLessThanOrEqual(c.enrollmentCount);
      expect(c.provider.name).toMatch(/^OTEC /);
    }
    expect(d.providers.totalCount).toBe(40);
    expect(d.providers.nodes.reduce((s: number, p: any) => s + p.courses.length, 0)).toBe(520);
  });

  it('lists workshops per commune with attendance counts', async () => {
    const d = await subgraph().data(`{ _entities(representations: [{ __typename: "Commune", code: "10101" }]) { ... on Commune {
      workshops(filter: { year: 2022, topics: [CV, INTERVIEW] }, first: 100) { totalCount nodes { topic date attendeeCount commune { code } } }
      courses(first: 3) { totalCount nodes { commune { code } } } } } }`);
    d.commune = d._entities[0];
    const ws = d.commune.workshops;
    expect(ws.totalCount).toBeGreaterThan(0);
    expect(
      ws.nodes.every((w: any) => ['CV', 'INTERVIEW'].includes(w.topic) && w.date.startsWith('2022') && w.commune.code === '10101'),
    ).toBe(true);
    expect(ws.nodes.some((w: any) => w.attendeeCount > 0)).toBe(true);
    expect(d.commune.courses.nodes.every((c: any) => c.commune.code === '10101')).toBe(true);
  });

  it('shows enrolments to admins, narrows them for a municipality and refuses analysts and the public', async () => {
    const q =
      '{ enrollments(filter: { year: 2022 }, first: 100) { totalCount nodes { status completedAt course { commune { code } } person { id } } } }';
    expect(errorCodes(await subgraph().execute(q, undefined, await tokenFor('analyst')))).toEqual(['FORBIDDEN']);
    const analyst = await subgraph().data(q, undefined, await tokenFor('admin'));
    const local = await subgraph().data(q, undefined, await tokenFor('omil', ['10101']));
    expect(analyst.enrollments.totalCount).toBeGreaterThan(local.enrollments.totalCount);
    expect(local.enrollments.nodes.every((e: any) => e.course.commune.code === '10101')).toBe(true);
    for (const e of analyst.enrollments.nodes) {
      expect(e.person.id).toMatch(/^\d+$/);
      expect(e.status === 'COMPLETED' ? e.completedAt !== null : e.completedAt === null).toBe(true);
    }
    expect(errorCodes(await subgraph().execute(q))).toEqual(['UNAUTHENTICATED']);
  });

  it('walks from a person to their enrolments and workshops (commune records)', async () => {
    const admin = await tokenFor('admin');
    const page = await subgraph().data('{ enrollments(first: 1) { nodes { person { id } course { id } } } }', undefined, admin);
    const { person, course } = page.enrollments.nodes[0];
    const d = await subgraph().data(`{ course(id: "${course.id}") { enrollments { person { id } } } }`, undefined, admin);
    expect(d.course.enrollments.map((e: any) => e.person.id)).toContain(person.id);
    const viaPerson = await subgraph().data(
      `{ _entities(representations: [{ __typename: "Person", id: "${person.id}" }]) { ... on Person { enrollments { course { id } } workshops { id topic } } } }`,
      undefined,
      admin,
    );
    expect(viaPerson._entities[0].enrollments.map((e: any) => e.course.id)).toContain(course.id);
  });

  it("lists workshop attendees only within the viewer's communes", async () => {
    const q = '{ workshops(filter: { communes: ["10301"] }, first: 3) { nodes { attendeeCount attendees { id } } } }';
    const own = await subgraph().data(q, undefined, await tokenFor('municipality', ['10301']));
    const exact = await subgraph().data(q, undefined, await tokenFor('admin'));
    own.workshops.nodes.forEach((w: any, i: number) => expect(w.attendees.length).toBe(exact.workshops.nodes[i].attendeeCount));
    const other = await subgraph().data(q, undefined, await tokenFor('municipality', ['10101']));
    expect(other.workshops.nodes.every((w: any) => w.attendees.length === 0 && w.attendeeCount >= 0)).toBe(true);
    const pub = await subgraph().execute(q);
    expect([...new Set(errorCodes(pub))]).toEqual(['UNAUTHENTICATED']);
  });

  it.each([
    ['an unknown programme', '{ courses(filter: { programmes: [SOMETHING] }) { totalCount } }', 'GRAPHQL_VALIDATION_FAILED'],
    ['a year out of range', '{ courses(filter: { year: 3000 }) { totalCount } }', 'BAD_USER_INPUT'],
    ['a reversed range', '{ workshops(filter: { from: "2022-05-01", to: "2022-01-01" }) { totalCount } }', 'BAD_USER_INPUT'],
    ['a malformed provider id', '{ courses(filter: { providers: ["x"] }) { totalCount } }', 'BAD_USER_INPUT'],
  ])('refuses %s', async (_label, query, code) => {
    expect(errorCodes(await subgraph().execute(query, undefined, bearer(await tokenFor('analyst'))))).toEqual([code]);
  });
});

describeSubgraph(trainingSubgraph, 'training aggregates and small cells', (subgraph) => {
  it('perturbs course and workshop counts for everyone but admins, by the cell-key function of the records in the database', async () => {
    // The smallest communes, where small counts occur.
    const small = '["10402", "10404", "10204", "10206", "10103", "10401"]';
    const q = `{ courses(filter: { communes: ${small} }, first: 100) { nodes { id enrollmentCount completedCount } }
      workshops(filter: { communes: ${small} }, first: 100) { nodes { id attendeeCount } } }`;
    const em = subgraph().app.db!.em.fork();
    const enrollments = await em.find(Enrollment, {}, { fields: ['id', 'courseId', 'status'] });
    const ofCourse = idsBy(enrollments, (e) => String(e.courseId));
    const completedOf = idsBy(
      enrollments.filter((e) => e.status === EnrollmentStatus.COMPLETED),
      (e) => String(e.courseId),
    );
    const attendance = idsBy(await em.find(WorkshopAttendance, {}, { fields: ['id', 'workshopId'] }), (a) => String(a.workshopId));
    const exact = await subgraph().data(q, undefined, await tokenFor('admin'));
    for (const who of [undefined, await tokenFor('analyst'), await tokenFor('municipality', ['10402'])]) {
      const shown = await subgraph().data(q, undefined, who);
      shown.courses.nodes.forEach((c: any, i: number) => {
        expect(exact.courses.nodes[i].enrollmentCount).toBe(ofCourse.get(c.id)?.length ?? 0);
        expect(c.enrollmentCount).toBe(published(ofCourse.get(c.id) ?? []));
        expect(c.completedCount).toBe(published(completedOf.get(c.id) ?? []));
      });
      shown.workshops.nodes.forEach((w: any) => expect(w.attendeeCount).toBe(published(attendance.get(w.id) ?? [])));
    }
    expect(
      exact.courses.nodes.some((c: any) => c.completedCount > 0 && c.completedCount < 5) ||
        exact.workshops.nodes.some((w: any) => w.attendeeCount > 0 && w.attendeeCount < 5),
    ).toBe(true);
  });
});
