import { idStubReference } from '../../kit/references';
import { defineSubgraph } from '../../kit/subgraph';
import { SYNTHETIC_NETWORK } from '../../seed/dataset';
import { Placement } from './entities/placement';
import { Region } from './entities/references';
import { PlacementGoal } from './entities/placement-goal';
import { PlacementMonth } from './entities/placement-month';
import { placementsLoaders } from './loaders';
import { migrations } from './migrations';
import { PlacementResolver, placementReference } from './resolvers/placement';
import { placementStats } from './resolvers/stats';
import {
  CommunePlacementsResolver,
  communeReference,
  EmployerPlacementsResolver,
  PersonPlacementsResolver,
  RegionPlacementsResolver,
  regionReference,
  VacancyPlacementsResolver,
} from './resolvers/references';
import { seedPlacements } from './seed';
import { EmployerProjection } from './entities/employer-projection';
import { PersonProjection } from './entities/person-projection';
import { Referral } from './entities/referral';
import { VacancyProjection } from './entities/vacancy-projection';
import { placementsEvents } from './events';
import { PlacementWritesResolver } from './resolvers/placement-writes';
import { ReferralResolver } from './resolvers/referral';
import { placementsImport, referralsImport } from './imports';

export const placementsSubgraph = defineSubgraph({
  name: 'placements',
  entities: [Placement, PlacementGoal, Referral, PersonProjection, EmployerProjection, VacancyProjection, PlacementMonth],
  migrations,
  resolvers: [
    PlacementResolver,
    PlacementWritesResolver,
    ReferralResolver,
    CommunePlacementsResolver,
    RegionPlacementsResolver,
    PersonPlacementsResolver,
    EmployerPlacementsResolver,
    VacancyPlacementsResolver,
  ],
  statistics: [placementStats],
  // Region is reached by no field here, only extended: list it so it is in the schema.
  orphanedTypes: [Region],
  references: {
    Placement: placementReference,
    Commune: communeReference,
    Region: regionReference,
    Person: idStubReference,
    Employer: idStubReference,
    Vacancy: idStubReference,
  },
  loaders: placementsLoaders,
  seed: seedPlacements,
  events: placementsEvents,
  dataset: SYNTHETIC_NETWORK,
  imports: [placementsImport, referralsImport],
});
