import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** The codes a client can rely on (extensions.code). */
export type ErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'INTERNAL_SERVER_ERROR';

export function codedError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

/** Bad input names the offending field (dotted path from the argument) and why. */
export function badUserInput(field: string, reason: string): GraphQLError {
  return codedError('BAD_USER_INPUT', `Invalid value for "${field}": ${reason}`, { field, reason });
}

const CLIENT_CODES = new Set<string>([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  // The gateway's request limits.
  'DEPTH_LIMIT_EXCEEDED',
  'ALIAS_LIMIT_EXCEEDED',
  'ROOT_FIELD_LIMIT_EXCEEDED',
  'COST_LIMIT_EXCEEDED',
  'STATISTICS_ROW_LIMIT_EXCEEDED',
  'RATE_LIMITED',
  // The gateway's time budgets (gateway/resilience.ts): not internal, and the client may retry.
  'SUBGRAPH_TIMEOUT',
  'SUBGRAPH_UNAVAILABLE',
  'REQUEST_TIMEOUT',
]);

/** A code the client caused (bad input, refused, over a limit): anything else is internal. */
export function isClientCode(code: string): boolean {
  return CLIENT_CODES.has(code);
}

/**
 * Apollo Server `formatError`: coded client errors pass through; anything else becomes an
 * INTERNAL_SERVER_ERROR. In production nothing internal (stack, SQL, file path) leaves the process.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  // Apollo Server's own request errors without a code (a persisted-query hash that does not match,
  // an unknown persisted-query version) carry a 4xx: they are the client's, not internal.
  const status = (error as { extensions?: { http?: { status?: number } } } | undefined)?.extensions?.http?.status;
  const given = formatted.extensions?.code;
  if ((!given || given === 'INTERNAL_SERVER_ERROR') && status && status >= 400 && status < 500) {
    formatted = { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_REQUEST' } };
  }
  // Apollo's refusal names its own constructor option; an operator sets an environment variable.
  if (/introspection is not allowed/i.test(formatted.message)) {
    formatted = {
      ...formatted,
      message:
        'Introspection is off in production: set INTROSPECTION=true on the gateway to allow it, or read the schema at GET /schema.graphql',
    };
  }
  // A scalar's parse error names field and reason (see rut.ts); graphql-js reports it as a
  // validation failure when the value is a literal, but it is bad input all the same.
  if (formatted.extensions?.field && formatted.extensions?.reason && formatted.extensions.code === 'GRAPHQL_VALIDATION_FAILED') {
    formatted = { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT' } };
  }
  const code = String(formatted.extensions?.code ?? '');
  const production = process.env.NODE_ENV === 'production';
  if (CLIENT_CODES.has(code)) {
    if (!production) return formatted;
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  if (!production) {
    return { ...formatted, extensions: { ...formatted.extensions, code: 'INTERNAL_SERVER_ERROR' } };
  }
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
