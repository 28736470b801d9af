import { AGE_BAND_RANGE, AgeBand, ContractType, Sex } from '../domain/classifications';
import { SEED_YEARS } from './fomil-plan';
import { APPRENTICE_AGES, contractWeights, SECTORS } from './activities';
import { employerFor } from './employers';
import { personFor } from './persons';
import { yearPlan } from './placement-plan';
import { dateIn, type SeedState } from './state';
import { closeVacancies, occupationOf, vacancyFor } from './vacancies';

/** Ages at the start of work (*assumption*): 18–29 35%, 30–44 35%, 45–64 28%, 65+ 2% (65–72). */
const AGE_BANDS: [AgeBand, number][] = [
  [AgeBand.AGE_18_29, 35],
  [AgeBand.AGE_30_44, 35],
  [AgeBand.AGE_45_64, 28],
  [AgeBand.AGE_65_PLUS, 2],
];
const OLDEST = 72;

/**
 * Each year's placements per FOMIL commune (the plan's counts), and the goals: a section, a start
 * date (December–March peak), a contract type that fits the section and the age (apprenticeship
 * only under 21), 52% women; then the person, the employer of that section nearby, an occupation
 * its class hires and, 60% of the time, a vacancy.
 */
export function placements(s: SeedState): void {
  const rnd = s.rnd;
  for (const year of SEED_YEARS) {
    const plan = yearPlan(year, s.scale);
    plan.communes.forEach((communeCode, i) => s.net.goals.push({ communeCode, year, goal: plan.goals[i] }));
    plan.communes.forEach((communeCode, i) => {
      const rows = [];
      for (let k = 0; k < plan.placements[i]; k++) {
        const sector = rnd.weighted(SECTORS);
        const startDate = dateIn(year, rnd);
        const contractType = rnd.weighted(contractWeights(sector));
        const sex = rnd.next() < 0.52 ? Sex.FEMALE : Sex.MALE;
        const band = rnd.weighted(AGE_BANDS);
        const ages: [number, number] =
          contractType === ContractType.APPRENTICESHIP
            ? APPRENTICE_AGES
            : [AGE_BAND_RANGE[band][0], band === AgeBand.AGE_65_PLUS ? OLDEST : AGE_BAND_RANGE[band][1]];
        rows.push({ sector, startDate, contractType, sex, ages });
      }
      rows.sort((a, b) => a.startDate.localeCompare(b.startDate));
      for (const row of rows) {
        const person = personFor(s, communeCode, row.sex, row.ages, row.startDate);
        const employer = employerFor(s, communeCode, row.sector);
        const occupationCode = occupationOf(s, employer);
        const vacancy = vacancyFor(s, employer, occupationCode, row.contractType, row.startDate);
        s.lastPlaced.set(person.id, row.startDate);
        s.net.placements.push({
          id: s.net.placements.length + 1,
          communeCode,
          startDate: row.startDate,
          occupationCode,
          contractType: row.contractType,
          personId: person.id,
          employerId: employer.id,
          vacancyId: vacancy?.id ?? null,
        });
      }
    });
  }
  closeVacancies(s);
}
