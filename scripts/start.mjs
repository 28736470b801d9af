// `npm start`: build when a source is newer than the last build, then run the all-in-one start.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const root = new URL('..', import.meta.url).pathname;
const stamp = join(root, 'dist', '.tsbuildinfo');
const entry = join(root, 'dist', 'scripts', 'start-all.js');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const built = existsSync(entry) && existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
const sources = Math.max(
  ...['kit', 'domain', 'seed', 'gateway', 'subgraphs', 'scripts', 'schema'].map((d) => newest(join(root, d))),
  statSync(join(root, 'tsconfig.json')).mtimeMs,
);
if (sources > built) {
  console.log('building (tsc)…');
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
}
await import(entry);
