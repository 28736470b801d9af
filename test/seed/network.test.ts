import { ageAt, ageBandAt, ContractType } from '../../domain/classifications';
import { minimumWageOn } from '../../domain/minimum-wage';
import { losLagosCommunes } from '../../domain/territory';
import { checkRut } from '../../kit/rut';
import { ACTIVITY_CLASSES, NO_SEASONAL, tradeClassesOf } from '../../seed/activities';
import { agreementCommunes } from '../../seed/fomil-plan';
import { buildNetwork, type Network } from '../../seed/network';
import { yearPlan } from '../../seed/placement-plan';
import { EMPLOYER_BODIES, personBody, PERSON_BODIES, PROVIDER_BODIES } from '../../seed/ruts';
import { vacancyRows } from '../../subgraphs/employers/seed';
import { goalRows, placementRows } from '../../subgraphs/placements/seed';
import { attendanceRows, enrollmentRows } from '../../subgraphs/training/seed';

/** The seed's consistency rules, checked on the network built in-process (no platform started). */
const net = buildNetwork(1);
const placements = placementRows(net);
const vacancies = vacancyRows(net);
const person = (id: number) => net.persons[id - 1];
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const body = (rut: string) => Number(rut.split('-')[0]);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function pearson(xs: number[], ys: number[]): number {
  const mx = sum(xs) / xs.length;
  const my = sum(ys) / ys.length;
  const cov = sum(xs.map((x, i) => (x - mx) * (ys[i] - my)));
  return cov / Math.sqrt(sum(xs.map((x) => (x - mx) ** 2)) * sum(ys.map((y) => (y - my) ** 2)));
}

function yearTotals(n: Network, year: number) {
  const goals = goalRows(n).filter((g) => g.year === year);
  return {
    placements: n.placements.filter((p) => p.startDate.startsWith(`${year}-`)).length,
    goal: sum(goals.map((g) => g.goal)),
    communes: new Set(goals.map((g) => g.communeCode)).size,
  };
}

