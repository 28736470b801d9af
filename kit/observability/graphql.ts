import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { isClientCode } from '../errors';
import type { Viewer } from '../context';
import { currentRequest } from './context';
import { logger } from './logger';
import { clientOperation, graphqlDuration, graphqlOperations, operationLabel } from './metrics';

/**
 * Apollo Server plugin of the gateway and of every subgraph: operation metrics, the viewer's role
 * and the operation name on the request's log line, and every internal error logged with its stack
 * before formatError masks it for the client.
 */
export function observePlugin<C extends BaseContext>(service: string): ApolloServerPlugin<C> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      const request = currentRequest();
      const viewer = (contextValue as { viewer?: Viewer | null }).viewer;
      if (request && viewer !== undefined) request.role = viewer ? viewer.roles.join(',') : 'public';
      let operation = '(invalid)';
      const codes = new Set<string>();
      let internal = false;
      return {
        async didResolveOperation({ operationName }) {
          operation = operationName ? clientOperation(operationName) : '(anonymous)';
          request?.span.setAttribute('graphql.operation.name', operation);
        },
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            // Apollo's own refusals without a code (a persisted-query hash that does not match) carry a 4xx: the client's, as formatError answers them.
            const status = (error.extensions?.http as { status?: number } | undefined)?.status ?? 0;
            const code = String(error.extensions?.code ?? (status >= 400 && status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR'));
            codes.add(code);
            if (isClientCode(code)) continue;
            internal = true;
            logger.error(
              {
                err: error.originalError ?? error,
                code,
                operation,
                path: error.path?.join('.'),
                subgraph: typeof error.extensions?.serviceName === 'string' ? error.extensions.serviceName : undefined,
              },
              'internal error',
            );
          }
        },
        async willSendResponse() {
          const outcome = internal ? 'error' : codes.size ? 'client_error' : 'ok';
          const labels = { service, operation: operationLabel(operation), outcome };
          graphqlOperations.inc(labels);
          graphqlDuration.observe(labels, (performance.now() - started) / 1000);
          if (request) {
            request.operations.push(operation);
            for (const code of codes) request.codes.add(code);
            request.internal ||= internal;
          }
        },
      };
    },
  };
}
