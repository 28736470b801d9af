import { Directive, Field, ID, ObjectType } from 'type-graphql';

// Owned by the persons and employers subgraphs; this one adds their placements by key.

@ObjectType()
@Directive('@key(fields: "id")')
export class Person {
  @Field(() => ID)
  id!: string;
}

@ObjectType()
@Directive('@key(fields: "id")')
export class Employer {
  @Field(() => ID)
  id!: string;
}

@ObjectType()
@Directive('@key(fields: "id")')
export class Vacancy {
  @Field(() => ID)
  id!: string;
}
