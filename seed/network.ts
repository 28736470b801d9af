import { AgeBand, AGE_BAND_RANGE, ContractType, Education, Sex, ageBandAt } from '../domain/classifications';
import { EmployerSize, VacancyStatus } from '../subgraphs/employers/entities/enums';
import { EnrollmentStatus, Programme, WorkshopTopic } from '../subgraphs/training/entities/enums';
import { Random } from '../kit/random';
import { rutOf } from '../kit/rut';
import { addDays, daysBetween, minusYears } from '../kit/dates';
import { agreementCommunes, SEED_YEARS } from './fomil-plan';
import { COMPANY_TRADES, COMPANY_WORDS, FEMALE_NAMES, LEGAL_FORMS, MALE_NAMES, SURNAMES } from './names';
import { yearPlan } from './placement-plan';
import { losLagosCommunes } from '../domain/territory';

/**
 * The whole synthetic network, generated once per process and identical in every process: each
 * subgraph's seed inserts its part with these ids, so every placement's person, employer and
 * vacancy exist in their subgraphs, a placement's sex and age band match its person, and its
 * sector matches its employer. Distributions: docs/data.md (*assumptions*).
 */
export interface PersonSeed {
  id: number; rut: string; firstName: string; lastName: string; secondLastName: string; birthDate: string; sex: Sex;
  education: Education; residenceCommuneCode: string; omilCommuneCode: string; registeredAt: string; bneRegistered: boolean;
  phone: string; email: string; disabilityConsent: boolean; disability: boolean | null;
}
export interface EmployerSeed { id: number; rut: string; name: string; sector: string; ciiuClass: string; size: EmployerSize; communeCode: string }
export interface VacancySeed {
  id: number; employerId: number; title: string; sector: string; occupationCode: string; positions: number; contractType: ContractType;
  wageMin: number; wageMax: number; communeCode: string; openedAt: string; closedAt: string | null; status: VacancyStatus;
}
export interface PlacementSeed {
  id: number; communeCode: string; startDate: string; occupationCode: string; sector: string; contractType: ContractType;
  sex: Sex; ageBand: AgeBand; personId: number; employerId: number; vacancyId: number | null;
}
export interface ProviderSeed { id: number; rut: string; name: string }
export interface CourseSeed {
  id: number; senceCode: string; name: string; programme: Programme; providerId: number; communeCode: string;
  hours: number; startDate: string; endDate: string; seats: number;
}
export interface EnrollmentSeed {
  id: number; personId: number; courseId: number; communeCode: string; status: EnrollmentStatus; enrolledAt: string; completedAt: string | null;
  /** The first placement of the person within 3 months (1–90 days) after completing, if any. */
  placedAt: string | null;
}
export interface WorkshopSeed { id: number; communeCode: string; date: string; topic: WorkshopTopic }
export interface AttendanceSeed { id: number; workshopId: number; personId: number; communeCode: string }

export interface Network {
  persons: PersonSeed[]; employers: EmployerSeed[]; vacancies: VacancySeed[]; placements: PlacementSeed[];
  providers: ProviderSeed[]; courses: CourseSeed[]; enrollments: EnrollmentSeed[]; workshops: WorkshopSeed[]; attendance: AttendanceSeed[];
}

/** Sizes at scale 1 (the region). `npm run seed -- --scale N` multiplies them (see buildNetwork). */
export const SEED_SCALE = { persons: 30_000, employers: 1_000, coursesPerYear: 130, providers: 40, extraVacancies: 600 };

