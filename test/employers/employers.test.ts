import { checkRut } from '../../kit/rut';
import { errorCodes } from '../support/graphql';
import { describeSubgraph } from '../support/subgraph';
import { employersSubgraph } from '../../subgraphs/employers/subgraph';

describeSubgraph(employersSubgraph, 'employers subgraph', (subgraph) => {
  it('lists employers by commune, sector and size, with valid company RUTs', async () => {
    const d = await subgraph().data(`{
      all: employers(first: 0) { totalCount }
      a: employers(filter: { sectors: ["A"] }, first: 100) { totalCount nodes { rut sector ciiuClass size commune { code } } }
      osornoLarge: employers(filter: { communes: ["10301"], sizes: [LARGE, MEDIUM] }, first: 100) { nodes { size commune { code } } }
    }`);
    expect(d.all.totalCount).toBe(1000);
    expect(d.a.totalCount).toBeGreaterThan(150);
    for (const e of d.a.nodes) {
      expect(e.sector).toBe('A');
      expect(e.ciiuClass).toMatch(/^\d{4}$/);
      const rut = checkRut(e.rut);
      expect(rut.ok && Number(rut.normalized.split('-')[0])).toBeGreaterThanOrEqual(50_000_000);
    }
    expect(d.osornoLarge.nodes.every((e: any) => ['LARGE', 'MEDIUM'].includes(e.size) && e.commune.code === '10301')).toBe(true);
  });

  it('finds an employer by RUT in any formatting, and its vacancies', async () => {
    const first = await subgraph().data('{ employer(id: "1") { rut name } }');
    const compact = first.employer.rut.replace(/[.-]/g, '');
    const d = await subgraph().data(`{ employerByRut(rut: "${compact}") { id name vacancies { employer { id } status openedAt } } }`);
    expect(d.employerByRut).toMatchObject({ id: '1', name: first.employer.name });
    expect(d.employerByRut.vacancies.every((v: any) => v.employer.id === '1')).toBe(true);
  });

  it('filters vacancies by period, occupation prefix, status and sector', async () => {
    const d = await subgraph().data(`{
      y2023: vacancies(filter: { year: 2023 }, first: 100) { totalCount nodes { openedAt } }
      elementary: vacancies(filter: { occupations: ["9"] }, first: 100) { nodes { occupationCode } }
      open: vacancies(filter: { statuses: [OPEN] }, first: 100) { totalCount nodes { status closedAt } }
      sectorC: vacancies(filter: { sectors: ["C"] }, first: 50) { nodes { sector employer { sector } wageMin wageMax positions } }
    }`);
    expect(d.y2023.totalCount).toBeGreaterThan(1000);
    expect(d.y2023.nodes.every((v: any) => v.openedAt.startsWith('2023-'))).toBe(true);
    expect(d.elementary.nodes.every((v: any) => v.occupationCode.startsWith('9'))).toBe(true);
    expect(d.open.totalCount).toBeGreaterThan(0);
    expect(d.open.nodes.every((v: any) => v.status === 'OPEN' && v.closedAt === null)).toBe(true);
    for (const v of d.sectorC.nodes) {
      expect(v.sector).toBe('C');
      expect(v.employer.sector).toBe('C');
      expect(v.wageMax).toBeGreaterThanOrEqual(v.wageMin);
      expect(v.positions).toBeGreaterThan(0);
    }
  });

  it('adds employers and vacancies to a commune (as the gateway asks, by key)', async () => {
    const d = await subgraph().data(`{ _entities(representations: [{ __typename: "Commune", code: "10201" }]) { ... on Commune {
      employers(first: 5) { totalCount nodes { commune { code } } }
      vacancies(first: 5, filter: { year: 2022 }) { totalCount nodes { commune { code } openedAt } } } } }`);
    d.commune = d._entities[0];
    expect(d.commune.employers.totalCount).toBeGreaterThan(0);
    expect(d.commune.employers.nodes.every((e: any) => e.commune.code === '10201')).toBe(true);
    expect(d.commune.vacancies.nodes.every((v: any) => v.commune.code === '10201' && v.openedAt.startsWith('2022'))).toBe(true);
  });

  it('gives null for unknown ids', async () => {
    expect(await subgraph().data('{ employer(id: "99999") { id } vacancy(id: "99999999") { id } }')).toEqual({
      employer: null,
      vacancy: null,
    });
  });

  it.each([
    ['an unknown sector letter', '{ employers(filter: { sectors: ["Z"] }) { totalCount } }', 'filter.sectors'],
    ['a malformed occupation', '{ vacancies(filter: { occupations: ["91a"] }) { totalCount } }', 'filter.occupations'],
    ['a year out of range', '{ vacancies(filter: { year: 1900 }) { totalCount } }', 'filter.year'],
    ['a reversed opening range', '{ vacancies(filter: { from: "2023-02-01", to: "2023-01-01" }) { totalCount } }', 'filter.from'],
    ['a company RUT with a wrong check digit', '{ employerByRut(rut: "76.001.013-9") { id } }', 'rut'],
    [
      '150 occupations',
      `{ vacancies(filter: { occupations: ${JSON.stringify(Array(150).fill('1'))} }) { totalCount } }`,
      'filter.occupations',
    ],
    [
      '2,000 occupations',
      `{ vacancies(filter: { occupations: ${JSON.stringify(Array(2000).fill('1'))} }) { totalCount } }`,
      'filter.occupations',
    ],
  ])('refuses %s with BAD_USER_INPUT naming the field', async (_label, query, field) => {
    const body = await subgraph().execute(query);
    expect(errorCodes(body)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors![0].extensions!.field).toBe(field);
  });
});
