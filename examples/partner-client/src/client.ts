import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

/** A GraphQL error as the platform sends it: `extensions.code` says what went wrong. */
export interface GraphQLErrorBody {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export class PlatformError extends Error {
  constructor(
    readonly status: number,
    readonly errors: GraphQLErrorBody[],
  ) {
    super(errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; '));
  }
}

export interface ClientOptions {
  /** The gateway, e.g. http://localhost:4000/graphql. */
  url: string;
  /** A partner token (role `partner`, claim `client`). */
  token: string;
}

/** Documents generated with `persistedDocuments` carry their registered id. */
type Registered = { __meta__?: { hash?: string } };

/**
 * A typed client that sends registered operations by id only (trusted documents): the
 * document's text never leaves the client, and the result is typed by GraphQL Code Generator.
 */
export function createClient({ url, token }: ClientOptions) {
  return async function execute<Result, Variables>(document: TypedDocumentNode<Result, Variables>, variables: Variables): Promise<Result> {
    const hash = (document as Registered).__meta__?.hash;
    if (!hash) throw new Error('the document has no id: generate it with persistedDocuments');
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash.replace(/^sha256:/, '') } } }),
    });
    const body = (await response.json()) as { data?: Result | null; errors?: GraphQLErrorBody[] };
    // Partial data with errors (a forbidden field) is an error here: partners ask only for what they may read.
    if (body.errors?.length || !body.data) throw new PlatformError(response.status, body.errors ?? []);
    return body.data;
  };
}

export type Execute = ReturnType<typeof createClient>;
