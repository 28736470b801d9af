import { addDays } from '../kit/dates';
import { Random } from '../kit/random';
import { AttentionKind, Indicator, VisitPurpose } from '../subgraphs/communes/entities/enums';
import { agreementCommunes, SEED_YEARS } from './fomil-plan';
import { push, dateIn, type SeedState } from './state';
import type { AttentionSeed, EmployerSeed, PersonSeed, VacancySeed } from './types';

/**
 * People attended per year, region-wide (distinct persons with at least one attention). Fact:
 * 2024 = 15,529 (with 3,247 placed). *Assumption*: the other years. At `--scale N` the placed
 * are N times as many and the others attended stay as many, as the job seekers never placed do.
 */
export const PEOPLE_ATTENDED: Record<number, number> = { 2021: 13_418, 2022: 16_048, 2023: 15_112, 2024: 15_529 };

/** Its own PRNG: the earlier steps' draws, and so every existing figure, stay as they were. */
const SERVICES_SEED = 15_529_2024;

const PLACES = ['Gimnasio municipal', 'Plaza de Armas', 'Centro cultural', 'Liceo municipal', 'Casa de la cultura'];
const PURPOSES: [VisitPurpose, number][] = [
  [VisitPurpose.LINKING, 35],
  [VisitPurpose.VACANCY_CAPTURE, 35],
  [VisitPurpose.FOLLOW_UP, 20],
  [VisitPurpose.TRAINING_NEEDS, 10],
];
const latest = (a: string, b: string) => (a > b ? a : b);

/** A day from `from` to `to` inclusive (both in one year). */
function dayBetween(rnd: Random, from: string, to: string): string {
  const span = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  return addDays(from, rnd.int(0, span));
}

