import { Directive, Field, ID, ObjectType } from 'type-graphql';

// Owned by the communes subgraph; this one adds employers and vacancies to it by key.
@ObjectType()
@Directive('@key(fields: "code")')
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
