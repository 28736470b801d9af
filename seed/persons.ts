import { ageAt, Education, Sex } from '../domain/classifications';
import { addDays, minusYears } from '../kit/dates';
import { FEMALE_NAMES, MALE_NAMES, SURNAMES } from './names';
import { personRut } from './ruts';
import { dateIn, push, type SeedState } from './state';
import type { PersonSeed } from './types';

/** Job seekers: registered 2019–2024, every one aged 18 or over when registering (*assumption*). */
const FIRST_REGISTRATION = '2019-01-02';
const EDUCATION: [Education, number][] = [
  [Education.SECONDARY, 45],
  [Education.TECHNICAL_HIGHER, 15],
  [Education.PRIMARY_2, 15],
  [Education.UNIVERSITY, 10],
  [Education.PRIMARY_1, 6],
  [Education.UNKNOWN, 4],
  [Education.NONE, 2],
  [Education.POSTGRADUATE, 2],
  [Education.PRESCHOOL, 0.5],
  [Education.DOCTORATE, 0.5],
];

const ascii = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '');

/** The first day on which someone born on `birthDate` is 18. */
export function eighteenthBirthday(birthDate: string): string {
  let day = minusYears(birthDate, -18);
  while (ageAt(birthDate, day) < 18) day = addDays(day, 1);
  return day;
}

export function newPerson(s: SeedState, omilCommune: string, sex: Sex, birthDate: string, registeredAt: string): PersonSeed {
  const rnd = s.rnd;
  const id = s.net.persons.length + 1;
  const firstName = rnd.pick(sex === Sex.FEMALE ? FEMALE_NAMES : MALE_NAMES);
  const lastName = rnd.pick(SURNAMES);
  const consent = rnd.next() < 0.7;
  const person: PersonSeed = {
    id,
    rut: personRut(id),
    firstName,
    lastName,
    secondLastName: rnd.pick(SURNAMES),
    birthDate,
    sex,
    education: rnd.weighted(EDUCATION),
    residenceCommuneCode: rnd.next() < 0.9 ? omilCommune : rnd.pick(s.byProvince.get(omilCommune.slice(0, 3))!),
    omilCommuneCode: omilCommune,
    registeredAt,
    bneRegistered: rnd.next() < 0.6,
    phone: `+56 9 ${String(40_000_000 + ((id * 7_919) % 59_999_999)).padStart(8, '0')}`,
    email: `${ascii(firstName)}.${ascii(lastName)}${id}@example.cl`,
    disabilityConsent: consent,
    disability: consent ? rnd.next() < 0.07 : null,
  };
  s.net.persons.push(person);
  push(s.personsByOmil, omilCommune, person);
  return person;
}

/**
 * Someone of this sex aged `ages` (inclusive) at `date`, registered by then: 30% of the time a job
 * seeker of that OMIL not placed in the last 90 days, otherwise a new one, registered 7–400 days
 * before (never before turning 18).
 */
export function personFor(s: SeedState, commune: string, sex: Sex, [youngest, oldest]: [number, number], date: string): PersonSeed {
  const rnd = s.rnd;
  const pool = s.personsByOmil.get(commune) ?? [];
  if (pool.length && rnd.next() < 0.3) {
    for (let tries = 0; tries < 6; tries++) {
      const p = pool[Math.floor(rnd.next() * pool.length)];
      const last = s.lastPlaced.get(p.id);
      const age = ageAt(p.birthDate, date);
      if (p.sex === sex && p.registeredAt <= date && age >= youngest && age <= oldest && (!last || addDays(last, 90) < date)) return p;
    }
  }
  const age = rnd.int(youngest, oldest);
  const birthDate = addDays(minusYears(date, age + 1), rnd.int(1, 364));
  const drawn = addDays(date, -rnd.int(7, 400));
  const adult = eighteenthBirthday(birthDate);
  const registeredAt = [drawn, adult, FIRST_REGISTRATION].reduce((a, b) => (a > b ? a : b));
  return newPerson(s, commune, sex, birthDate, registeredAt);
}

/** A job seeker of this OMIL registered by `date` (a few draws; undefined if none found). */
export function registeredBy(s: SeedState, commune: string, date: string): PersonSeed | undefined {
  const pool = s.personsByOmil.get(commune) ?? [];
  for (let tries = 0; tries < 12 && pool.length; tries++) {
    const p = pool[Math.floor(s.rnd.next() * pool.length)];
    if (p.registeredAt <= date) return p;
  }
  return undefined;
}

/** Job seekers never placed: the region's 30,000 in all at scale 1; at scale, 30,000 more than those placed. */
export function jobSeekersNeverPlaced(s: SeedState): void {
  const rnd = s.rnd;
  const target = s.scale === 1 ? s.size.persons : s.net.persons.length + s.size.persons;
  while (s.net.persons.length < target) {
    const commune = s.communeByPopulation();
    const sex = rnd.next() < 0.52 ? Sex.FEMALE : Sex.MALE;
    const registeredAt = dateIn(rnd.int(2019, 2024), rnd, false);
    const birthDate = addDays(minusYears(registeredAt, rnd.int(18, 70)), -rnd.int(0, 364));
    newPerson(s, commune, sex, birthDate, registeredAt);
  }
}
