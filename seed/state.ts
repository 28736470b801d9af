import { losLagosCommunes } from '../domain/territory';
import { Random } from '../kit/random';
import { addDays } from '../kit/dates';
import type { EmployerSeed, Network, PersonSeed, VacancySeed } from './types';

/** Sizes at scale 1 (the region); `--scale N` multiplies them, except the job seekers never placed. */
export const SEED_SCALE = { persons: 30_000, employers: 1_000, coursesPerYear: 130, providers: 40, extraVacancies: 600 };

/** What the domain builders share while the network is generated: the PRNG, the rows and their indices. */
export class SeedState {
  readonly net: Network;
  readonly communes = losLagosCommunes();
  readonly byProvince = new Map<string, string[]>();
  readonly personsByOmil = new Map<string, PersonSeed[]>();
  /** The last placement start of each person (no new placement within 90 days). */
  readonly lastPlaced = new Map<number, string>();
  /** Employers by `commune:section` and `province:section`. */
  readonly employersBy = new Map<string, EmployerSeed[]>();
  readonly openVacancies = new Map<number, { vacancy: VacancySeed; left: number }[]>();
  readonly size: typeof SEED_SCALE;

  constructor(
    readonly rnd: Random,
    readonly scale: number,
  ) {
    this.net = {
      scale,
      persons: [],
      employers: [],
      vacancies: [],
      placements: [],
      goals: [],
      providers: [],
      courses: [],
      enrollments: [],
      workshops: [],
      attendance: [],
      attentions: [],
      employerVisits: [],
      vacancyCaptures: [],
      jobFairs: [],
      indicatorGoals: [],
    };
    this.size = {
      persons: SEED_SCALE.persons,
      employers: SEED_SCALE.employers * scale,
      coursesPerYear: SEED_SCALE.coursesPerYear * scale,
      providers: SEED_SCALE.providers * Math.min(scale, 10),
      extraVacancies: SEED_SCALE.extraVacancies * scale,
    };
    for (const c of this.communes) push(this.byProvince, c.provinceCode, c.code);
  }

  communeByPopulation(): string {
    return this.rnd.weighted(this.communes.map((c) => [c.code, c.population] as const));
  }
}

export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const MONTH_WEIGHTS = [1.3, 1.25, 1.2, 0.9, 0.8, 0.75, 0.75, 0.8, 0.85, 0.95, 1.05, 1.3];

/** A day of `year`; by default with the December–March peak of farming and tourism. */
export function dateIn(year: number, rnd: Random, seasonal = true): string {
  const month = seasonal ? rnd.weighted(MONTH_WEIGHTS.map((w, i) => [i + 1, w] as const)) : rnd.int(1, 12);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(rnd.int(1, days)).padStart(2, '0')}`;
}

/** Rows (sorted by `key`) dated from `from` to `to` inclusive. */
export function between<T>(sorted: T[], key: (row: T) => string, from: string, to: string): T[] {
  const lower = (date: string) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (key(sorted[mid]) < date) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return sorted.slice(lower(from), lower(addDays(to, 1)));
}
