import { apportion, Random } from '../kit/random';
import { agreementCommunes, REGION_TOTALS } from './fomil-plan';
import { losLagosCommunes } from '../domain/territory';

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
 * `scale` multiplies both (the national-scale benchmark data set; 1 is the region's real size).
 */
export function yearPlan(year: number, scale = 1): YearPlan {
  const population = new Map(losLagosCommunes().map((c) => [c.code, c.population]));
  const communes = agreementCommunes(year);
  const totals = { placements: REGION_TOTALS[year].placements * scale, goal: REGION_TOTALS[year].goal * scale };
  const placements = apportion(totals.placements, communes.map((c) => population.get(c)!));
  const rnd = new Random(year * 7919);
  const rawGoals = placements.map((p) => Math.max(p, 1) / (0.85 + rnd.next() * 0.33));
  const goals = apportion(totals.goal, rawGoals).map((g) => Math.max(g, 1));
  return { year, communes, placements, goals };
}
