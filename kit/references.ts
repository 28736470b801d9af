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

/**
 * The reference resolver of a territory stub, by CUT code: kept only when well formed (codes go
 * into LIKE prefixes and IN lists), else null, as an unknown entity is.
 */
export function territoryReference(pattern: RegExp) {
  return (ref: { code: string }): { code: string } | null => (pattern.test(String(ref.code)) ? { code: String(ref.code) } : null);
}

/** The reference resolver of an id stub: the key is all this subgraph knows of the entity. */
export const idStubReference = (ref: { id: string | number }): { id: string } => ({ id: String(ref.id) });
