import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';

// The territory is owned by the communes subgraph; this one only adds fields to it by key.

@ObjectType()
@Directive('@key(fields: "code")')
export class Commune {
  @Field(() => ID)
  code!: string;
}

@ObjectType()
@Directive('@key(fields: "code")')
export class Province {
  @Field(() => ID)
  code!: string;
}

@ObjectType()
@Directive('@key(fields: "code")')
export class Region {
  @Field(() => ID)
  code!: string;
}

@ObjectType({ description: 'Placements of a year against the FOMIL placement goal.' })
export class PlacementSummary {
  @Field(() => Int)
  year!: number;

  @Field(() => Int)
  placements!: number;

  @Field(() => Int, { nullable: true, description: 'Null where there was no agreement (no goal).' })
  goal!: number | null;

  @Field(() => Float, { nullable: true, description: 'placements / goal, a ratio (1.01 = 101%).' })
  compliance!: number | null;
}

export function summary(year: number, placements: number, goal: number | null): PlacementSummary {
  return { year, placements, goal, compliance: goal ? placements / goal : null };
}