/** `k` distinct items of `items`, drawn without replacement (a partial Fisher–Yates on a copy). */
function sample<T>(rnd: Random, items: readonly T[], k: number): T[] {
  const copy = [...items];
  const n = Math.min(k, copy.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rnd.next() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
}

/**
 * The OMIL services of each year in the communes with an agreement, and their goals: attentions,
 * employer visits, vacancy captures and job fairs. Runs after every other step.
 */
export function services(s: SeedState): void {
  const rnd = new Random(SERVICES_SEED);
  for (const year of SEED_YEARS) {
    const communes = new Set(agreementCommunes(year));
    attentions(s, rnd, year, communes);
    visitsAndCaptures(s, rnd, year, communes);
    jobFairs(s, rnd, year, communes);
  }
  goals(s, rnd);
}

/**
 * Exactly the year's people attended: everyone placed that year (an attention at the placing
 * OMIL on or before the first placement: their registration if it was that year, else an
 * orientation before starting), then others of OMILs with an agreement registered by year end,
 * drawn at random. Each attended person has 1–3 attentions at their OMIL, never before
 * registering; someone registered that year has a REGISTRATION attention on that day. About 1%
 * get one more, recorded twice by mistake and cancelled (it changes no count).
 */
function attentions(s: SeedState, rnd: Random, year: number, communes: Set<string>): void {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const firstPlaced = new Map<number, { communeCode: string; startDate: string }>();
  for (const p of s.net.placements) {
    if (!p.startDate.startsWith(`${year}-`)) continue;
    const seen = firstPlaced.get(p.personId);
    if (!seen || p.startDate < seen.startDate) firstPlaced.set(p.personId, { communeCode: p.communeCode, startDate: p.startDate });
  }
  const eligible = s.net.persons.filter((p) => !firstPlaced.has(p.id) && communes.has(p.omilCommuneCode) && p.registeredAt <= last);
  const others = PEOPLE_ATTENDED[year] - Math.round(firstPlaced.size / s.scale);
  const target = Math.min(firstPlaced.size + others, firstPlaced.size + eligible.length);
  if (target < firstPlaced.size) throw new Error(`${year}: ${firstPlaced.size} placed, more than the ${target} people attended`);
  const person = (id: number) => s.net.persons[id - 1];
  const attended: { person: PersonSeed; communeCode: string; before?: string }[] = [
    ...[...firstPlaced].map(([id, p]) => ({ person: person(id), communeCode: p.communeCode, before: p.startDate })),
    ...sample(rnd, eligible, target - firstPlaced.size).map((p) => ({ person: p, communeCode: p.omilCommuneCode })),
  ];
  const rows: Omit<AttentionSeed, 'id'>[] = [];
  for (const { person: p, communeCode, before } of attended) {
    const from = latest(first, p.registeredAt);
    const add = (date: string, kind: AttentionKind, cancelReason: string | null = null) =>
      rows.push({ personId: p.id, communeCode, date, kind, cancelReason });
    const advice = () => (rnd.next() < 0.6 ? AttentionKind.ORIENTATION : AttentionKind.JOB_SEARCH_ADVICE);
    let date: string;
    if (p.registeredAt >= first) date = p.registeredAt;
    else if (before) date = before > from ? dayBetween(rnd, from, addDays(before, -1)) : before;
    else date = dayBetween(rnd, from, last);
    const kind = p.registeredAt === date ? AttentionKind.REGISTRATION : advice();
    add(date, kind);
    const more = (rnd.next() < 0.35 ? 1 : 0) + (rnd.next() < 0.1 ? 1 : 0);
    for (let k = 0; k < more; k++) add(dayBetween(rnd, from, last), advice());
    if (rnd.next() < 0.01) add(date, kind, 'Recorded twice');
  }
  rows.sort((a, b) => a.date.localeCompare(b.date) || a.personId - b.personId);
  for (const row of rows) s.net.attentions.push({ id: s.net.attentions.length + 1, ...row });
}

/**
 * Employer visits (about 0.7 a year per employer of the commune, at least 8 per office; a fifth
 * to employers elsewhere in the province) and vacancy captures: 55% of the vacancies opened that
 * year by employers of a commune with an agreement, captured by that OMIL on the opening day.
 */
function visitsAndCaptures(s: SeedState, rnd: Random, year: number, communes: Set<string>): void {
  const byCommune = new Map<string, EmployerSeed[]>();
  const byProvince = new Map<string, EmployerSeed[]>();
  for (const e of s.net.employers) {
    push(byCommune, e.communeCode, e);
    push(byProvince, e.communeCode.slice(0, 3), e);
  }
  const visits = [];
  for (const communeCode of communes) {
    const local = byCommune.get(communeCode) ?? [];
    const nearby = byProvince.get(communeCode.slice(0, 3)) ?? [];
    const count = Math.max(8, Math.round(local.length * 0.7));
    for (let k = 0; k < count; k++) {
      const employer = local.length && rnd.next() < 0.8 ? rnd.pick(local) : rnd.pick(nearby);
      visits.push({ employerId: employer.id, communeCode, date: dateIn(year, rnd, false), purpose: rnd.weighted(PURPOSES) });
    }
  }
  visits.sort((a, b) => a.date.localeCompare(b.date) || a.communeCode.localeCompare(b.communeCode));
  for (const v of visits) s.net.employerVisits.push({ id: s.net.employerVisits.length + 1, ...v });

  const employer = (id: number) => s.net.employers[id - 1];
  const opened = s.net.vacancies.filter((v) => v.openedAt.startsWith(`${year}-`) && communes.has(employer(v.employerId).communeCode));
  for (const v of opened) {
    if (rnd.next() >= 0.55) continue;
    s.net.vacancyCaptures.push({
      id: s.net.vacancyCaptures.length + 1,
      vacancyId: v.id,
      communeCode: employer(v.employerId).communeCode,
      date: v.openedAt,
    });
  }
}

/**
 * Job fairs: one a year per 60,000 inhabitants (rounded), plus one half the time. Present: 5–25
 * employers of the province; offered: up to 40 of their vacancies open that day; attending:
 * 30–250 job seekers of the OMIL registered by then (each once).
 */
function jobFairs(s: SeedState, rnd: Random, year: number, communes: Set<string>): void {
  const byProvince = new Map<string, EmployerSeed[]>();
  for (const e of s.net.employers) push(byProvince, e.communeCode.slice(0, 3), e);
  const vacanciesOf = new Map<number, VacancySeed[]>();
  for (const v of s.net.vacancies) push(vacanciesOf, v.employerId, v);
  for (const c of s.communes) {
    if (!communes.has(c.code)) continue;
    const fairs = Math.round(c.population / 60_000) + (rnd.next() < 0.5 ? 1 : 0);
    const pool = s.personsByOmil.get(c.code) ?? [];
    for (let k = 0; k < fairs; k++) {
      const date = dateIn(year, rnd, false);
      const employers = sample(rnd, byProvince.get(c.provinceCode) ?? [], rnd.int(5, 25));
      const open = employers.flatMap((e) =>
        (vacanciesOf.get(e.id) ?? []).filter((v) => v.openedAt <= date && (!v.closedAt || v.closedAt >= date)),
      );
      const registered = pool.filter((p) => p.registeredAt <= date);
      s.net.jobFairs.push({
        id: s.net.jobFairs.length + 1,
        communeCode: c.code,
        name: `Feria Laboral ${c.name} ${year}${fairs > 1 ? ` (${k + 1})` : ''}`,
        date,
        place: `${rnd.pick(PLACES)}, ${c.name}`,
        employerIds: employers.map((e) => e.id).sort((a, b) => a - b),
        vacancyIds: sample(rnd, open, 40)
          .map((v) => v.id)
          .sort((a, b) => a - b),
        personIds: sample(rnd, registered, rnd.int(30, 250))
          .map((p) => p.id)
          .sort((a, b) => a - b),
      });
    }
  }
}

/**
 * Each agreement's goal per indicator, set off from what the office did by a factor of
 * 0.85–1.18 (as the placement goals are), so that some communes beat their goals and some miss.
 */
function goals(s: SeedState, rnd: Random): void {
  const counts = new Map<string, number>();
  const count = (communeCode: string, year: string | number, indicator: Indicator, n = 1) => {
    const key = `${communeCode}:${year}:${indicator}`;
    counts.set(key, (counts.get(key) ?? 0) + n);
  };
  const people = new Set<string>();
  for (const a of s.net.attentions) {
    if (a.cancelReason) continue;
    const year = a.date.slice(0, 4);
    const key = `${a.communeCode}:${year}:${a.personId}`;
    if (!people.has(key)) count(a.communeCode, year, Indicator.PEOPLE_ATTENDED);
    people.add(key);
    if (a.kind === AttentionKind.ORIENTATION) count(a.communeCode, year, Indicator.ORIENTATIONS);
  }
  for (const v of s.net.employerVisits) count(v.communeCode, v.date.slice(0, 4), Indicator.EMPLOYER_VISITS);
  for (const v of s.net.vacancyCaptures) count(v.communeCode, v.date.slice(0, 4), Indicator.VACANCIES_CAPTURED);
  for (const f of s.net.jobFairs) count(f.communeCode, f.date.slice(0, 4), Indicator.JOB_FAIRS);
  for (const year of SEED_YEARS) {
    for (const communeCode of agreementCommunes(year)) {
      for (const indicator of Object.values(Indicator)) {
        const done = counts.get(`${communeCode}:${year}:${indicator}`) ?? 0;
        const goal = Math.max(1, Math.round(done / (0.85 + rnd.next() * 0.33)));
        s.net.indicatorGoals.push({ communeCode, year, indicator, goal });
      }
    }
  }
}
