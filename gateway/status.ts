import type { ApolloServerPlugin } from '@apollo/server';

/** The HTTP status of each client error code. */
const STATUS: Record<string, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
};

/**
 * An answer that carries no data at all, only client errors (a refused or invalid mutation, most
 * often), gets the first error's 4xx instead of 200. Partial answers (some data) stay 200, as
 * GraphQL over HTTP has them.
 */
export function clientErrorStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      let executed = false;
      return {
        async executionDidStart() {
          executed = true;
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          // The gateway validated the operation before executing it: a validation failure reported
          // during execution is a subgraph refusing a value of its own scalar (a LocalDate "A"),
          // which the supergraph's schema cannot check. It is the client's bad input.
          if (executed && errors) {
            response.body.singleResult.errors = errors.map((e) =>
              e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' ? { ...e, extensions: { ...e.extensions, code: 'BAD_USER_INPUT' } } : e,
            );
          }
          const coded = response.body.singleResult.errors;
          if (!coded?.length || (response.http.status && response.http.status !== 200)) return;
          const empty = data == null || Object.values(data).every((value) => value === null);
          const statuses = coded.map((e) => STATUS[String(e.extensions?.code)]);
          if (!empty || statuses.some((s) => s === undefined)) return;
          response.http.status = statuses[0];
        },
      };
    },
  };
}
