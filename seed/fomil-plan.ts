import { losLagosCommunes } from '../domain/territory';

/**
 * Which communes had a FOMIL agreement each year, and the region's placement totals and goals.
 * Facts: 2022 = 4,948 placements at 101% of goal in 24 communes; 2024 = 3,247 placements in 24
 * communes; Chaitén signed its agreement in February 2021. *Assumption*: which communes had none
 * is not public, so the seed chooses small ones — Palena, Futaleufú, Curaco de Vélez, Puqueldón
 * and Cochamó every year; also Quemchi in 2021 and Queilén in 2022 and 2024 (24, 24, 25, 24).
 */
export const SEED_YEARS = [2021, 2022, 2023, 2024] as const;

const NEVER = ['10404', '10402', '10204', '10206', '10103'];
const WITHOUT_AGREEMENT: Record<number, string[]> = {
  2021: [...NEVER, '10209'],
  2022: [...NEVER, '10207'],
  2023: NEVER,
  2024: [...NEVER, '10207'],
};

/** placements: the region's total; goal: the region's summed goal (2022: 4,948 / 4,899 = 101%). */
export const REGION_TOTALS: Record<number, { placements: number; goal: number }> = {
  2021: { placements: 4512, goal: 4650 },
  2022: { placements: 4948, goal: 4899 },
  2023: { placements: 4207, goal: 4420 },
  2024: { placements: 3247, goal: 3480 },
};

export function agreementCommunes(year: number): string[] {
  const without = WITHOUT_AGREEMENT[year];
  if (!without) return [];
  return losLagosCommunes()
    .map((c) => c.code)
    .filter((code) => !without.includes(code));
}
