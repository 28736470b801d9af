import { Random } from '../kit/random';
import { employers } from './employers';
import { jobSeekersNeverPlaced } from './persons';
import { placements } from './placements';
import { services } from './services';
import { SeedState } from './state';
import { courses, providers, workshops } from './training';
import type { Network } from './types';
import { vacanciesUnfilled } from './vacancies';

export type {
  AttendanceSeed,
  AttentionSeed,
  CourseSeed,
  EmployerSeed,
  EmployerVisitSeed,
  EnrollmentSeed,
  GoalSeed,
  IndicatorGoalSeed,
  JobFairSeed,
  Network,
  PersonSeed,
  PlacementSeed,
  ProviderSeed,
  VacancyCaptureSeed,
  VacancySeed,
  WorkshopSeed,
} from './types';
export { SEED_SCALE } from './state';

/**
 * The whole synthetic network, generated once per process and identical in every process (a
 * seeded PRNG, no clock): each subgraph's seed inserts its part with these ids, so every
 * placement's person, employer and vacancy exist in their subgraphs. The order of the steps is
 * part of the result: each draws from the same PRNG.
 */
/** `services: false` leaves out the OMIL services step (the last; nothing else depends on it). */
export function buildNetwork(scale = 1, { services: withServices = true } = {}): Network {
  if (!Number.isInteger(scale) || scale < 1) throw new Error(`scale must be a positive integer, got ${scale}`);
  const s = new SeedState(new Random(20_221_948), scale);
  employers(s);
  placements(s);
  jobSeekersNeverPlaced(s);
  vacanciesUnfilled(s);
  providers(s);
  courses(s);
  workshops(s);
  if (withServices) services(s);
  return s.net;
}

let cached: Network | undefined;
let currentScale = 1;

/** Seeds that follow run at this scale (`npm run seed -- --scale N`); 1 is the embedded default. */
export function useNetworkScale(scale: number): void {
  currentScale = scale;
}

/** The network (memoised: the all-in-one start generates it once for five subgraphs). */
export function network(): Network {
  if (cached?.scale !== currentScale) cached = buildNetwork(currentScale);
  return cached;
}
