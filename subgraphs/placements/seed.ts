import type { EntityManager } from '@mikro-orm/knex';
import { AgeBand, ContractType, Sex } from '../kit/classifications';
import { apportion, Random } from '../kit/random';
import { agreementCommunes, REGION_TOTALS, SEED_YEARS } from '../kit/seed/fomil-plan';
import { losLagosCommunes } from '../kit/seed/territory';
import { Placement } from './entities/placement';
import { PlacementGoal } from './entities/placement-goal';

// Synthetic distributions of DOMAIN.md (*assumption*).
const SECTORS: [string, number][] = [
  ['A', 25], ['C', 20], ['G', 15], ['F', 12], ['I', 8], ['N', 8], ['H', 5], ['O', 2], ['P', 2], ['Q', 2], ['S', 1],
];
const OCCUPATIONS: Record<string, string[]> = {
  A: ['6221', '9216', '7541', '9211', '3142'],
  C: ['8160', '9321', '8160', '9321', '7541'],
  G: ['5223', '5230', '9321'],
  F: ['7112', '7115', '9313'],
  I: ['5120', '5131'],
  N: ['9112', '5414'],
  H: ['8332', '9333'],
  O: ['4110', '9112'],
  P: ['5312', '9112'],
  Q: ['5321', '9112'],
  S: ['5141', '9112'],
};
const AGE_BANDS: [AgeBand, number][] = [
  [AgeBand.AGE_18_29, 35], [AgeBand.AGE_30_44, 35], [AgeBand.AGE_45_64, 28], [AgeBand.AGE_65_PLUS, 2],
];
// Seasonal peak December–March (farming, tourism).
const MONTH_WEIGHTS = [1.3, 1.25, 1.2, 0.9, 0.8, 0.75, 0.75, 0.8, 0.85, 0.95, 1.05, 1.3];

function contractFor(sector: string, rnd: Random): ContractType {
  const seasonal = sector === 'A' || sector === 'I' ? 30 : 6;
  return rnd.weighted([
    [ContractType.INDEFINITE, 26], [ContractType.FIXED_TERM, 36], [ContractType.PER_WORK, sector === 'F' ? 40 : 14],
    [ContractType.SEASONAL, seasonal], [ContractType.APPRENTICESHIP, 2],
  ]);
}

function startDate(year: number, rnd: Random): string {
  const month = rnd.weighted(MONTH_WEIGHTS.map((w, i) => [i + 1, w] as const));
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(rnd.int(1, days)).padStart(2, '0')}`;
}

export interface YearPlan {
  year: number;
  communes: string[];
  placements: number[];
  goals: number[];
}

/**
 * Per commune and year: placements proportional to population (a proxy for ages 15–64) summing
 * exactly to the region's total, and goals summing exactly to the region's goal, each commune's
 * goal set off by a factor of 0.85–1.18 so that some communes beat their goal and some miss it.
 */
export function yearPlan(year: number): YearPlan {
  const population = new Map(losLagosCommunes().map((c) => [c.code, c.population]));
  const communes = agreementCommunes(year);
  const totals = REGION_TOTALS[year];
  const placements = apportion(totals.placements, communes.map((c) => population.get(c)!));
  const rnd = new Random(year * 7919);
  const rawGoals = placements.map((p) => Math.max(p, 1) / (0.85 + rnd.next() * 0.33));
  const goals = apportion(totals.goal, rawGoals).map((g) => Math.max(g, 1));
  return { year, communes, placements, goals };
}

export async function seedPlacements(em: EntityManager): Promise<void> {
  for (const year of SEED_YEARS) {
    const plan = yearPlan(year);
    const rnd = new Random(year);
    const rows: Omit<Placement, 'id'>[] = [];
    plan.communes.forEach((communeCode, i) => {
      const batch: Omit<Placement, 'id'>[] = [];
      for (let k = 0; k < plan.placements[i]; k++) {
        const sector = rnd.weighted(SECTORS);
        batch.push({
          communeCode,
          startDate: startDate(year, rnd),
          sector,
          occupationCode: rnd.pick(OCCUPATIONS[sector]),
          contractType: contractFor(sector, rnd),
          sex: rnd.next() < 0.52 ? Sex.FEMALE : Sex.MALE,
          ageBand: rnd.weighted(AGE_BANDS),
          personId: null,
          employerId: null,
          vacancyId: null,
        });
      }
      batch.sort((a, b) => a.startDate.localeCompare(b.startDate));
      rows.push(...batch);
    });
    // Ids come from the sequence (see DESIGN.md): insertion order is deterministic.
    for (let at = 0; at < rows.length; at += 1000) await em.insertMany(Placement, rows.slice(at, at + 1000));
    await em.insertMany(
      PlacementGoal,
      plan.communes.map((communeCode, i) => ({ communeCode, year, goal: plan.goals[i] })),
    );
  }
}
