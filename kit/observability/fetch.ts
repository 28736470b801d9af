import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { currentRequest } from './context';
import { subgraphFetchDuration, subgraphFetches } from './metrics';
import { REQUEST_ID_HEADER } from './request-id';
import { tracer } from './tracing';

/**
 * One request of the gateway to a subgraph: a client span (the parent of the subgraph's own
 * request span) and the fetch metrics. `run` sends it; a response with errors is `graphql_error`,
 * a failed request (refused, 5xx, timeout) is `error`.
 */
export async function observeFetch<T extends { errors?: readonly unknown[] | null }>(subgraph: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  return tracer().startActiveSpan(`POST ${subgraph}`, { kind: SpanKind.CLIENT, attributes: { 'lle.subgraph': subgraph } }, async (span) => {
    let outcome = 'error';
    try {
      const response = await run();
      outcome = response.errors?.length ? 'graphql_error' : 'ok';
      return response;
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.setAttribute('lle.outcome', outcome);
      span.end();
      subgraphFetches.inc({ subgraph, outcome });
      subgraphFetchDuration.observe({ subgraph, outcome }, (performance.now() - started) / 1000);
    }
  });
}

/**
 * The headers that carry the request to a subgraph: its id, and the W3C trace context (the
 * current span's, or the caller's `traceparent` as received when tracing is off).
 */
export function propagateRequest(set: (name: string, value: string) => void): void {
  const request = currentRequest();
  if (request) set(REQUEST_ID_HEADER, request.id);
  if (trace.getSpan(context.active())?.isRecording()) {
    propagation.inject(context.active(), undefined, { set: (_carrier, key, value) => set(key, value) });
  } else if (request?.traceparent) {
    set('traceparent', request.traceparent);
  }
}
