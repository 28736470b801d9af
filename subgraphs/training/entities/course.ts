import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Programme } from './enums';
import { LocalDate } from '../../../kit/scalars';

@ObjectType({ description: 'A SENCE-funded course run by an OTEC.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'course' })
@Index({ properties: ['communeCode', 'startDate'] })
export class Course {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Field({ description: "SENCE's code of the authorised course (an opaque string)." })
  @Property({ type: 'string' })
  senceCode!: string;

  @Field()
  @Property({ type: 'string' })
  name!: string;

  @Field(() => Programme)
  @Enum({ items: () => Programme })
  programme!: Programme;

  @Index()
  @Property({ type: 'integer' })
  providerId!: number;

  @Property({ type: 'string', length: 5 })
  communeCode!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  hours!: number;

  @Field(() => LocalDate)
  @Property({ type: 'date' })
  startDate!: string;

  @Field(() => LocalDate)
  @Property({ type: 'date' })
  endDate!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  seats!: number;
}
