import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import type { GraphQLNamedType, GraphQLResolveInfo } from 'graphql';
import { Directive } from 'type-graphql';

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

type Hint = { maxAge?: number; scope?: 'PUBLIC' | 'PRIVATE' };
type CacheInfo = GraphQLResolveInfo & {
  cacheControl?: { cacheHint: { restrict(hint: Hint): void }; cacheHintFromType(type: GraphQLNamedType): Hint | undefined };
};

/**
 * `_entities` returns a union, which carries no hint, so Apollo Server would call every entity
 * fetch uncacheable: a reference resolver restricts it to the hint of the type it resolves.
 */
export function restrictToTypeHint(info: GraphQLResolveInfo, typeName: string): void {
  const cache = (info as CacheInfo).cacheControl;
  const type = info.schema.getType(typeName);
  if (!cache || !type) return;
  const hint = cache.cacheHintFromType(type);
  cache.cacheHint.restrict(hint?.maxAge !== undefined ? hint : { maxAge: 0 });
}

/**
 * Apollo Server's hints, then a token's answer made private: it may depend on who asks (admins
 * read exact figures), so no shared cache may keep it. Listed in this order among a server's
 * plugins, as the second rewrites the header the first sets. (Restricting the policy before
 * execution instead would turn Apollo's field hints off.)
 */
export function cacheControlPlugins<C extends BaseContext & { viewer?: unknown }>(): ApolloServerPlugin<C>[] {
  return [
    ApolloServerPluginCacheControl(),
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
