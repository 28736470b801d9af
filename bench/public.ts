import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { Agent, get as httpGet } from 'node:http';
import { SUBGRAPHS } from '../subgraphs';
import { databaseOptions } from '../kit/config';
import { SubgraphApp } from '../kit/subgraph';
import { MemoryBus } from '../kit/events/bus';
import { startGateway } from '../gateway/server';
import { loadSupergraphSdl } from '../gateway/supergraph';

/**
 * `npm run bench -- public [seconds] [connections]`: the most common public view (one commune, one
 * year: /public/commune-placements?commune=10101&year=2022) through the gateway, uncached and
 * cached, side by side in one run: requests per second, p50 and p95, and the ratio. The platform
 * (embedded SQLite under DATA_DIR, seeded on first use) runs in a child process with two gateways
 * over the same subgraphs, one with the response cache off; the load comes from this process.
 */
const PATH = '/public/commune-placements?commune=10101&year=2022';

async function serve() {
  const apps = SUBGRAPHS.map((definition) => new SubgraphApp(definition, databaseOptions()));
  const bus = new MemoryBus();
  await Promise.all(apps.map((app) => app.start({ bus })));
  const urls: Record<string, string> = {};
  for (const app of apps) urls[app.name] = (await app.listen(0, '127.0.0.1')).url;
  // No rate limit in the way: the figure is the views' own cost.
  const rateLimits = { anonymous: 1e9, token: 1e9 };
  const common = { supergraphSdl: loadSupergraphSdl(), subgraphUrls: urls, port: 0, host: '127.0.0.1', bus };
  const cold = await startGateway({ ...common, publicViews: { cache: false }, rateLimits });
  const cached = await startGateway({ ...common, rateLimits });
  console.log(`READY ${cold.port} ${cached.port}`);
}

interface Figures {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  errors: number;
}

// node:http with kept-alive sockets: the load generator shares the machine's two cores with the
// gateway, and fetch spends about twice its CPU a request, which capped the cached figure.
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    httpGet(url, { agent }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    }).on('error', reject);
  });
}

async function load(url: string, seconds: number, connections: number): Promise<Figures> {
  const latencies: number[] = [];
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        const status = await get(url);
        if (status !== 200) errors++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  return { requests: latencies.length, rps: latencies.length / elapsed, p50: q(0.5), p95: q(0.95), errors };
}

async function main() {
  const seconds = Number(process.argv[2] ?? 5);
  const connections = Number(process.argv[3] ?? 10);
  console.log('starting the platform (child process, embedded SQLite; the first start seeds it)…');
  // The gateways' request lines would come through this pipe to the load generator's process:
  // warnings only (logging's own cost is measured by `npm run bench -- observability`).
  const child = spawn(process.execPath, ['-r', '@swc-node/register', '-r', require.resolve('../kit/graphql-mode'), __filename, '--serve'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { LOG_LEVEL: 'warn', ...process.env },
  });
  const ports = await new Promise<[number, number]>((resolve, reject) => {
    let out: string | null = '';
    child.stdout.on('data', (chunk) => {
      if (out === null) return;
      out += chunk;
      const match = /READY (\d+) (\d+)/.exec(out);
      if (match) {
        out = null;
        resolve([Number(match[1]), Number(match[2])]);
      }
    });
    child.once('exit', (code) => reject(new Error(`the platform exited (${code})`)));
  });
  try {
    const [coldUrl, cachedUrl] = ports.map((p) => `http://127.0.0.1:${p}${PATH}`);
    const check = (await (await fetch(cachedUrl)).json()) as any;
    console.log(`${PATH}: ${check.data.commune.name}, ${check.data.commune.placementSummary.placements} placements`);
    // Warm both (connections, plans, the cached answer), then alternate: cold, cached, cold, cached.
    await load(coldUrl, 1, connections);
    await load(cachedUrl, 1, connections);
    const rounds: { cold: Figures; cached: Figures }[] = [];
    for (let i = 0; i < 2; i++)
      rounds.push({ cold: await load(coldUrl, seconds, connections), cached: await load(cachedUrl, seconds, connections) });
    const best = (k: 'cold' | 'cached') => rounds.map((r) => r[k]).sort((a, b) => b.rps - a.rps)[0];
    const cold = best('cold');
    const cached = best('cached');
    const row = (name: string, f: Figures) =>
      `${name.padEnd(26)} ${f.rps.toFixed(0).padStart(8)} ${f.p50.toFixed(1).padStart(8)} ${f.p95.toFixed(1).padStart(8)} ${String(f.requests).padStart(9)} ${String(f.errors).padStart(7)}`;
    console.log(`\n${seconds} s per round, ${connections} connections, best of 2 rounds each (interleaved)`);
    console.log(
      `${'gateway'.padEnd(26)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'requests'.padStart(9)} ${'errors'.padStart(7)}`,
    );
    console.log(row('uncached (cache off)', cold));
    console.log(row('cached (response cache)', cached));
    console.log(
      `\nratio cached/uncached: ${(cached.rps / cold.rps).toFixed(1)}× req/s, p95 ${(cold.p95 / cached.p95).toFixed(1)}× lower (target ≥ 10×)`,
    );
  } finally {
    child.kill('SIGKILL');
  }
}

if (process.argv.includes('--serve')) {
  serve().catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
