import { Field, Float, Int, ObjectType } from 'type-graphql';
import { codeReference } from '../../../kit/references';
import { disclose } from '../../../kit/stats';

// The territory is owned by the communes subgraph; this one only adds fields to it by key.
export const Commune = codeReference('Commune');
export type Commune = InstanceType<typeof Commune>;
export const Province = codeReference('Province');
export type Province = InstanceType<typeof Province>;
export const Region = codeReference('Region');
export type Region = InstanceType<typeof Region>;

@ObjectType({ description: 'Placements of a year against the FOMIL placement goal.' })
export class PlacementSummary {
  @Field(() => Int)
  year!: number;

  @Field(() => Int, { nullable: true, description: 'Null when suppressed (fewer than 5, for callers without exact counts).' })
  placements!: number | null;

  @Field({ description: 'True when the placements are suppressed (see docs/security.md).' })
  suppressed!: boolean;

  @Field(() => Int, { nullable: true, description: 'Null where there was no agreement (no goal).' })
  goal!: number | null;

  @Field(() => Float, { nullable: true, description: 'placements / goal, a ratio (1.01 = 101%).' })
  compliance!: number | null;
}

/** A summary as the viewer may see it: small counts suppressed unless `exact`. */
export function summary(year: number, count: number, goal: number | null, exact: boolean): PlacementSummary {
  const placements = disclose(count, exact);
  return { year, placements, suppressed: placements === null, goal, compliance: placements !== null && goal ? placements / goal : null };
}
