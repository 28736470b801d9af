import { codedError, badUserInput } from '../../../kit/errors';
import type { PersonProjection } from '../entities/person-projection';
import type { VacancyProjection } from '../entities/vacancy-projection';
import { checkDate } from './placement-checks';

/** The employers subgraph's status of a vacancy taking applicants. */
const OPEN = 'OPEN';

/**
 * The rules of a new referral, on the projections (a null vacancy: not registered); the vacancy.
 * referToVacancy and the referrals import both run them.
 */
export function checkReferral(
  person: PersonProjection,
  vacancyId: number,
  vacancy: VacancyProjection | null,
  referredAt: string,
): VacancyProjection {
  if (person.referralsObjected) {
    throw codedError('FORBIDDEN', `Job seeker ${person.id} objected to referrals (Ley 21.719): they cannot be referred`, {
      field: 'input.personId',
      reason: 'objection',
    });
  }
  if (!vacancy) throw badUserInput('input.vacancyId', `no vacancy ${vacancyId} is registered`);
  if (vacancy.status !== OPEN) throw badUserInput('input.vacancyId', `vacancy ${vacancy.id} is ${vacancy.status}, not OPEN`);
  checkDate(referredAt, person, 'input.referredAt');
  if (referredAt < vacancy.openedAt)
    throw badUserInput('input.referredAt', `${referredAt} is before the vacancy opened (${vacancy.openedAt})`);
  return vacancy;
}
