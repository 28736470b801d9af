import 'reflect-metadata';
import type { SubgraphDefinition } from '../kit/subgraph';
import { communesSubgraph } from './communes/subgraph';
import { employersSubgraph } from './employers/subgraph';
import { personsSubgraph } from './persons/subgraph';
import { placementsSubgraph } from './placements/subgraph';
import { trainingSubgraph } from './training/subgraph';

/** Every subgraph of the platform, in composition order (the order of SUBGRAPH_NAMES). */
export const SUBGRAPHS: SubgraphDefinition<any>[] = [
  communesSubgraph,
  personsSubgraph,
  employersSubgraph,
  trainingSubgraph,
  placementsSubgraph,
];
