import { addDays } from '../kit/dates';
import { EnrollmentStatus, Programme, WorkshopTopic } from '../subgraphs/training/entities/enums';
import { agreementCommunes, SEED_YEARS } from './fomil-plan';
import { COMPANY_WORDS, LEGAL_FORMS } from './names';
import { registeredBy } from './persons';
import { providerRut } from './ruts';
import { between, dateIn, push, type SeedState } from './state';
import type { CourseSeed, PlacementSeed } from './types';

const COURSE_NAMES = [
  'Manipulación de alimentos',
  'Operación de grúa horquilla',
  'Soldadura al arco',
  'Atención al cliente',
  'Computación básica',
  'Cuidado de personas mayores',
  'Buceo básico',
  'Mantención de redes de cultivo',
  'Cocina nacional',
  'Guía de turismo',
  'Electricidad domiciliaria',
  'Contabilidad para pymes',
  'Marketing digital para emprendedores',
  'Carpintería en madera',
  'Inglés para turismo',
];
const PROGRAMMES: [Programme, number][] = [
  [Programme.BECAS_LABORALES, 40],
  [Programme.FORMATE_PARA_EL_TRABAJO, 30],
  [Programme.DESPEGA_MIPE, 15],
  [Programme.OTHER, 15],
];

export function providers(s: SeedState): void {
  const rnd = s.rnd;
  for (let id = 1; id <= s.size.providers; id++) {
    const kind = rnd.pick(['Capacitación', 'Formación', 'Educación Continua', 'Training']);
    s.net.providers.push({ id, rut: providerRut(id), name: `OTEC ${rnd.pick(COMPANY_WORDS)} ${kind} ${rnd.pick(LEGAL_FORMS)}` });
  }
}

/**
 * SENCE courses in communes by population, and their enrolments: 70–100% of the seats, dated
 * 3–30 days before the start, of job seekers of the commune registered by then; a quarter of the
 * draws take someone placed 1–90 days after the course ended. COMPLETED 72% (all of those placed).
 */
export function courses(s: SeedState): void {
  const rnd = s.rnd;
  const placedIn = new Map<string, PlacementSeed[]>();
  for (const p of s.net.placements) push(placedIn, p.communeCode, p);
  for (const list of placedIn.values()) list.sort((a, b) => a.startDate.localeCompare(b.startDate));
  const registeredAt = (personId: number) => s.net.persons[personId - 1].registeredAt;
  const enrolled = new Set<string>();
  for (const year of SEED_YEARS) {
    for (let k = 0; k < s.size.coursesPerYear; k++) {
      const communeCode = s.communeByPopulation();
      const startDate = dateIn(year, rnd, false);
      const hours = rnd.pick([40, 60, 80, 120, 160, 200, 250, 300]);
      const endDate = addDays(startDate, Math.ceil(hours / 4) + rnd.int(0, 20));
      const course: CourseSeed = {
        id: s.net.courses.length + 1,
        senceCode: String(1_237_000_000 + s.net.courses.length * 7_919),
        name: rnd.pick(COURSE_NAMES),
        programme: rnd.weighted(PROGRAMMES),
        providerId: rnd.int(1, s.size.providers),
        communeCode,
        hours,
        startDate,
        endDate,
        seats: rnd.int(15, 25),
      };
      s.net.courses.push(course);
      const placedAfter = between(placedIn.get(communeCode) ?? [], (p) => p.startDate, addDays(endDate, 1), addDays(endDate, 90));
      const taken = Math.min(course.seats, Math.round(course.seats * (0.7 + rnd.next() * 0.3)));
      for (let seat = 0; seat < taken; seat++) {
        const enrolledAt = addDays(startDate, -rnd.int(3, 30));
        // Never enrolled before registering: a placed person registered later is not drawn.
        let personId = 0;
        let fromPlaced = false;
        if (placedAfter.length > 0 && rnd.next() < 0.25) {
          const candidate = rnd.pick(placedAfter).personId;
          fromPlaced = registeredAt(candidate) <= enrolledAt;
          if (fromPlaced) personId = candidate;
        }
        personId ||= registeredBy(s, communeCode, enrolledAt)?.id ?? 0;
        if (!personId || enrolled.has(`${personId}:${course.id}`)) continue;
        enrolled.add(`${personId}:${course.id}`);
        const status = fromPlaced || rnd.next() < 0.72 ? EnrollmentStatus.COMPLETED : EnrollmentStatus.DROPPED;
        s.net.enrollments.push({
          id: s.net.enrollments.length + 1,
          personId,
          courseId: course.id,
          status,
          enrolledAt,
          completedAt: status === EnrollmentStatus.COMPLETED ? endDate : null,
        });
      }
    }
  }
}

/** Job-readiness workshops in communes with an agreement (≥ 6 a year, one per 8,000 people), 5–15 attendees registered by then. */
export function workshops(s: SeedState): void {
  const rnd = s.rnd;
  for (const year of SEED_YEARS) {
    for (const communeCode of agreementCommunes(year)) {
      const population = s.communes.find((c) => c.code === communeCode)!.population;
      const sessions = Math.max(6, Math.round(population / 8_000)) * s.scale;
      for (let k = 0; k < sessions; k++) {
        const workshop = {
          id: s.net.workshops.length + 1,
          communeCode,
          date: dateIn(year, rnd, false),
          topic: rnd.pick([WorkshopTopic.CV, WorkshopTopic.INTERVIEW, WorkshopTopic.JOB_SEARCH]),
        };
        s.net.workshops.push(workshop);
        const seen = new Set<number>();
        for (let a = rnd.int(5, 15); a > 0; a--) {
          const person = registeredBy(s, communeCode, workshop.date);
          if (!person || seen.has(person.id)) continue;
          seen.add(person.id);
          s.net.attendance.push({ id: s.net.attendance.length + 1, workshopId: workshop.id, personId: person.id });
        }
      }
    }
  }
}
