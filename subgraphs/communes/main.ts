import 'reflect-metadata';
import { runSubgraph } from '../../kit/main';
import { communesSubgraph } from './subgraph';

runSubgraph(communesSubgraph);
