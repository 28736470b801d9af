/**
 * Chile's ingreso mínimo mensual (workers aged 18 to 65, CLP a month), each amount with the day it
 * came into force and the law that set it, as enacted. Conditional steps are listed as they
 * resolved: Ley 21.360's January 2022 step (CLP 345,000–350,000 by the Imacec) came to 350,000;
 * Ley 21.456's January 2023 step applied (12-month CPI above 7%); Ley 21.578's early January 2024
 * step did not (CPI below 6%).
 */
export interface MinimumWageStep {
  from: string;
  clp: number;
  law: string;
}

export const MINIMUM_WAGE: readonly MinimumWageStep[] = [
  { from: '2019-03-01', clp: 301_000, law: 'Ley 21.112' },
  { from: '2020-09-01', clp: 326_500, law: 'Ley 21.283' },
  { from: '2021-05-01', clp: 337_000, law: 'Ley 21.360' },
  { from: '2022-01-01', clp: 350_000, law: 'Ley 21.360' },
  { from: '2022-05-01', clp: 380_000, law: 'Ley 21.456' },
  { from: '2022-08-01', clp: 400_000, law: 'Ley 21.456' },
  { from: '2023-01-01', clp: 410_000, law: 'Ley 21.456' },
  { from: '2023-05-01', clp: 440_000, law: 'Ley 21.578' },
  { from: '2023-09-01', clp: 460_000, law: 'Ley 21.578' },
  { from: '2024-07-01', clp: 500_000, law: 'Ley 21.578' },
  { from: '2025-05-01', clp: 529_000, law: 'Ley 21.751' },
  { from: '2026-01-01', clp: 539_000, law: 'Ley 21.751' },
];

/** The minimum monthly wage in force on `date` (YYYY-MM-DD); an error before the table starts. */
export function minimumWageOn(date: string): number {
  let found: MinimumWageStep | undefined;
  for (const step of MINIMUM_WAGE) {
    if (step.from <= date) found = step;
    else break;
  }
  if (!found) throw new RangeError(`no minimum wage recorded for ${date} (the table starts on ${MINIMUM_WAGE[0].from})`);
  return found.clp;
}
