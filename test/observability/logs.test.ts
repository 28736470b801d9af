import { tokenFor } from '../support/graphql';
import { captureLogs, type CapturedLogs } from '../support/logs';
import { describeEachDatabase } from '../support/platform';

/** Public, and it needs two subgraphs: communes (the region) and placements (its summary). */
const SUMMARY = `query ObsSummary { region(code: "10") { name placementSummary(year: 2022) { placements } } }`;

describeEachDatabase('logs', (platform) => {
  let logs: CapturedLogs;
  beforeEach(() => {
    logs = captureLogs();
  });
  afterEach(() => logs.restore());

  const requestLines = (requestId: string) => logs.lines.filter((l) => l.msg === 'request' && l.requestId === requestId);

  it("keeps the caller's x-request-id, echoes it, and logs it on the gateway's and each subgraph's request line", async () => {
    const res = await fetch(platform().url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-request-id': 'obs-test-0001',
        traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      },
      body: JSON.stringify({ query: SUMMARY }),
    });
    expect(res.headers.get('x-request-id')).toBe('obs-test-0001');
    const body = (await res.json()) as any;
    expect(body.data.region).toEqual({ name: 'Los Lagos', placementSummary: { placements: 4948 } });
    // The subgraphs' lines are written when their responses close, before the gateway's.
    const lines = requestLines('obs-test-0001');
    const byService = Object.fromEntries(lines.map((l) => [l.service, l]));
    expect(Object.keys(byService).sort()).toEqual(['communes', 'gateway', 'placements']);
    expect(byService.gateway).toMatchObject({
      level: 'info',
      method: 'POST',
      path: '/graphql',
      status: 200,
      operation: 'ObsSummary',
      outcome: 'ok',
      role: 'public',
    });
    expect(byService.gateway.durationMs).toBeGreaterThan(0);
    expect(byService.placements).toMatchObject({ path: '/graphql', status: 200, operation: 'ObsSummary', outcome: 'ok', role: 'public' });
    expect(typeof byService.gateway.time).toBe('string');
    // Tracing is off here: the caller's traceparent still reaches the subgraphs and every line names its trace.
    expect(lines.map((l) => l.traceId)).toEqual(lines.map(() => '0af7651916cd43dd8448eb211c80319c'));
  });

  it('replaces an unsafe or overlong request id by a generated one, and never logs the token', async () => {
    const token = await tokenFor('analyst');
    const sent = await fetch(platform().url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'bad id <script>', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: SUMMARY }),
    });
    const id = sent.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const long = await fetch(platform().url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'x'.repeat(65) },
      body: JSON.stringify({ query: SUMMARY }),
    });
    expect(long.headers.get('x-request-id')).not.toBe('x'.repeat(65));
    const lines = requestLines(id);
    expect(lines.map((l) => l.service).sort()).toEqual(['communes', 'gateway', 'placements']);
    expect(lines.every((l) => l.role === 'analyst')).toBe(true);
    const all = JSON.stringify(logs.lines);
    expect(all).not.toContain(token);
    expect(all).not.toContain('authorization');
  });

  it('carries the request id of a public view (GET, no body) to the subgraphs too; its path is logged without the query string', async () => {
    const res = await fetch(`${platform().url.replace(/\/graphql$/, '')}/public/commune-placements?commune=10102&year=2022`, {
      headers: { 'x-request-id': 'obs-view-0001' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('obs-view-0001');
    const lines = requestLines('obs-view-0001');
    expect(lines.find((l) => l.service === 'gateway')).toMatchObject({ method: 'GET', path: '/public/commune-placements', status: 200 });
    expect(lines.filter((l) => l.service !== 'gateway').length).toBeGreaterThan(0);
  });

  it("logs a client's refused persisted query as a client error, not as an internal error", async () => {
    const res = await fetch(platform().url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'obs-apq-0001' },
      body: JSON.stringify({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } }),
    });
    expect(res.status).toBe(400);
    expect(logs.lines.filter((l) => l.requestId === 'obs-apq-0001' && l.msg === 'internal error')).toEqual([]);
    expect(requestLines('obs-apq-0001').find((l) => l.service === 'gateway')).toMatchObject({ outcome: 'client_error' });
  });

  it('logs an internal error with its stack before masking it, and the client sees only INTERNAL_SERVER_ERROR', async () => {
    const { communes } = platform().subgraphs;
    const connection = communes.db!.em.getConnection();
    const table = platform().kind === 'postgresql' ? 'communes.region' : 'region';
    const production = process.env.NODE_ENV;
    await connection.execute(`alter table ${table} rename to region_renamed`);
    process.env.NODE_ENV = 'production';
    try {
      const res = await fetch(platform().url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'obs-fault-0001' },
        body: JSON.stringify({ query: 'query ObsRegions { regions { code } }' }),
      });
      const body = (await res.json()) as any;
      expect(body.data).toBeNull();
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
      expect(body.errors[0].message).toBe('Internal server error');
      expect(JSON.stringify(body)).not.toMatch(/region_renamed|select|\.ts:|at /i);
    } finally {
      process.env.NODE_ENV = production;
      await connection.execute(
        `alter table ${platform().kind === 'postgresql' ? 'communes.region_renamed' : 'region_renamed'} rename to region`,
      );
    }
    const errors = logs.lines.filter((l) => l.requestId === 'obs-fault-0001' && l.msg === 'internal error');
    const subgraph = errors.find((l) => l.service === 'communes');
    expect(subgraph).toMatchObject({ level: 'error', code: 'INTERNAL_SERVER_ERROR', operation: 'ObsRegions', path: 'regions' });
    // The database's own words and the stack, for the operator only.
    expect(subgraph!.err.message).toMatch(/region/);
    expect(subgraph!.err.stack).toMatch(/\n\s+at /);
    // The gateway logs what it received from the subgraph, under the same request id.
    expect(errors.find((l) => l.service === 'gateway')).toMatchObject({ level: 'error', subgraph: 'communes' });
    const gatewayLine = requestLines('obs-fault-0001').find((l) => l.service === 'gateway');
    expect(gatewayLine).toMatchObject({ operation: 'ObsRegions', outcome: 'error', errors: ['INTERNAL_SERVER_ERROR'] });
  });
});
