import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLError, parse, print } from 'graphql';
import { decodeJwt } from 'jose';
import type { ApolloServerPlugin, GraphQLRequest } from '@apollo/server';
import { projectPath } from '../kit/assets';
import { RateLimiter } from '../kit/rate-limit';
import type { GatewayContext } from './context';

/**
 * Trusted documents for partners (docs/partners.md): each partner client has a folder
 * `trusted-documents/<client>/manifest.json` listing the operations it may run, by id. A partner
 * token names its client in the `client` claim; such a token runs only those operations.
 */
export const TRUSTED_DOCUMENTS_DIR = projectPath('trusted-documents');

/** `trusted-documents/<client>/manifest.json`. */
export interface PartnerManifest {
  /** The client's id: the folder's name and the token's `client` claim. */
  client: string;
  description?: string;
  /** Whether the registered operations may also be sent as full text (still only those). */
  fullText?: boolean;
  /**
   * The client's cost budget (estimated objects per operation; docs/security.md) and requests a
   * minute (default 600; more answer 429 with Retry-After).
   */
  limits?: { cost?: number; requestsPerMinute?: number };
  /**
   * Operation id → the document; the id is `sha256:<hex>` (or `<hex>`) of the document's text, as
   * GraphQL Code Generator's persisted-documents.json writes it.
   */
  operations: Record<string, string>;
}

export interface PartnerClient {
  client: string;
  fullText: boolean;
  cost?: number;
  requestsPerMinute: number;
  operations: Map<string, string>;
  /** Normalised text (printed AST) → id: full text is matched whatever its formatting. */
  byText: Map<string, string>;
}

export type TrustedDocuments = Map<string, PartnerClient>;

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
export const normalizeDocument = (text: string) => print(parse(text));

const CLIENT_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Checks a manifest and indexes it; throws naming the folder and the fault. */
export function partnerClient(manifest: PartnerManifest, folder: string): PartnerClient {
  const where = `trusted-documents/${folder}/manifest.json`;
  if (manifest.client !== folder || !CLIENT_ID.test(folder)) {
    throw new Error(`${where}: "client" must equal the folder's name (lower-case letters, digits, dashes)`);
  }
  const cost = manifest.limits?.cost;
  if (cost !== undefined && (!Number.isInteger(cost) || cost < 1)) throw new Error(`${where}: limits.cost must be a positive integer`);
  const requestsPerMinute = manifest.limits?.requestsPerMinute ?? DEFAULT_REQUESTS_PER_MINUTE;
  if (!Number.isInteger(requestsPerMinute) || requestsPerMinute < 1)
    throw new Error(`${where}: limits.requestsPerMinute must be a positive integer`);
  const operations = new Map<string, string>();
  const byText = new Map<string, string>();
  for (const [key, text] of Object.entries(manifest.operations ?? {})) {
    const id = key.replace(/^sha256:/, '');
    // An id is the hash of its text, so a client can compute it and a typo cannot slip in.
    if (sha256(text) !== id) throw new Error(`${where}: operation ${key} is not the sha256 of its document`);
    operations.set(id, text);
    byText.set(normalizeDocument(text), id);
  }
  return { client: folder, fullText: manifest.fullText === true, cost, requestsPerMinute, operations, byText };
}

export function readManifest(dir: string, folder: string): PartnerManifest {
  return JSON.parse(readFileSync(join(dir, folder, 'manifest.json'), 'utf8')) as PartnerManifest;
}

/** Every partner client's manifest; a missing folder registers none (every client token is refused). */
export function loadTrustedDocuments(dir = TRUSTED_DOCUMENTS_DIR): TrustedDocuments {
  const clients: TrustedDocuments = new Map();
  if (!existsSync(dir)) return clients;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && existsSync(join(dir, entry.name, 'manifest.json'))) {
      clients.set(entry.name, partnerClient(readManifest(dir, entry.name), entry.name));
    }
  }
  return clients;
}

/** The verified token's `client` claim (the signature was checked when the viewer was built). */
export function clientClaim(authorization: string | undefined): string | undefined {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '')?.[1];
  if (!token) return undefined;
  const { client } = decodeJwt(token);
  return typeof client === 'string' ? client : undefined;
}

const refuse = (
  code: 'FORBIDDEN' | 'PERSISTED_QUERY_NOT_FOUND' | 'RATE_LIMITED',
  message: string,
  status: number,
  headers?: Map<string, string>,
) => {
  // Apollo reads `http.headers` as a Map; typed loosely so that other servers' typings of `http` (Yoga's) do not clash.
  const extensions: Record<string, unknown> = { code, http: { status, ...(headers ? { headers } : {}) } };
  return new GraphQLError(message, { extensions });
};

