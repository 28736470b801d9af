import type { FilterQuery } from '@mikro-orm/core';
import { Args, Ctx, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../../kit/context';
import { Connection, findPage, type PageArgs } from '../../../kit/pagination';
import { Employer } from '../entities/employer';
import { Commune } from '../entities/territory';
import { Vacancy } from '../entities/vacancy';
import { IdArgs, numericId } from '../../../kit/args';
import { EmployerRutArgs, EmployersArgs, type EmployerFilter } from '../inputs/employer-args';
import type { EmployersLoaders } from '../loaders';

type Ctx = Context<EmployersLoaders>;

@ObjectType()
export class EmployerConnection extends Connection(Employer, 'Employer') {}

export function employerWhere(filter: EmployerFilter | undefined): FilterQuery<Employer> {
  const where: Record<string, unknown> = {};
  if (filter?.communes) where.communeCode = { $in: filter.communes };
  if (filter?.sectors) where.sector = { $in: filter.sectors };
  if (filter?.sizes) where.size = { $in: filter.sizes };
  return where as FilterQuery<Employer>;
}

export function employerPage(ctx: Ctx, where: FilterQuery<Employer>, page: PageArgs) {
  return findPage(ctx.em, Employer, where, { name: 'asc', id: 'asc' }, page);
}

@Resolver(() => Employer)
export class EmployerResolver {
  @Query(() => Employer, { nullable: true, description: 'An employer by id; null when unknown.' })
  employer(@Args() { id }: IdArgs, @Ctx() ctx: Ctx): Promise<Employer | null> {
    return ctx.loaders.employer.load(Number(id));
  }

  @Query(() => Employer, { nullable: true, description: 'An employer by company RUT; null when unknown.' })
  employerByRut(@Args() { rut }: EmployerRutArgs, @Ctx() ctx: Ctx): Promise<Employer | null> {
    return ctx.em.findOne(Employer, { rut });
  }

  @Query(() => EmployerConnection, { description: 'Employers by name, filtered by commune, sector and size.' })
  employers(@Args() { filter, ...page }: EmployersArgs, @Ctx() ctx: Ctx) {
    return employerPage(ctx, employerWhere(filter), page as PageArgs);
  }

  @FieldResolver(() => Commune)
  commune(@Root() employer: Employer): Commune {
    return { code: employer.communeCode };
  }

  @FieldResolver(() => [Vacancy], { description: 'Its vacancies, newest first.' })
  vacancies(@Root() employer: Employer, @Ctx() ctx: Ctx): Promise<Vacancy[]> {
    return ctx.loaders.vacanciesOfEmployer.load(employer.id);
  }
}

export async function employerReference(ref: { id: string }, ctx: Ctx): Promise<Employer | null> {
  const id = numericId(ref.id);
  return id === null ? null : ctx.loaders.employer.load(id);
}

export async function vacancyReference(ref: { id: string }, ctx: Ctx): Promise<Vacancy | null> {
  const id = numericId(ref.id);
  return id === null ? null : ctx.loaders.vacancy.load(id);
}
