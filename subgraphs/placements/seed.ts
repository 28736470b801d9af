import type { EntityManager } from '@mikro-orm/knex';
import { ageBandAt } from '../../domain/classifications';
import { insertSeed } from '../../kit/insert';
import { network, type Network } from '../../seed/network';
import { dimensionsOf, Placement } from './entities/placement';
import { PlacementGoal } from './entities/placement-goal';

/**
 * Placement rows with their snapshot columns, derived here as at registration: the person's sex
 * and age band at the start date, the employer's section, and the analysis dimensions.
 */
export function placementRows(net: Network) {
  return net.placements.map((p) => {
    const person = net.persons[p.personId - 1];
    const ageBand = ageBandAt(person.birthDate, p.startDate);
    if (!ageBand) throw new Error(`placement ${p.id}: person ${person.id} is under 18 on ${p.startDate}`);
    return {
      ...p,
      sex: person.sex,
      ageBand,
      education: person.education,
      sector: net.employers[p.employerId - 1].sector,
      ...dimensionsOf(p),
    };
  });
}

/** Goal rows: the network's goals (at its scale) with their province. */
export function goalRows(net: Network) {
  return net.goals.map((g, i) => ({ id: i + 1, ...g, provinceCode: g.communeCode.slice(0, 3) }));
}

/** The network's placements (with their person, employer and vacancy ids) and the yearly goals. */
export async function seedPlacements(em: EntityManager): Promise<void> {
  const net = network();
  await insertSeed(em, Placement, placementRows(net));
  await insertSeed(em, PlacementGoal, goalRows(net));
}
