import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * An entity owned by another subgraph, as this one sees it: its key alone. `resolvable: false`
 * when this subgraph only points at it; resolvable when it adds fields to it (its resolvers then
 * extend the returned class). Each call makes a new class, so every subgraph has its own.
 */
export function codeReference(name: string, resolvable = true) {
  @ObjectType(name)
  @Directive(`@key(fields: "code"${resolvable ? '' : ', resolvable: false'})`)
  class Reference {
    @Field(() => ID)
    code!: string;
  }
  return Reference;
}

export function idReference(name: string) {
  @ObjectType(name)
  @Directive('@key(fields: "id")')
  class Reference {
    @Field(() => ID)
    id!: string;
  }
  return Reference;
}
