import { readFileSync } from 'node:fs';
import { projectPath } from '../../subgraphs/kit/assets';
import { schemaArtifacts } from '../../scripts/schema-artifacts';

describe('schema/ (committed)', () => {
  it('equals the SDL generated from the code: run `npm run compose` after changing the API', async () => {
    const files = await schemaArtifacts();
    expect(Object.keys(files).sort()).toEqual(['communes.graphql', 'placements.graphql', 'supergraph.graphql']);
    for (const [name, content] of Object.entries(files)) {
      expect({ name, content: readFileSync(projectPath('schema', name), 'utf8') }).toEqual({ name, content });
    }
  });

  it('is a Federation 2 supergraph with Commune and Region keyed by CUT code in both subgraphs', () => {
    const supergraph = readFileSync(projectPath('schema', 'supergraph.graphql'), 'utf8');
    expect(supergraph).toContain('@link(url: "https://specs.apollo.dev/join/v0.3"');
    for (const type of ['Commune', 'Region']) {
      expect(supergraph).toMatch(new RegExp(`type ${type}\\s+@join__type\\(graph: COMMUNES, key: "code"\\)\\s+@join__type\\(graph: PLACEMENTS, key: "code"\\)`));
    }
  });
});
