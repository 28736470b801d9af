import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLError } from 'graphql';

type ErrorBody = { errors?: { message?: string; extensions?: Record<string, unknown> }[] };

/**
 * A subgraph answers a bad request (say a malformed scalar the gateway cannot check) with HTTP 400
 * and a coded error. Apollo's data source would turn it into INTERNAL_SERVER_ERROR carrying the
 * subgraph's URL; this one hands the client the subgraph's own coded error instead.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource {
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
