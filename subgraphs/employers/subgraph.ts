import { defineSubgraph } from '../../kit/subgraph';
import { employersImport, vacanciesImport } from './imports';
import { SYNTHETIC_NETWORK } from '../../seed/dataset';
import { Employer } from './entities/employer';
import { Vacancy } from './entities/vacancy';
import { employersLoaders } from './loaders';
import { migrations } from './migrations';
import { EmployerResolver, employerReference } from './resolvers/employer';
import { EmployerWritesResolver } from './resolvers/employer-writes';
import { CommuneEmployersResolver, communeReference } from './resolvers/references';
import { VacancyResolver, vacancyReference } from './resolvers/vacancy';
import { VacancyWritesResolver } from './resolvers/vacancy-writes';
import { vacancyStats } from './resolvers/stats';
import { seedEmployers } from './seed';

export const employersSubgraph = defineSubgraph({
  name: 'employers',
  entities: [Employer, Vacancy],
  migrations,
  resolvers: [EmployerResolver, VacancyResolver, CommuneEmployersResolver, EmployerWritesResolver, VacancyWritesResolver],
  statistics: [vacancyStats],
  references: { Employer: employerReference, Vacancy: vacancyReference, Commune: communeReference },
  loaders: employersLoaders,
  seed: seedEmployers,
  dataset: SYNTHETIC_NETWORK,
  imports: [employersImport, vacanciesImport],
});
