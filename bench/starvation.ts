// `npm run bench -- starvation [--duration 20] [--heavy 10]`: the all-in-one start (scripts/start-all.ts,
// embedded SQLite in ./data) under analysts' heavy statistics, while a public portal asks
// `{ regions { code } }`. Prints the public query's p50/p95/p99 idle and under the heavy load,
// with one event loop (no lanes) and with the lanes (worker threads), one after the other in one run.
import { authConfigFromEnv, signToken } from '../kit/auth';
import { startAllInOne } from './all-in-one';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const DURATION_S = arg('duration', 20);
const HEAVY = arg('heavy', 10);
const PORT = arg('port', 4450);
const URL_ = `http://127.0.0.1:${PORT}/graphql`;
const PUBLIC = '{ regions { code } }';
// The heaviest request the limits accept: 2 × 3,600 statistics rows (the per-request cap is 10,000).
const STATS = (a: string) =>
  `${a}: placementStats(groupBy: [COMMUNE, MONTH, CONTRACT_TYPE, SEX]) { commune { code } month contractType sex placements }`;
const HEAVY_QUERY = `{ ${STATS('a')} ${STATS('b')} }`;

async function timedPost(query: string, headers: Record<string, string> = {}): Promise<{ ms: number; status: number }> {
  const t = performance.now();
  const res = await fetch(URL_, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  await res.arrayBuffer();
  return { ms: performance.now() - t, status: res.status };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const fmt = (xs: number[]) =>
  `p50 ${pct(xs, 50).toFixed(0)} ms · p95 ${pct(xs, 95).toFixed(0)} ms · p99 ${pct(xs, 99).toFixed(0)} ms (n=${xs.length})`;

async function publicLoop(untilMs: number): Promise<number[]> {
  const times: number[] = [];
  while (Date.now() < untilMs) {
    times.push((await timedPost(PUBLIC)).ms);
    await new Promise((r) => setTimeout(r, 20));
  }
  return times;
}

/** The public query idle and under the heavy load, on one all-in-one start. */
async function measure(env: Record<string, string>, auth: Record<string, string>) {
  const child = await startAllInOne(PORT, env);
  try {
    for (let i = 0; i < 5; i++) await Promise.all([timedPost(PUBLIC), timedPost(HEAVY_QUERY, auth)]); // warm-up
    const idle = await publicLoop(Date.now() + 5000);
    const until = Date.now() + DURATION_S * 1000;
    const heavy: number[] = [];
    const statuses = new Map<number, number>();
    const clients = Array.from({ length: HEAVY }, async () => {
      while (Date.now() < until) {
        const r = await timedPost(HEAVY_QUERY, auth);
        heavy.push(r.ms);
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      }
    });
    const loaded = await publicLoop(until);
    await Promise.all(clients);
    return { idle, loaded, heavy, statuses };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

async function main() {
  const token = await signToken({ sub: 'bench', roles: ['analyst'] }, authConfigFromEnv(), '1h');
  const auth = { authorization: `Bearer ${token}` };
  console.log(`all-in-one start, ${HEAVY} analysts looping 2 × 3,600-row statistics for ${DURATION_S} s, a portal asking ${PUBLIC}`);
  const runs = [
    ['one event loop (READ_LANE=false HEAVY_LANE=false)', { READ_LANE: 'false', HEAVY_LANE: 'false' }],
    ['with the lanes (default)', {}],
  ] as const;
  const p95s: number[] = [];
  for (const [label, env] of runs) {
    const r = await measure(env, auth);
    p95s.push(pct(r.loaded, 95));
    console.log(`\n${label}`);
    console.log(`  public idle:        ${fmt(r.idle)}`);
    console.log(`  public under load:  ${fmt(r.loaded)}  → p95 ${(pct(r.loaded, 95) / 200).toFixed(2)}× the 200 ms target`);
    console.log(`  heavy requests:     ${fmt(r.heavy)}; statuses ${JSON.stringify(Object.fromEntries(r.statuses))}`);
  }
  console.log(`\npublic p95 under load: ${(p95s[0] / p95s[1]).toFixed(1)}× lower with the lanes`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
