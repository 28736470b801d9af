import { readFileSync } from 'node:fs';
import { projectPath } from '../../kit/assets';
import { post, tokenFor } from '../support/graphql';
import { describeEachDatabase } from '../support/platform';

/** Every GraphQL example of the docs answers, with rows, for an analyst. */
function examples(file: string): string[] {
  const text = readFileSync(projectPath(file), 'utf8');
  return [...text.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1].trim());
}

const DOCS = ['docs/queries.md', 'README.md'];

describeEachDatabase('documented queries', (platform) => {
  it('has examples to run', () => {
    expect(examples('docs/queries.md').length).toBeGreaterThanOrEqual(12);
  });

  it.each(DOCS.flatMap((file) => examples(file).map((query, i) => [`${file} #${i + 1}`, query])))('%s answers', async (_name, query) => {
    const body = await post(platform().url, query, undefined, { authorization: `Bearer ${await tokenFor('analyst')}` });
    expect(body.errors).toBeUndefined();
    const values = Object.values(body.data ?? {});
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) expect(Array.isArray(value) ? value.length : value).toBeTruthy();
  });
});
