import { Args, Ctx, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { IdArgs, numericId } from '../../../kit/args';
import type { Context } from '../../../kit/context';
import { Connection, findPage } from '../../../kit/pagination';
import { ProviderOrder, ProvidersArgs } from '../inputs/training-args';
import { Course } from '../entities/course';
import { Provider } from '../entities/provider';
import type { TrainingLoaders } from '../loaders';

type Ctx = Context<TrainingLoaders>;

@ObjectType()
export class ProviderConnection extends Connection(Provider, 'Provider') {}

@Resolver(() => Provider)
export class ProviderResolver {
  @Query(() => Provider, { nullable: true, description: 'An OTEC by id; null when unknown.' })
  provider(@Args() { id }: IdArgs, @Ctx() ctx: Ctx): Promise<Provider | null> {
    return ctx.loaders.provider.load(Number(id));
  }

  @Query(() => ProviderConnection, { description: 'OTEC providers by name unless ordered.' })
  providers(@Args() args: ProvidersArgs, @Ctx() ctx: Ctx) {
    return findPage(ctx.em, Provider, {}, ProviderOrder.resolve(args.orderBy), args);
  }

  @FieldResolver(() => [Course], { description: 'Its courses, latest first.' })
  courses(@Root() provider: Provider, @Ctx() ctx: Ctx): Promise<Course[]> {
    return ctx.loaders.coursesOfProvider.load(provider.id);
  }
}

export async function providerReference(ref: { id: string }, ctx: Ctx): Promise<Provider | null> {
  const id = numericId(ref.id);
  return id === null ? null : ctx.loaders.provider.load(id);
}
