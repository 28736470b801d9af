import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { projectPath } from '../../kit/assets';
import { addDays, today } from '../../kit/dates';
import { replayAll } from '../../kit/events/replay';
import { formatRut, rutOf } from '../../kit/rut';
import { testDatabaseKinds } from '../support/databases';
import { bearer, errorCodes, post, tokenFor } from '../support/graphql';
import { startPlatform, type Platform } from '../support/platform';
import { findInEveryTable } from '../support/search';
import { outboxAfter } from '../support/writes';

/**
 * The six rights of Ley 21.719 end to end through the gateway, on SQLite and PostgreSQL: the
 * request record and its due date, access and portability against direct counts, rectification
 * reaching the projections, blocking, objection, and erasure (nothing of the person left in any
 * table of any subgraph; every statistic as before, also after a replay from the start).
 */
const PURPOSE = { 'x-purpose': 'data-subject-request' };

const STATS_EXAMPLES = [...readFileSync(projectPath('docs/queries.md'), 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) =>
  m[1].trim(),
);

const REQUEST_FIELDS = 'id version kind status receivedAt dueDate extensionReason resolution resolvedAt handledBy overdue purposes details';
const RECEIVE = `mutation($input: ReceiveRightsRequestInput!) { receiveRightsRequest(input: $input) { replayed request { ${REQUEST_FIELDS} } } }`;
const RESOLVE = `mutation($input: ResolveRightsRequestInput!) { resolveRightsRequest(input: $input) { request { ${REQUEST_FIELDS} } } }`;
const EXTEND = `mutation($input: ExtendRightsRequestInput!) { extendRightsRequest(input: $input) { request { ${REQUEST_FIELDS} } } }`;

// Outside the seeded persons' RUT bodies (seed/ruts.ts: 5,000,000–27,999,999), so a new one never collides with them.
let rutBody = 30_000_000 + Math.floor(Math.random() * 1_000_000);

