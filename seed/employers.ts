import { EmployerSize } from '../subgraphs/employers/entities/enums';
import { ACTIVITY_CLASSES, classesOf, legalFormsOf, SECTORS } from './activities';
import { COMPANY_WORDS } from './names';
import { employerRut } from './ruts';
import { push, type SeedState } from './state';
import type { EmployerSeed } from './types';

const SIZES: [EmployerSize, number][] = [
  [EmployerSize.MICRO, 50],
  [EmployerSize.SMALL, 30],
  [EmployerSize.MEDIUM, 15],
  [EmployerSize.LARGE, 5],
];

/**
 * Employers by commune population and section; the first 44 cover every section in every province,
 * so each placement finds one near. The class is drawn first, then a trade word of that class.
 */
export function employers(s: SeedState): void {
  const rnd = s.rnd;
  const provinces = [...s.byProvince.keys()];
  const counts = new Map<string, number>();
  for (let id = 1; id <= s.size.employers; id++) {
    const covering = id <= SECTORS.length * 4;
    const sector = covering ? SECTORS[Math.floor((id - 1) / 4)][0] : rnd.weighted(SECTORS);
    const communeCode = covering ? s.byProvince.get(provinces[(id - 1) % 4])![0] : s.communeByPopulation();
    const ciiuClass = rnd.weighted(classesOf(sector));
    const trade = rnd.pick(ACTIVITY_CLASSES[ciiuClass].trades);
    const key = `${trade} ${rnd.pick(COMPANY_WORDS)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    const suffix = counts.get(key)! > 1 ? ` ${counts.get(key)}` : '';
    const employer: EmployerSeed = {
      id,
      rut: employerRut(id),
      name: `${key}${suffix} ${rnd.pick(legalFormsOf(sector))}`.trimEnd(),
      sector,
      ciiuClass,
      size: rnd.weighted(SIZES),
      communeCode,
    };
    s.net.employers.push(employer);
    for (const k of [`${communeCode}:${sector}`, `${communeCode.slice(0, 3)}:${sector}`]) push(s.employersBy, k, employer);
  }
}

/** An employer of this section in the commune (or, where it has few, in its province). */
export function employerFor(s: SeedState, commune: string, sector: string): EmployerSeed {
  const local = s.employersBy.get(`${commune}:${sector}`);
  const pool = local && (local.length > 2 || s.rnd.next() < 0.5) ? local : s.employersBy.get(`${commune.slice(0, 3)}:${sector}`)!;
  return s.rnd.pick(pool);
}
