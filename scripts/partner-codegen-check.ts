import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { format, resolveConfig } from 'prettier';
import { projectPath } from '../kit/assets';
import config from '../examples/partner-client/codegen';

/**
 * `node -r @swc-node/register scripts/partner-codegen-check.ts`: generates the example partner
 * client in memory, formatted as `npm run codegen:partner` writes it, and exits 1 naming the files
 * that differ from the committed ones. A separate process: the codegen CLI loads ES modules jest cannot.
 */
async function main() {
  const { hooks: _hooks, ...inMemory } = config;
  const outputs = await generate({ ...inMemory, silent: true }, false);
  const stale: string[] = [];
  for (const { filename, content } of outputs as { filename: string; content: string }[]) {
    const expected = await format(content, { ...(await resolveConfig(filename)), filepath: filename });
    let committed = '';
    try {
      committed = readFileSync(filename, 'utf8');
    } catch {
      // a missing file is stale too
    }
    if (committed !== expected) stale.push(relative(projectPath(), filename));
  }
  const files = outputs.map((o: { filename: string }) => relative(projectPath(), o.filename)).sort();
  console.log(JSON.stringify({ files, stale }));
  if (stale.length) process.exit(1);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
