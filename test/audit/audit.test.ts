import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/knex';
import { AuditEntry, entriesOfPerson, verifyChain } from '../../kit/audit';
import { SHARED_SECRET_HEADER } from '../../kit/config';
import { formatRut, rutOf } from '../../kit/rut';
import { bearer, errorCodes, post, tokenFor } from '../support/graphql';
import { describeEachDatabase, type Platform } from '../support/platform';

const PURPOSE = 'job-placement';

/** Entries of one request, in chain order. */
async function entriesOf(platform: Platform, requestId: string): Promise<AuditEntry[]> {
  return (platform.subgraphs.persons.db!.em.fork() as EntityManager).find(AuditEntry, { requestId }, { orderBy: { seq: 'asc' } });
}

const summary = (entries: AuditEntry[]) =>
  entries.map((e) => ({ person: e.personId, outcome: e.outcome, fields: e.fields, viewer: e.viewerSub, purpose: e.purpose }));

describeEachDatabase('audit of personal data', (platform) => {
  /** POSTs through the gateway as `token` with its own request id; returns the body and that id. */
  async function ask(query: string, token: string | null, purpose: string | null = PURPOSE, variables?: Record<string, unknown>) {
    const requestId = `test-${randomUUID()}`;
    const headers: Record<string, string> = { 'x-request-id': requestId, ...(token ? bearer(token) : {}) };
    if (purpose) headers['x-purpose'] = purpose;
    const body = await post(platform().url, query, variables, headers);
    return { body, requestId, entries: () => entriesOf(platform(), requestId) };
  }

  it('records a read by id: the person, the fields, the viewer, its roles and communes, the operation, the request id and purpose', async () => {
    const omil = await tokenFor('omil', ['10101']);
    const { body, requestId, entries } = await ask('query ReadOne { person(id: "1") { id rut firstName email sex } }', omil);
    expect(body.status).toBe(200);
    expect(body.data.person).toMatchObject({ id: '1', rut: '12.345.678-5' });
    const [entry, ...more] = await entries();
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      requestId,
      operation: 'ReadOne',
      viewerSub: 'test-omil',
      viewerRoles: 'omil',
      viewerCommunes: '10101',
      purpose: PURPOSE,
      personType: 'Person',
      personId: '1',
      fields: 'email,firstName,rut',
      outcome: 'READ',
    });
    expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('records a read by RUT and every person of a list, one entry each', async () => {
    const municipality = await tokenFor('municipality', ['10101']);
    const byRut = await ask('{ personByRut(rut: "12.345.678-5") { id lastName } }', municipality);
    expect(summary(await byRut.entries())).toEqual([
      { person: '1', outcome: 'READ', fields: 'lastName', viewer: 'test-municipality', purpose: PURPOSE },
    ]);
    const list = await ask('{ persons(first: 5, filter: { communes: ["10101"] }) { nodes { id phone } } }', municipality);
    const ids = list.body.data.persons.nodes.map((n: { id: string }) => n.id);
    expect(ids).toHaveLength(5);
    expect((await list.entries()).map((e) => [e.personId, e.fields, e.outcome])).toEqual(
      [...ids].sort((a, b) => Number(a) - Number(b)).map((id) => [id, 'phone', 'READ']),
    );
  });

  it('records reads through links (_entities): a placement’s person, one entry per person per request', async () => {
    const omil = await tokenFor('omil', ['10101']);
    const { body, entries } = await ask(
      '{ commune(code: "10101") { placements(first: 4) { nodes { person { id rut birthDate ... on Person { email rut } } } } } }',
      omil,
    );
    const persons = body.data.commune.placements.nodes.map((n: { person: { id: string; rut: string } }) => n.person);
    expect(persons.every((p: { rut: string }) => /^\d/.test(p.rut))).toBe(true);
    const distinct = [...new Set(persons.map((p: { id: string }) => p.id))];
    const recorded = await entries();
    expect(recorded.map((e) => e.personId).sort()).toEqual([...distinct].sort());
    for (const e of recorded) expect([e.fields, e.outcome, e.operation]).toEqual(['birthDate,email,rut', 'READ', null]);
  });

  it('merges the fetches of one request: one entry per person and outcome, later fields added once', async () => {
    // The gateway may reach persons several times in one request (one fetch per step of its plan).
    const omil = await tokenFor('omil', ['10101']);
    const requestId = `test-${randomUUID()}`;
    const headers: Record<string, string> = { 'x-request-id': requestId, 'x-purpose': PURPOSE, ...bearer(omil) };
    if (platform().sharedSecret) headers[SHARED_SECRET_HEADER] = platform().sharedSecret!;
    const fetchPersons = (fields: string) =>
      post(
        platform().subgraphUrls.persons,
        `{ _entities(representations: [{ __typename: "Person", id: "1" }, { __typename: "Person", id: "2" }]) { ... on Person { id ${fields} } } }`,
        undefined,
        headers,
      );
    expect((await fetchPersons('rut')).errors).toBeUndefined();
    expect((await fetchPersons('rut')).errors).toBeUndefined();
    await Promise.all([fetchPersons('rut firstName'), fetchPersons('rut firstName')]);
    expect(summary(await entriesOf(platform(), requestId)).map(({ person, fields, outcome }) => [person, fields, outcome])).toEqual([
      ['1', 'rut', 'READ'],
      ['2', 'rut', 'READ'],
      ['1', 'firstName', 'READ'],
      ['2', 'firstName', 'READ'],
    ]);
  });

  it('records reads refused by access control as refused: analysts through links and lookups, an OMIL outside its communes', async () => {
    const analyst = await tokenFor('analyst');
    // Through the gateway an analyst reaches no person link: the person-level list is refused first.
    const viaGateway = await ask('{ commune(code: "10101") { placements(first: 3) { nodes { person { id rut } } } } }', analyst, null);
    expect(errorCodes(viaGateway.body)).toEqual(['FORBIDDEN']);
    // The link itself (_entities, as the gateway would send it), refused and recorded per person.
    const requestId = `test-${randomUUID()}`;
    const headers: Record<string, string> = { 'x-request-id': requestId, ...bearer(analyst) };
    if (platform().sharedSecret) headers[SHARED_SECRET_HEADER] = platform().sharedSecret!;
    const link = await post(
      `${platform().subgraphUrls.persons}`,
      '{ _entities(representations: [{ __typename: "Person", id: "1" }, { __typename: "Person", id: "2" }, { __typename: "Person", id: "3" }]) { ... on Person { id rut } } }',
      undefined,
      headers,
    );
    expect(errorCodes(link)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    const refused = await entriesOf(platform(), requestId);
    expect(refused.map((e) => e.personId).sort()).toEqual(['1', '2', '3']);
    for (const e of refused) expect([e.outcome, e.fields, e.viewerSub]).toEqual(['REFUSED', 'rut', 'test-analyst']);

    const lookup = await ask('{ person(id: "1") { id firstName } }', analyst, null);
    expect(errorCodes(lookup.body)).toEqual(['FORBIDDEN']);
    expect(summary(await lookup.entries())).toEqual([
      { person: '1', outcome: 'REFUSED', fields: 'firstName', viewer: 'test-analyst', purpose: null },
    ]);

    const list = await ask('{ persons(first: 2) { nodes { rut } } }', analyst, null);
    expect(errorCodes(list.body)).toEqual(['FORBIDDEN']);
    expect(summary(await list.entries())).toEqual([
      { person: null, outcome: 'REFUSED', fields: 'rut', viewer: 'test-analyst', purpose: null },
    ]);

    // The RUT lookup behind imports: refused, and on record, as the list is.
    const rutOfOne = '12.345.678-5';
    const byRuts = await ask(`{ personsByRut(ruts: ["${rutOfOne}"]) { id } }`, analyst, null);
    expect(errorCodes(byRuts.body)).toEqual(['FORBIDDEN']);
    expect(summary(await byRuts.entries())).toEqual([
      { person: null, outcome: 'REFUSED', fields: '', viewer: 'test-analyst', purpose: null },
    ]);

    // Rights requests (a person's own requests under Ley 21.719): refused, and on record.
    for (const query of ['{ rightsRequests { totalCount } }', '{ rightsRequest(id: "1") { id } }']) {
      const rights = await ask(query, analyst, null);
      expect(errorCodes(rights.body)).toEqual(['FORBIDDEN']);
      expect(summary(await rights.entries())).toEqual([
        { person: null, outcome: 'REFUSED', fields: '', viewer: 'test-analyst', purpose: null },
      ]);
    }

    // Person 1 lives and registered in 10101: to an OMIL of 10102 it is null, and the refusal is on record.
    const elsewhere = await ask('{ person(id: "1") { id rut } }', await tokenFor('omil', ['10102']));
    expect(elsewhere.body.data).toEqual({ person: null });
    expect(summary(await elsewhere.entries())).toEqual([
      { person: '1', outcome: 'REFUSED', fields: 'rut', viewer: 'test-omil', purpose: PURPOSE },
    ]);
    // By RUT, in a list: left out, as an unknown RUT is, and on record.
    const outside = await ask(`{ personsByRut(ruts: ["${rutOfOne}"]) { id rut } }`, await tokenFor('omil', ['10102']));
    expect(outside.body.data).toEqual({ personsByRut: [] });
    expect(summary(await outside.entries())).toEqual([
      { person: '1', outcome: 'REFUSED', fields: 'rut', viewer: 'test-omil', purpose: PURPOSE },
    ]);
  });

  it('refuses a personal read without a valid purpose: 400 BAD_USER_INPUT naming the header, nothing returned or recorded', async () => {
    const omil = await tokenFor('omil', ['10101']);
    for (const purpose of [null, 'curiosity']) {
      const { body, entries } = await ask('{ person(id: "1") { rut } }', omil, purpose);
      expect(body.status).toBe(400);
      expect(errorCodes(body)).toEqual(['BAD_USER_INPUT']);
      expect(body.errors![0].extensions).toMatchObject({ field: 'x-purpose' });
      expect(body.errors![0].message).toMatch(/job-placement/);
      expect(body.data?.person ?? null).toBeNull();
      expect(await entries()).toEqual([]);
    }
    // Non-personal fields need no purpose.
    const plain = await ask('{ person(id: "1") { id sex } }', omil, null);
    expect(plain.body.data).toEqual({ person: { id: '1', sex: expect.any(String) } });
    expect(await plain.entries()).toEqual([]);
  });

  it('records writes of personal data with the fields written', async () => {
    const omil = await tokenFor('omil', ['10101']);
    const input = {
      idempotencyKey: randomUUID(),
      rut: formatRut(rutOf(40_100_200)),
      firstName: 'Javiera',
      lastName: 'Millán',
      birthDate: '1995-02-03',
      sex: 'FEMALE',
      education: 'SECONDARY',
      residenceCommuneCode: '10101',
      omilCommuneCode: '10101',
      bneRegistered: false,
      disabilityConsent: false,
    };
    const { body, entries } = await ask(
      'mutation Register($input: RegisterJobSeekerInput!) { registerJobSeeker(input: $input) { person { id rut } } }',
      omil,
      'registration',
      { input },
    );
    expect(body.errors).toBeUndefined();
    const id = body.data.registerJobSeeker.person.id;
    expect(summary(await entries())).toEqual([
      {
        person: id,
        outcome: 'WRITTEN',
        fields: 'birthDate,bneRegistered,disabilityConsent,education,firstName,lastName,omilCommuneCode,residenceCommuneCode,rut,sex',
        viewer: 'test-omil',
        purpose: 'registration',
      },
    ]);
    const history = await entriesOfPerson(platform().subgraphs.persons.db!.em, id);
    expect(history.map((e) => e.outcome)).toEqual(['WRITTEN']);
  });

  it('lets admins query the log by person, viewer and period (paginated); others are FORBIDDEN', async () => {
    const omil = await tokenFor('omil', ['10101']);
    await ask('{ person(id: "2") { rut } }', omil);
    await ask('{ person(id: "2") { email } }', await tokenFor('admin'));
    const admin = await tokenFor('admin');
    const today = new Date().toISOString().slice(0, 10);
    const query = `query($filter: AuditFilter, $first: Int) { auditEntries(filter: $filter, first: $first) {
      totalCount nodes { seq personId viewerSub viewerRoles viewerCommunes fields outcome purpose requestId at } pageInfo { hasNextPage } } }`;
    const byPerson = await post(platform().url, query, { filter: { personId: '2' } }, bearer(admin));
    expect(byPerson.data.auditEntries.nodes.every((n: any) => n.personId === '2')).toBe(true);
    expect(byPerson.data.auditEntries.nodes.slice(0, 2).map((n: any) => [n.viewerSub, n.fields])).toEqual([
      ['test-admin', ['email']],
      ['test-omil', ['rut']],
    ]);
    expect(byPerson.data.auditEntries.nodes[1]).toMatchObject({ viewerRoles: ['omil'], viewerCommunes: ['10101'], outcome: 'READ' });
    const byViewer = await post(
      platform().url,
      query,
      { filter: { viewer: 'test-omil', period: { from: today, to: today } }, first: 2 },
      bearer(admin),
    );
    expect(byViewer.data.auditEntries.totalCount).toBeGreaterThan(2);
    expect(byViewer.data.auditEntries.nodes).toHaveLength(2);
    expect(byViewer.data.auditEntries.pageInfo.hasNextPage).toBe(true);
    expect(byViewer.data.auditEntries.nodes.every((n: any) => n.viewerSub === 'test-omil')).toBe(true);
    const past = await post(platform().url, query, { filter: { period: { year: 2020 } } }, bearer(admin));
    expect(past.data.auditEntries.totalCount).toBe(0);
    for (const [token, code] of [
      [await tokenFor('omil', ['10101']), 'FORBIDDEN'],
      [await tokenFor('analyst'), 'FORBIDDEN'],
      [null, 'UNAUTHENTICATED'],
    ] as const) {
      const body = await post(platform().url, '{ auditEntries { totalCount } }', undefined, token ? bearer(token) : {});
      expect(errorCodes(body)).toEqual([code]);
    }
  });

  it('keeps the chain intact under 20 parallel personal reads: 20 entries, consecutive seqs', async () => {
    const omil = await tokenFor('omil', ['10101']);
    const em = platform().subgraphs.persons.db!.em;
    const before = await verifyChain(em);
    const asks = await Promise.all(Array.from({ length: 20 }, () => ask('{ person(id: "1") { rut } }', omil)));
    expect(asks.every((a) => a.body.data?.person?.rut === '12.345.678-5')).toBe(true);
    const after = await verifyChain(em);
    expect(after.broken).toBeUndefined();
    expect(after.entries).toBe(before.entries + 20);
    const seqs = (await Promise.all(asks.map((a) => a.entries()))).flat().map((e) => e.seq);
    expect(new Set(seqs).size).toBe(20);
  });
});
