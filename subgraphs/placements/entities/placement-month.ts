import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Placements summed per year, month and commune: the rollup of `placementStats`, kept by database
 * triggers on the placement table (kit/stats/rollup.ts), never written by the code. Questions cut
 * by time and territory alone (the headline, analysts' region × commune × month, the portals'
 * monthly figures) read these few hundred rows a year instead of every placement.
 */
@Entity({ tableName: 'placement_month' })
export class PlacementMonth {
  @PrimaryKey({ type: 'smallint', autoincrement: false })
  year!: number;

  @PrimaryKey({ type: 'smallint', autoincrement: false })
  month!: number;

  @PrimaryKey({ type: 'string', length: 5 })
  omilCommuneCode!: string;

  @PrimaryKey({ type: 'string', length: 3 })
  provinceCode!: string;

  /** Active placements (cancelled ones are left out, as the statistic leaves them out). */
  @Property({ type: 'integer' })
  placements!: number;

  /** The sum of their record keys: the cell key of the perturbation (kit/stats/disclosure.ts). */
  @Property({ type: 'bigint' })
  placementsKey!: string;
}
