/** Calendar arithmetic on "YYYY-MM-DD" strings, in UTC (no clock, no time zone). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function minusYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const day = m === 2 && d === 29 ? 28 : d;
  return `${y - years}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Today's date in UTC, "YYYY-MM-DD": the bound of "not in the future". */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** `days` working days (Monday to Friday) after `date`; public holidays are not known here. */
export function addBusinessDays(date: string, days: number): string {
  let d = date;
  for (let left = days; left > 0;) {
    d = addDays(d, 1);
    const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return d;
}
