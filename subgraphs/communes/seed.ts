import type { EntityManager } from '@mikro-orm/knex';
import { agreementCommunes, SEED_YEARS } from '../../seed/fomil-plan';
import { losLagosCommunes, REGION } from '../../domain/territory';
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
}
