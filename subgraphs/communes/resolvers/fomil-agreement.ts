import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../../kit/context';
import { Commune } from '../entities/commune';
import { FomilAgreement } from '../entities/fomil-agreement';
import type { CommunesLoaders } from '../loaders';

@Resolver(() => FomilAgreement)
export class FomilAgreementResolver {
  @FieldResolver(() => Commune)
  commune(@Root() agreement: FomilAgreement, @Ctx() ctx: Context<CommunesLoaders>): Promise<Commune | null> {
    return ctx.loaders.commune.load(agreement.communeCode);
  }
}