describe('the synthetic network (scale 1)', () => {
  it('keeps the published totals: 2022 4,948 against 4,899 in 24 communes (101%), 2024 3,247 in 24', () => {
    const y2022 = yearTotals(net, 2022);
    expect(y2022).toEqual({ placements: 4948, goal: 4899, communes: 24 });
    expect((y2022.placements / y2022.goal).toFixed(2)).toBe('1.01');
    const y2024 = yearTotals(net, 2024);
    expect([y2024.placements, y2024.communes]).toEqual([3247, 24]);
    expect(net.persons).toHaveLength(30_000);
    expect(person(1).rut).toBe('12345678-5');
  });

  it('gives Chaitén (10401) an agreement every year from 2021, as it signed one in February 2021', () => {
    for (const year of [2021, 2022, 2023, 2024]) expect(agreementCommunes(year)).toContain('10401');
  });

  it('varies placements per inhabitant by commune (not proportional to population)', () => {
    const population = new Map(losLagosCommunes().map((c) => [c.code, c.population]));
    for (const year of [2021, 2022, 2023, 2024]) {
      const plan = yearPlan(year);
      expect(
        pearson(
          plan.placements,
          plan.communes.map((c) => population.get(c)!),
        ),
      ).toBeLessThan(0.99);
    }
  });

  it('registers every job seeker at 18 or over, and nothing happens to anyone before registering', () => {
    expect(net.persons.filter((p) => ageAt(p.birthDate, p.registeredAt) < 18)).toEqual([]);
    expect(net.placements.filter((p) => p.startDate < person(p.personId).registeredAt)).toEqual([]);
    expect(net.enrollments.filter((e) => e.enrolledAt < person(e.personId).registeredAt)).toEqual([]);
    const workshopDate = new Map(net.workshops.map((w) => [w.id, w.date]));
    expect(net.attendance.filter((a) => workshopDate.get(a.workshopId)! < person(a.personId).registeredAt)).toEqual([]);
  });

  it("derives each placement's snapshot from its person and employer", () => {
    const wrong = placements.filter(
      (p) =>
        p.sex !== person(p.personId).sex ||
        p.sector !== net.employers[p.employerId - 1].sector ||
        p.ageBand !== ageBandAt(person(p.personId).birthDate, p.startDate) ||
        p.year !== Number(p.startDate.slice(0, 4)),
    );
    expect(wrong).toEqual([]);
    expect(enrollmentRows(net).every((e) => e.communeCode === net.courses[e.courseId - 1].communeCode)).toBe(true);
    expect(attendanceRows(net).every((a) => a.communeCode === net.workshops[a.workshopId - 1].communeCode)).toBe(true);
  });

  it('gives apprenticeship contracts only to people under 21', () => {
    const apprentices = net.placements.filter((p) => p.contractType === ContractType.APPRENTICESHIP);
    expect(apprentices.length).toBeGreaterThan(100);
    expect(apprentices.filter((p) => ageAt(person(p.personId).birthDate, p.startDate) >= 21)).toEqual([]);
  });

  it('has no seasonal contracts in public administration, education or health', () => {
    expect(placements.filter((p) => p.contractType === ContractType.SEASONAL && NO_SEASONAL.has(p.sector))).toEqual([]);
    expect(vacancies.filter((v) => v.contractType === ContractType.SEASONAL && NO_SEASONAL.has(v.sector))).toEqual([]);
    expect([...NO_SEASONAL].sort()).toEqual(['O', 'P', 'Q']);
  });

  it('places divers (7541) only in aquaculture and fishing, never in manufacturing', () => {
    const divers = [...placements, ...vacancies].filter((r) => r.occupationCode === '7541');
    expect(divers.length).toBeGreaterThan(0);
    expect(divers.filter((r) => r.sector !== 'A')).toEqual([]);
  });

  it('names each employer by a trade its CIIU class carries on, and hires the occupations of that class', () => {
    for (const e of net.employers) {
      expect(ACTIVITY_CLASSES[e.ciiuClass].section).toBe(e.sector);
      expect(tradeClassesOf(e.name)).toContain(e.ciiuClass);
    }
    expect(tradeClassesOf('Pesquera Austral SpA')).toEqual(['0311']);
    const misfits = [...net.placements, ...net.vacancies].filter(
      (r) => !ACTIVITY_CLASSES[net.employers[r.employerId - 1].ciiuClass].occupations.includes(r.occupationCode),
    );
    expect(misfits).toEqual([]);
  });

  it('titles occupations by their CIUO-08 unit group', () => {
    const titles = new Map(vacancies.map((v) => [v.occupationCode, v.title]));
    expect(titles.get('9333')).toBe('Cargador/a, peoneta');
    expect(titles.get('4321')).toBe('Bodeguero/a');
  });

  it('offers wages at or above the minimum wage in force when the vacancy opens, rising with it', () => {
    expect(vacancies.filter((v) => v.wageMin < minimumWageOn(v.openedAt) || v.wageMax < v.wageMin)).toEqual([]);
    const wagesOf = (year: number) => vacancies.filter((v) => v.openedAt.startsWith(`${year}-`)).map((v) => v.wageMin);
    expect(median(wagesOf(2022))).toBeGreaterThan(median(wagesOf(2021)));
    expect(median(wagesOf(2024))).toBeGreaterThan(median(wagesOf(2023)));
    expect(median(wagesOf(2024)) / median(wagesOf(2021))).toBeGreaterThan(1.25);
  });

  it('gives every RUT a valid check digit, persons below 50,000,000 and companies above', () => {
    expect(net.persons.every((p) => checkRut(p.rut).ok && body(p.rut) < 50_000_000)).toBe(true);
    expect([...net.employers, ...net.providers].every((c) => checkRut(c.rut).ok && body(c.rut) >= 50_000_000)).toBe(true);
    expect(new Set(net.persons.map((p) => p.rut)).size).toBe(net.persons.length);
  });

  it('is deterministic', () => {
    const again = buildNetwork(1);
    expect(again.placements.slice(-50)).toEqual(net.placements.slice(-50));
    expect(again.enrollments.slice(-50)).toEqual(net.enrollments.slice(-50));
  });
  it('shows 15,529 people attended in 2024 (distinct persons with an active attention) and 3,247 placed', () => {
    const attended = (year: number) =>
      new Set(net.attentions.filter((a) => a.date.startsWith(`${year}-`) && !a.cancelReason).map((a) => a.personId)).size;
    expect(attended(2024)).toBe(15_529);
    expect(yearTotals(net, 2024).placements).toBe(3247);
    expect([2021, 2022, 2023].map(attended)).toEqual([13_418, 16_048, 15_112]);
  });

  it('attends every placed person that year, at the placing OMIL, on or before the placement', () => {
    const attentions = new Map<string, string[]>();
    for (const a of net.attentions) {
      if (a.cancelReason) continue;
      const key = `${a.personId}:${a.communeCode}:${a.date.slice(0, 4)}`;
      attentions.set(key, [...(attentions.get(key) ?? []), a.date]);
    }
    const unattended = net.placements.filter((p) => {
      const dates = attentions.get(`${p.personId}:${p.communeCode}:${p.startDate.slice(0, 4)}`) ?? [];
      return !dates.some((d) => d <= p.startDate);
    });
    expect(unattended).toEqual([]);
    // Strictly before the start, except when the start is the first possible day (1 January or the registration day).
    const sameDay = net.placements.filter((p) => {
      const dates = attentions.get(`${p.personId}:${p.communeCode}:${p.startDate.slice(0, 4)}`)!;
      return !dates.some((d) => d < p.startDate);
    });
    expect(sameDay.every((p) => p.startDate.endsWith('-01-01') || person(p.personId).registeredAt === p.startDate)).toBe(true);
  });

  it('attends only existing persons registered by then, in communes with an agreement that year; a registration on its day', () => {
    expect(net.attentions.filter((a) => !net.persons[a.personId - 1] || a.date < person(a.personId).registeredAt)).toEqual([]);
    expect(net.attentions.filter((a) => !agreementCommunes(Number(a.date.slice(0, 4))).includes(a.communeCode))).toEqual([]);
    expect(net.attentions.filter((a) => a.kind === 'REGISTRATION' && a.date !== person(a.personId).registeredAt)).toEqual([]);
    const cancelled = net.attentions.filter((a) => a.cancelReason);
    expect(cancelled.length).toBeGreaterThan(0);
    expect(cancelled.length).toBeLessThan(net.attentions.length * 0.01);
  });

  it('visits known employers, captures vacancies once on their opening day, and holds job fairs with people registered by then', () => {
    expect(net.employerVisits.every((v) => net.employers[v.employerId - 1])).toBe(true);
    expect(new Set(net.vacancyCaptures.map((c) => c.vacancyId)).size).toBe(net.vacancyCaptures.length);
    expect(net.vacancyCaptures.filter((c) => c.date !== net.vacancies[c.vacancyId - 1].openedAt)).toEqual([]);
    for (const fair of net.jobFairs) {
      expect(fair.personIds.filter((id) => person(id).registeredAt > fair.date)).toEqual([]);
      expect(fair.vacancyIds.filter((id) => net.vacancies[id - 1].openedAt > fair.date)).toEqual([]);
      expect(new Set(fair.personIds).size).toBe(fair.personIds.length);
      expect(agreementCommunes(Number(fair.date.slice(0, 4)))).toContain(fair.communeCode);
    }
  });

  it('sets a goal per indicator for every agreement, from 2021 to 2024', () => {
    for (const year of [2021, 2022, 2023, 2024]) {
      const goals = net.indicatorGoals.filter((g) => g.year === year);
      expect(goals).toHaveLength(agreementCommunes(year).length * 5);
      expect(goals.every((g) => g.goal >= 1)).toBe(true);
    }
  });
});

