import type { EntityManager } from '@mikro-orm/knex';
import { losLagosCommunes } from '../../domain/territory';
import type { Viewer } from '../../kit/context';
import { groupedLoader, loaderBy, loaderOfMany } from '../../kit/loaders';
import type { StatsRow } from '../../kit/stats/statistic';
import { Placement } from './entities/placement';
import { Referral } from './entities/referral';
import { placementStats } from './resolvers/stats';

export type CommuneYear = { communeCode: string; year: number };

const KNOWN_COMMUNES = new Set(losLagosCommunes().map((c) => c.code));

export function placementsLoaders(em: EntityManager, viewer: Viewer | null) {
  return {
    placement: loaderBy(em, Placement, 'id'),
    placementsOfPerson: loaderOfMany(em, Placement, 'personId', { startDate: 'asc', id: 'asc' }),
    referralsOfPerson: loaderOfMany(em, Referral, 'personId', { referredAt: 'asc', id: 'asc' }),
    placementsOfEmployer: loaderOfMany(em, Placement, 'employerId', { startDate: 'asc', id: 'asc' }),
    placementsOfVacancy: loaderOfMany(em, Placement, 'vacancyId', { startDate: 'asc', id: 'asc' }),
    /** A commune's year as `placementStats` gives it: one GROUP BY per year asked, never one per commune. */
    communeYear: groupedLoader<CommuneYear, StatsRow | null, number>(
      (key) => key.year,
      async (year, keys) => {
        const communes = [...new Set(keys.map((k) => k.communeCode).filter((c) => KNOWN_COMMUNES.has(c)))];
        const rows = communes.length
          ? await placementStats.run({ em, viewer, loaders: null }, { filter: { years: [year], communes }, groupBy: ['COMMUNE'] })
          : [];
        const byCommune = new Map(rows.map((r) => [(r.commune as { code: string }).code, r]));
        return keys.map((k) => byCommune.get(k.communeCode) ?? null);
      },
      (key) => `${key.communeCode}:${key.year}`,
    ),
  };
}

export type PlacementsLoaders = ReturnType<typeof placementsLoaders>;
