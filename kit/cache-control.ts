import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { Directive } from 'type-graphql';
import { entitiesHint, Policy, staticPolicy } from './cache-policy';

/**
 * How long public aggregates (territory, statistics, summaries) may be cached, in seconds. Apollo
 * Server turns the `@cacheControl` hints of a subgraph's answer into its Cache-Control header; the
 * gateway keeps the most restrictive of its subgraphs' headers, and the public views take their
 * max-age from it (docs/browser.md).
 */
export const PUBLIC_MAX_AGE_S = 300;

/** The directive Apollo Server reads, declared in every subgraph's SDL (federation does not compose it; its enum is kept out of the client API). */
export const CACHE_CONTROL_SDL = `enum CacheControlScope @inaccessible {
  PUBLIC
  PRIVATE
}

directive @cacheControl(maxAge: Int, scope: CacheControlScope, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION`;

/**
 * On an object type of public aggregates: a field returning it may be cached PUBLIC_MAX_AGE_S.
 * Any field returning a type without it (a person, a placement list) makes the answer uncacheable.
 */
export function PublicCache(): ClassDecorator {
  return Directive(`@cacheControl(maxAge: ${PUBLIC_MAX_AGE_S})`) as ClassDecorator;
}

/** The same hint, on a class made elsewhere (an entity stub of kit/references). */
export function publicCache<T extends Function>(type: T): T {
  PublicCache()(type);
  return type;
}

type Known = { schema: GraphQLSchema; byOperation: Map<string, ReturnType<typeof staticPolicy>> };
/** Per parsed document (Apollo Server keeps one per distinct query text): its operations' policies. */
const known = new WeakMap<DocumentNode, Known>();

function policyOf(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode) {
  let entry = known.get(document);
  if (!entry || entry.schema !== schema) known.set(document, (entry = { schema, byOperation: new Map() }));
  const name = operation.name?.value ?? '';
  let found = entry.byOperation.get(name);
  if (!found) entry.byOperation.set(name, (found = staticPolicy(schema, document, operation, ['_entities'])));
  return found;
}

const UNCACHEABLE = 'no-store';
const CACHEABLE = /^max-age=(\d+), (public|private)$/;

/**
 * The cache policy of each answer (kit/cache-policy.ts: Apollo Server's rules from the document,
 * not from every resolved field) and its Cache-Control header, as Apollo Server's own plugin sets
 * it: `max-age=N, public|private` when cacheable and without errors, else `no-store`.
 */
function cachePolicyPlugin<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async executionDidStart({ schema, document, operation, request, overallCachePolicy }) {
          const { policy, dynamic } = policyOf(schema, document, operation);
          overallCachePolicy.restrict(policy);
          for (const node of dynamic) overallCachePolicy.restrict(entitiesHint(schema, node, request.variables));
        },
        async willSendResponse({ response, overallCachePolicy }) {
          const header = response.http.headers.get('cache-control');
          const existing = header ? CACHEABLE.exec(header) : null;
          // A header set by someone else, in a form not ours to combine: left as it is.
          if (header && header !== UNCACHEABLE && !existing) return;
          const policy = new Policy();
          policy.replace(overallCachePolicy);
          if (existing) policy.restrict({ maxAge: Number(existing[1]), scope: existing[2] === 'public' ? 'PUBLIC' : 'PRIVATE' });
          const ok = response.body.kind === 'single' && !response.body.singleResult.errors;
          response.http.headers.set(
            'cache-control',
            policy.maxAge && header !== UNCACHEABLE && ok
              ? `max-age=${policy.maxAge}, ${(policy.scope ?? 'PUBLIC').toLowerCase()}`
              : UNCACHEABLE,
          );
        },
      };
    },
  };
}

/**
 * The cache policy and its header, then a token's answer made private: it may depend on who asks
 * (admins read exact figures), so no shared cache may keep it. Listed in this order among a
 * server's plugins, as the second rewrites the header the first sets. Apollo Server's own
 * cache-control plugin is disabled: it would wrap every resolver to apply the same rules.
 */
export function cacheControlPlugins<C extends BaseContext & { viewer?: unknown }>(): ApolloServerPlugin<C>[] {
  return [
    ApolloServerPluginCacheControlDisabled(),
    cachePolicyPlugin<C>(),
    {
      async requestDidStart() {
        return {
          async willSendResponse({ contextValue, response }) {
            const header = response.http.headers.get('cache-control');
            if (contextValue.viewer && header?.endsWith(', public')) {
              response.http.headers.set('cache-control', header.replace(/, public$/, ', private'));
            }
          },
        };
      },
    },
  ];
}