describe('the network at scale', () => {
  it('scales goals with placements: at scale 10, 2022 is 49,480 against 48,990 (compliance 1.01)', () => {
    const plan = yearPlan(2022, 10);
    expect([sum(plan.placements), sum(plan.goals)]).toEqual([49_480, 48_990]);
    expect((sum(plan.placements) / sum(plan.goals)).toFixed(2)).toBe('1.01');
  });

  it("keeps person RUT bodies unique and below the companies' at every scale (the formula's ranges)", () => {
    expect(PERSON_BODIES.from + PERSON_BODIES.size).toBeLessThanOrEqual(50_000_000);
    expect(EMPLOYER_BODIES.from).toBeGreaterThanOrEqual(50_000_000);
    expect(EMPLOYER_BODIES.from + EMPLOYER_BODIES.size).toBeLessThanOrEqual(PROVIDER_BODIES.from);
    // Scale 60 has about 900,000 persons and 60,000 employers; check well beyond.
    const seen = new Set<number>();
    for (let id = 1; id <= 2_000_000; id++) {
      const b = personBody(id);
      if (b < PERSON_BODIES.from || b >= PERSON_BODIES.from + PERSON_BODIES.size || seen.has(b)) throw new Error(`person ${id}: body ${b}`);
      seen.add(b);
    }
    expect(seen.has(12_345_678)).toBe(true);
  });

  it('at scale 20: goals × 20, 101% in 2022, and no RUT shared between a person and an employer or OTEC', () => {
    // Persons, companies and goals come before the services step: leave it out (it adds ~11 s here).
    const big = buildNetwork(20, { services: false });
    const y2022 = yearTotals(big, 2022);
    expect(y2022).toEqual({ placements: 98_960, goal: 97_980, communes: 24 });
    expect((y2022.placements / y2022.goal).toFixed(2)).toBe('1.01');
    expect(big.persons.length).toBeGreaterThan(250_000);
    expect(big.persons.every((p) => body(p.rut) < 50_000_000)).toBe(true);
    const companies = new Set([...big.employers, ...big.providers].map((c) => c.rut));
    expect(companies.size).toBe(big.employers.length + big.providers.length);
    expect(big.persons.filter((p) => companies.has(p.rut))).toEqual([]);
    expect(new Set(big.persons.map((p) => p.rut)).size).toBe(big.persons.length);
  });
});