/** A partner client's requests a minute unless its manifest says otherwise. */
export const DEFAULT_REQUESTS_PER_MINUTE = 600;

/**
 * The id a request names: APQ's `extensions.persistedQuery.sha256Hash`, or `documentId`
 * ("sha256:<hex>" or "<hex>") beside `query` in the body or the URL (GraphQL over HTTP's persisted documents).
 */
function requestedId(request: GraphQLRequest): string | undefined {
  const apq = request.extensions?.persistedQuery?.sha256Hash;
  if (typeof apq === 'string') return apq;
  const http = request.http;
  const body = http?.body as { documentId?: unknown } | undefined;
  const documentId = http?.method === 'GET' ? new URLSearchParams(http.search).get('documentId') : body?.documentId;
  return typeof documentId === 'string' ? documentId.replace(/^sha256:/, '') : undefined;
}

/**
 * Resolves a partner client's operation before Apollo Server reads it: a registered id becomes
 * its document; anything else is refused. Tokens without a `client` claim are not concerned
 * (see `requireClient`), nor are other roles. Also sets the client's cost budget on the context.
 */
export function trustedDocumentsPlugin(
  documents: TrustedDocuments,
  options: { requireClient: boolean },
): ApolloServerPlugin<GatewayContext> {
  const limiter = new RateLimiter();
  /** Throws the refusal; otherwise leaves the registered document in `request.query`. */
  function resolve(request: GraphQLRequest, context: GatewayContext): void {
    const viewer = context.viewer;
    if (!viewer || !viewer.roles.every((r) => r === 'partner')) return;
    const name = context.client;
    if (!name) {
      if (options.requireClient) throw refuse('FORBIDDEN', 'A partner token must name its client (claim "client")', 403);
      return;
    }
    const partner = documents.get(name);
    if (!partner) throw refuse('FORBIDDEN', `Partner client "${name}" has no registered operations`, 403);
    context.partner = { client: partner.client, cost: partner.cost };
    const verdict = limiter.take(partner.client, partner.requestsPerMinute);
    if (!verdict.ok) {
      const retry = String(verdict.retryAfterS);
      throw refuse(
        'RATE_LIMITED',
        `"${name}" made more than ${partner.requestsPerMinute} requests in a minute: retry in ${retry} s`,
        429,
        new Map([['retry-after', retry]]),
      );
    }
    const id = requestedId(request);
    if (id !== undefined) {
      const text = partner.operations.get(id);
      if (text === undefined) throw refuse('PERSISTED_QUERY_NOT_FOUND', `Operation ${id} is not registered for "${name}"`, 404);
      if (request.query !== undefined && !sameDocument(request.query, text)) {
        throw refuse('FORBIDDEN', `The text sent is not operation ${id} of "${name}"`, 403);
      }
      request.query = text;
      // Apollo's own APQ cache must not see it: the registry answers for partners.
      if (request.extensions) delete request.extensions.persistedQuery;
      return;
    }
    if (!request.query) throw refuse('PERSISTED_QUERY_NOT_FOUND', 'Send a registered operation id', 404);
    if (!partner.fullText) {
      throw refuse('FORBIDDEN', `"${name}" runs its registered operations by id (extensions.persistedQuery.sha256Hash or documentId)`, 403);
    }
    if (!partner.byText.has(normalized(request.query) ?? ''))
      throw refuse('FORBIDDEN', `"${name}" may only run its registered operations`, 403);
  }

  return {
    async requestDidStart({ request, contextValue }) {
      let refusal: GraphQLError | undefined;
      try {
        resolve(request, contextValue);
      } catch (error) {
        // Apollo Server answers 500 to an error thrown this early; a refusal is raised once the
        // (harmless) placeholder is resolved, where its code and status are kept.
        refusal = error as GraphQLError;
        request.query = '{ __typename }';
        if (request.extensions) delete request.extensions.persistedQuery;
      }
      return refusal
        ? {
            async didResolveOperation() {
              throw refusal;
            },
          }
        : undefined;
    },
  };
}

function normalized(text: string): string | undefined {
  try {
    return normalizeDocument(text);
  } catch {
    return undefined; // unparsable: matches nothing
  }
}

const sameDocument = (a: string, b: string) => normalized(a) !== undefined && normalized(a) === normalized(b);
