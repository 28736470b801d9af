import 'reflect-metadata';
import { parseArgs } from 'node:util';
import pino from 'pino';
import type { SpanExporter } from '@opentelemetry/sdk-trace-node';
import { SUBGRAPHS } from '../subgraphs';
import { SubgraphApp } from '../kit/subgraph';
import { MemoryBus } from '../kit/events/bus';
import { startGateway } from '../gateway/server';
import { loadSupergraphSdl } from '../gateway/supergraph';
import { logger, setLogDestination } from '../kit/observability/logger';
import { startTracing, stopTracing } from '../kit/observability/tracing';

/**
 * `npm run bench -- observability [--seconds 3] [--rounds 4] [--concurrency 8] [--data-dir ./data]`:
 * what the request logs and tracing cost. The whole platform in this process (the embedded
 * SQLite files of --data-dir, seeded on first use) answers a public query that needs two
 * subgraphs, at a fixed concurrency, in three settings taken in turn, each round: logs off and
 * tracing off (the baseline), a JSON request line per request and subgraph (written to
 * /dev/null), and that plus a span per request, fetch and subgraph request (exported to a sink
 * that drops them). Metrics are always on. The settings alternate, round after round, so that a
 * busy machine weighs on each alike. Prints requests/s, p50, p95, this process's CPU time per
 * request (the load generator's included; steadier than latency on a shared machine) and the ratios.
 */
const QUERY = `query BenchSummary { region(code: "10") { name placementSummary(year: 2022) { placements } } }`;

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

/** Spans are made, ended and handed over, then dropped: the cost of tracing without a collector's. */
const sink: SpanExporter = { export: (_spans, done) => done({ code: 0 /* ExportResultCode.SUCCESS */ }), shutdown: async () => {} };

async function load(url: string, seconds: number, concurrency: number): Promise<number[]> {
  const latencies: number[] = [];
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) {
        const t = performance.now();
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: QUERY }),
        });
        const body = (await res.json()) as { data?: { region?: { placementSummary?: { placements?: number } } } };
        if (body.data?.region?.placementSummary?.placements !== 4948) throw new Error(`unexpected answer: ${JSON.stringify(body)}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return latencies;
}

async function main() {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '3' },
      rounds: { type: 'string', default: '4' },
      concurrency: { type: 'string', default: '8' },
      'data-dir': { type: 'string', default: './data' },
    },
  });
  const [seconds, rounds, concurrency] = [Number(values.seconds), Number(values.rounds), Number(values.concurrency)];
  const bus = new MemoryBus();
  const apps = SUBGRAPHS.map((definition) => new SubgraphApp(definition, { dataDir: values['data-dir']! }));
  await Promise.all(apps.map((app) => app.start({ bus })));
  const urls: Record<string, string> = {};
  for (const app of apps) urls[app.name] = (await app.listen(0, '127.0.0.1')).url;
  const gateway = await startGateway({ supergraphSdl: loadSupergraphSdl(), subgraphUrls: urls, port: 0, host: '127.0.0.1' });
  const devNull = pino.destination({ dest: '/dev/null', sync: true });

  const settings = [
    { name: 'logs off, tracing off', logs: false, tracing: false },
    { name: 'request logs', logs: true, tracing: false },
    { name: 'request logs + tracing', logs: true, tracing: true },
  ];
  const results = new Map<string, { count: number; seconds: number; cpuMs: number; latencies: number[] }>(
    settings.map((s) => [s.name, { count: 0, seconds: 0, cpuMs: 0, latencies: [] }]),
  );
  logger.level = 'silent';
  await load(gateway.url, 2, concurrency); // warm-up
  for (let round = 0; round < rounds; round++) {
    for (const setting of settings) {
      logger.level = setting.logs ? 'info' : 'silent';
      setLogDestination(setting.logs ? devNull : undefined);
      if (setting.tracing) startTracing('bench', { exporter: sink });
      const cpu = process.cpuUsage();
      const latencies = await load(gateway.url, seconds, concurrency);
      const used = process.cpuUsage(cpu);
      if (setting.tracing) await stopTracing();
      const r = results.get(setting.name)!;
      r.count += latencies.length;
      r.seconds += seconds;
      r.cpuMs += (used.user + used.system) / 1000;
      r.latencies.push(...latencies);
    }
  }
  const base = results.get(settings[0].name)!;
  const baseRate = base.count / base.seconds;
  const baseCpu = base.cpuMs / base.count;
  console.log(`${rounds} round(s) of ${seconds} s per setting, concurrency ${concurrency}, all in one process (SQLite):`);
  console.log('| setting | requests/s | p50 | p95 | throughput vs baseline | CPU per request (this process) | vs baseline |');
  console.log('|---|---|---|---|---|---|---|');
  for (const s of settings) {
    const r = results.get(s.name)!;
    const rate = r.count / r.seconds;
    const cpu = r.cpuMs / r.count;
    console.log(
      `| ${s.name} | ${rate.toFixed(1)} | ${percentile(r.latencies, 50).toFixed(1)} ms | ${percentile(r.latencies, 95).toFixed(1)} ms | ${(rate / baseRate).toFixed(2)}× | ${cpu.toFixed(2)} ms | ${(cpu / baseCpu).toFixed(2)}× |`,
    );
  }
  await gateway.close();
  await Promise.all(apps.map((app) => app.close()));
  await bus.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
