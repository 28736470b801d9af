import 'reflect-metadata';
import { runSubgraph } from '../../kit/main';
import { employersSubgraph } from './subgraph';

runSubgraph(employersSubgraph);
