import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { authConfigFromEnv, signToken } from '../kit/auth';
import { securityFromEnv } from '../kit/config';
import { startSubgraphs } from './in-process';
import type { LocalHandler, LocalRequest, LocalResponse } from '../kit/serve';
import { startGateway } from '../gateway/server';
import { loadSupergraphSdl } from '../gateway/supergraph';
import { REQUEST_ID_HEADER } from '../kit/observability/request-id';

/**
 * `npm run bench -- page-parts [--runs 300] [--query '{ … }'] [--data-dir ./data/bench-page]`
 *
 * Where one request's time goes, one request at a time, in one thread (no lanes): the gateway and
 * the five subgraphs in this process, on the embedded SQLite default (or DATABASE_URL). It
 * records the subgraph requests the gateway sends for the query (the 50-placements page by
 * default), then prints, p50 of `runs` each: the whole request; each subgraph request sent again
 * on its own; the entity fetches one after the other and side by side; and the whole request with
 * every subgraph answer canned (the gateway's own share, with the client's HTTP).
 */
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '300' },
    query: { type: 'string' },
    'data-dir': { type: 'string', default: './data/bench-page' },
  },
});
const PAGE = `{ placements(filter: { year: 2022 }, first: 50) { totalCount nodes {
  id startDate sector contractType
  commune { code name province { name } } employer { name } vacancy { title } person { firstName lastName } } } }`;
const query = values.query ?? PAGE;
const runs = Number(values.runs);

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function timed(run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  return p50(times);
}

async function main() {
  const security = securityFromEnv(process.env, 'generate');
  const database = { databaseUrl: process.env.DATABASE_URL || undefined, dataDir: values['data-dir']! };
  const subgraphs = await startSubgraphs(database, security);
  const handlers = subgraphs.local;
  // Each subgraph's handler, wrapped: it records what the gateway sends, or answers from what it recorded.
  const mode = { record: false, canned: false };
  const sent: { subgraph: string; request: LocalRequest }[] = [];
  const local: Record<string, LocalHandler> = {};
  for (const [name, handler] of Object.entries(handlers)) {
    const answers = new Map<string, LocalResponse>();
    local[name] = async (request) => {
      if (mode.canned && answers.has(request.body)) return answers.get(request.body)!;
      if (mode.record) sent.push({ subgraph: name, request });
      const answer = await handler(request);
      answers.set(request.body, answer);
      return answer;
    };
  }
  const gateway = await startGateway({
    supergraphSdl: loadSupergraphSdl(),
    subgraphUrls: subgraphs.urls,
    localSubgraphs: local,
    port: 0,
    host: '127.0.0.1',
    ...security,
  });
  const token = await signToken({ sub: 'bench-page-parts', roles: ['admin'] }, authConfigFromEnv());
  const ask = async () => {
    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': 'job-placement' },
      body: JSON.stringify({ query }),
    });
    const body = (await res.json()) as { errors?: unknown };
    if (res.status !== 200 || body.errors) throw new Error(JSON.stringify(body));
  };
  // Each time under a request id of its own, as a new client request would be (and audited as one).
  const send = async ({ subgraph, request }: (typeof sent)[number]) => {
    const answer = await handlers[subgraph]({ ...request, headers: { ...request.headers, [REQUEST_ID_HEADER]: randomUUID() } });
    if (answer.status !== 200) throw new Error(answer.body);
  };

  for (let i = 0; i < 30; i++) await ask(); // warm-up
  mode.record = true;
  await ask();
  mode.record = false;
  const [first, ...links] = sent;
  console.log(`${runs} runs each, one at a time, p50 ms (${database.databaseUrl ? 'PostgreSQL' : `SQLite in ${database.dataDir}`})\n`);
  console.log(`whole request through the gateway        ${(await timed(ask)).toFixed(2)}`);
  for (const call of sent) {
    const name = JSON.parse(call.request.body).query.match(/\.\.\.on (\w+)/)?.[1] ?? 'root fields';
    console.log(`  ${call.subgraph.padEnd(11)} ${name.padEnd(26)}   ${(await timed(() => send(call))).toFixed(2)}`);
  }
  if (first && links.length) {
    const oneByOne = await timed(async () => {
      for (const call of links) await send(call);
    });
    const sideBySide = await timed(() => Promise.all(links.map(send)));
    console.log(`  the ${links.length} later fetches one after the other  ${oneByOne.toFixed(2)}, side by side ${sideBySide.toFixed(2)}`);
  }
  mode.canned = true;
  console.log(`whole request, subgraph answers canned   ${(await timed(ask)).toFixed(2)}  (the gateway's share and the client's HTTP)`);
  await gateway.close();
  await subgraphs.close();
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
