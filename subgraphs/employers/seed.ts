import type { EntityManager } from '@mikro-orm/knex';
import { recordSeedEvents } from '../../kit/events/outbox';
import { insertSeed } from '../../kit/insert';
import { createdBy } from '../../kit/writes/audited';
import { network, type Network } from '../../seed/network';
import { Employer } from './entities/employer';
import { VacancyStatus } from './entities/enums';
import { Vacancy } from './entities/vacancy';
import { EMPLOYER_REGISTERED, employerPayload, VACANCY_REGISTERED, VACANCY_STATUS_CHANGED, vacancyPayload } from './events';

/** The seed's rows are written by "seed": employers when the network starts, vacancies when they open. */
const NETWORK_START = new Date('2019-01-02T12:00:00Z');
const noon = (date: string) => new Date(`${date}T12:00:00Z`);

/** Vacancy rows: each snapshots its employer's section and commune. */
export function vacancyRows(net: Network) {
  return net.vacancies.map((v) => {
    const employer = net.employers[v.employerId - 1];
    return { ...v, sector: employer.sector, communeCode: employer.communeCode };
  });
}

/**
 * The network's employers and their vacancies (synthetic names, valid company RUTs), and their
 * events as already published: each employer registered, each vacancy registered OPEN and, when
 * no longer open, its status change.
 */
export async function seedEmployers(em: EntityManager): Promise<void> {
  const net = network();
  const vacancies = vacancyRows(net);
  await insertSeed(
    em,
    Employer,
    net.employers.map((e) => ({ ...e, correctionReason: null, ...createdBy('seed', NETWORK_START) })),
  );
  await insertSeed(
    em,
    Vacancy,
    vacancies.map((v) => ({
      ...v,
      statusReason: null,
      ...createdBy('seed', noon(v.openedAt)),
      ...(v.closedAt ? { updatedAt: noon(v.closedAt) } : {}),
    })),
  );
  await recordSeedEvents(em, [
    ...net.employers.map((e) => ({ type: EMPLOYER_REGISTERED, payload: employerPayload(e) })),
    ...vacancies.map((v) => ({ type: VACANCY_REGISTERED, payload: vacancyPayload({ ...v, status: VacancyStatus.OPEN }) })),
    ...vacancies.filter((v) => v.status !== VacancyStatus.OPEN).map((v) => ({ type: VACANCY_STATUS_CHANGED, payload: vacancyPayload(v) })),
  ]);
}
