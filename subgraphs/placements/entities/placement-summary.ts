import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { StatsRow } from '../../../kit/stats/statistic';
import { PublicCache } from '../../../kit/cache-control';

@ObjectType({ description: 'Placements of a year against the FOMIL placement goal.' })
@PublicCache()
export class PlacementSummary {
  @Field(() => Int)
  year!: number;

  @Field(() => Int, { nullable: true, description: 'Placements of the year: a headline figure, exact for everyone.' })
  placements!: number | null;

  @Field({
    description: 'Always false: small cells are perturbed, no longer suppressed (docs/security.md).',
    deprecationReason: 'Small cells are perturbed, not suppressed, and these totals are exact. Will be removed after 2027-06-01.',
  })
  suppressed!: boolean;

  @Field(() => Int, { nullable: true, description: 'Null where there was no agreement (no goal).' })
  goal!: number | null;

  @Field(() => Float, { nullable: true, description: 'placements / goal, a ratio (1.01 = 101%).' })
  compliance!: number | null;
}

/** A summary from a `placementStats` cell (null: no placement and no goal). */
export function summaryOf(year: number, row: StatsRow | null): PlacementSummary {
  if (!row) return { year, placements: 0, suppressed: false, goal: null, compliance: null };
  const { placements, goal, compliance } = row as unknown as PlacementSummary;
  return { year, placements, suppressed: false, goal, compliance };
}
