import type { Employer } from './entities/employer';
import type { Vacancy } from './entities/vacancy';

/** The events the employers subgraph publishes (placements and communes keep projections of them). */
export const EMPLOYER_REGISTERED = 'employers.employer_registered';
export const EMPLOYER_UPDATED = 'employers.employer_updated';
export const VACANCY_REGISTERED = 'employers.vacancy_registered';
export const VACANCY_STATUS_CHANGED = 'employers.vacancy_status_changed';

/** An employer's analysis dimensions (no RUT, no name). */
export function employerPayload(employer: Pick<Employer, 'id' | 'sector' | 'ciiuClass' | 'size' | 'communeCode'>) {
  return {
    employerId: employer.id,
    sector: employer.sector,
    ciiuClass: employer.ciiuClass,
    size: employer.size,
    communeCode: employer.communeCode,
  };
}

export function vacancyPayload(
  vacancy: Pick<
    Vacancy,
    'id' | 'employerId' | 'communeCode' | 'sector' | 'occupationCode' | 'contractType' | 'positions' | 'status' | 'openedAt'
  >,
) {
  return {
    vacancyId: vacancy.id,
    employerId: vacancy.employerId,
    communeCode: vacancy.communeCode,
    sector: vacancy.sector,
    occupationCode: vacancy.occupationCode,
    contractType: vacancy.contractType,
    positions: vacancy.positions,
    status: vacancy.status,
    openedAt: vacancy.openedAt,
  };
}
