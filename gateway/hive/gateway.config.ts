import { defineConfig, type GatewayPlugin } from '@graphql-hive/gateway';
import { getOperationAST } from 'graphql';
import { viewerFromAuthorization, type AuthConfig } from '../../kit/auth';
import type { Viewer } from '../../kit/context';
import { securityFromEnv, SHARED_SECRET_HEADER, SUBGRAPH_NAMES, subgraphUrl } from '../../kit/config';
import { checkOperation, limitsFromEnv, type Limits } from '../limits';
import { PURPOSE_HEADER, REQUEST_ID_HEADER } from '../../kit/audit/plugin';

/**
 * Hive Gateway (MIT) serving the committed schema/supergraph.graphql unchanged, with the
 * protections of our own gateway (docs/operations.md, "Other gateways"):
 *
 * - the bearer JWT verified by the same code and keys as ours and the subgraphs' (kit/auth:
 *   JWT_SECRET HS256, or JWKS_URL; JWT_ISSUER, JWT_AUDIENCE): a bad token is UNAUTHENTICATED (401);
 * - `Authorization` forwarded to every subgraph (which verifies it again), and the shared secret
 *   (SUBGRAPH_SHARED_SECRET) sent in SHARED_SECRET_HEADER;
 * - the same depth, alias, root-field and cost limits (gateway/limits.ts, LIMIT_* variables),
 *   checked by the same function after validation and before planning; token, batch limits;
 * - a timeout per subgraph request (SUBGRAPH_TIMEOUT_MS) and for the whole request (REQUEST_TIMEOUT_MS);
 * - routing URLs from <NAME>_URL (else 127.0.0.1:PORT+1…+5, as our gateway);
 * - introspection off when NODE_ENV=production unless INTROSPECTION=true.
 *
 * Run: `npm run gateway:hive` (hive-gateway supergraph schema/supergraph.graphql -c this file).
 * HIVE_DEDUPLICATE=false turns off the sharing of identical in-flight subgraph requests (on by default).
 */

const positive = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
};

type ViewerContext = { viewer?: Viewer | null; request?: Request };

/** Verifies the token once per request and puts the viewer in the context (null: the public). */
export function useViewer(auth: AuthConfig): GatewayPlugin<ViewerContext> {
  return {
    async onContextBuilding({ context, extendContext }) {
      extendContext({ viewer: await viewerFromAuthorization(context.request?.headers.get('authorization') ?? undefined, auth) });
    },
  };
}

/** Our limits (gateway/limits.ts) on the validated operation, before Hive plans it. */
export function useLimits(limits: Limits): GatewayPlugin<ViewerContext> {
  return {
    onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (!operation) return;
      checkOperation(args.document, operation, args.schema, args.variableValues ?? {}, args.contextValue.viewer ?? null, limits);
    },
  };
}

const security = securityFromEnv();
const limits = limitsFromEnv();
const production = process.env.NODE_ENV === 'production';
const introspection = !production || process.env.INTROSPECTION === 'true';

export const gatewayConfig = defineConfig<ViewerContext>({
  // The supergraph's routing URLs (127.0.0.1:4001–4005) replaced by <NAME>_URL, as our gateway does.
  transportEntries: {
    ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, { location: subgraphUrl(name) }])),
    '*.http': {
      options: {
        timeout: positive('SUBGRAPH_TIMEOUT_MS', 10_000),
        deduplicateInflightRequests: process.env.HIVE_DEDUPLICATE !== 'false',
      },
    },
  },
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({
      authorization: request.headers.get('authorization'),
      // The audit of personal reads needs the caller's declared purpose and request id (docs/security.md).
      [PURPOSE_HEADER]: request.headers.get(PURPOSE_HEADER),
      [REQUEST_ID_HEADER]: request.headers.get(REQUEST_ID_HEADER),
      ...(security.sharedSecret ? { [SHARED_SECRET_HEADER]: security.sharedSecret } : {}),
    }),
  },
  requestDeadline: positive('REQUEST_TIMEOUT_MS', 30_000),
  maxTokens: limits.tokens,
  // Depth is checked by our limits (the same count as our gateway's), not by Hive's own rule.
  maxDepth: false,
  blockFieldSuggestions: production,
  batching: { limit: limits.batch },
  ...(introspection ? {} : { disableIntrospection: {} }),
  graphiql: !production,
  landingPage: false,
  pollingInterval: 0,
  plugins: () => [useViewer(security.auth), useLimits(limits)],
});
