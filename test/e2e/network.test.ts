import { ageBandAt } from '../../domain/classifications';
import { checkRut } from '../../kit/rut';
import { bearer, data, errorCodes, post, purpose, tokenFor } from '../support/graphql';
import { describeEachDatabase } from '../support/platform';

const PAGE = `query($first: Int!) { placements(first: $first, filter: { year: 2022 }) { nodes {
  id sector commune { name } employer { name sector } vacancy { title } person { sex education }
} } }`;

describeEachDatabase('the whole network in one graph', (platform) => {
  it('gives an admin 100 placements of 2022 with commune, employer, sector and vacancy in one request', async () => {
    const d = await data(platform().url, PAGE, { first: 100 }, await tokenFor('admin'));
    const nodes = d.placements.nodes;
    expect(nodes).toHaveLength(100);
    for (const p of nodes) {
      expect(p.commune.name).toEqual(expect.any(String));
      expect(p.employer.name).toEqual(expect.any(String));
      expect(p.employer.sector).toBe(p.sector);
      expect(['MALE', 'FEMALE']).toContain(p.person.sex);
    }
    expect(nodes.filter((p: any) => p.vacancy).length).toBeGreaterThan(30);
    expect(nodes.filter((p: any) => p.vacancy).every((p: any) => p.vacancy.title.length > 0)).toBe(true);
  });

  it('refuses an analyst placements (person-level records) and shows a municipality the RUTs of its own placements only', async () => {
    const q = '{ placements(first: 100, filter: { year: 2022 }) { nodes { commune { code } person { rut } } } }';
    const analyst = await post(platform().url, q, undefined, bearer(await tokenFor('analyst')));
    expect(analyst.data).toEqual({ placements: null });
    expect(errorCodes(analyst)).toEqual(['FORBIDDEN']);

    const municipality = await data(platform().url, q, undefined, await tokenFor('municipality', ['10101']), purpose());
    const nodes = municipality.placements.nodes;
    expect(nodes).toHaveLength(100);
    expect(nodes.every((p: any) => p.commune.code === '10101')).toBe(true);
    expect(nodes.every((p: any) => checkRut(p.person.rut).ok && /^\d{1,2}\.\d{3}\.\d{3}-[\dK]$/.test(p.person.rut))).toBe(true);
  });

  it("keeps the five databases consistent: a placement's sex and age band are its person's, its sector its employer's", async () => {
    const d = await data(
      platform().url,
      `{ placements(first: 100, filter: { year: 2023, communes: ["10301", "10208"] }) { nodes {
      startDate sex ageBand sector commune { code }
      person { id sex birthDate omilCommune { code } placements { id } }
      employer { id sector placements { id } }
      vacancy { id employer { id } openedAt closedAt placements { id } }
    } } }`,
      undefined,
      await tokenFor('admin'),
      purpose('data-quality'),
    );
    for (const p of d.placements.nodes) {
      expect(p.person.sex).toBe(p.sex);
      expect(ageBandAt(p.person.birthDate, p.startDate)).toBe(p.ageBand);
      expect(p.person.omilCommune.code).toBe(p.commune.code);
      expect(p.employer.sector).toBe(p.sector);
      expect(p.person.placements.length).toBeGreaterThan(0);
      if (p.vacancy) {
        expect(p.vacancy.employer.id).toBe(p.employer.id);
        expect(p.vacancy.openedAt <= p.startDate && p.startDate <= p.vacancy.closedAt).toBe(true);
        expect(p.vacancy.placements.length).toBeGreaterThan(0);
      }
    }
  });

  it('costs at most one statement per entity type per subgraph fetch, whatever the page size', async () => {
    const token = await tokenFor('admin');
    const count = async (first: number) => {
      const apps = platform().subgraphs;
      for (const app of Object.values(apps)) app.db!.statements.reset();
      const d = await data(platform().url, PAGE, { first }, token);
      expect(d.placements.nodes).toHaveLength(first);
      return Object.fromEntries(Object.entries(apps).map(([name, app]) => [name, app.db!.statements.count]));
    };
    const small = await count(10);
    const large = await count(100);
    // employers: one for employers and one for vacancies, fetched together.
    expect(large).toEqual({ communes: 1, persons: 1, employers: 2, training: 0, placements: 1 });
    expect(small).toEqual(large);
  });

  it('seeds at the scale of the region', async () => {
    const admin = await tokenFor('admin');
    const d = await data(
      platform().url,
      `{ persons(first: 0) { totalCount } employers(first: 0) { totalCount }
      vacancies(first: 0) { totalCount } courses(filter: { year: 2022 }, first: 0) { totalCount } placements(first: 0) { totalCount } }`,
      undefined,
      admin,
    );
    expect(d.persons.totalCount).toBeGreaterThanOrEqual(20_000);
    expect(d.employers.totalCount).toBeGreaterThanOrEqual(900);
    expect(d.courses.totalCount).toBeGreaterThanOrEqual(100);
    expect(d.vacancies.totalCount).toBeGreaterThan(d.employers.totalCount);
    expect(d.placements.totalCount).toBe(4512 + 4948 + 4207 + 3247);
  });
});
