import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { StatsRow } from '../../../kit/stats/statistic';

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

/** A summary from a `placementStats` cell (null: no placement and no goal). */
export function summaryOf(year: number, row: StatsRow | null): PlacementSummary {
  if (!row) return { year, placements: 0, suppressed: false, goal: null, compliance: null };
  const { placements, suppressed, goal, compliance } = row as unknown as PlacementSummary;
  return { year, placements, suppressed, goal, compliance };
}
