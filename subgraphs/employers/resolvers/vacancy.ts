import type { FilterQuery } from '@mikro-orm/core';
import { Args, Ctx, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../../kit/context';
import { Connection, findPage, type PageArgs } from '../../../kit/pagination';
import { checkDateRange } from '../../../kit/validation';
import { Employer } from '../entities/employer';
import { Commune } from '../entities/territory';
import { Vacancy } from '../entities/vacancy';
import { IdArgs } from '../../../kit/args';
import { VacanciesArgs, type VacancyFilter } from '../inputs/employer-args';
import type { EmployersLoaders } from '../loaders';

type Ctx = Context<EmployersLoaders>;

@ObjectType()
export class VacancyConnection extends Connection(Vacancy, 'Vacancy') {}

/** A year and an opened-from/to range intersect; occupation codes match as prefixes. */
export function vacancyWhere(filter: VacancyFilter | undefined): FilterQuery<Vacancy> {
  checkDateRange(filter?.openedFrom, filter?.openedTo, 'filter', 'openedFrom', 'openedTo');
  const and: Record<string, unknown>[] = [];
  if (filter?.communes) and.push({ communeCode: { $in: filter.communes } });
  if (filter?.sectors) and.push({ sector: { $in: filter.sectors } });
  if (filter?.statuses) and.push({ status: { $in: filter.statuses } });
  if (filter?.contractTypes) and.push({ contractType: { $in: filter.contractTypes } });
  if (filter?.occupations) and.push({ $or: [...new Set(filter.occupations)].map((o) => ({ occupationCode: { $like: `${o}%` } })) });
  if (filter?.year) and.push({ openedAt: { $gte: `${filter.year}-01-01`, $lte: `${filter.year}-12-31` } });
  if (filter?.openedFrom) and.push({ openedAt: { $gte: filter.openedFrom } });
  if (filter?.openedTo) and.push({ openedAt: { $lte: filter.openedTo } });
  return (and.length ? { $and: and } : {}) as FilterQuery<Vacancy>;
}

export function vacancyPage(ctx: Ctx, where: FilterQuery<Vacancy>, page: PageArgs) {
  return findPage(ctx.em, Vacancy, where, { openedAt: 'desc', id: 'desc' }, page);
}

@Resolver(() => Vacancy)
export class VacancyResolver {
  @Query(() => Vacancy, { nullable: true, description: 'A vacancy by id; null when unknown.' })
  vacancy(@Args() { id }: IdArgs, @Ctx() ctx: Ctx): Promise<Vacancy | null> {
    return ctx.loaders.vacancy.load(Number(id));
  }

  @Query(() => VacancyConnection, { description: 'Vacancies, newest first, filtered.' })
  vacancies(@Args() { filter, ...page }: VacanciesArgs, @Ctx() ctx: Ctx) {
    return vacancyPage(ctx, vacancyWhere(filter), page as PageArgs);
  }

  @FieldResolver(() => Employer)
  employer(@Root() vacancy: Vacancy, @Ctx() ctx: Ctx): Promise<Employer | null> {
    return ctx.loaders.employer.load(vacancy.employerId);
  }

  @FieldResolver(() => Commune)
  commune(@Root() vacancy: Vacancy): Commune {
    return { code: vacancy.communeCode };
  }
}
