import { defineSubgraph } from '../../kit/subgraph';
import { SYNTHETIC_NETWORK } from '../../seed/dataset';
import { Placement } from './entities/placement';
import { Region } from './entities/territory';
import { PlacementGoal } from './entities/placement-goal';
import { placementsLoaders } from './loaders';
import { migrations } from './migrations';
import { PlacementResolver, placementReference } from './resolvers/placement';
import { PlacementStatsResolver } from './resolvers/stats';
import { byId, EmployerPlacementsResolver, PersonPlacementsResolver, VacancyPlacementsResolver } from './resolvers/references';
import { CommunePlacementsResolver, communeReference, RegionPlacementsResolver, regionReference } from './resolvers/territory';
import { seedPlacements } from './seed';

export const placementsSubgraph = defineSubgraph({
  name: 'placements',
  entities: [Placement, PlacementGoal],
  migrations,
  resolvers: [
    PlacementResolver, CommunePlacementsResolver, RegionPlacementsResolver,
    PersonPlacementsResolver, EmployerPlacementsResolver, VacancyPlacementsResolver, PlacementStatsResolver,
  ],
  // Region is reached by no field here, only extended: list it so it is in the schema.
  orphanedTypes: [Region],
  references: {
    Placement: placementReference, Commune: communeReference, Region: regionReference,
    Person: byId, Employer: byId, Vacancy: byId,
  },
  loaders: placementsLoaders,
  seed: seedPlacements,
  dataset: SYNTHETIC_NETWORK,
});