describe.each(testDatabaseKinds())('rights of Ley 21.719 [%s]', (kind) => {
  let platform: Platform;
  let omil: string;
  let admin: string;
  let analyst: string;
  let otherOmil: string;

  beforeAll(async () => {
    platform = await startPlatform(kind);
    [omil, admin, analyst, otherOmil] = await Promise.all([
      tokenFor('omil', ['10101']),
      tokenFor('admin'),
      tokenFor('analyst'),
      tokenFor('omil', ['10301']),
    ]);
  });
  afterAll(async () => {
    await platform?.close();
  });

  // A kept-alive socket that the server closed while a long table search ran is reset on reuse
  // (undici): the request was not received, so it is sent once more.
  const gql = (token: string | null, query: string, variables?: Record<string, unknown>) => {
    const send = () => post(platform.url, query, variables, { ...(token ? bearer(token) : {}), ...PURPOSE });
    return send().catch((error) => {
      if ((error as { cause?: { code?: string } }).cause?.code === 'ECONNRESET') return send();
      throw error;
    });
  };
  const ok = async (token: string, query: string, variables?: Record<string, unknown>) => {
    const body = await gql(token, query, variables);
    if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
    return body.data;
  };
  const apps = () => Object.values(platform.subgraphs);
  const sql = async (subgraph: string, query: string, params: unknown[] = []) => {
    const app = platform.subgraphs[subgraph];
    const schema = app.db!.kind === 'postgresql' ? `"${subgraph}".` : '';
    return (await app.db!.em.getConnection().execute(query.replace(/\{(\w+)\}/g, `${schema}"$1"`), params)) as Record<string, any>[];
  };
  const count = async (subgraph: string, query: string, params: unknown[]) => Number((await sql(subgraph, query, params))[0].n);

  interface NewPerson {
    id: string;
    version: number;
    rut: string;
    firstName: string;
    lastName: string;
    secondLastName: string;
    phone: string;
    email: string;
  }

  /** A job seeker of 10101 with names found nowhere else. */
  async function register(tag: string, residenceCommuneCode = '10101'): Promise<NewPerson> {
    const unique = randomUUID()
      .replace(/[^a-f]/g, '')
      .slice(0, 6);
    const person = {
      rut: formatRut(rutOf(++rutBody)),
      firstName: `Zoraida${tag}${unique}`,
      lastName: `Quinchamali${unique}`,
      secondLastName: `Epuyao${unique}`,
      phone: `+56 9 7${String(rutBody).slice(-7)}`,
      email: `z.${unique}.${rutBody}@ejemplo.cl`,
    };
    const body = await ok(
      omil,
      `mutation($input: RegisterJobSeekerInput!) { registerJobSeeker(input: $input) { person { id version } } }`,
      {
        input: {
          ...person,
          idempotencyKey: randomUUID(),
          birthDate: '1991-07-23',
          sex: 'FEMALE',
          education: 'SECONDARY',
          residenceCommuneCode,
          omilCommuneCode: '10101',
          registeredAt: '2024-03-01',
        },
      },
    );
    await platform.eventsIdle();
    return { ...person, ...body.registerJobSeeker.person };
  }

  const receive = async (personId: string, kind: string, extra: Record<string, unknown> = {}, token = omil) =>
    (await ok(token, RECEIVE, { input: { idempotencyKey: randomUUID(), personId, kind, ...extra } })).receiveRightsRequest.request;
  const grant = async (request: { id: string; version: number }, resolution = 'Done as asked', token = omil) =>
    (await ok(token, RESOLVE, { input: { id: request.id, version: request.version, decision: 'GRANTED', resolution } }))
      .resolveRightsRequest.request;

  /** Every statistics query of docs/queries.md and placementStats of every year, as an analyst reads them. */
  async function statistics(): Promise<string[]> {
    const years = (await ok(analyst, `{ placementStats(groupBy: [YEAR]) { year placements } }`)).placementStats.map(
      (r: { year: number }) => r.year,
    );
    expect(years.length).toBeGreaterThanOrEqual(4);
    const answers = [];
    for (const query of STATS_EXAMPLES) answers.push(JSON.stringify(await ok(admin, query)));
    for (const year of years) {
      const body = await ok(
        analyst,
        `query($y: Int!) { placementStats(filter: { years: [$y] }, groupBy: [COMMUNE, SEX, AGE_BAND]) { commune { code } sex ageBand placements goal } }`,
        { y: year },
      );
      answers.push(JSON.stringify(body));
    }
    answers.push(
      JSON.stringify(
        await ok(
          analyst,
          `{ jobSeekerStats(groupBy: [YEAR, COMMUNE, SEX, AGE_BAND, EDUCATION]) { year commune { code } sex ageBand education registrations } }`,
        ),
      ),
    );
    return answers;
  }

  describe('rights requests', () => {
    it('records the request with its legal due date (30 calendar days), lists it by person, status and overdue, extends it once', async () => {
      const person = await register('Req');
      const request = await receive(person.id, 'ACCESS', { details: 'Quiere saber qué datos tiene la OMIL' });
      expect(request).toMatchObject({ kind: 'ACCESS', status: 'OPEN', receivedAt: today(), dueDate: addDays(today(), 30), overdue: false });

      const old = await receive(person.id, 'PORTABILITY', { receivedAt: '2026-01-05' });
      expect(old).toMatchObject({ dueDate: '2026-02-04', overdue: true });
      const listed = async (filter: Record<string, unknown>) =>
        (
          await ok(omil, `query($f: RightsRequestFilter) { rightsRequests(filter: $f, first: 100) { totalCount nodes { id } } }`, {
            f: filter,
          })
        ).rightsRequests;
      expect((await listed({ persons: [person.id] })).nodes.map((n: { id: string }) => n.id)).toEqual([old.id, request.id]);
      expect((await listed({ persons: [person.id], overdue: true })).nodes).toEqual([{ id: old.id }]);

      const extended = (await ok(omil, EXTEND, { input: { id: old.id, version: old.version, reason: 'Información en tres sistemas' } }))
        .extendRightsRequest.request;
      expect(extended).toMatchObject({ dueDate: '2026-03-06', extensionReason: 'Información en tres sistemas', version: 2 });
      const twice = await gql(omil, EXTEND, { input: { id: old.id, version: 2, reason: 'Otra vez' } });
      expect(errorCodes(twice)).toEqual(['CONFLICT']);

      const denied = (await ok(omil, RESOLVE, { input: { id: old.id, version: 2, decision: 'DENIED', resolution: 'Duplicada' } }))
        .resolveRightsRequest.request;
      expect(denied).toMatchObject({
        status: 'DENIED',
        resolution: 'Duplicada',
        resolvedAt: today(),
        handledBy: 'test-omil',
        overdue: false,
      });
      expect((await listed({ persons: [person.id], statuses: ['DENIED'] })).nodes).toEqual([{ id: old.id }]);
      const person_ = await ok(omil, `query($id: ID!) { person(id: $id) { rightsRequests { id status } } }`, { id: person.id });
      expect(person_.person.rightsRequests).toEqual([
        { id: request.id, status: 'OPEN' },
        { id: old.id, status: 'DENIED' },
      ]);
    });

    it('refuses other communes, analysts and bad input with coded errors, and writes nothing', async () => {
      const person = await register('Ref');
      const before = await count('persons', 'select count(*) as n from {rights_request}', []);
      const input = { idempotencyKey: randomUUID(), personId: person.id, kind: 'ERASURE' };
      expect(errorCodes(await gql(otherOmil, RECEIVE, { input }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await gql(analyst, RECEIVE, { input }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await gql(null, RECEIVE, { input }))).toEqual(['UNAUTHENTICATED']);
      const objection = await gql(omil, RECEIVE, { input: { ...input, kind: 'OBJECTION' } });
      expect(objection.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.purposes' });
      expect(objection.status).toBe(400);
      expect(errorCodes(await gql(omil, RECEIVE, { input: { ...input, receivedAt: '2999-01-01' } }))).toEqual(['BAD_USER_INPUT']);
      expect(errorCodes(await gql(analyst, `{ rightsRequests { totalCount } }`))).toEqual(['FORBIDDEN']);
      expect(await count('persons', 'select count(*) as n from {rights_request}', [])).toBe(before);
      const theirs = await ok(otherOmil, `{ rightsRequests(first: 100) { nodes { id } } }`);
      expect(theirs.rightsRequests.nodes).toEqual([]);
      // One of 10101's requests, by id, to an OMIL of elsewhere: null, as an unknown one, and the refusal on record.
      const mine = await receive(person.id, 'ACCESS');
      const refusals = () =>
        count('persons', "select count(*) as n from {audit_entry} where person_id = ? and outcome = 'REFUSED'", [String(person.id)]);
      const refusedBefore = await refusals();
      expect((await ok(otherOmil, `query($id: ID!) { rightsRequest(id: $id) { id } }`, { id: mine.id })).rightsRequest).toBeNull();
      expect(await refusals()).toBe(refusedBefore + 1);
    });
  });

  it('access and portability hold every record the person has in every subgraph (compared with direct counts)', async () => {
    // The seeded job seeker of 10101 with the most records across subgraphs.
    const placed = await sql(
      'placements',
      `select person_id as id, count(*) as n from {placement} where omil_commune_code = '10101' group by person_id`,
    );
    const enrolled = new Set((await sql('training', 'select distinct person_id as id from {enrollment}')).map((r) => Number(r.id)));
    const attended = new Set(
      (await sql('training', 'select distinct person_id as id from {workshop_attendance}')).map((r) => Number(r.id)),
    );
    const attentions = new Set((await sql('communes', 'select distinct person_id as id from {attention}')).map((r) => Number(r.id)));
    const candidates = placed
      .map((r) => Number(r.id))
      .filter((id) => enrolled.has(id) && attended.has(id) && attentions.has(id))
      .sort((a, b) => a - b);
    expect(candidates.length).toBeGreaterThan(0);
    const id = candidates[0];
    // A cancelled placement is still held: the access shows it, with its reason.
    const [toCancel] = await sql('placements', 'select id, version from {placement} where person_id = ? order by id limit 1', [id]);
    await ok(admin, `mutation($input: CancelPlacementInput!) { cancelPlacement(input: $input) { placement { status } } }`, {
      input: { id: String(toCancel.id), version: Number(toCancel.version), reason: 'Registrada por error' },
    });

    const res = await fetch(`${platform.gateway.url.replace('/graphql', '')}/export/persons/${id}.json`, {
      headers: { ...bearer(admin), ...PURPOSE },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(`person-${id}.json`);
    const file = (await res.json()) as { records: Record<string, any[]> };
    const direct = {
      placements: await count('placements', 'select count(*) as n from {placement} where person_id = ?', [id]),
      referrals: await count('placements', 'select count(*) as n from {referral} where person_id = ?', [id]),
      enrollments: await count('training', 'select count(*) as n from {enrollment} where person_id = ?', [id]),
      workshops: await count('training', 'select count(*) as n from {workshop_attendance} where person_id = ?', [id]),
      attentions: await count('communes', 'select count(*) as n from {attention} where person_id = ?', [id]),
      jobFairs: await count('communes', 'select count(*) as n from {job_fair_attendance} where person_id = ?', [id]),
      rightsRequests: await count('persons', 'select count(*) as n from {rights_request} where person_id = ?', [id]),
    };
    expect(direct.placements + direct.enrollments + direct.workshops + direct.attentions).toBeGreaterThan(3);
    for (const [kind, n] of Object.entries(direct)) expect([kind, file.records[kind].length]).toEqual([kind, n]);
    expect(file.records.placements.find((p) => p.id === String(toCancel.id))).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: 'Registrada por error',
    });
    const [row] = file.records.person;
    const [stored] = await sql('persons', 'select rut, first_name from {person} where id = ?', [id]);
    expect(row).toMatchObject({ id: String(id), rut: formatRut(stored.rut), firstName: stored.first_name });
    expect(row.privacy.purposes.length).toBeGreaterThan(2);
    expect(row.privacy.origin).toContain('10101');

    // CSV, one file per record kind: a header and one line per record.
    for (const kind of ['placements', 'attentions', 'enrollments'] as const) {
      const csv = await fetch(`${platform.gateway.url.replace('/graphql', '')}/export/persons/${id}/${kind}.csv`, {
        headers: { ...bearer(admin), ...PURPOSE },
      });
      expect(csv.headers.get('content-type')).toContain('text/csv');
      const lines = (await csv.text()).trimEnd().split('\r\n');
      expect(lines.length).toBe(direct[kind] + 1);
      expect(lines[0].split(',')).toContain('id');
    }
    const unknownKind = await fetch(`${platform.gateway.url.replace('/graphql', '')}/export/persons/${id}/salaries.csv`, {
      headers: bearer(admin),
    });
    expect(unknownKind.status).toBe(400);
    expect(((await unknownKind.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    // The export has the graph's access rules: an analyst is refused, another commune's OMIL finds no one.
    const refused = await fetch(`${platform.gateway.url.replace('/graphql', '')}/export/persons/${id}.json`, {
      headers: { ...bearer(analyst), ...PURPOSE },
    });
    expect(refused.status).toBe(403);
    const elsewhere = await fetch(`${platform.gateway.url.replace('/graphql', '')}/export/persons/${id}.json`, {
      headers: { ...bearer(otherOmil), ...PURPOSE },
    });
    expect(elsewhere.status).toBe(404);
  });

  it('rectification: the correction grants the request and reaches every projection by events', async () => {
    const person = await register('Rect');
    const request = await receive(person.id, 'RECTIFICATION', { details: 'Fecha de nacimiento mal escrita' });
    const refused = await gql(omil, RESOLVE, { input: { id: request.id, version: 1, decision: 'GRANTED', resolution: 'x' } });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.decision' });

    const updated = await ok(
      omil,
      `mutation($input: UpdateJobSeekerInput!) { updateJobSeeker(input: $input) { person { version birthDate lastName correctionReason } } }`,
      {
        input: {
          id: person.id,
          version: person.version,
          reason: 'Solicitud de rectificación',
          birthDate: '1990-07-23',
          lastName: `${person.lastName}b`,
          rightsRequestId: request.id,
        },
      },
    );
    expect(updated.updateJobSeeker.person).toMatchObject({ version: 2, birthDate: '1990-07-23', lastName: `${person.lastName}b` });
    const resolved = (await ok(omil, `query($id: ID!) { rightsRequest(id: $id) { ${REQUEST_FIELDS} } }`, { id: request.id })).rightsRequest;
    expect(resolved).toMatchObject({ status: 'GRANTED', handledBy: 'test-omil', resolvedAt: today() });
    expect(resolved.resolution).toContain('birthDate');

    await platform.eventsIdle();
    for (const subgraph of ['placements', 'training', 'communes']) {
      const [row] = await sql(subgraph, 'select birth_date from {person_projection} where id = ?', [Number(person.id)]);
      expect([subgraph, String(row.birth_date instanceof Date ? row.birth_date.toISOString() : row.birth_date).slice(0, 10)]).toEqual([
        subgraph,
        '1990-07-23',
      ]);
    }
    // The request is granted: a second correction naming it is CONFLICT and changes nothing.
    const again = await gql(omil, `mutation($input: UpdateJobSeekerInput!) { updateJobSeeker(input: $input) { person { version } } }`, {
      input: { id: person.id, version: 2, reason: 'Otra', firstName: 'Otra', rightsRequestId: request.id },
    });
    expect(errorCodes(again)).toEqual(['CONFLICT']);
  });

  it('blocking: personal fields refused to all but admins, still counted in statistics; unblocking restores them', async () => {
    const person = await register('Block');
    const read = (token: string) => gql(token, `query($id: ID!) { person(id: $id) { id rut phone sex blocked } }`, { id: person.id });
    const registrations = async () =>
      (await ok(analyst, `{ jobSeekerStats(filter: { years: [2024], communes: ["10101"] }, groupBy: []) { registrations } }`))
        .jobSeekerStats[0].registrations;
    const counted = await registrations();

    await grant(await receive(person.id, 'BLOCKING'), 'Bloqueo temporal mientras revisa sus datos');
    const blocked = await read(omil);
    expect(blocked.data.person).toMatchObject({ id: person.id, rut: null, phone: null, sex: 'FEMALE', blocked: true });
    expect(blocked.errors?.map((e) => [e.extensions?.code, e.extensions?.reason, e.path?.at(-1)])).toEqual([
      ['FORBIDDEN', 'blocked', 'rut'],
      ['FORBIDDEN', 'blocked', 'phone'],
    ]);
    // The access check granted those fields, the block refused them: the audit says refused, not read.
    const audit = await ok(admin, `query($f: AuditFilter) { auditEntries(filter: $f) { nodes { viewerSub outcome fields } } }`, {
      f: { personId: person.id, viewer: 'test-omil' },
    });
    expect(audit.auditEntries.nodes[0]).toEqual({ viewerSub: 'test-omil', outcome: 'REFUSED', fields: ['phone', 'rut'] });
    expect((await read(admin)).data.person).toMatchObject({ rut: person.rut, phone: person.phone, blocked: true });
    expect(await registrations()).toBe(counted);

    const { version } = (await ok(admin, `query($id: ID!) { person(id: $id) { version } }`, { id: person.id })).person;
    const lifted = await ok(omil, `mutation($input: UnblockJobSeekerInput!) { unblockJobSeeker(input: $input) { person { version } } }`, {
      input: { id: person.id, version, reason: 'Revisión terminada' },
    });
    expect(lifted.unblockJobSeeker.person.version).toBe(version + 1);
    const restored = await read(omil);
    expect(restored.errors).toBeUndefined();
    expect(restored.data.person).toMatchObject({ rut: person.rut, phone: person.phone, blocked: false });
    const [request] = (await ok(omil, `query($id: ID!) { person(id: $id) { rightsRequests { resolution } } }`, { id: person.id })).person
      .rightsRequests;
    expect(request.resolution).toContain('lifted on');
  });

  it('objection: referrals of an objecting person are refused with a coded error', async () => {
    const person = await register('Obj');
    const vacancy = await ok(omil, `mutation($input: RegisterVacancyInput!) { registerVacancy(input: $input) { vacancy { id } } }`, {
      input: {
        idempotencyKey: randomUUID(),
        employerId: '1',
        occupationCode: '9112',
        positions: 2,
        contractType: 'INDEFINITE',
        wageMin: 560_000,
        wageMax: 620_000,
        communeCode: '10101',
        openedAt: '2024-03-02',
      },
    });
    await platform.eventsIdle();
    const refer = () =>
      gql(omil, `mutation($input: ReferToVacancyInput!) { referToVacancy(input: $input) { referral { id } } }`, {
        input: {
          idempotencyKey: randomUUID(),
          personId: person.id,
          vacancyId: vacancy.registerVacancy.vacancy.id,
          communeCode: '10101',
          referredAt: '2024-03-05',
        },
      });
    const request = await receive(person.id, 'OBJECTION', { purposes: ['REFERRALS', 'JOB_OFFERS'] });
    expect(request.purposes).toEqual(['REFERRALS', 'JOB_OFFERS']);
    await grant(request, 'Oposición acogida');
    await platform.eventsIdle();
    const objections = await ok(omil, `query($id: ID!) { person(id: $id) { objections } }`, { id: person.id });
    expect(objections.person.objections).toEqual(['JOB_OFFERS', 'REFERRALS']);
    // Contact for job offers: refused to a reader whose declared purpose is job placement, not to others.
    const contact = (purpose: string) =>
      post(
        platform.url,
        `query($id: ID!) { person(id: $id) { id phone email sex } }`,
        { id: person.id },
        { ...bearer(omil), 'x-purpose': purpose },
      );
    const offers = await contact('job-placement');
    expect(offers.data?.person).toMatchObject({ id: person.id, phone: null, email: null, sex: 'FEMALE' });
    expect(offers.errors?.map((e) => [e.extensions?.code, e.extensions?.reason, e.path?.at(-1)])).toEqual([
      ['FORBIDDEN', 'objection', 'phone'],
      ['FORBIDDEN', 'objection', 'email'],
    ]);
    expect((await contact('data-subject-request')).data?.person).toMatchObject({ phone: person.phone, email: person.email });
    const before = await count('placements', 'select count(*) as n from {referral} where person_id = ?', [Number(person.id)]);
    const refused = await refer();
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'objection', field: 'input.personId' });
    expect(refused.status).toBe(403);
    expect(await count('placements', 'select count(*) as n from {referral} where person_id = ?', [Number(person.id)])).toBe(before);
  });

  it("a request's details (the person's own words) are personal data: read under a declared purpose, recorded as a read of the person", async () => {
    const person = await register('Det');
    const request = await receive(person.id, 'RECTIFICATION', { details: 'Mi teléfono cambió' });
    const READ = `query($f: RightsRequestFilter) { rightsRequests(filter: $f, first: 10) { nodes { id details } } }`;
    const variables = { f: { persons: [person.id] } };

    // Without a declared purpose: refused before anything runs.
    const bare = await post(platform.url, READ, variables, bearer(omil));
    expect(errorCodes(bare)).toEqual(['BAD_USER_INPUT']);

    const requestId = randomUUID();
    const read = await post(platform.url, READ, variables, { ...bearer(omil), ...PURPOSE, 'x-request-id': requestId });
    expect(read.errors).toBeUndefined();
    expect(read.data.rightsRequests.nodes).toEqual([{ id: request.id, details: 'Mi teléfono cambió' }]);
    const entries = await ok(
      admin,
      `query($f: AuditFilter) { auditEntries(filter: $f) { nodes { requestId personType personId fields outcome purpose } } }`,
      { f: { personId: person.id } },
    );
    expect(entries.auditEntries.nodes.filter((e: { requestId: string }) => e.requestId === requestId)).toEqual([
      {
        requestId,
        personType: 'Person',
        personId: person.id,
        fields: ['RightsRequest.details'],
        outcome: 'READ',
        purpose: 'data-subject-request',
      },
    ]);
  });

  it("a request's details have the person's readers: through the person, the OMIL of either of their communes", async () => {
    // Lives in 10301 (otherOmil's commune), registered by the OMIL of 10101.
    const person = await register('Res', '10301');
    await receive(person.id, 'ACCESS', { details: 'Quiero mis datos' });
    const THROUGH_PERSON = `query($id: ID!) { person(id: $id) { rightsRequests { kind details } } }`;
    const through = await gql(otherOmil, THROUGH_PERSON, { id: person.id });
    expect(through.errors).toBeUndefined();
    expect(through.data.person.rightsRequests).toEqual([{ kind: 'ACCESS', details: 'Quiero mis datos' }]);
  });

  it("a refused list names other types' personal fields as Type.field", async () => {
    const person = await register('Ref');
    const requestId = randomUUID();
    const refused = await post(
      platform.url,
      `query($id: ID!) { person(id: $id) { firstName rightsRequests { details } } }`,
      { id: person.id },
      { ...bearer(otherOmil), ...PURPOSE, 'x-request-id': requestId },
    );
    expect(refused.data?.person ?? null).toBeNull();
    const entries = await ok(admin, `query($f: AuditFilter) { auditEntries(filter: $f) { nodes { requestId fields outcome } } }`, {
      f: { personId: person.id, outcomes: ['REFUSED'] },
    });
    expect(entries.auditEntries.nodes.filter((e: { requestId: string }) => e.requestId === requestId)).toEqual([
      { requestId, fields: ['RightsRequest.details', 'firstName'], outcome: 'REFUSED' },
    ]);
  });

  it('acceptance: an OMIL of 10101 reads a job seeker (declaring a purpose), the admin sees the read in the audit; JSON export; blocked, then erased: their RUT nowhere, placementStats of every year as before', async () => {
    const [seeded] = await sql(
      'persons',
      `select id, rut from {person} where omil_commune_code = '10101' and residence_commune_code = '10101' and created_by = 'seed' order by id desc limit 1`,
    );
    const id = String(seeded.id);
    const rut = formatRut(seeded.rut);
    const read = await post(
      platform.url,
      `query ReadJobSeeker($id: ID!) { person(id: $id) { id rut firstName lastName phone } }`,
      { id },
      { ...bearer(omil), 'x-purpose': 'job-placement' },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data.person).toMatchObject({ id, rut });
    const audit = await ok(
      admin,
      `query($f: AuditFilter) { auditEntries(filter: $f) { nodes { viewerSub purpose operation outcome fields } } }`,
      {
        f: { personId: id, viewer: 'test-omil' },
      },
    );
    expect(audit.auditEntries.nodes).toContainEqual(
      expect.objectContaining({ viewerSub: 'test-omil', purpose: 'job-placement', operation: 'ReadJobSeeker', outcome: 'READ' }),
    );

    const exported = await fetch(`${platform.gateway.url.replace('/graphql', '')}/export/persons/${id}.json`, {
      headers: { ...bearer(omil), ...PURPOSE },
    });
    expect(exported.status).toBe(200);
    const file = (await exported.json()) as { records: Record<string, any[]> };
    expect(file.records.person[0]).toMatchObject({ id, rut });
    const recipients = file.records.person[0].privacy.recipients;
    expect(recipients).toContainEqual(
      expect.objectContaining({ subject: 'test-omil', purposes: expect.arrayContaining(['job-placement']) }),
    );
    expect(file.records.placements.length).toBe(
      await count('placements', `select count(*) as n from {placement} where person_id = ? and omil_commune_code = '10101'`, [Number(id)]),
    );

    await grant(await receive(id, 'BLOCKING'), 'Bloqueo solicitado');
    const blocked = await gql(omil, `query($id: ID!) { person(id: $id) { rut firstName } }`, { id });
    expect(errorCodes(blocked)).toEqual(['FORBIDDEN', 'FORBIDDEN']);

    const needles = [rut, rut.replace(/\./g, ''), rut.replace(/[.-]/g, '')];
    expect((await findInEveryTable(apps(), needles)).map((h) => `${h.subgraph}.${h.table}`)).toEqual(['persons.person']);
    const before = await statistics();
    await grant(await receive(id, 'ERASURE'), 'Supresión realizada');
    await platform.eventsIdle();
    expect(await findInEveryTable(apps(), needles)).toEqual([]);
    expect(await statistics()).toEqual(before);
  });

  it('erasure: nothing of the person in any table of any subgraph, and every statistic as before', async () => {
    const person = await register('Erase');
    const id = Number(person.id);
    const fullName = `${person.firstName} ${person.lastName}`;
    // The person's records in every subgraph, some with free text that names them.
    const attention = await ok(
      omil,
      `mutation($input: RecordAttentionInput!) { recordAttention(input: $input) { attention { id version } } }`,
      { input: { idempotencyKey: randomUUID(), personId: person.id, communeCode: '10101', date: '2024-03-04', kind: 'ORIENTATION' } },
    );
    await ok(omil, `mutation($input: CancelAttentionInput!) { cancelAttention(input: $input) { attention { id } } }`, {
      input: { ...attention.recordAttention.attention, reason: `Registrada dos veces para ${fullName}` },
    });
    const [course] = await sql('training', `select id from {course} where commune_code = '10101' order by id limit 1`);
    const [workshop] = await sql(
      'training',
      `select id from {workshop} where commune_code = '10101' and date >= '2024-03-01' and date <= ? order by id limit 1`,
      [today()],
    );
    await ok(omil, `mutation($input: EnrollInCourseInput!) { enrollInCourse(input: $input) { enrollment { id } } }`, {
      input: { idempotencyKey: randomUUID(), personId: person.id, courseId: String(course.id), enrolledAt: '2024-03-10' },
    });
    await ok(omil, `mutation($input: RecordWorkshopAttendanceInput!) { recordWorkshopAttendance(input: $input) { attendance { id } } }`, {
      input: { idempotencyKey: randomUUID(), personId: person.id, workshopId: String(workshop.id) },
    });
    await ok(omil, `mutation($input: RegisterPlacementInput!) { registerPlacement(input: $input) { placement { id } } }`, {
      input: {
        idempotencyKey: randomUUID(),
        personId: person.id,
        employerId: '1',
        communeCode: '10101',
        startDate: '2024-04-15',
        occupationCode: '9112',
        contractType: 'INDEFINITE',
        monthlyWage: 580_000,
      },
    });
    await ok(omil, `mutation($input: UpdateJobSeekerInput!) { updateJobSeeker(input: $input) { person { version } } }`, {
      input: {
        id: person.id,
        version: person.version,
        reason: `Teléfono nuevo de ${fullName}`,
        phone: person.phone.replace('+56 9 7', '+56 9 6'),
      },
    });
    await platform.eventsIdle();

    const needles = [
      person.rut,
      person.rut.replace(/\./g, ''),
      person.rut.replace(/[.-]/g, ''),
      person.firstName,
      person.lastName,
      person.secondLastName,
      person.phone.replace('+56 9 7', '+56 9 6'),
      person.phone.slice(-8),
      person.email,
    ];
    const found = await findInEveryTable(apps(), needles);
    // Before the erasure the search finds the person: their record (and its correction reason), the attention's reason.
    const where = new Set(found.map((h) => `${h.subgraph}.${h.table}`));
    expect(where).toEqual(new Set(['persons.person', 'communes.attention']));
    const before = await statistics();

    const request = await receive(person.id, 'ERASURE', { details: `Borrar todo de ${fullName}, ${person.email}` });
    expect((await findInEveryTable(apps(), [person.email])).map((h) => h.table)).toContain('rights_request');
    const erased = await grant(request, 'Supresión realizada');
    expect(erased).toMatchObject({ status: 'GRANTED', details: null });
    await platform.eventsIdle();

    expect(await findInEveryTable(apps(), needles)).toEqual([]);
    expect(await statistics()).toEqual(before);
    expect((await ok(omil, `query($id: ID!) { person(id: $id) { id } }`, { id: person.id })).person).toBeNull();
    expect((await ok(omil, `query($rut: Rut!) { personByRut(rut: $rut) { id } }`, { rut: person.rut })).personByRut).toBeNull();
    for (const subgraph of ['placements', 'training', 'communes']) {
      expect([subgraph, await count(subgraph, 'select count(*) as n from {person_projection} where id = ?', [id])]).toEqual([subgraph, 0]);
    }
    const events = (await outboxAfter(platform.subgraphs.persons)).filter((e) => e.payload.personId === id);
    expect(events.map((e) => [e.type, e.payload])).toEqual([
      ['persons.job_seeker_registered', { personId: id, erased: true }],
      ['persons.job_seeker_updated', { personId: id, erased: true }],
      ['persons.person_erased', { personId: id }],
    ]);
    // The request is kept as evidence; the registration's idempotency key no longer returns the record.
    expect(
      (await ok(omil, `query($id: ID!) { rightsRequest(id: $id) { status person { id } } }`, { id: request.id })).rightsRequest,
    ).toEqual({
      status: 'GRANTED',
      person: null,
    });
  });
});

// Replay-safety of an erasure, on a platform that starts empty (the seeded network's replay is an
// operations figure): the erased person's earlier events rebuild no projection of them.
describe.each(testDatabaseKinds())('an erasure and a replay from the start [%s]', (kind) => {
  let platform: Platform;
  let omil: string;
  beforeAll(async () => {
    platform = await startPlatform(kind, undefined, { seed: false });
    omil = await tokenFor('omil', ['10101']);
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('rebuilds the projections without the erased person', async () => {
    const ask = async (query: string, input: Record<string, unknown>) => {
      const body = await post(platform.url, query, { input }, { ...bearer(omil), ...PURPOSE });
      if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };
    const ids: number[] = [];
    const rut = formatRut(rutOf(++rutBody));
    for (const [i, r] of [rut, formatRut(rutOf(++rutBody))].entries()) {
      const d = await ask(`mutation($input: RegisterJobSeekerInput!) { registerJobSeeker(input: $input) { person { id } } }`, {
        idempotencyKey: randomUUID(),
        rut: r,
        firstName: `Replay${i}`,
        lastName: 'Sintética',
        birthDate: '1993-02-0' + (i + 1),
        sex: 'MALE',
        education: 'SECONDARY',
        residenceCommuneCode: '10101',
        omilCommuneCode: '10101',
        registeredAt: '2025-01-10',
      });
      ids.push(Number(d.registerJobSeeker.person.id));
    }
    const request = (
      await ask(`mutation($input: ReceiveRightsRequestInput!) { receiveRightsRequest(input: $input) { request { id version } } }`, {
        idempotencyKey: randomUUID(),
        personId: String(ids[0]),
        kind: 'ERASURE',
      })
    ).receiveRightsRequest.request;
    await ask(`mutation($input: ResolveRightsRequestInput!) { resolveRightsRequest(input: $input) { request { status } } }`, {
      ...request,
      decision: 'GRANTED',
      resolution: 'Supresión realizada',
    });
    await platform.eventsIdle();
    const projected = async () => {
      const out: Record<string, number[]> = {};
      for (const name of ['placements', 'training', 'communes']) {
        const app = platform.subgraphs[name];
        const table = app.db!.kind === 'postgresql' ? `"${name}"."person_projection"` : 'person_projection';
        const rows = (await app.db!.em.getConnection().execute(`select id from ${table} order by id`)) as { id: number }[];
        out[name] = rows.map((r) => Number(r.id));
      }
      return out;
    };
    const expected = { placements: [ids[1]], training: [ids[1]], communes: [ids[1]] };
    expect(await projected()).toEqual(expected);
    await replayAll(Object.values(platform.subgraphs), platform.bus);
    expect(await projected()).toEqual(expected);
    expect(await findInEveryTable(Object.values(platform.subgraphs), [rut, rut.replace(/\./g, ''), 'Replay0'])).toEqual([]);
  });
});
