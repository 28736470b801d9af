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
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (!errors?.length || (response.http.status && response.http.status !== 200)) return;
          const empty = data == null || Object.values(data).every((value) => value === null);
          const statuses = errors.map((e) => STATUS[String(e.extensions?.code)]);
          if (!empty || statuses.some((s) => s === undefined)) return;
          response.http.status = statuses[0];
        },
      };
    },
  };
}
