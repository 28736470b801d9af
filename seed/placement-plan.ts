import { apportion, Random } from '../kit/random';
import { agreementCommunes, REGION_TOTALS } from './fomil-plan';
import { losLagosCommunes } from '../domain/territory';

export interface YearPlan {
  year: number;
  communes: string[];
  placements: number[];
  goals: number[];
}

/** Seeds each commune's lasting factor (chosen so that placements are visibly not proportional to population). */
const LASTING_SEED = 37;

/**
 * An office's placements per inhabitant relative to the region's (*assumption*): in the two
 * cities (100,000 inhabitants and more) people find work through many other channels (× 0.7), in
 * rural communes (under 15,000) the OMIL is often the only one (× 1.2); beyond that, offices differ
 * in size, reach and local labour market, so each commune draws a lasting factor of 0.55–1.6
 * (seeded by its CUT), varied ±10% from year to year.
 */
export function officeFactor(communeCode: string, year: number): number {
  const population = losLagosCommunes().find((c) => c.code === communeCode)!.population;
  const setting = population >= 100_000 ? 0.7 : population < 15_000 ? 1.2 : 1;
  const lasting = 0.55 + new Random(Number(communeCode) * LASTING_SEED).next() * 1.05;
  return setting * lasting * (0.9 + new Random(Number(communeCode) * 7 + year).next() * 0.2);
}

/**
 * Per commune and year: placements in proportion to population times the office factor, summing
 * exactly to the region's total, and goals summing exactly to the region's goal, each commune's
 * goal set off by a factor of 0.85–1.18 so that some communes beat their goal and some miss it.
 * `scale` multiplies both (the benchmark data set; 1 is the region's real size), so compliance
 * holds at every scale.
 */
export function yearPlan(year: number, scale = 1): YearPlan {
  const population = new Map(losLagosCommunes().map((c) => [c.code, c.population]));
  const communes = agreementCommunes(year);
  const totals = { placements: REGION_TOTALS[year].placements * scale, goal: REGION_TOTALS[year].goal * scale };
  const placements = apportion(
    totals.placements,
    communes.map((c) => population.get(c)! * officeFactor(c, year)),
  );
  const rnd = new Random(year * 7919);
  const rawGoals = placements.map((p) => Math.max(p, 1) / (0.85 + rnd.next() * 0.33));
  const goals = apportion(totals.goal, rawGoals).map((g) => Math.max(g, 1));
  return { year, communes, placements, goals };
}
