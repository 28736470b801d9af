// `npm run bench -- <name>`: runs bench/<name>.mjs. Benchmarks are never part of `npm test`.
import { readdirSync } from 'node:fs';
const names = readdirSync(new URL('.', import.meta.url)).filter((f) => f.endsWith('.mjs') && f !== 'run.mjs').map((f) => f.slice(0, -4));
const name = process.argv[2];
if (!names.includes(name)) {
  console.error(`usage: npm run bench -- <${names.join('|')}>`);
  process.exit(2);
}
await import(`./${name}.mjs`);
