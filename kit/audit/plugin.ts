import type { IncomingHttpHeaders } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { Context } from '../context';
import { codedError } from '../errors';
import { mayReadPersonal, personalFields } from './personal';
import type { AuditRequest } from './trail';
import { currentRequest } from '../observability/context';
import { REQUEST_ID_HEADER, requestIdFrom } from '../observability/request-id';

export { REQUEST_ID_HEADER };
export const PURPOSE_HEADER = 'x-purpose';
/**
 * On every subgraph answer served with an audit trail: `1` when its request recorded audit
 * entries (personal data read, written or refused), else `0`. The gateway shares with other
 * requests only an answer marked `0` (gateway/transport.ts): entries name one request alone.
 */
export const AUDITED_HEADER = 'x-audited';

/** The audit's view of an HTTP request: its id (the gateway's x-request-id, or a new one) and declared purpose. */
export function auditRequest(req: { headers: IncomingHttpHeaders }): AuditRequest {
  const header = (name: string) => {
    const value = req.headers[name];
    return (Array.isArray(value) ? value[0] : value)?.trim() || null;
  };
  // The id the request's logs and traces carry (kit/observability), so one id finds all three.
  const requestId = currentRequest()?.id ?? requestIdFrom(req.headers[REQUEST_ID_HEADER]);
  return { requestId, purpose: header(PURPOSE_HEADER), operation: null };
}

/** The personal fields ("Type.field") an operation selects, anywhere in it. */
export function personalSelections(schema: GraphQLSchema, document: DocumentNode): string[] {
  const personal = personalFields();
  const found = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        const coordinate = `${parent?.name}.${node.name.value}`;
        if (parent && personal.has(coordinate)) found.add(coordinate);
      },
    }),
  );
  return [...found].sort();
}

/** The gateway names its subgraph fetches `<ClientOperation>__<subgraph>__<n>`: the client's name is what is audited. */
export function clientOperationName(name: string | null | undefined): string | null {
  if (!name) return null;
  return name.replace(/__[A-Za-z0-9]+__\d+$/, '').slice(0, 200) || null;
}

export function purposeError(purposes: readonly string[], given: string | null) {
  const reason = given
    ? `"${given.slice(0, 40)}" is not a declared purpose; use one of: ${purposes.join(', ')}`
    : `reading personal data needs a declared purpose; send one of: ${purposes.join(', ')}`;
  return codedError('BAD_USER_INPUT', `Invalid value for "${PURPOSE_HEADER}" header: ${reason}`, {
    field: PURPOSE_HEADER,
    reason,
    purposes,
    http: { status: 400 },
  });
}

/**
 * The audit's request lifecycle in a subgraph: once the operation is known, an operation that
 * selects a personal field, from a viewer who may read some, must declare a valid purpose
 * (otherwise 400 BAD_USER_INPUT before anything runs; viewers who may not are refused by access
 * control, and that is recorded). At the end, the request's entries are appended in one
 * transaction before the answer leaves; if that fails, the answer is withheld.
 */
export function auditPlugin(purposes: readonly string[]): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operationName, contextValue, schema }) {
          const trail = contextValue.audit;
          if (!trail) return;
          trail.request.operation = clientOperationName(operationName);
          if (!mayReadPersonal(contextValue.viewer?.roles)) return;
          if (!personalSelections(schema, document).length) return;
          const purpose = trail.request.purpose;
          if (!purpose || !purposes.includes(purpose)) throw purposeError(purposes, purpose);
        },
        async willSendResponse({ contextValue, response }) {
          const trail = contextValue.audit;
          if (trail) response.http.headers.set(AUDITED_HEADER, trail.recorded ? '1' : '0');
          try {
            await trail?.flush();
          } catch (error) {
            console.error('audit: the entries of a request could not be appended; its answer is withheld:', error);
            response.body = {
              kind: 'single',
              singleResult: {
                errors: [
                  { message: 'The audit log could not be written: nothing is returned', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
                ],
              },
            };
            response.http.status = 500;
          }
        },
      };
    },
  };
}
