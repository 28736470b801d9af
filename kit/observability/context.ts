import { AsyncLocalStorage } from 'node:async_hooks';
import type { Context as TraceContext, Span } from '@opentelemetry/api';

/** What is known about the request being served, from its first middleware to its log line. */
export interface RequestRecord {
  /** The request id: the caller's `x-request-id` when valid, else generated. */
  id: string;
  /** Which process part serves it: `gateway` or a subgraph's name. */
  service: string;
  /** The server span (non-recording when tracing is off) and the trace context it opens. */
  span: Span;
  trace: TraceContext;
  /** The caller's W3C traceparent when valid: forwarded to subgraphs even when tracing is off. */
  traceparent?: string;
  /** The GraphQL operations answered (a batch has several). */
  operations: string[];
  /** The viewer's roles (`public` without a token); never the token or who it is. */
  role?: string;
  /** The error codes answered, and whether any was internal. */
  codes: Set<string>;
  internal: boolean;
}

const requests = new AsyncLocalStorage<RequestRecord>();

/** The request this code runs for, if any (background work has none). */
export function currentRequest(): RequestRecord | undefined {
  return requests.getStore();
}

export function runInRequest<T>(record: RequestRecord, run: () => T): T {
  return requests.run(record, run);
}
