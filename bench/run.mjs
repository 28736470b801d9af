// `npm run bench -- <name>`: runs bench/<name>.mjs, or bench/<name>.ts through @swc-node/register.
// Benchmarks are never part of `npm test`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const files = readdirSync(dir).filter((f) => /\.(mjs|ts)$/.test(f) && f !== 'run.mjs');
const name = process.argv[2];
const file = files.find((f) => f.replace(/\.(mjs|ts)$/, '') === name);
if (!file) {
  console.error(`usage: npm run bench -- <${files.map((f) => f.replace(/\.(mjs|ts)$/, '')).join('|')}>`);
  process.exit(2);
}
// graphql loaded as `npm start` loads it (kit/graphql-mode.ts), before the benchmark's own imports.
const args = file.endsWith('.ts') ? ['-r', '@swc-node/register', '-r', `${dir}../kit/graphql-mode.ts`, `${dir}${file}`] : [`${dir}${file}`];
// The benchmarks load the gateway from one address: the client rate limits are kept (their cost is
// measured) but set out of reach, unless the caller sets them.
const env = { RATE_LIMIT: '1000000000', RATE_LIMIT_TOKEN: '1000000000', ...process.env };
// The benchmarks that run the platform in their own process run it with the flags of `npm start` (package.json).
const result = spawnSync(process.execPath, ['--max-semi-space-size=64', ...args, ...process.argv.slice(3)], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
