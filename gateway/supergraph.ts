import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { printSchema, type DocumentNode } from 'graphql';
import { projectPath } from '../kit/assets';

export const SUPERGRAPH_FILE = projectPath('schema', 'supergraph.graphql');

/** The committed supergraph: the gateway never introspects or polls subgraphs. */
export function loadSupergraphSdl(path = SUPERGRAPH_FILE): string {
  return readFileSync(path, 'utf8');
}

/** Per statistics field, its dimensions' sizes: written by `npm run compose` beside the supergraph. */
export type ListSizes = Record<string, Record<string, number>>;

export const LIST_SIZES_FILE = projectPath('schema', 'list-sizes.json');

export function loadListSizes(path = LIST_SIZES_FILE): ListSizes {
  return JSON.parse(readFileSync(path, 'utf8')) as ListSizes;
}

export interface SubgraphSdl {
  name: string;
  url: string;
  typeDefs: DocumentNode;
}

/** Composes subgraph SDLs into a supergraph SDL, or throws with every composition error. */
export function composeSupergraph(subgraphs: SubgraphSdl[]): string {
  const result = composeServices(subgraphs);
  if (result.errors) {
    throw new Error(`supergraph composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}

/**
 * The schema clients see (schema/api.graphql, GET /schema.graphql): the supergraph without its
 * federation directives and types (join__, link__), as the gateway serves it.
 */
export function apiSchemaSdl(supergraphSdl: string): string {
  return printSchema(Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema()) + '\n';
}
