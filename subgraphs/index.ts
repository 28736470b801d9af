import 'reflect-metadata';
import type { SubgraphDefinition } from './kit/subgraph';
import { communesSubgraph } from './communes/subgraph';
import { placementsSubgraph } from './placements/subgraph';

/** Every subgraph of the platform, in composition order. */
export const SUBGRAPHS: SubgraphDefinition<any>[] = [communesSubgraph, placementsSubgraph];
