import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { SHARED_SECRET_HEADER } from '../kit/config';
import { observeFetch, propagateRequest } from '../kit/observability/fetch';
import type { GatewayContext } from './context';
import { collectDataset } from './dataset';

type Received = Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0];
type ErrorBody = { errors?: { message?: string; extensions?: Record<string, unknown> }[] };

/**
 * How the gateway talks to a subgraph: it forwards the caller's Authorization header (each
 * subgraph verifies it again), adds the shared secret when configured, and hands the client a
 * subgraph's own coded error for an HTTP 400 (say a malformed scalar the gateway cannot check)
 * instead of Apollo's INTERNAL_SERVER_ERROR carrying the subgraph's URL. It keeps what the
 * subgraph says about its dataset (a response extension the gateway would otherwise drop). Each
 * fetch is measured and traced, and carries the request id and trace context.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly sharedSecret?: string,
    private readonly subgraph = url,
  ) {
    super({ url });
  }

  override process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']> {
    return observeFetch(this.subgraph, () => super.process(options));
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
