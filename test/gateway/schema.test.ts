import { readFileSync } from 'node:fs';
import { projectPath } from '../../kit/assets';
import { schemaArtifacts } from '../../scripts/schema-artifacts';

describe('schema/ (committed)', () => {
  it('equals the SDL generated from the code: run `npm run compose` after changing the API', async () => {
    const files = await schemaArtifacts();
    expect(Object.keys(files).sort()).toEqual([
      'api.graphql',
      'communes.graphql',
      'employers.graphql',
      'list-sizes.json',
      'persons.graphql',
      'placements.graphql',
      'supergraph.graphql',
      'training.graphql',
    ]);
    for (const [name, content] of Object.entries(files)) {
      expect({ name, content: readFileSync(projectPath('schema', name), 'utf8') }).toEqual({ name, content });
    }
  });

  it('is a Federation 2 supergraph joining the five subgraphs by entity keys', () => {
    const supergraph = readFileSync(projectPath('schema', 'supergraph.graphql'), 'utf8');
    expect(supergraph).toContain('@link(url: "https://specs.apollo.dev/join/v0.3"');
    const joins = (type: string) =>
      [...supergraph.matchAll(new RegExp(`type ${type}\\s+((?:@join__type\\([^)]*\\)\\s*)+)`, 'g'))][0]?.[1] ?? '';
    expect(joins('Region')).toMatch(/COMMUNES[^)]*key: "code"[\s\S]*PLACEMENTS[^)]*key: "code"/);
    for (const graph of ['COMMUNES', 'PERSONS', 'EMPLOYERS', 'TRAINING', 'PLACEMENTS'])
      expect(joins('Commune')).toContain(`graph: ${graph}, key: "code"`);
    for (const graph of ['PERSONS', 'TRAINING', 'PLACEMENTS']) expect(joins('Person')).toContain(`graph: ${graph}, key: "id"`);
    for (const graph of ['EMPLOYERS', 'PLACEMENTS']) expect(joins('Employer')).toContain(`graph: ${graph}, key: "id"`);
    expect(joins('Commune')).toContain('graph: PERSONS, key: "code", resolvable: false');
  });
});
