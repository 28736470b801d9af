import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The start date of each active placement, kept from the placements subgraph's events: an
 * enrolment's job outcome (placed within 3 months) is recomputed from them when a placement is
 * registered, corrected or cancelled, or an enrolment completes.
 */
@Entity({ tableName: 'placement_start' })
@Index({ properties: ['personId', 'startDate'] })
export class PlacementStart {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  placementId!: number;

  @Property({ type: 'integer' })
  personId!: number;

  @Property({ type: 'date' })
  startDate!: string;
}
