import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { PURPOSE_HEADER, REQUEST_ID_HEADER } from '../kit/audit/plugin';
import { SHARED_SECRET_HEADER } from '../kit/config';
import { observeFetch, propagateRequest } from '../kit/observability/fetch';
import type { GatewayContext } from './context';
import { collectDataset } from './dataset';
import type { Fetcher } from './transport';
import { CircuitBreaker, outageError, TimeoutError, withTimeout, type OutageCode, type Resilience } from './resilience';

type Received = Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0];
type ProcessOptions = Parameters<RemoteGraphQLDataSource<GatewayContext>['process']>[0];
type ProcessResult = Awaited<ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']>>;
type ErrorBody = { errors?: { message?: string; extensions?: Record<string, unknown> }[] };

/**
 * How the gateway talks to a subgraph: it forwards the caller's Authorization header (each
 * subgraph verifies it again) with the request id and declared purpose, adds the shared secret when configured, and hands the client a
 * subgraph's own coded error for an HTTP 400 (say a malformed scalar the gateway cannot check)
 * instead of Apollo's INTERNAL_SERVER_ERROR carrying the subgraph's URL. It keeps what the
 * subgraph says about its dataset (a response extension the gateway would otherwise drop). Each
 * fetch is measured and traced, and carries the request id and trace context. The transport
 * (`fetcher`: keep-alive HTTP, or in process on the embedded default) changes nothing of that:
 * the same headers are sent and the same answer handled.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly breaker?: CircuitBreaker;

  constructor(
    url: string,
    private readonly sharedSecret?: string,
    private readonly subgraph = url,
    private readonly resilience?: Resilience,
    fetcher?: Fetcher,
  ) {
    super(fetcher ? { url, fetcher } : { url });
    if (resilience) this.breaker = new CircuitBreaker(resilience.breakerFailures, resilience.breakerResetMs);
  }

  /**
   * Each fetch within the subgraph timeout and the request's deadline, through the circuit
   * breaker. A subgraph that is slow, down or failing yields a coded error with a path instead of
   * its part of the answer, so the rest of the answer stands.
   */
  private async guarded(options: ProcessOptions): Promise<ProcessResult> {
    const { resilience, breaker } = this;
    if (!resilience || !breaker) return super.process(options);
    const query = options.request.query;
    const deadline = options.context?.deadline;
    const left = deadline === undefined ? Infinity : deadline - Date.now();
    const outage = (code: OutageCode, ms: number) => ({ errors: [outageError(code, this.subgraph, ms, query)] }) as ProcessResult;
    if (left <= 0) return outage('REQUEST_TIMEOUT', resilience.requestTimeoutMs);
    if (!breaker.allow()) return outage('SUBGRAPH_UNAVAILABLE', 0);
    const byDeadline = left < resilience.subgraphTimeoutMs;
    try {
      const result = await withTimeout(
        super.process(options),
        byDeadline ? left : resilience.subgraphTimeoutMs,
        byDeadline ? 'REQUEST_TIMEOUT' : 'SUBGRAPH_TIMEOUT',
      );
      breaker.success();
      return result;
    } catch (error) {
      // A client error the subgraph answered (see errorFromResponse) is no outage.
      const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
      if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
        breaker.success();
        throw error;
      }
      breaker.failure();
      if (error instanceof TimeoutError) {
        return outage(error.code, error.code === 'REQUEST_TIMEOUT' ? resilience.requestTimeoutMs : resilience.subgraphTimeoutMs);
      }
      return outage('SUBGRAPH_UNAVAILABLE', 0);
    }
  }

  /** Every fetch measured and traced (kit/observability), inside its time budget. */
  override process(options: ProcessOptions): Promise<ProcessResult> {
    return observeFetch(this.subgraph, () => this.guarded(options));
  }

  override didReceiveResponse({ response, context }: Received): Received['response'] {
    collectDataset(context, this.subgraph, response.extensions?.dataset);
    return response;
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    if (!headers) return;
    if (context?.authorization) headers.set('authorization', context.authorization);
    if (this.sharedSecret) headers.set(SHARED_SECRET_HEADER, this.sharedSecret);
    propagateRequest((name, value) => headers.set(name, value));
    if (context?.requestId) headers.set(REQUEST_ID_HEADER, context.requestId);
    if (context?.purpose) headers.set(PURPOSE_HEADER, context.purpose);
  }

  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]): Promise<GraphQLError> {
    const body = (await this.parseBody(response).catch(() => undefined)) as ErrorBody | undefined;
    const first = body?.errors?.[0];
    const code = first?.extensions?.code;
    if (response.status < 500 && typeof code === 'string') {
      return new GraphQLError(first?.message ?? 'Bad request', { extensions: { ...first?.extensions, code } });
    }
    return new GraphQLError(`Subgraph request failed (HTTP ${response.status})`, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  }
}
