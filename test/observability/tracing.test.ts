import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { startTracing, stopTracing } from '../../kit/observability/tracing';
import { eventually } from '../support/events';
import { captureLogs } from '../support/logs';
import { describeEachDatabase } from '../support/platform';

const SUMMARY = `query ObsSummary { region(code: "10") { name placementSummary(year: 2022) { placements } } }`;

const exporter = new InMemorySpanExporter();
beforeAll(() => {
  expect(startTracing('test', { exporter })).toBe(true);
});
afterAll(() => stopTracing());

describeEachDatabase('traces', (platform) => {
  beforeEach(() => exporter.reset());

  const inTrace = (traceId: string) => exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
  const service = (span: ReadableSpan) => span.attributes['lle.service'];
  const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

  it("one trace spans the caller's traceparent, the gateway and the two subgraphs it calls", async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const callerSpan = '00f067aa0ba902b7';
    const logs = captureLogs('info');
    const res = await fetch(platform().url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-${callerSpan}-01`, 'x-request-id': 'obs-trace-1' },
      body: JSON.stringify({ query: SUMMARY }),
    });
    expect(((await res.json()) as any).data.region.placementSummary.placements).toBe(4948);
    // Spans end as their responses close: wait for the gateway's own.
    await eventually(async () => inTrace(traceId).some((s) => s.name === 'POST /graphql' && service(s) === 'gateway'), true);
    logs.restore();
    const spans = inTrace(traceId);
    // Each request line names the trace.
    const lines = logs.lines.filter((l) => l.msg === 'request' && l.requestId === 'obs-trace-1');
    expect(lines.map((l) => [l.service, l.traceId]).sort()).toEqual([
      ['communes', traceId],
      ['gateway', traceId],
      ['placements', traceId],
    ]);

    const gateway = spans.find((s) => s.name === 'POST /graphql' && service(s) === 'gateway')!;
    expect(parentOf(gateway)).toBe(callerSpan);
    expect(gateway.attributes).toMatchObject({
      'lle.request_id': 'obs-trace-1',
      'graphql.operation.name': 'ObsSummary',
      'http.response.status_code': 200,
    });

    // @apollo/gateway's planning and execution spans sit under the gateway's request span.
    const request = spans.find((s) => s.name === 'gateway.request')!;
    expect(parentOf(request)).toBe(gateway.spanContext().spanId);
    const ids = new Map(spans.map((s) => [s.spanContext().spanId, s]));
    const ancestors = (span: ReadableSpan): string[] => {
      const parent = ids.get(parentOf(span) ?? '');
      return parent ? [parent.spanContext().spanId, ...ancestors(parent)] : [];
    };

    for (const name of ['communes', 'placements']) {
      const fetchSpan = spans.find((s) => s.name === `POST ${name}`)!;
      expect(fetchSpan.attributes).toMatchObject({ 'lle.subgraph': name, 'lle.outcome': 'ok' });
      expect(ancestors(fetchSpan)).toContain(gateway.spanContext().spanId);
      // The subgraph's request span is a child of the gateway's fetch: the traceparent went over HTTP.
      const served = spans.find((s) => s.name === 'POST /graphql' && service(s) === name)!;
      expect(parentOf(served)).toBe(fetchSpan.spanContext().spanId);
      expect(served.attributes).toMatchObject({ 'lle.request_id': 'obs-trace-1', 'graphql.operation.name': 'ObsSummary' });
    }
    // Only the subgraphs the plan needs are called.
    expect(new Set(spans.filter((s) => s.name === 'POST /graphql').map(service))).toEqual(new Set(['gateway', 'communes', 'placements']));
  });

  it('starts a new trace when the caller sends none, or an invalid one', async () => {
    const res = await fetch(platform().url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: '00-00000000000000000000000000000000-00f067aa0ba902b7-01' },
      body: JSON.stringify({ query: SUMMARY }),
    });
    expect(res.status).toBe(200);
    await eventually(async () => exporter.getFinishedSpans().some((s) => s.name === 'POST /graphql' && service(s) === 'gateway'), true);
    const gateway = exporter.getFinishedSpans().find((s) => s.name === 'POST /graphql' && service(s) === 'gateway')!;
    expect(gateway.parentSpanContext).toBeUndefined();
    expect(gateway.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(gateway.spanContext().traceId).not.toMatch(/^0+$/);
    expect(inTrace(gateway.spanContext().traceId).filter((s) => s.name === 'POST /graphql')).toHaveLength(3);
  });
});
