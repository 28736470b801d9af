import type { FilterQuery } from '@mikro-orm/core';
import { Args, Ctx, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../../kit/context';
import { Connection, findPage } from '../../../kit/pagination';
import { Employer } from '../entities/employer';
import { Commune } from '../entities/references';
import { Vacancy } from '../entities/vacancy';
import { IdArgs, numericId, periodCondition } from '../../../kit/args';
import { VacanciesArgs, VacancyOrder, type VacancyFilter } from '../inputs/employer-args';
import type { EmployersLoaders } from '../loaders';

type Ctx = Context<EmployersLoaders>;

@ObjectType()
export class VacancyConnection extends Connection(Vacancy, 'Vacancy') {}

/** The period applies to the opening date; occupation codes match as prefixes. */
export function vacancyWhere(filter: VacancyFilter | undefined): FilterQuery<Vacancy> {
  const and: Record<string, unknown>[] = [];
  const opened = periodCondition(filter);
  if (opened) and.push({ openedAt: opened });
  if (filter?.communes) and.push({ communeCode: { $in: filter.communes } });
  if (filter?.sectors) and.push({ sector: { $in: filter.sectors } });
  if (filter?.statuses) and.push({ status: { $in: filter.statuses } });
  if (filter?.contractTypes) and.push({ contractType: { $in: filter.contractTypes } });
  if (filter?.occupations) and.push({ $or: [...new Set(filter.occupations)].map((o) => ({ occupationCode: { $like: `${o}%` } })) });
  return (and.length ? { $and: and } : {}) as FilterQuery<Vacancy>;
}

@Resolver(() => Vacancy)
export class VacancyResolver {
  @Query(() => Vacancy, { nullable: true, description: 'A vacancy by id; null when unknown.' })
  vacancy(@Args() { id }: IdArgs, @Ctx() ctx: Ctx): Promise<Vacancy | null> {
    return ctx.loaders.vacancy.load(Number(id));
  }

  @Query(() => VacancyConnection, { description: 'Vacancies, newest opening first unless ordered, filtered.' })
  vacancies(@Args() args: VacanciesArgs, @Ctx() ctx: Ctx) {
    return findPage(ctx.em, Vacancy, vacancyWhere(args.filter), VacancyOrder.resolve(args.orderBy), args);
  }

  @FieldResolver(() => Employer)
  employer(@Root() vacancy: Vacancy, @Ctx() ctx: Ctx): Promise<Employer | null> {
    return ctx.loaders.employer.load(vacancy.employerId);
  }

  @FieldResolver(() => Commune, { nullable: true })
  commune(@Root() vacancy: Vacancy): Commune {
    return { code: vacancy.communeCode };
  }
}

export async function vacancyReference(ref: { id: string }, ctx: Ctx): Promise<Vacancy | null> {
  const id = numericId(ref.id);
  return id === null ? null : ctx.loaders.vacancy.load(id);
}
