import type { FilterQuery } from '@mikro-orm/core';
import { Args, Ctx, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../../kit/context';
import { Connection, findPage } from '../../../kit/pagination';
import { Employer } from '../entities/employer';
import { Commune } from '../entities/references';
import { Vacancy } from '../entities/vacancy';
import { IdArgs, numericId, RutArgs, RutsArgs } from '../../../kit/args';
import { EmployerOrder, EmployersArgs, type EmployerFilter } from '../inputs/employer-args';
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

@Resolver(() => Employer)
export class EmployerResolver {
  @Query(() => Employer, { nullable: true, description: 'An employer by id; null when unknown.' })
  employer(@Args() { id }: IdArgs, @Ctx() ctx: Ctx): Promise<Employer | null> {
    return ctx.loaders.employer.load(Number(id));
  }

  @Query(() => Employer, { nullable: true, description: 'An employer by company RUT; null when unknown.' })
  employerByRut(@Args() { rut }: RutArgs, @Ctx() ctx: Ctx): Promise<Employer | null> {
    return ctx.em.findOne(Employer, { rut });
  }

  @Query(() => [Employer], {
    description: 'Employers by company RUT, up to 400 at once (file imports resolve theirs so); unknown ones left out.',
  })
  employersByRut(@Args() { ruts }: RutsArgs, @Ctx() ctx: Ctx): Promise<Employer[]> {
    return ruts.length ? ctx.em.find(Employer, { rut: { $in: [...new Set(ruts)] } }) : Promise.resolve([]);
  }

  @Query(() => EmployerConnection, { description: 'Employers by name unless ordered, filtered by commune, sector and size.' })
  employers(@Args() args: EmployersArgs, @Ctx() ctx: Ctx) {
    return findPage(ctx.em, Employer, employerWhere(args.filter), EmployerOrder.resolve(args.orderBy), args);
  }

  @FieldResolver(() => Commune, { nullable: true })
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
