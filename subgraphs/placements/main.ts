import 'reflect-metadata';
import { runSubgraph } from '../../kit/main';
import { placementsSubgraph } from './subgraph';

runSubgraph(placementsSubgraph);
