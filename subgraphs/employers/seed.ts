import type { EntityManager } from '@mikro-orm/knex';
import { insertSeed } from '../../kit/insert';
import { network, type Network } from '../../seed/network';
import { Employer } from './entities/employer';
import { Vacancy } from './entities/vacancy';

/** Vacancy rows: each snapshots its employer's section and commune. */
export function vacancyRows(net: Network) {
  return net.vacancies.map((v) => {
    const employer = net.employers[v.employerId - 1];
    return { ...v, sector: employer.sector, communeCode: employer.communeCode };
  });
}

/** The network's employers and their vacancies (synthetic names, valid company RUTs). */
export async function seedEmployers(em: EntityManager): Promise<void> {
  const net = network();
  await insertSeed(em, Employer, net.employers);
  await insertSeed(em, Vacancy, vacancyRows(net));
}
