import type { EntityManager } from '@mikro-orm/knex';
import { groupedLoader, loaderBy, loaderOfMany } from '../../kit/loaders';
import { Attention } from './entities/attention';
import { Commune } from './entities/commune';
import { JobFair, JobFairAttendance } from './entities/job-fair';
import { FomilAgreement } from './entities/fomil-agreement';
import { byIndicator, IndicatorGoal } from './entities/indicator-goal';
import { OmilOffice } from './entities/omil-office';
import { Province } from './entities/province';
import { Region } from './entities/region';

export type AgreementKey = { communeCode: string; year: number };

export function communesLoaders(em: EntityManager) {
  return {
    region: loaderBy(em, Region, 'code'),
    province: loaderBy(em, Province, 'code'),
    commune: loaderBy(em, Commune, 'code'),
    omilOffice: loaderBy(em, OmilOffice, 'communeCode'),
    attentionsOfPerson: loaderOfMany(em, Attention, 'personId', { date: 'asc', id: 'asc' }),
    jobFairAttendanceOfPerson: loaderOfMany(em, JobFairAttendance, 'personId', { id: 'asc' }),
    jobFair: loaderBy(em, JobFair, 'id'),
    provincesOfRegion: loaderOfMany(em, Province, 'regionCode', { code: 'asc' }),
    communesOfProvince: loaderOfMany(em, Commune, 'provinceCode', { code: 'asc' }),
    // One statement per year asked, whatever the number of communes.
    agreement: groupedLoader<AgreementKey, FomilAgreement | null, number>(
      (key) => key.year,
      async (year, keys) => {
        const rows = await em.find(FomilAgreement, { year, communeCode: { $in: keys.map((k) => k.communeCode) } });
        const byCommune = new Map(rows.map((r) => [r.communeCode, r]));
        return keys.map((k) => byCommune.get(k.communeCode) ?? null);
      },
      (key) => `${key.communeCode}:${key.year}`,
    ),
    // A commune's goals of a year, in the indicators' declared order.
    indicatorGoals: groupedLoader<AgreementKey, IndicatorGoal[], number>(
      (key) => key.year,
      async (year, keys) => {
        const rows = await em.find(IndicatorGoal, { year, communeCode: { $in: keys.map((k) => k.communeCode) } });
        return keys.map((k) => byIndicator(rows.filter((r) => r.communeCode === k.communeCode)));
      },
      (key) => `${key.communeCode}:${key.year}`,
    ),
  };
}

export type CommunesLoaders = ReturnType<typeof communesLoaders>;
