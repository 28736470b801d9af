import { Directive, Field, ID, ObjectType } from 'type-graphql';

// Owned by other subgraphs; this one adds training fields to them by key.

@ObjectType()
@Directive('@key(fields: "code")')
export class Commune {
  @Field(() => ID)
  code!: string;
}

@ObjectType()
@Directive('@key(fields: "id")')
export class Person {
  @Field(() => ID)
  id!: string;
}

@ObjectType()
@Directive('@key(fields: "code", resolvable: false)')
export class Province {
  @Field(() => ID)
  code!: string;
}
