import type { IncomingHttpHeaders } from 'node:http';
import type { RequestHandler } from 'express';
import { context, isSpanContextValid, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { currentRequest, runInRequest, type RequestRecord } from './context';
import { logger } from './logger';
import { httpDuration, httpRequests } from './metrics';
import { REQUEST_ID_HEADER, requestIdFrom, traceIdOf, validTraceparent } from './request-id';
import { tracer } from './tracing';

/** Routes with a label of their own; anything else is `other` (no unbounded label values). */
const ROUTES = new Set(['/graphql', '/health', '/ready', '/metrics', '/schema.graphql']);
/** Probes and scrapes come every few seconds: their lines are debug. */
const QUIET = new Set(['/health', '/ready', '/metrics']);

export interface HttpObservation {
  /** First middleware of the app: request id (header in, header out), server span, one log line and metrics per request. */
  start: RequestHandler;
  /**
   * After the body parser of /graphql: what follows runs inside the request again (its log lines
   * carry the request id; spans and subgraph fetches are its children), as what `start` set does
   * not survive a body parser's stream events.
   */
  enter: RequestHandler;
}

/** One request's observation: opened as it arrives, closed with its status. */
export interface OpenRequest {
  record: RequestRecord;
  /** Ends the span, counts the request and writes its log line. */
  close(status: number, aborted?: boolean): void;
}

/**
 * Opens a request's observation: its id (from x-request-id, or new), a server span continuing the
 * caller's traceparent, and at close one log line and its metrics. The HTTP middleware and the
 * in-process subgraph call (kit/serve.ts) share it, so both paths log and trace alike.
 */
export function openRequest(service: string, req: { method: string; path: string; headers: IncomingHttpHeaders }): OpenRequest {
  const started = performance.now();
  const { method, path } = req;
  const route = ROUTES.has(path) ? path : path.startsWith('/public/') ? '/public' : 'other';
  const id = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
  const parent = propagation.extract(ROOT_CONTEXT, req.headers);
  const span = tracer().startSpan(
    `${method} ${route}`,
    {
      kind: SpanKind.SERVER,
      attributes: { 'lle.service': service, 'lle.request_id': id, 'http.request.method': method, 'url.path': route },
    },
    parent,
  );
  const record: RequestRecord = {
    id,
    service,
    span,
    trace: trace.setSpan(parent, span),
    traceparent: validTraceparent(req.headers.traceparent),
    operations: [],
    codes: new Set(),
    internal: false,
  };
  const close = (status: number, aborted = false) => {
    const seconds = (performance.now() - started) / 1000;
    httpRequests.inc({ service, method, route, status: String(status) });
    httpDuration.observe({ service, route }, seconds);
    span.setAttribute('http.response.status_code', status);
    if (status >= 500 || record.internal) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
    const outcome = record.internal || status >= 500 ? 'error' : record.codes.size || status >= 400 ? 'client_error' : 'ok';
    const traceId = isSpanContextValid(span.spanContext()) ? span.spanContext().traceId : traceIdOf(record.traceparent);
    const level = QUIET.has(route) ? 'debug' : status >= 500 ? 'error' : 'info';
    logger[level](
      {
        service,
        requestId: id,
        traceId,
        method,
        path: path.slice(0, 200),
        status,
        durationMs: Math.round(seconds * 10_000) / 10,
        operation: record.operations.join(',') || undefined,
        outcome,
        errors: record.codes.size ? [...record.codes] : undefined,
        role: record.role,
        aborted: aborted || undefined,
      },
      'request',
    );
  };
  return { record, close };
}

/** Runs `work` inside a request: its log lines carry the request id; spans and fetches are its children. */
export function withinRequest<T>(record: RequestRecord, work: () => T): T {
  return runInRequest(record, () => context.with(record.trace, work));
}

export function observeHttp(service: string): HttpObservation {
  const start: RequestHandler = (req, res, next) => {
    const { record, close } = openRequest(service, req);
    res.setHeader(REQUEST_ID_HEADER, record.id);
    res.locals.observation = record;
    res.once('close', () => close(res.statusCode, !res.writableFinished));
    // Routes without a body (pages, public views) run inside the request from here on.
    withinRequest(record, next);
  };
  const enter: RequestHandler = (_req, res, next) => {
    const record = res.locals.observation as RequestRecord | undefined;
    if (!record) return next();
    withinRequest(record, next);
  };
  return { start, enter };
}

export { currentRequest };
