import type express from 'express';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind, type OperationDefinitionNode } from 'graphql';

/** A JSON error answer for what fails before GraphQL (the body, its encoding, its size). */
export function httpError(res: express.Response, status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
  res.status(status).json({ errors: [{ message, extensions: { code, ...extra } }] });
}

interface BodyError {
  type?: string;
  status?: number;
  statusCode?: number;
  charset?: string;
  limit?: number;
}

/**
 * The last error handler of the gateway and of every subgraph: a body that cannot be read (not
 * JSON, an unsupported charset or content-encoding, a truncated gzip stream, too large) answers a
 * coded 4xx JSON; anything else a 500 JSON without its stack. Express's own handler answers HTML
 * with a stack trace and absolute paths.
 */
export function jsonErrorHandler(): express.ErrorRequestHandler {
  return (error: BodyError, _req, res, next) => {
    if (res.headersSent) return next(error);
    const status = error.status ?? error.statusCode ?? 500;
    switch (error.type) {
      case 'entity.too.large':
        return httpError(res, 413, 'PAYLOAD_TOO_LARGE', `The request body exceeds ${error.limit} bytes`, { limit: error.limit });
      case 'entity.parse.failed':
        return httpError(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON');
      case 'charset.unsupported':
        return httpError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', `Unsupported charset "${error.charset}": send JSON in UTF-8`);
      case 'encoding.unsupported':
        return httpError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported content-encoding: send identity, gzip, deflate or br (one)');
    }
    // Express's router cannot decode a parameter of the path (a bad %-sequence).
    if (error instanceof URIError) return httpError(res, 400, 'BAD_REQUEST', 'The URL holds an invalid %-encoded sequence');
    if (status >= 400 && status < 500) {
      return httpError(res, status, 'BAD_REQUEST', 'The request body could not be read (truncated, or not in its declared encoding)');
    }
    httpError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
  };
}

/** Last of the routes: what none of them serves is a coded JSON 404, not Express's HTML page. */
export function jsonNotFound(): express.RequestHandler {
  return (req, res) => httpError(res, 404, 'NOT_FOUND', `Nothing at ${req.method} ${req.path.slice(0, 200)}`);
}

const badRequest = (code: string, message: string) => new GraphQLError(message, { extensions: { code, http: { status: 400 } } });

/**
 * Refuses, with a coded 400, what Apollo Server leaves to the executor (which answers 500 behind a
 * gateway): no operation to run (several without `operationName`, or an unknown name) and
 * subscriptions, which this platform does not serve.
 */
export function operationGuardPlugin<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request }) {
          if (!operation) {
            const names = document.definitions
              .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
              .map((d) => d.name?.value);
            throw badRequest(
              'OPERATION_RESOLUTION_FAILURE',
              request.operationName
                ? `Unknown operation named "${request.operationName}"`
                : `The document holds ${names.length} operations: name the one to run in "operationName"`,
            );
          }
          if (operation.operation === 'subscription') {
            throw badRequest('BAD_REQUEST', 'Subscriptions are not served: send a query or a mutation');
          }
        },
      };
    },
  };
}
