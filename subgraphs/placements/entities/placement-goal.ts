import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/** The yearly placement goal (meta) of a commune's FOMIL agreement. */
@Entity({ tableName: 'placement_goal' })
@Unique({ properties: ['communeCode', 'year'] })
export class PlacementGoal {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 5 })
  communeCode!: string;

  @Property({ type: 'string', length: 3 })
  provinceCode!: string;

  @Property({ type: 'integer' })
  year!: number;

  @Property({ type: 'integer' })
  goal!: number;
}