// Synthetic distributions (docs/data.md).
export const SECTORS: [string, number][] = [
  ['A', 25], ['C', 20], ['G', 15], ['F', 12], ['I', 8], ['N', 8], ['H', 5], ['O', 2], ['P', 2], ['Q', 2], ['S', 1],
];
export const OCCUPATIONS: Record<string, string[]> = {
  A: ['6221', '9216', '7541', '9211', '3142'], C: ['8160', '9321', '8160', '9321', '7541'], G: ['5223', '5230', '9321'],
  F: ['7112', '7115', '9313'], I: ['5120', '5131'], N: ['9112', '5414'], H: ['8332', '9333'], O: ['4110', '9112'],
  P: ['5312', '9112'], Q: ['5321', '9112'], S: ['5141', '9112'],
};
export const OCCUPATION_TITLES: Record<string, string> = {
  '6221': 'Operario/a de centro de cultivo', '9216': 'Obrero/a de pesca y acuicultura', '7541': 'Buzo/a', '9211': 'Obrero/a agrícola',
  '3142': 'Técnico/a agropecuario/a', '8160': 'Operador/a de planta de proceso', '9321': 'Empacador/a', '5223': 'Vendedor/a',
  '5230': 'Cajero/a', '7112': 'Albañil', '7115': 'Carpintero/a', '9313': 'Jornal de construcción', '5120': 'Cocinero/a',
  '5131': 'Garzón/Garzona', '9112': 'Auxiliar de aseo', '5414': 'Guardia de seguridad', '8332': 'Conductor/a de camión',
  '9333': 'Bodeguero/a', '4110': 'Administrativo/a', '5312': 'Asistente de aula', '5321': 'Auxiliar de enfermería', '5141': 'Peluquero/a',
};
const CIIU_CLASSES: Record<string, string[]> = {
  A: ['0321', '0311', '0141', '0111'], C: ['1020', '1050', '1610'], G: ['4711', '4719', '4530'], F: ['4100', '4290', '4330'],
  I: ['5510', '5610'], N: ['8121', '8010', '7830'], H: ['4923', '5210'], O: ['8411'], P: ['8510'], Q: ['8610', '8730'], S: ['9602'],
};
const AGE_BANDS: [AgeBand, number][] = [[AgeBand.AGE_18_29, 35], [AgeBand.AGE_30_44, 35], [AgeBand.AGE_45_64, 28], [AgeBand.AGE_65_PLUS, 2]];
const MONTH_WEIGHTS = [1.3, 1.25, 1.2, 0.9, 0.8, 0.75, 0.75, 0.8, 0.85, 0.95, 1.05, 1.3];
const EDUCATION: [Education, number][] = [
  [Education.SECONDARY, 45], [Education.TECHNICAL_HIGHER, 15], [Education.PRIMARY_2, 15], [Education.UNIVERSITY, 10],
  [Education.PRIMARY_1, 6], [Education.UNKNOWN, 4], [Education.NONE, 2], [Education.POSTGRADUATE, 2], [Education.PRESCHOOL, 0.5], [Education.DOCTORATE, 0.5],
];
const SIZES: [EmployerSize, number][] = [[EmployerSize.MICRO, 50], [EmployerSize.SMALL, 30], [EmployerSize.MEDIUM, 15], [EmployerSize.LARGE, 5]];
const COURSE_NAMES = [
  'Manipulación de alimentos', 'Operación de grúa horquilla', 'Soldadura al arco', 'Atención al cliente', 'Computación básica',
  'Cuidado de personas mayores', 'Buceo básico', 'Mantención de redes de cultivo', 'Cocina nacional', 'Guía de turismo',
  'Electricidad domiciliaria', 'Contabilidad para pymes', 'Marketing digital para emprendedores', 'Carpintería en madera', 'Inglés para turismo',
];
const PROGRAMMES: [Programme, number][] = [
  [Programme.BECAS_LABORALES, 40], [Programme.FORMATE_PARA_EL_TRABAJO, 30], [Programme.DESPEGA_MIPE, 15], [Programme.OTHER, 15],
];

function contractFor(sector: string, rnd: Random): ContractType {
  const seasonal = sector === 'A' || sector === 'I' ? 30 : 6;
  return rnd.weighted([
    [ContractType.INDEFINITE, 26], [ContractType.FIXED_TERM, 36], [ContractType.PER_WORK, sector === 'F' ? 40 : 14],
    [ContractType.SEASONAL, seasonal], [ContractType.APPRENTICESHIP, 2],
  ]);
}

