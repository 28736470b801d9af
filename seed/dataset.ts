import type { SeedDataset } from '../kit/dataset';

/** What every subgraph's seed writes: told to clients with each answer served from it. */
export const SYNTHETIC_NETWORK: SeedDataset = {
  description:
    'Synthetic demonstration data of the Los Lagos OMIL network: territory, population and the regional ' +
    'placement totals are facts; people, employers, vacancies, courses, workshops, placements, agreements ' +
    'and contact data are generated deterministically and describe no real person or company.',
};
