import 'reflect-metadata';
import { runSubgraph } from '../../kit/main';
import { trainingSubgraph } from './subgraph';

runSubgraph(trainingSubgraph);
