import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { CACHE_CONTROL_SDL } from './cache-control';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { authChecker } from './access';
import { validateArgs } from './validation';

export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@inaccessible"])';

// type-graphql has no notion of entity references: each subgraph lists them next to its resolvers.
export type ReferenceResolvers = Record<string, (reference: any, context: any, info: any) => unknown>;

export interface FederatedSchemaOptions {
  resolvers: NonEmptyArray<Function>;
  orphanedTypes?: Function[];
  references?: ReferenceResolvers;
}

/**
 * type-graphql → Federation 2 subgraph schema: built with skipCheck, printed with its directives
 * (graphql's printSchema drops @key), the Federation 2 @link prepended, references merged in.
 */
export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    authChecker,
    validateFn: validateArgs,
    skipCheck: true,
  });
  const typeDefs = parse(`${FEDERATION_LINK}\n\n${CACHE_CONTROL_SDL}\n\n${printSchemaWithDirectives(schema)}`);
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, resolveReference] of Object.entries(options.references ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), __resolveReference: resolveReference } as never;
  }
  return buildSubgraphSchema([{ typeDefs, resolvers }]);
}
