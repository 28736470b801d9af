import { readFileSync } from 'node:fs';
import { projectPath } from '../../kit/assets';
import { post, tokenFor } from '../support/graphql';
import { startPlatform, type Platform } from '../support/platform';
import { testDatabaseKinds } from '../support/databases';

/** Every GraphQL example of the docs. */
function examples(file: string): string[] {
  const text = readFileSync(projectPath(file), 'utf8');
  return [...text.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1].trim());
}

const DOCS = ['docs/queries.md', 'README.md'];
const EXAMPLES = DOCS.flatMap((file) => examples(file).map((query, i) => [`${file} #${i + 1}`, query]));

// One platform per database, side by side: the same query must give the same JSON on each.
describe(`documented queries [${testDatabaseKinds().join(', ')}]`, () => {
  const platforms: Platform[] = [];
  let token: string;
  let admin: string;
  beforeAll(async () => {
    token = await tokenFor('analyst');
    admin = await tokenFor('admin');
    for (const kind of testDatabaseKinds()) platforms.push(await startPlatform(kind));
  });
  afterAll(async () => {
    await Promise.all(platforms.map((p) => p.close()));
  });

  it('has examples to run', () => {
    expect(examples('docs/queries.md').length).toBeGreaterThanOrEqual(12);
  });

  it.each(EXAMPLES)('%s answers with rows, identically on every database', async (_name, query) => {
    const answers = [];
    for (const platform of platforms) {
      // Person-level lists are documented as an admin's (or the commune's municipality/omil); the rest as an analyst's.
      const who = /^\{\s*(placements|enrollments|persons)\(/.test(query) ? admin : token;
      const body = await post(platform.url, query, undefined, { authorization: `Bearer ${who}` });
      expect(body.errors).toBeUndefined();
      const values = Object.values(body.data ?? {});
      expect(values.length).toBeGreaterThan(0);
      for (const value of values) expect(Array.isArray(value) ? value.length : value).toBeTruthy();
      answers.push(JSON.stringify(body.data));
    }
    for (const answer of answers.slice(1)) expect(answer).toBe(answers[0]);
  });
});
