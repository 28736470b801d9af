import { data, tokenFor } from '../support/graphql';
import { describeEachDatabase } from '../support/platform';

// The links whose two ends live in different subgraphs, asked through the gateway (the suites of
// each subgraph test their own side in process).
describeEachDatabase('links across subgraphs', (platform) => {
  it("gives a commune's name beside its employers, vacancies, workshops and courses", async () => {
    const d = await data(
      platform().url,
      `{ commune(code: "10201") { name
      employers(first: 2) { nodes { commune { code name } } }
      vacancies(first: 2, filter: { year: 2022 }) { nodes { commune { name } } }
      workshops(first: 2) { nodes { commune { name } } }
      courses(first: 2) { nodes { commune { name } } } } }`,
    );
    expect(d.commune.name).toBe('Castro');
    const links = ['employers', 'vacancies', 'workshops', 'courses'].flatMap((f) => d.commune[f].nodes.map((n: any) => n.commune.name));
    expect(links.length).toBeGreaterThan(0);
    expect(new Set(links)).toEqual(new Set(['Castro']));
  });

  it("gives a person's OMIL commune by name, and an enrolment's person from the persons subgraph", async () => {
    const admin = await tokenFor('admin');
    const d = await data(
      platform().url,
      `{
      person(id: "1") { omilCommune { code name } enrollments { person { id } } }
      enrollments(first: 20) { nodes { person { id sex } } }
    }`,
      undefined,
      admin,
    );
    expect(d.person.omilCommune).toEqual({ code: '10101', name: 'Puerto Montt' });
    expect(d.enrollments.nodes).toHaveLength(20);
    for (const e of d.enrollments.nodes) expect(['MALE', 'FEMALE']).toContain(e.person.sex);
  });
});
