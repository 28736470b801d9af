import { Directive, Field, ID, ObjectType } from 'type-graphql';

// Owned by the communes subgraph; referenced here by key only.
@ObjectType()
@Directive('@key(fields: "code", resolvable: false)')
export class Commune {
  @Field(() => ID)
  code!: string;
}

@ObjectType()
@Directive('@key(fields: "code", resolvable: false)')
export class Province {
  @Field(() => ID)
  code!: string;
}
