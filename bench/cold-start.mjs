// `node bench/cold-start.mjs`: time from `npm start` to the first answer of the headline query,
// cold (empty DATA_DIR: create + seed) and warm (existing data), side by side. Builds first if needed.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const port = Number(process.env.BENCH_PORT || 4600);
const query = '{ region(code: "10") { placementSummary(year: 2022) { placements goal compliance } } }';

execFileSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit' });

async function firstAnswer(dataDir) {
  const started = performance.now();
  const child = spawn('npm', ['start', '-s'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port) },
    stdio: 'ignore',
    detached: true,
  });
  try {
    for (;;) {
      if (performance.now() - started > 60_000) throw new Error('no answer within 60 s');
      try {
        const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        });
        const body = await res.json();
        if (body.data?.region?.placementSummary?.placements === 4948) return performance.now() - started;
      } catch {
        // not answering yet: poll again
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    process.kill(-child.pid, 'SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'lle-bench-'));
try {
  const cold = await firstAnswer(dataDir);
  const warm = await firstAnswer(dataDir);
  console.log(`cold start (create + seed SQLite) to first answer: ${cold.toFixed(0)} ms`);
  console.log(`warm start (existing data) to first answer:        ${warm.toFixed(0)} ms`);
  console.log(`cold / warm: ${(cold / warm).toFixed(2)}×  (target: cold under 10,000 ms after the build)`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
