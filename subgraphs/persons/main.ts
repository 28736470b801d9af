import 'reflect-metadata';
import { runSubgraph } from '../../kit/main';
import { personsSubgraph } from './subgraph';

runSubgraph(personsSubgraph);
