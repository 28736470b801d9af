import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Commune } from './commune';
import { Indicator } from './enums';

/** A commune's yearly FOMIL goal for one service indicator (placement goals: placements subgraph). */
@ObjectType({ description: "A commune's yearly FOMIL goal for one service indicator." })
@Entity({ tableName: 'indicator_goal' })
@Unique({ properties: ['communeCode', 'year', 'indicator'] })
export class IndicatorGoal {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Commune, { fieldName: 'commune_code', mapToPk: true })
  communeCode!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  year!: number;

  @Field(() => Indicator)
  @Enum({ items: () => Indicator })
  indicator!: Indicator;

  @Field(() => Int)
  @Property({ type: 'integer' })
  goal!: number;
}

const ORDER = Object.values(Indicator);
/** Goals in the indicators' declared order (then by commune), the same on every database. */
export const byIndicator = (goals: IndicatorGoal[]): IndicatorGoal[] =>
  [...goals].sort((a, b) => a.communeCode.localeCompare(b.communeCode) || ORDER.indexOf(a.indicator) - ORDER.indexOf(b.indicator));
