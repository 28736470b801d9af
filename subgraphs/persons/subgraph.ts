import { defineSubgraph } from '../../kit/subgraph';
import { SYNTHETIC_NETWORK } from '../../seed/dataset';
import { Person } from './entities/person';
import { personsLoaders } from './loaders';
import { migrations } from './migrations';
import { PersonResolver, personReference } from './resolvers/person';
import { JobSeekerStatsResolver } from './resolvers/stats';
import { seedPersons } from './seed';

export const personsSubgraph = defineSubgraph({
  name: 'persons',
  entities: [Person],
  migrations,
  resolvers: [PersonResolver, JobSeekerStatsResolver],
  references: { Person: personReference },
  loaders: personsLoaders,
  seed: seedPersons,
  dataset: SYNTHETIC_NETWORK,
});
