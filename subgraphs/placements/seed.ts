import type { EntityManager } from '@mikro-orm/knex';
import { recordSeedEvents } from '../../kit/events/outbox';
import { insertSeed } from '../../kit/insert';
import { createdBy } from '../../kit/writes/audited';
import { network, type Network } from '../../seed/network';
import { EmployerProjection } from './entities/employer-projection';
import { PlacementStatus } from './entities/enums';
import { Placement, snapshotOf } from './entities/placement';
import { PlacementGoal } from './entities/placement-goal';
import { PersonProjection } from './entities/person-projection';
import { VacancyProjection } from './entities/vacancy-projection';
import { placementRegistered, projectionRows } from './events';

/**
 * Placement rows with their snapshot columns, derived as registerPlacement derives them
 * (snapshotOf): the person's sex, age band and education at the start date, the employer's section,
 * and the analysis dimensions. Seeded placements carry no wage (the network has none).
 */
export function placementRows(net: Network, at = new Date()) {
  return net.placements.map((p) => {
    const person = net.persons[p.personId - 1];
    const snapshot = snapshotOf(p, person, net.employers[p.employerId - 1]);
    if (!snapshot.ageBand) throw new Error(`placement ${p.id}: person ${person.id} is under 15 on ${p.startDate}`);
    return { ...p, ...snapshot, ageBand: snapshot.ageBand, status: PlacementStatus.ACTIVE, monthlyWage: null, ...createdBy('seed', at) };
  });
}

/** Goal rows: the network's goals (at its scale) with their province. */
export function goalRows(net: Network) {
  return net.goals.map((g, i) => ({ id: i + 1, ...g, provinceCode: g.communeCode.slice(0, 3) }));
}

/**
 * The network's placements (with their person, employer and vacancy ids), the yearly goals, the
 * projections of persons, employers and vacancies as their events would build them, and the
 * placements' events as already published (a replay sends them again).
 */
export async function seedPlacements(em: EntityManager): Promise<void> {
  const net = network();
  const rows = placementRows(net);
  await insertSeed(em, Placement, rows);
  await insertSeed(em, PlacementGoal, goalRows(net));
  const projections = projectionRows(net);
  await insertSeed(em, PersonProjection, projections.persons);
  await insertSeed(em, EmployerProjection, projections.employers);
  await insertSeed(em, VacancyProjection, projections.vacancies);
  await recordSeedEvents(
    em,
    rows.map((p) => ({ type: 'placements.placement_registered', payload: placementRegistered(p) })),
  );
}
