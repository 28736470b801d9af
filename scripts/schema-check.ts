import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { projectPath } from '../kit/assets';
import { API_SCHEMA, CHANGELOG, checkSchema, previousApiSchema, registeredOperations } from './schema-contract';

/**
 * `npm run schema:check [-- --base <git-rev>] [--old file] [--new file] [--trusted-documents dir] [--changelog file]`:
 * fails on a breaking change of schema/api.graphql that CHANGELOG.md does not record as intended,
 * on a registered partner operation the new schema no longer satisfies, and on an undated
 * deprecation; prints dangerous changes. Run by .ci/run (docs/partners.md).
 */
async function main() {
  const { values } = parseArgs({
    options: {
      base: { type: 'string' },
      old: { type: 'string' },
      new: { type: 'string' },
      'trusted-documents': { type: 'string' },
      changelog: { type: 'string' },
    },
  });
  const previous = values.old ? { ref: values.old, sdl: readFileSync(values.old, 'utf8') } : previousApiSchema(values.base);
  const newSdl = readFileSync(values.new ?? projectPath(API_SCHEMA), 'utf8');
  const changelogFile = values.changelog ?? CHANGELOG;
  const changelog = existsSync(changelogFile) ? readFileSync(changelogFile, 'utf8') : '';
  const operations = registeredOperations(values['trusted-documents']);
  console.log(`schema check: ${values.new ?? API_SCHEMA} against ${previous.ref}; ${operations.length} registered partner operation(s)`);
  const result = await checkSchema({ oldSdl: previous.sdl, newSdl, changelog, operations });
  for (const line of result.lines) console.log(line);
  if (!result.ok) process.exit(1);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
