import type { EntityManager } from '@mikro-orm/knex';
import { insertSeed } from '../../kit/insert';
import { network } from '../../seed/network';
import { yearPlan } from '../../seed/placement-plan';
import { SEED_YEARS } from '../../seed/fomil-plan';
import { dimensionsOf, Placement } from './entities/placement';
import { PlacementGoal } from './entities/placement-goal';

/** The network's placements (with their person, employer and vacancy ids) and the yearly goals. */
export async function seedPlacements(em: EntityManager): Promise<void> {
  await insertSeed(em, Placement, network().placements.map((p) => ({ ...p, ...dimensionsOf(p) })));
  const goals = SEED_YEARS.flatMap((year) => {
    const plan = yearPlan(year);
    return plan.communes.map((communeCode, i) => ({ communeCode, provinceCode: communeCode.slice(0, 3), year, goal: plan.goals[i] }));
  });
  await insertSeed(em, PlacementGoal, goals.map((g, i) => ({ id: i + 1, ...g })));
}