function dateIn(year: number, rnd: Random, seasonal = true): string {
  const month = seasonal ? rnd.weighted(MONTH_WEIGHTS.map((w, i) => [i + 1, w] as const)) : rnd.int(1, 12);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(rnd.int(1, days)).padStart(2, '0')}`;
}

const ascii = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]+/g, '');

/** Monthly wage range (CLP) by occupation major group: the minimum wage and up. */
function wageRange(occupation: string, rnd: Random): [number, number] {
  const base = { '3': 750_000, '4': 620_000, '5': 560_000, '6': 600_000, '7': 680_000, '8': 700_000, '9': 530_000 }[occupation[0]] ?? 560_000;
  const min = Math.round((base * (0.95 + rnd.next() * 0.2)) / 10_000) * 10_000;
  return [min, min + Math.round((min * (0.1 + rnd.next() * 0.3)) / 10_000) * 10_000];
}

/** Placements (sorted by start date) starting from `from` to `to` inclusive. */
function between(sorted: PlacementSeed[], from: string, to: string): PlacementSeed[] {
  const lower = (date: string) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].startDate < date) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return sorted.slice(lower(from), lower(addDays(to, 1)));
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

class NetworkBuilder {
  readonly net: Network = { persons: [], employers: [], vacancies: [], placements: [], providers: [], courses: [], enrollments: [], workshops: [], attendance: [] };
  private readonly communes = losLagosCommunes();
  private readonly byProvince = new Map<string, string[]>();
  private readonly personsByOmil = new Map<string, PersonSeed[]>();
  private readonly lastPlaced = new Map<number, string>();
  private readonly employersBy = new Map<string, EmployerSeed[]>();
  private readonly openVacancies = new Map<number, { vacancy: VacancySeed; left: number }[]>();

  private readonly size: typeof SEED_SCALE;

  constructor(private readonly rnd: Random, private readonly scale: number) {
    // At scale, the job seekers never placed stay at the region's count: the volume is in placements.
    this.size = {
      persons: SEED_SCALE.persons, employers: SEED_SCALE.employers * scale, coursesPerYear: SEED_SCALE.coursesPerYear * scale,
      providers: SEED_SCALE.providers * Math.min(scale, 10), extraVacancies: SEED_SCALE.extraVacancies * scale,
    };
    for (const c of this.communes) push(this.byProvince, c.provinceCode, c.code);
  }

  private communeByPopulation(): string {
    return this.rnd.weighted(this.communes.map((c) => [c.code, c.population] as const));
  }

  person(omilCommune: string, sex: Sex, birthDate: string, registeredAt: string): PersonSeed {
    const rnd = this.rnd;
    const id = this.net.persons.length + 1;
    const firstName = rnd.pick(sex === Sex.FEMALE ? FEMALE_NAMES : MALE_NAMES);
    const lastName = rnd.pick(SURNAMES);
    const province = omilCommune.slice(0, 3);
    const consent = rnd.next() < 0.7;
    const person: PersonSeed = {
      id,
      // Bodies between 5,000,000 and 26,000,000, unique by construction (the id is part of the body);
      // person 1 carries the example RUT 12.345.678-5 so that documented examples answer.
      rut: id === 1 ? rutOf(12_345_678) : rutOf(5_000_000 + id * 661 + (id % 7)),
      firstName, lastName, secondLastName: rnd.pick(SURNAMES), birthDate, sex,
      education: rnd.weighted(EDUCATION),
      residenceCommuneCode: rnd.next() < 0.9 ? omilCommune : rnd.pick(this.byProvince.get(province)!),
      omilCommuneCode: omilCommune,
      registeredAt,
      bneRegistered: rnd.next() < 0.6,
      phone: `+56 9 ${String(40_000_000 + ((id * 7_919) % 59_999_999)).padStart(8, '0')}`,
      email: `${ascii(firstName)}.${ascii(lastName)}${id}@example.cl`,
      disabilityConsent: consent,
      disability: consent ? rnd.next() < 0.07 : null,
    };
    this.net.persons.push(person);
    push(this.personsByOmil, omilCommune, person);
    return person;
  }

  /** Someone of this sex and age band at `date`: a job seeker of that OMIL, or a new one. */
  personFor(commune: string, sex: Sex, band: AgeBand, date: string): PersonSeed {
    const rnd = this.rnd;
    const pool = this.personsByOmil.get(commune) ?? [];
    if (pool.length && rnd.next() < 0.3) {
      for (let tries = 0; tries < 6; tries++) {
        const p = pool[Math.floor(rnd.next() * pool.length)];
        const last = this.lastPlaced.get(p.id);
        if (p.sex === sex && p.registeredAt <= date && ageBandAt(p.birthDate, date) === band && (!last || daysBetween(last, date) > 90)) return p;
      }
    }
    const [lo, hi] = AGE_BAND_RANGE[band];
    const age = rnd.int(lo, band === AgeBand.AGE_65_PLUS ? 72 : hi);
    const birthDate = addDays(minusYears(date, age + 1), rnd.int(1, 364));
    const registeredAt = addDays(date, -rnd.int(7, 400));
    return this.person(commune, sex, birthDate, registeredAt < '2019-01-01' ? '2019-01-02' : registeredAt);
  }

  /** A job seeker of this OMIL registered by `date` (a few draws; undefined if none found). */
  registeredBy(commune: string, date: string): PersonSeed | undefined {
    const pool = this.personsByOmil.get(commune) ?? [];
    for (let tries = 0; tries < 12 && pool.length; tries++) {
      const p = pool[Math.floor(this.rnd.next() * pool.length)];
      if (p.registeredAt <= date) return p;
    }
    return undefined;
  }

  employers(): void {
    const rnd = this.rnd;
    const counts = new Map<string, number>();
    for (let id = 1; id <= this.size.employers; id++) {
      // The first employers cover every sector in every province, so each placement finds one near.
      const province = [...this.byProvince.keys()][(id - 1) % 4];
      const sector = id <= SECTORS.length * 4 ? SECTORS[Math.floor((id - 1) / 4)][0] : rnd.weighted(SECTORS);
      const communeCode = id <= SECTORS.length * 4 ? this.byProvince.get(province)![0] : this.communeByPopulation();
      const word = rnd.pick(COMPANY_WORDS);
      const trade = rnd.pick(COMPANY_TRADES[sector]);
      const key = `${trade} ${word}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      const suffix = counts.get(key)! > 1 ? ` ${counts.get(key)}` : '';
      const employer: EmployerSeed = {
        id, rut: rutOf(76_000_000 + id * 1_013), name: `${trade} ${word}${suffix} ${rnd.pick(LEGAL_FORMS)}`,
        sector, ciiuClass: rnd.pick(CIIU_CLASSES[sector]), size: rnd.weighted(SIZES), communeCode,
      };
      this.net.employers.push(employer);
      for (const k of [`${communeCode}:${sector}`, `${communeCode.slice(0, 3)}:${sector}`]) push(this.employersBy, k, employer);
    }
  }

  employerFor(commune: string, sector: string): EmployerSeed {
    const local = this.employersBy.get(`${commune}:${sector}`);
    const pool = local && (local.length > 2 || this.rnd.next() < 0.5) ? local : this.employersBy.get(`${commune.slice(0, 3)}:${sector}`)!;
    return this.rnd.pick(pool);
  }

  vacancy(employer: EmployerSeed, occupation: string, contract: ContractType, openedAt: string, positions: number): VacancySeed {
    const [wageMin, wageMax] = wageRange(occupation, this.rnd);
    const vacancy: VacancySeed = {
      id: this.net.vacancies.length + 1, employerId: employer.id, title: OCCUPATION_TITLES[occupation] ?? `Ocupación ${occupation}`, sector: employer.sector,
      occupationCode: occupation, positions, contractType: contract, wageMin, wageMax, communeCode: employer.communeCode,
      openedAt, closedAt: null, status: VacancyStatus.OPEN,
    };
    this.net.vacancies.push(vacancy);
    return vacancy;
  }

  /** About 60% of placements fill a vacancy of their employer, shared by placements close in time. */
  vacancyFor(employer: EmployerSeed, occupation: string, contract: ContractType, date: string): VacancySeed | null {
    if (this.rnd.next() >= 0.6) return null;
    const open = this.openVacancies.get(employer.id) ?? [];
    const slot = open.find((o) => o.vacancy.occupationCode === occupation && daysBetween(o.vacancy.openedAt, date) <= 60 && o.vacancy.openedAt <= date);
    if (slot) {
      if (--slot.left === 0) open.splice(open.indexOf(slot), 1);
      return slot.vacancy;
    }
    const positions = this.rnd.weighted([[1, 50], [2, 25], [3, 12], [5, 8], [10, 5]] as const);
    const vacancy = this.vacancy(employer, occupation, contract, addDays(date, -this.rnd.int(10, 40)), positions);
    if (positions > 1) open.push({ vacancy, left: positions - 1 });
    this.openVacancies.set(employer.id, open);
    return vacancy;
  }

  placements(): void {
    const rnd = this.rnd;
    for (const year of SEED_YEARS) {
      const plan = yearPlan(year, this.scale);
      plan.communes.forEach((communeCode, i) => {
        const rows: Omit<PlacementSeed, 'id' | 'personId' | 'employerId' | 'vacancyId'>[] = [];
        for (let k = 0; k < plan.placements[i]; k++) {
          const sector = rnd.weighted(SECTORS);
          rows.push({
            communeCode, startDate: dateIn(year, rnd), sector, occupationCode: rnd.pick(OCCUPATIONS[sector]),
            contractType: contractFor(sector, rnd), sex: rnd.next() < 0.52 ? Sex.FEMALE : Sex.MALE, ageBand: rnd.weighted(AGE_BANDS),
          });
        }
        rows.sort((a, b) => a.startDate.localeCompare(b.startDate));
        for (const row of rows) {
          const person = this.personFor(communeCode, row.sex, row.ageBand, row.startDate);
          const employer = this.employerFor(communeCode, row.sector);
          const vacancy = this.vacancyFor(employer, row.occupationCode, row.contractType, row.startDate);
          this.lastPlaced.set(person.id, row.startDate);
          this.net.placements.push({ ...row, id: this.net.placements.length + 1, personId: person.id, employerId: employer.id, vacancyId: vacancy?.id ?? null });
        }
      });
    }
    // A vacancy is FILLED on its last placement when placements took all its positions, else
    // CLOSED 90 days after opening (or on its last placement, if later).
    const filled = new Map<number, { count: number; last: string }>();
    for (const p of this.net.placements) {
      if (!p.vacancyId) continue;
      const f = filled.get(p.vacancyId) ?? { count: 0, last: p.startDate };
      filled.set(p.vacancyId, { count: f.count + 1, last: f.last > p.startDate ? f.last : p.startDate });
    }
    for (const v of this.net.vacancies) {
      const f = filled.get(v.id);
      v.status = f && f.count >= v.positions ? VacancyStatus.FILLED : VacancyStatus.CLOSED;
      const unfilled = addDays(v.openedAt, 90);
      v.closedAt = v.status === VacancyStatus.FILLED ? f!.last : f && f.last > unfilled ? f.last : unfilled;
    }
  }

  /** Job seekers never placed, and vacancies still open or closed unfilled. */
  rest(): void {
    const rnd = this.rnd;
    // The region has 30,000 job seekers in all; at scale, 30,000 never placed join those placed.
    const target = this.scale === 1 ? this.size.persons : this.net.persons.length + this.size.persons;
    while (this.net.persons.length < target) {
      const commune = this.communeByPopulation();
      const sex = rnd.next() < 0.52 ? Sex.FEMALE : Sex.MALE;
      const registeredAt = dateIn(rnd.int(2019, 2024), rnd, false);
      const birthDate = addDays(minusYears(registeredAt, rnd.int(18, 70)), -rnd.int(0, 364));
      this.person(commune, sex, birthDate, registeredAt);
    }
    for (let k = 0; k < this.size.extraVacancies; k++) {
      const employer = rnd.pick(this.net.employers);
      const occupation = rnd.pick(OCCUPATIONS[employer.sector]);
      const openedAt = dateIn(rnd.int(2021, 2024), rnd);
      const vacancy = this.vacancy(employer, occupation, contractFor(employer.sector, rnd), openedAt, rnd.int(1, 4));
      // The last months' vacancies are still open in the seed's world (it ends with 2024).
      if (openedAt < '2024-10-01') {
        vacancy.status = VacancyStatus.CLOSED;
        vacancy.closedAt = addDays(openedAt, 90);
      }
    }
  }

  training(): void {
    const rnd = this.rnd;
    for (let id = 1; id <= this.size.providers; id++) {
      this.net.providers.push({ id, rut: rutOf(77_000_000 + id * 2_027), name: `OTEC ${rnd.pick(COMPANY_WORDS)} ${rnd.pick(['Capacitación', 'Formación', 'Educación Continua', 'Training'])} ${rnd.pick(LEGAL_FORMS)}` });
    }
    // Placements by commune, to enrol people who were placed within 3 months of finishing.
    const placedIn = new Map<string, PlacementSeed[]>();
    const placementsOf = new Map<number, PlacementSeed[]>();
    for (const p of this.net.placements) {
      push(placedIn, p.communeCode, p);
      push(placementsOf, p.personId, p);
    }
    const placedWithin3Months = (personId: number, completedAt: string | null) =>
      completedAt === null ? null
        : (placementsOf.get(personId) ?? []).map((p) => p.startDate).filter((d) => d > completedAt && d <= addDays(completedAt, 90)).sort()[0] ?? null;
    const enrolled = new Set<string>();
    for (const year of SEED_YEARS) {
      for (let k = 0; k < this.size.coursesPerYear; k++) {
        const communeCode = this.communeByPopulation();
        const startDate = dateIn(year, rnd, false);
        const hours = rnd.pick([40, 60, 80, 120, 160, 200, 250, 300]);
        const endDate = addDays(startDate, Math.ceil(hours / 4) + rnd.int(0, 20));
        const course: CourseSeed = {
          id: this.net.courses.length + 1, senceCode: String(1_237_000_000 + this.net.courses.length * 7_919),
          name: rnd.pick(COURSE_NAMES), programme: rnd.weighted(PROGRAMMES), providerId: rnd.int(1, this.size.providers),
          communeCode, hours, startDate, endDate, seats: rnd.int(15, 25),
        };
        this.net.courses.push(course);
        const placedAfter = between(placedIn.get(communeCode) ?? [], addDays(endDate, 1), addDays(endDate, 90));
        const taken = Math.min(course.seats, Math.round(course.seats * (0.7 + rnd.next() * 0.3)));
        for (let s = 0; s < taken; s++) {
          const fromPlaced = placedAfter.length && rnd.next() < 0.25;
          const personId = fromPlaced ? rnd.pick(placedAfter).personId : this.registeredBy(communeCode, startDate)?.id ?? 0;
          if (!personId || enrolled.has(`${personId}:${course.id}`)) continue;
          enrolled.add(`${personId}:${course.id}`);
          const status = fromPlaced || rnd.next() < 0.72 ? EnrollmentStatus.COMPLETED : EnrollmentStatus.DROPPED;
          const completedAt = status === EnrollmentStatus.COMPLETED ? endDate : null;
          this.net.enrollments.push({
            id: this.net.enrollments.length + 1, personId, courseId: course.id, communeCode, status,
            enrolledAt: addDays(startDate, -rnd.int(3, 30)), completedAt, placedAt: placedWithin3Months(personId, completedAt),
          });
        }
      }
    }
    for (const year of SEED_YEARS) {
      for (const communeCode of agreementCommunes(year)) {
        const population = this.communes.find((c) => c.code === communeCode)!.population;
        const sessions = Math.max(6, Math.round(population / 8_000)) * this.scale;
        for (let k = 0; k < sessions; k++) {
          const workshop: WorkshopSeed = { id: this.net.workshops.length + 1, communeCode, date: dateIn(year, rnd, false), topic: rnd.pick([WorkshopTopic.CV, WorkshopTopic.INTERVIEW, WorkshopTopic.JOB_SEARCH]) };
          this.net.workshops.push(workshop);
          const seen = new Set<number>();
          for (let a = rnd.int(5, 15); a > 0; a--) {
            const person = this.registeredBy(communeCode, workshop.date);
            if (!person || seen.has(person.id)) continue;
            seen.add(person.id);
            this.net.attendance.push({ id: this.net.attendance.length + 1, workshopId: workshop.id, personId: person.id, communeCode });
          }
        }
      }
    }
  }
}

export function buildNetwork(scale = 1): Network {
  if (!Number.isInteger(scale) || scale < 1) throw new Error(`scale must be a positive integer, got ${scale}`);
  const builder = new NetworkBuilder(new Random(20_221_948), scale);
  builder.employers();
  builder.placements();
  builder.rest();
  builder.training();
  return builder.net;
}

let cached: { scale: number; network: Network } | undefined;
let currentScale = 1;

/** Seeds that follow run at this scale (`npm run seed -- --scale N`); 1 is the embedded default. */
export function useNetworkScale(scale: number): void {
  currentScale = scale;
}

export function networkScale(): number {
  return currentScale;
}

/** The network (memoised: the all-in-one start generates it once for five subgraphs). */
export function network(): Network {
  if (cached?.scale !== currentScale) cached = { scale: currentScale, network: buildNetwork(currentScale) };
  return cached.network;
}
