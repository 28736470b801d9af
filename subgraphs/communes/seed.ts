import type { EntityManager } from '@mikro-orm/knex';
import { ageBandAt } from '../../domain/classifications';
import { agreementCommunes, SEED_YEARS } from '../../seed/fomil-plan';
import { losLagosCommunes, REGION } from '../../domain/territory';
import { recordSeedEvents } from '../../kit/events/outbox';
import { insertSeed } from '../../kit/insert';
import { createdBy } from '../../kit/writes/audited';
import { network, type Network } from '../../seed/network';
import { Attention } from './entities/attention';
import { EmployerVisit } from './entities/employer-visit';
import { RecordStatus } from './entities/enums';
import { IndicatorGoal } from './entities/indicator-goal';
import { JobFair, JobFairAttendance, JobFairEmployer, JobFairVacancy } from './entities/job-fair';
import { EmployerProjection, PersonProjection, VacancyProjection } from './entities/projections';
import { VacancyCapture } from './entities/vacancy-capture';
import { servicesEvents } from './events';
import { Commune } from './entities/commune';
import { AgreementStatus, FomilAgreement } from './entities/fomil-agreement';
import { OmilOffice } from './entities/omil-office';
import { Province } from './entities/province';
import { Region } from './entities/region';

/** Category by population (*assumption*): the larger the commune, the larger the office. */
function category(population: number): { category: string; transferClp: number } {
  if (population >= 100_000) return { category: 'I', transferClp: 62_000_000 };
  if (population >= 40_000) return { category: 'II', transferClp: 44_000_000 };
  if (population >= 15_000) return { category: 'III', transferClp: 31_000_000 };
  return { category: 'IV', transferClp: 22_000_000 };
}

const slug = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '');

/** Territory (facts), synthetic OMIL contact data and FOMIL agreements 2021–2024. */
export async function seedCommunes(em: EntityManager): Promise<void> {
  const communes = losLagosCommunes();
  em.create(Region, { ...REGION });
  const provinces = new Map(communes.map((c) => [c.provinceCode, c.provinceName]));
  for (const [code, name] of provinces) em.create(Province, { code, name, regionCode: REGION.code });
  communes.forEach((c, i) => {
    em.create(Commune, {
      code: c.code,
      name: c.name,
      provinceCode: c.provinceCode,
      population: c.population,
      populationMen: c.men,
      populationWomen: c.women,
      population2017: c.population2017,
    });
    em.create(OmilOffice, {
      communeCode: c.code,
      name: `OMIL ${c.name}`,
      address: `Calle Synthetic ${100 + i * 7}, ${c.name}`,
      phone: `+56 65 2${String(100000 + i * 3517).slice(-6)}`,
      email: `omil@${slug(c.name)}.example.cl`,
      synthetic: true,
    });
  });
  const byCode = new Map(communes.map((c) => [c.code, c]));
  for (const year of SEED_YEARS) {
    // Transfers grow 4% a year from 2021 (synthetic); every seeded year has ended, so CLOSED.
    const growth = Math.pow(1.04, year - 2021);
    for (const code of agreementCommunes(year)) {
      const { category: cat, transferClp } = category(byCode.get(code)!.population);
      em.create(FomilAgreement, {
        communeCode: code,
        year,
        category: cat,
        status: AgreementStatus.CLOSED,
        transferClp: Math.round((transferClp * growth) / 1000) * 1000,
      });
    }
  }
  await em.flush();
  await seedServices(em, network());
}

/** Attention rows: each snapshots its person's sex and age band on its date, as a mutation does. */
export function attentionRows(net: Network) {
  return net.attentions.map(({ cancelReason, ...a }) => {
    const person = net.persons[a.personId - 1];
    return {
      ...a,
      status: cancelReason ? RecordStatus.CANCELLED : RecordStatus.ACTIVE,
      cancelReason,
      sex: person.sex,
      ageBand: ageBandAt(person.birthDate, a.date),
    };
  });
}

/** The projections of persons, employers and vacancies, as their events would have built them. */
export function projectionRows(net: Network) {
  const employer = (id: number) => net.employers[id - 1];
  return {
    persons: net.persons.map((p) => ({
      id: p.id,
      sex: p.sex,
      birthDate: p.birthDate,
      registeredAt: p.registeredAt,
      omilCommuneCode: p.omilCommuneCode,
      residenceCommuneCode: p.residenceCommuneCode,
    })),
    employers: net.employers.map((e) => ({ id: e.id, sector: e.sector, communeCode: e.communeCode })),
    vacancies: net.vacancies.map((v) => ({
      id: v.id,
      employerId: v.employerId,
      communeCode: employer(v.employerId).communeCode,
      positions: v.positions,
      status: v.status,
      openedAt: v.openedAt,
    })),
  };
}

/** The OMIL services of the network, their goals, the projections, and the services' events (as published). */
async function seedServices(em: EntityManager, net: Network): Promise<void> {
  const audit = createdBy('seed');
  const projections = projectionRows(net);
  await insertSeed(em, PersonProjection, projections.persons);
  await insertSeed(em, EmployerProjection, projections.employers);
  await insertSeed(em, VacancyProjection, projections.vacancies);
  await insertSeed(
    em,
    Attention,
    attentionRows(net).map((a) => ({ ...a, ...audit })),
  );
  await insertSeed(
    em,
    EmployerVisit,
    net.employerVisits.map((v) => ({ ...v, ...audit })),
  );
  const positions = new Map(net.vacancies.map((v) => [v.id, v.positions]));
  await insertSeed(
    em,
    VacancyCapture,
    net.vacancyCaptures.map((c) => ({ ...c, positions: positions.get(c.vacancyId)!, ...audit })),
  );
  await insertSeed(
    em,
    JobFair,
    net.jobFairs.map(({ employerIds, vacancyIds, personIds, ...f }) => ({
      ...f,
      employersPresent: employerIds.length,
      vacanciesOffered: vacancyIds.length,
      attendance: personIds.length,
      ...audit,
    })),
  );
  const children = <K extends 'employerId' | 'vacancyId' | 'personId'>(key: K, ids: (f: Network['jobFairs'][number]) => number[]) =>
    net.jobFairs.flatMap((f) => ids(f).map((id) => ({ jobFairId: f.id, [key]: id, ...audit })));
  await insertSeed(
    em,
    JobFairEmployer,
    children('employerId', (f) => f.employerIds),
  );
  await insertSeed(
    em,
    JobFairVacancy,
    children('vacancyId', (f) => f.vacancyIds),
  );
  await insertSeed(
    em,
    JobFairAttendance,
    children('personId', (f) => f.personIds),
  );
  await insertSeed(
    em,
    IndicatorGoal,
    net.indicatorGoals.map((g, i) => ({ id: i + 1, ...g })),
  );
  await recordSeedEvents(em, servicesEvents(net));
}
