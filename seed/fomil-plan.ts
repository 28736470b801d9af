import { losLagosCommunes } from '../domain/territory';

/**
 * Which communes had a FOMIL agreement each year, and the region's placement totals and goals.
 * *Assumption* (docs/data.md): which 6 communes had no agreement in 2022 is not public, so the
 * seed chooses: the six smallest by Censo 2024 population. 2024 swaps Chaitén in and Queilén
 * out; 2021 also lacks Quemchi (23 agreements); 2023 equals 2022. Facts: 2022 = 4,948
 * placements at 101% of goal in 24 communes; 2024 = 3,247 placements in 24 communes.
 */
export const SEED_YEARS = [2021, 2022, 2023, 2024] as const;

const WITHOUT_AGREEMENT: Record<number, string[]> = {
  2021: ['10404', '10402', '10204', '10401', '10206', '10103', '10209'],
  2022: ['10404', '10402', '10204', '10401', '10206', '10103'],
  2023: ['10404', '10402', '10204', '10401', '10206', '10103'],
  2024: ['10404', '10402', '10204', '10207', '10206', '10103'],
};

/** placements: the region's total; goal: the region's summed goal (2022: 4,948 / 4,899 = 101%). */
export const REGION_TOTALS: Record<number, { placements: number; goal: number }> = {
  2021: { placements: 4512, goal: 4650 },
  2022: { placements: 4948, goal: 4899 },
  2023: { placements: 4207, goal: 4420 },
  2024: { placements: 3247, goal: 3480 },
};

export function agreementCommunes(year: number): string[] {
  const without = new Set(WITHOUT_AGREEMENT[year] ?? []);
  if (!WITHOUT_AGREEMENT[year]) return [];
  return losLagosCommunes().map((c) => c.code).filter((code) => !without.has(code));
}
