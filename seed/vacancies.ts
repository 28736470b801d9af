import type { ContractType } from '../domain/classifications';
import { minimumWageOn } from '../domain/minimum-wage';
import { addDays } from '../kit/dates';
import { VacancyStatus } from '../subgraphs/employers/entities/enums';
import { OCCUPATIONS } from '../domain/classifications';
import { ACTIVITY_CLASSES, contractWeights } from './activities';
import { dateIn, type SeedState } from './state';
import type { EmployerSeed, VacancySeed } from './types';

/** Offered wage over the minimum wage by occupation major group (*assumption*); divers earn more. */
const WAGE_FACTOR: Record<string, [number, number]> = {
  '2': [2.2, 3.2],
  '3': [1.5, 2.1],
  '4': [1.15, 1.4],
  '5': [1.05, 1.3],
  '6': [1.15, 1.4],
  '7': [1.3, 1.7],
  '8': [1.3, 1.7],
  '9': [1.0, 1.15],
};
const DIVER_FACTOR: [number, number] = [2.0, 3.0];

/** Monthly wage range (CLP): the minimum wage in force when the vacancy opens, times a factor, never below it. */
export function wageRange(s: SeedState, occupation: string, openedAt: string): [number, number] {
  const [lo, hi] = occupation === '7541' ? DIVER_FACTOR : (WAGE_FACTOR[occupation[0]] ?? [1.0, 1.2]);
  const minimum = minimumWageOn(openedAt);
  const wageMin = Math.ceil((minimum * (lo + s.rnd.next() * (hi - lo))) / 5_000) * 5_000;
  return [wageMin, wageMin + Math.round((wageMin * (0.1 + s.rnd.next() * 0.3)) / 5_000) * 5_000];
}

export function occupationOf(s: SeedState, employer: EmployerSeed): string {
  return s.rnd.pick(ACTIVITY_CLASSES[employer.ciiuClass].occupations);
}

export function newVacancy(
  s: SeedState,
  employer: EmployerSeed,
  occupation: string,
  contract: ContractType,
  openedAt: string,
  positions: number,
): VacancySeed {
  const [wageMin, wageMax] = wageRange(s, occupation, openedAt);
  const vacancy: VacancySeed = {
    id: s.net.vacancies.length + 1,
    employerId: employer.id,
    title: OCCUPATIONS[occupation],
    occupationCode: occupation,
    positions,
    contractType: contract,
    wageMin,
    wageMax,
    openedAt,
    closedAt: null,
    status: VacancyStatus.OPEN,
  };
  s.net.vacancies.push(vacancy);
  return vacancy;
}

/** About 60% of placements fill a vacancy of their employer, shared by placements close in time. */
export function vacancyFor(
  s: SeedState,
  employer: EmployerSeed,
  occupation: string,
  contract: ContractType,
  date: string,
): VacancySeed | null {
  const rnd = s.rnd;
  if (rnd.next() >= 0.6) return null;
  const open = s.openVacancies.get(employer.id) ?? [];
  const slot = open.find(
    (o) =>
      o.vacancy.occupationCode === occupation &&
      o.vacancy.contractType === contract &&
      o.vacancy.openedAt <= date &&
      addDays(o.vacancy.openedAt, 60) >= date,
  );
  if (slot) {
    if (--slot.left === 0) open.splice(open.indexOf(slot), 1);
    return slot.vacancy;
  }
  const positions = rnd.weighted([
    [1, 50],
    [2, 25],
    [3, 12],
    [5, 8],
    [10, 5],
  ] as const);
  const vacancy = newVacancy(s, employer, occupation, contract, addDays(date, -rnd.int(10, 40)), positions);
  if (positions > 1) open.push({ vacancy, left: positions - 1 });
  s.openVacancies.set(employer.id, open);
  return vacancy;
}

/**
 * A vacancy is FILLED on its last placement when placements took all its positions, else CLOSED
 * 90 days after opening (or on its last placement, if later).
 */
export function closeVacancies(s: SeedState): void {
  const filled = new Map<number, { count: number; last: string }>();
  for (const p of s.net.placements) {
    if (!p.vacancyId) continue;
    const f = filled.get(p.vacancyId) ?? { count: 0, last: p.startDate };
    filled.set(p.vacancyId, { count: f.count + 1, last: f.last > p.startDate ? f.last : p.startDate });
  }
  for (const v of s.net.vacancies) {
    const f = filled.get(v.id);
    v.status = f && f.count >= v.positions ? VacancyStatus.FILLED : VacancyStatus.CLOSED;
    const unfilled = addDays(v.openedAt, 90);
    v.closedAt = v.status === VacancyStatus.FILLED ? f!.last : f && f.last > unfilled ? f.last : unfilled;
  }
}

/** Vacancies without placements: CLOSED unfilled, or still OPEN when opened from October 2024. */
export function vacanciesUnfilled(s: SeedState): void {
  const rnd = s.rnd;
  for (let k = 0; k < s.size.extraVacancies; k++) {
    const employer = rnd.pick(s.net.employers);
    const occupation = occupationOf(s, employer);
    const openedAt = dateIn(rnd.int(2021, 2024), rnd);
    const vacancy = newVacancy(s, employer, occupation, rnd.weighted(contractWeights(employer.sector)), openedAt, rnd.int(1, 4));
    // The last months' vacancies are still open in the seed's world (it ends with 2024).
    if (openedAt < '2024-10-01') {
      vacancy.status = VacancyStatus.CLOSED;
      vacancy.closedAt = addDays(openedAt, 90);
    }
  }
}
