import { startGateway } from '../../gateway/server';
import { loadSupergraphSdl } from '../../gateway/supergraph';
import { data } from '../support/graphql';
import { describeEachDatabase } from '../support/platform';

const SUMMARY = `query ObsSummary { region(code: "10") { name placementSummary(year: 2022) { placements } } }`;

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Prometheus' text format, sample lines only. */
function parse(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a sample: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
      return { name: match[1], labels, value: Number(match[3]) };
    });
}

/** The sum of the samples of a metric whose labels include the given ones (0 when none). */
function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}

describeEachDatabase('metrics', (platform) => {
  const base = () => platform().url.replace(/\/graphql$/, '');

  async function scrape(url = `${base()}/metrics`): Promise<Sample[]> {
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parse(await res.text());
  }

  it('counts operations by name and outcome, their latency, and the subgraph fetches, and the counts move with requests', async () => {
    const before = await scrape();
    for (let i = 0; i < 3; i++) {
      const d = await data(platform().url, SUMMARY);
      expect(d.region.placementSummary.placements).toBe(4948);
    }
    const refused = await fetch(platform().url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query ObsPeople { persons(first: 1) { nodes { id } } }' }),
    });
    expect(refused.status).toBe(401);
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string>) => value(after, name, labels) - value(before, name, labels);

    expect(delta('lle_graphql_operations_total', { service: 'gateway', operation: 'ObsSummary', outcome: 'ok' })).toBe(3);
    expect(delta('lle_graphql_operation_duration_seconds_count', { service: 'gateway', operation: 'ObsSummary', outcome: 'ok' })).toBe(3);
    expect(delta('lle_graphql_operation_duration_seconds_sum', { service: 'gateway', operation: 'ObsSummary' })).toBeGreaterThan(0);
    // The subgraphs count the same operation under the client's name.
    expect(delta('lle_graphql_operations_total', { service: 'communes', operation: 'ObsSummary', outcome: 'ok' })).toBe(3);
    expect(delta('lle_graphql_operations_total', { service: 'placements', operation: 'ObsSummary', outcome: 'ok' })).toBe(3);
    expect(delta('lle_graphql_operations_total', { service: 'gateway', operation: 'ObsPeople', outcome: 'client_error' })).toBe(1);
    expect(delta('lle_subgraph_fetches_total', { subgraph: 'communes', outcome: 'ok' })).toBe(3);
    expect(delta('lle_subgraph_fetches_total', { subgraph: 'placements', outcome: 'ok' })).toBe(3);
    expect(delta('lle_subgraph_fetch_duration_seconds_count', { subgraph: 'placements' })).toBe(3);
    expect(delta('lle_http_requests_total', { service: 'gateway', route: '/graphql', method: 'POST', status: '200' })).toBe(3);
    expect(delta('lle_http_requests_total', { service: 'gateway', route: '/graphql', status: '401' })).toBe(1);
    // The scrape before this one counts too.
    expect(delta('lle_http_requests_total', { service: 'gateway', route: '/metrics', status: '200' })).toBe(1);
  });

  it('shows the database pools, the event lag and the process', async () => {
    const samples = await scrape();
    for (const subgraph of ['communes', 'persons', 'employers', 'training', 'placements']) {
      const states = samples
        .filter((s) => s.name === 'lle_db_pool_connections' && s.labels.subgraph === subgraph)
        .map((s) => s.labels.state);
      expect(states.sort()).toEqual(['free', 'pending', 'used']);
      // Requests waiting for a connection: a count (the event relay and consumers poll in the background, so not always 0).
      const pending = value(samples, 'lle_db_pool_connections', { subgraph, state: 'pending' });
      expect(Number.isInteger(pending) && pending >= 0).toBe(true);
      expect(samples.some((s) => s.name === 'lle_events_outbox_unpublished' && s.labels.subgraph === subgraph)).toBe(true);
    }
    await platform().eventsIdle();
    const idle = await scrape();
    expect(value(idle, 'lle_events_outbox_unpublished')).toBe(0);
    const groups = idle.filter((s) => s.name === 'lle_events_consumer_backlog').map((s) => s.labels.group);
    expect(groups.length).toBeGreaterThan(0);
    expect(value(idle, 'lle_events_consumer_backlog')).toBe(0);
    expect(value(idle, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(value(idle, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
  });

  it("serves /metrics on each subgraph's port too", async () => {
    const url = platform().subgraphs.placements.served!.url.replace(/\/graphql$/, '/metrics');
    const samples = await scrape(url);
    expect(samples.some((s) => s.name === 'lle_graphql_operations_total' && s.labels.service === 'placements')).toBe(true);
  });

  it('asks for the bearer token when METRICS_TOKEN is set', async () => {
    process.env.METRICS_TOKEN = 'obs-metrics-token-0123456789';
    const gateway = await startGateway({
      supergraphSdl: loadSupergraphSdl(),
      subgraphUrls: platform().gateway.subgraphs,
      port: 0,
      host: '127.0.0.1',
    });
    delete process.env.METRICS_TOKEN;
    try {
      const url = gateway.url.replace(/\/graphql$/, '/metrics');
      const anonymous = await fetch(url);
      expect(anonymous.status).toBe(401);
      expect(((await anonymous.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await fetch(url, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
      const allowed = await fetch(url, { headers: { authorization: 'Bearer obs-metrics-token-0123456789' } });
      expect(allowed.status).toBe(200);
      expect(await allowed.text()).toContain('lle_graphql_operations_total');
    } finally {
      await gateway.close();
    }
  });
});
