import 'reflect-metadata';
import { execute as run, GraphQLError, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { formatError } from '../../kit/errors';
import { viewerFromAuthorization, type Role } from '../../kit/auth';
import { securityFromEnv } from '../../kit/config';
import type { Viewer } from '../../kit/context';
import type { DatabaseKind } from '../../kit/orm';
import { SubgraphApp, subgraphSchema, type StartOptions, type SubgraphDefinition } from '../../kit/subgraph';
import { freshDatabase, testDatabaseKinds } from './databases';
import type { GraphQLResponse } from './graphql';

/**
 * Who asks: a viewer as given, or a token (alone or as request headers) that the subgraph
 * verifies as it does over HTTP; null or nothing for the public.
 */
export type Who = Viewer | string | { authorization?: string } | null | undefined;

/**
 * The fast tier: one subgraph in this process on a fresh database, its schema executed with
 * graphql-js (no HTTP, no gateway, no other subgraph). For resolver-level behaviour; what needs
 * the gateway or another subgraph stays on the platform (platform.ts).
 */
export interface TestSubgraph {
  kind: DatabaseKind;
  app: SubgraphApp<any>;
  schema: GraphQLSchema;
  /** Runs one operation as `who` and returns its result, as the subgraph would answer over HTTP. */
  execute<T = any>(query: string, variables?: Record<string, unknown>, who?: Who): Promise<GraphQLResponse<T>>;
  /** The data of an operation that must succeed; its errors fail the test with their text. */
  data<T = any>(query: string, variables?: Record<string, unknown>, who?: Who): Promise<T>;
  close(): Promise<void>;
}

/** A viewer as a verified token would give it (what tokenFor signs). */
export function viewer(roles: Role | Role[], communes: string[] = []): Viewer {
  return { sub: `test-${[roles].flat().join('-')}`, roles: [roles].flat(), communes };
}

async function viewerOf(who: Who): Promise<Viewer | null> {
  if (!who) return null;
  if (typeof who === 'string') return viewerFromAuthorization(`Bearer ${who}`, securityFromEnv().auth);
  if ('sub' in who) return who;
  return viewerFromAuthorization(who.authorization, securityFromEnv().auth);
}

export async function startSubgraph(
  definition: SubgraphDefinition<any>,
  kind: DatabaseKind,
  options: StartOptions = {},
): Promise<TestSubgraph> {
  const database = await freshDatabase(kind, { seeded: options.seed !== false });
  const app = await new SubgraphApp(definition, database.options).start({ seed: true, ...options });
  const schema = await subgraphSchema(definition);
  // As Apollo Server would answer: parse and validation failures coded, every error through formatError.
  const formatted = (errors: readonly GraphQLError[], code?: string) =>
    errors.map(
      (e) =>
        formatError({ ...e.toJSON(), extensions: { ...e.extensions, ...(code ? { code } : {}) } }, e) as NonNullable<
          GraphQLResponse['errors']
        >[number],
    );
  const execute = async <T>(query: string, variables?: Record<string, unknown>, who?: Who): Promise<GraphQLResponse<T>> => {
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      return { errors: formatted([error as GraphQLError], 'GRAPHQL_PARSE_FAILED') };
    }
    const invalid = validate(schema, document);
    if (invalid.length) return { errors: formatted(invalid, 'GRAPHQL_VALIDATION_FAILED') };
    const result = await run({ schema, document, variableValues: variables, contextValue: app.context(await viewerOf(who)) });
    // No data at all: the variables were refused before execution.
    if (!('data' in result) && result.errors) return { errors: formatted(result.errors, 'BAD_USER_INPUT') };
    return { data: (result.data ?? undefined) as T | undefined, ...(result.errors ? { errors: formatted(result.errors) } : {}) };
  };
  return {
    kind,
    app,
    schema,
    execute,
    async data<T>(query: string, variables?: Record<string, unknown>, who?: Who) {
      const result = await execute<T>(query, variables, who);
      if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      return result.data as T;
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

/** Runs a suite once per database against one subgraph, started before the suite and closed after. */
export function describeSubgraph(
  definition: SubgraphDefinition<any>,
  title: string,
  suite: (subgraph: () => TestSubgraph) => void,
  options: StartOptions = {},
): void {
  describe.each(testDatabaseKinds())(`${title} [%s]`, (kind) => {
    let subgraph: TestSubgraph | undefined;
    beforeAll(async () => {
      subgraph = await startSubgraph(definition, kind, options);
    });
    afterAll(async () => {
      await subgraph?.close();
    });
    suite(() => {
      if (!subgraph) throw new Error(`subgraph ${definition.name} failed to start`);
      return subgraph;
    });
  });
}
