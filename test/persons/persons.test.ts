import { checkRut } from '../../kit/rut';
import { bearer, errorCodes, tokenFor } from '../support/graphql';
import { describeSubgraph } from '../support/subgraph';
import { personsSubgraph } from '../../subgraphs/persons/subgraph';

const PERSON =
  'id rut firstName lastName secondLastName birthDate sex education ageBand registeredAt bneRegistered phone email disabilityConsent disability residenceCommune { code } omilCommune { code }';

describeSubgraph(personsSubgraph, 'persons subgraph', (subgraph) => {
  const as = async (roles: Parameters<typeof tokenFor>[0], communes: string[] = []) => tokenFor(roles, communes);

  it.each(['12345678-5', '12.345.678-5', '123456785', '12.345.678-5 '])('finds the same person by RUT written as %s', async (rut) => {
    const d = await subgraph().data(
      `query($rut: Rut!) { personByRut(rut: $rut) { ${PERSON} } }`,
      { rut },
      await as('municipality', ['10101']),
    );
    expect(d.personByRut).toMatchObject({ id: '1', rut: '12.345.678-5', omilCommune: { code: '10101' } });
    expect(d.personByRut.email).toMatch(/@example\.cl$/);
  });

  it('accepts a RUT literal in the query too', async () => {
    const d = await subgraph().data('{ personByRut(rut: "12.345.678-5") { id } }', undefined, await as('admin'));
    expect(d.personByRut).toEqual({ id: '1' });
  });

  it.each([
    ['a wrong check digit', '12.345.678-4', /wrong check digit/],
    ['letters', 'abc', /must be digits/],
    ['an empty string', '', /empty/],
  ])('refuses %s with BAD_USER_INPUT naming the field, as a variable and as a literal', async (_label, rut, reason) => {
    const token = bearer(await as('admin'));
    for (const body of [
      await subgraph().execute('query($rut: Rut!) { personByRut(rut: $rut) { id } }', { rut }, token),
      await subgraph().execute(`{ personByRut(rut: ${JSON.stringify(rut)}) { id } }`, undefined, token),
    ]) {
      expect(errorCodes(body)).toEqual(['BAD_USER_INPUT']);
      expect(body.errors![0].message).toMatch(reason);
      expect(body.errors![0].message).toMatch(/rut/);
    }
  });

  it('gives null for an unknown id or RUT', async () => {
    const d = await subgraph().data(
      '{ person(id: "99999999") { id } personByRut(rut: "11.111.111-1") { id } }',
      undefined,
      await as('admin'),
    );
    expect(d).toEqual({ person: null, personByRut: null });
  });

  it('refuses people lists and lookups to analysts, partners and the public', async () => {
    for (const [headers, code] of [
      [{}, 'UNAUTHENTICATED'],
      [bearer(await as('analyst')), 'FORBIDDEN'],
      [bearer(await as('partner')), 'FORBIDDEN'],
    ] as const) {
      const body = await subgraph().execute('{ persons(first: 1) { totalCount } person(id: "1") { id } }', undefined, headers);
      expect(errorCodes(body)).toEqual([code, code]);
      expect(body.data).toEqual({ persons: null, person: null });
    }
  });

  it("narrows persons to a municipality's communes and hides people of other communes", async () => {
    const token = await as('municipality', ['10208']);
    const d = await subgraph().data(
      `{
      mine: persons(first: 100) { totalCount nodes { rut residenceCommune { code } omilCommune { code } } }
      asked: persons(filter: { communes: ["10101"] }, first: 5) { totalCount }
      one: person(id: "1") { id }
    }`,
      undefined,
      token,
    );
    expect(d.mine.totalCount).toBeGreaterThan(100);
    expect(d.mine.nodes.every((p: any) => p.residenceCommune.code === '10208' || p.omilCommune.code === '10208')).toBe(true);
    expect(d.mine.nodes.every((p: any) => checkRut(p.rut).ok)).toBe(true);
    expect(d.asked.totalCount).toBe(0);
    expect(d.one).toBeNull();
  });

  it('filters by registration period, sex, age band and education, consistently', async () => {
    const token = await as('admin');
    const d = await subgraph().data(
      `{
      all: persons(first: 0) { totalCount }
      women: persons(filter: { sexes: [FEMALE] }, first: 0) { totalCount }
      men: persons(filter: { sexes: [MALE] }, first: 0) { totalCount }
      y2022: persons(filter: { from: "2022-01-01", to: "2022-12-31" }, first: 100) { totalCount nodes { registeredAt } }
      year2022: persons(filter: { year: 2022 }, first: 0) { totalCount }
      young: persons(filter: { ageBands: [AGE_18_29] }, first: 100) { totalCount nodes { ageBand } }
      secondary: persons(filter: { educationLevels: [SECONDARY] }, first: 100) { totalCount nodes { education } }
      bands: persons(filter: { ageBands: [AGE_18_29, AGE_30_44, AGE_45_64, AGE_65_PLUS] }, first: 0) { totalCount }
    }`,
      undefined,
      token,
    );
    expect(d.all.totalCount).toBe(30000);
    expect(d.women.totalCount + d.men.totalCount).toBe(30000);
    expect(d.women.totalCount / 30000).toBeGreaterThan(0.45);
    expect(d.year2022.totalCount).toBe(d.y2022.totalCount);
    expect(d.y2022.nodes.every((p: any) => p.registeredAt >= '2022-01-01' && p.registeredAt <= '2022-12-31')).toBe(true);
    expect(d.young.nodes.every((p: any) => p.ageBand === 'AGE_18_29')).toBe(true);
    expect(d.secondary.nodes.every((p: any) => p.education === 'SECONDARY')).toBe(true);
    expect(d.bands.totalCount).toBeLessThanOrEqual(30000);
    expect(d.bands.totalCount).toBeGreaterThan(29000);
  });

  it('stores disability only with consent', async () => {
    const d = await subgraph().data('{ persons(first: 100) { nodes { disabilityConsent disability } } }', undefined, await as('admin'));
    const nodes = d.persons.nodes;
    expect(nodes.filter((p: any) => !p.disabilityConsent).every((p: any) => p.disability === null)).toBe(true);
    expect(nodes.filter((p: any) => p.disabilityConsent).every((p: any) => typeof p.disability === 'boolean')).toBe(true);
  });

  it.each([
    ['a reversed registration range', '{ persons(filter: { from: "2023-01-01", to: "2022-01-01" }) { totalCount } }', 'filter.from'],
    ['a malformed commune', '{ persons(filter: { communes: ["1"] }) { totalCount } }', 'filter.communes'],
    ['a non-numeric id', '{ person(id: "abc") { id } }', 'id'],
  ])('refuses %s with BAD_USER_INPUT', async (_label, query, field) => {
    const body = await subgraph().execute(query, undefined, bearer(await as('admin')));
    expect(errorCodes(body)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors![0].extensions!.field).toBe(field);
  });
});
