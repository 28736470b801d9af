import { defineSubgraph } from '../../kit/subgraph';
import { SYNTHETIC_NETWORK } from '../../seed/dataset';
import { Commune } from './entities/commune';
import { FomilAgreement } from './entities/fomil-agreement';
import { OmilOffice } from './entities/omil-office';
import { Province } from './entities/province';
import { Region } from './entities/region';
import { communesLoaders } from './loaders';
import { migrations } from './migrations';
import { CommuneResolver, communeReference } from './resolvers/commune';
import { FomilAgreementResolver } from './resolvers/fomil-agreement';
import { ProvinceResolver, provinceReference } from './resolvers/province';
import { RegionResolver, regionReference } from './resolvers/region';
import { seedCommunes } from './seed';

export const communesSubgraph = defineSubgraph({
  name: 'communes',
  entities: [Region, Province, Commune, OmilOffice, FomilAgreement],
  migrations,
  resolvers: [RegionResolver, ProvinceResolver, CommuneResolver, FomilAgreementResolver],
  references: { Region: regionReference, Province: provinceReference, Commune: communeReference },
  loaders: communesLoaders,
  seed: seedCommunes,
  dataset: SYNTHETIC_NETWORK,
});
