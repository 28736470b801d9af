import { AuditResolver } from '../../kit/audit/query';
import { PURPOSE_NAMES } from '../../domain/purposes';
import { defineSubgraph } from '../../kit/subgraph';
import { SYNTHETIC_NETWORK } from '../../seed/dataset';
import { Person } from './entities/person';
import { personsLoaders } from './loaders';
import { migrations } from './migrations';
import { JobSeekerWritesResolver } from './resolvers/job-seeker-writes';
import { PersonResolver, personReference } from './resolvers/person';
import { jobSeekerStats } from './resolvers/stats';
import { seedPersons } from './seed';

export const personsSubgraph = defineSubgraph({
  name: 'persons',
  entities: [Person],
  migrations,
  resolvers: [PersonResolver, JobSeekerWritesResolver, AuditResolver],
  statistics: [jobSeekerStats],
  references: { Person: personReference },
  loaders: personsLoaders,
  seed: seedPersons,
  dataset: SYNTHETIC_NETWORK,
  purposes: PURPOSE_NAMES,
});
