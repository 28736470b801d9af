import type { EntityManager } from '@mikro-orm/knex';
import { raw } from '@mikro-orm/core';
import { groupedLoader, loaderBy, loaderOfMany } from '../../kit/loaders';
import { Placement } from './entities/placement';
import { PlacementGoal } from './entities/placement-goal';

export type CommuneYear = { communeCode: string; year: number };

export const yearRange = (year: number) => ({ $gte: `${year}-01-01`, $lte: `${year}-12-31` });

/** Placements per commune in a year: one GROUP BY per year asked, never one query per commune. */
async function countByCommune(em: EntityManager, year: number, codes: string[]): Promise<Map<string, number>> {
  const rows: { communeCode: string; n: number | string }[] = await em
    .createQueryBuilder(Placement, 'p')
    .select(['p.communeCode', raw('count(*) as n')])
    .where({ communeCode: { $in: codes }, startDate: yearRange(year) })
    .groupBy('p.communeCode')
    .execute('all');
  return new Map(rows.map((r) => [r.communeCode, Number(r.n)]));
}

export function placementsLoaders(em: EntityManager) {
  const byYear = (key: CommuneYear) => key.year;
  const cacheKey = (key: CommuneYear) => `${key.communeCode}:${key.year}`;
  return {
    placement: loaderBy(em, Placement, 'id'),
    placementsOfPerson: loaderOfMany(em, Placement, 'personId', { startDate: 'asc', id: 'asc' }),
    placementsOfEmployer: loaderOfMany(em, Placement, 'employerId', { startDate: 'asc', id: 'asc' }),
    placementsOfVacancy: loaderOfMany(em, Placement, 'vacancyId', { startDate: 'asc', id: 'asc' }),
    placementCount: groupedLoader<CommuneYear, number, number>(
      byYear,
      async (year, keys) => {
        const counts = await countByCommune(em, year, keys.map((k) => k.communeCode));
        return keys.map((k) => counts.get(k.communeCode) ?? 0);
      },
      cacheKey,
    ),
    goal: groupedLoader<CommuneYear, number | null, number>(
      byYear,
      async (year, keys) => {
        const goals = await em.find(PlacementGoal, { year, communeCode: { $in: keys.map((k) => k.communeCode) } });
        const byCommune = new Map(goals.map((g) => [g.communeCode, g.goal]));
        return keys.map((k) => byCommune.get(k.communeCode) ?? null);
      },
      cacheKey,
    ),
  };
}

export type PlacementsLoaders = ReturnType<typeof placementsLoaders>;
