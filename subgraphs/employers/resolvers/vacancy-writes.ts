import { Args, Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import { isKnownOccupation, OCCUPATIONS } from '../../../domain/classifications';
import { MINIMUM_WAGE, minimumWageOn } from '../../../domain/minimum-wage';
import type { Context } from '../../../kit/context';
import { today } from '../../../kit/dates';
import { badUserInput } from '../../../kit/errors';
import { emit } from '../../../kit/events/outbox';
import { createdBy } from '../../../kit/writes/audited';
import { createOnce, updateVersioned, writerFor } from '../../../kit/writes/write';
import { Employer } from '../entities/employer';
import { VacancyStatus } from '../entities/enums';
import { Vacancy } from '../entities/vacancy';
import { VACANCY_REGISTERED, VACANCY_STATUS_CHANGED, vacancyPayload } from '../events';
import { RegisterVacancyArgs, RegisterVacancyInput, SetVacancyStatusArgs } from '../inputs/vacancy-inputs';
import type { EmployersLoaders } from '../loaders';
import { checkCommune } from './employer-writes';

type Ctx = Context<EmployersLoaders>;

@ObjectType()
export class RegisterVacancyPayload {
  @Field(() => Vacancy)
  vacancy!: Vacancy;

  @Field({ description: 'True when this idempotency key had already registered the vacancy: nothing was written.' })
  replayed!: boolean;
}

@ObjectType()
export class SetVacancyStatusPayload {
  @Field(() => Vacancy)
  vacancy!: Vacancy;

  @Field({ description: 'Always false: a status change is not replayed (a stale version is CONFLICT).' })
  replayed!: boolean;
}

/** A date of the input that must not be in the future (UTC) nor, when given, before `notBefore`. */
function checkDate(field: string, date: string, notBefore?: { date: string; what: string }): void {
  const now = today();
  if (date > now) throw badUserInput(field, `is in the future (today is ${now})`);
  if (notBefore && date < notBefore.date) throw badUserInput(field, `is before ${notBefore.what} (${notBefore.date})`);
}

/** The data rules of a new vacancy (a file import runs the same). */
export function checkVacancy(
  input: Pick<RegisterVacancyInput, 'communeCode' | 'occupationCode' | 'wageMin' | 'wageMax'> & { openedAt: string },
): void {
  const { openedAt } = input;
  checkDate('input.openedAt', openedAt, { date: MINIMUM_WAGE[0].from, what: 'the minimum wage table starts' });
  checkCommune('input.communeCode', input.communeCode);
  if (!isKnownOccupation(input.occupationCode)) {
    throw badUserInput('input.occupationCode', `is not a CIUO-08.CL unit group the product knows (${input.occupationCode})`);
  }
  const minimum = minimumWageOn(openedAt);
  if (input.wageMin < minimum) {
    throw badUserInput('input.wageMin', `is below the minimum monthly wage in force on ${openedAt} (CLP ${minimum})`);
  }
  if (input.wageMax < input.wageMin) throw badUserInput('input.wageMax', `is below wageMin (${input.wageMin})`);
}

/** A new vacancy's row from its checked input and employer (a file import builds the same). */
export function newVacancy(
  input: Pick<RegisterVacancyInput, 'title' | 'occupationCode' | 'positions' | 'contractType' | 'wageMin' | 'wageMax' | 'communeCode'>,
  employer: Pick<Employer, 'id' | 'sector'>,
  openedAt: string,
) {
  return {
    employerId: employer.id,
    title: input.title?.trim() ?? OCCUPATIONS[input.occupationCode],
    sector: employer.sector,
    occupationCode: input.occupationCode,
    positions: input.positions,
    contractType: input.contractType,
    wageMin: input.wageMin,
    wageMax: input.wageMax,
    communeCode: input.communeCode,
    openedAt,
    closedAt: null,
    status: VacancyStatus.OPEN,
    statusReason: null,
  };
}

@Resolver()
export class VacancyWritesResolver {
  @Mutation(() => RegisterVacancyPayload, {
    description: "Registers an employer's vacancy in a commune of your token (omil) or anywhere (admin). Idempotent by key.",
  })
  async registerVacancy(@Args() { input }: RegisterVacancyArgs, @Ctx() ctx: Ctx): Promise<RegisterVacancyPayload> {
    const subject = writerFor(ctx.viewer, input.communeCode);
    const result = await createOnce(
      ctx,
      {
        operation: 'registerVacancy',
        idempotencyKey: input.idempotencyKey,
        input,
        subject,
        load: (em, id) => em.findOne(Vacancy, { id: Number(id) }),
      },
      async (tx) => {
        const openedAt = input.openedAt ?? today();
        checkVacancy({ ...input, openedAt });
        const employer = await tx.findOne(Employer, { id: Number(input.employerId) }, { fields: ['id', 'sector'] });
        if (!employer) throw badUserInput('input.employerId', `is not a registered employer (${input.employerId})`);
        const vacancy = tx.create(Vacancy, { ...newVacancy(input, employer, openedAt), ...createdBy(subject) });
        await tx.persistAndFlush(vacancy);
        emit(tx, VACANCY_REGISTERED, vacancyPayload(vacancy));
        return vacancy;
      },
    );
    return { vacancy: result.record, replayed: result.replayed };
  }

  @Mutation(() => SetVacancyStatusPayload, {
    description: "Fills, closes (with a reason) or reopens a vacancy of your token's communes (admin: anywhere), from the version read.",
  })
  async setVacancyStatus(@Args() { input }: SetVacancyStatusArgs, @Ctx() ctx: Ctx): Promise<SetVacancyStatusPayload> {
    const reason = input.reason?.trim() ?? null;
    if (input.status === VacancyStatus.CLOSED && !reason) throw badUserInput('input.reason', 'is required to close a vacancy unfilled');
    if (input.status === VacancyStatus.OPEN && input.closedAt) throw badUserInput('input.closedAt', 'is only for FILLED or CLOSED');
    const vacancy = await updateVersioned(
      ctx,
      { entity: Vacancy, id: Number(input.id), version: input.version, authorize: (current) => writerFor(ctx.viewer, current.communeCode) },
      async (tx, current) => {
        if (current.status === input.status) throw badUserInput('input.status', `is the vacancy's status already (${current.status})`);
        let closedAt: string | null = null;
        if (input.status !== VacancyStatus.OPEN) {
          closedAt = input.closedAt ?? today();
          checkDate('input.closedAt', closedAt, { date: current.openedAt, what: 'the opening' });
        }
        const changes: Partial<Vacancy> = { status: input.status, closedAt, statusReason: reason };
        emit(tx, VACANCY_STATUS_CHANGED, vacancyPayload({ ...current, ...changes } as Vacancy));
        return changes;
      },
    );
    return { vacancy, replayed: false };
  }
}
