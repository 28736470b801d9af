import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { RutScalar } from '../../../kit/rut';

@ObjectType({ description: 'A training provider (OTEC, Ley 19.518). Names and RUTs are synthetic.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'provider' })
export class Provider {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Field(() => RutScalar)
  @Unique()
  @Property({ type: 'string', length: 12 })
  rut!: string;

  @Field()
  @Property({ type: 'string' })
  name!: string;
}
