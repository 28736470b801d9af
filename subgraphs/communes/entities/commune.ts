import { Entity, ManyToOne, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Province } from './province';
import { PublicCache } from '../../../kit/cache-control';

@ObjectType({ description: 'A commune (municipality), by its 5-digit CUT code.' })
@PublicCache()
@Directive('@key(fields: "code")')
@Entity({ tableName: 'commune' })
export class Commune {
  [PrimaryKeyProp]?: 'code';

  @Field(() => ID, { description: 'CUT commune code, a string: "10101".' })
  @PrimaryKey({ type: 'string', length: 5 })
  code!: string;

  @Field()
  @Property({ type: 'string' })
  name!: string;

  @ManyToOne(() => Province, { fieldName: 'province_code', mapToPk: true })
  provinceCode!: string;

  @Field(() => Int, { description: 'Censo 2024 population (INE).' })
  @Property({ type: 'integer' })
  population!: number;

  @Field(() => Int, { description: 'Censo 2024 men.' })
  @Property({ type: 'integer' })
  populationMen!: number;

  @Field(() => Int, { description: 'Censo 2024 women.' })
  @Property({ type: 'integer' })
  populationWomen!: number;

  @Field(() => Int, { nullable: true, description: 'Censo 2017 population, where recorded.' })
  @Property({ type: 'integer', nullable: true })
  population2017?: number | null;
}
