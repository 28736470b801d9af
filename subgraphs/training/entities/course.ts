import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Programme } from './enums';
import { Provider } from './provider';
import { LocalDate } from '../../../kit/scalars';

@ObjectType({ description: 'A SENCE-funded course run by an OTEC.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'course' })
@Index({ properties: ['communeCode', 'startDate'] })
// A provider's courses by start (SQLite indexes foreign keys itself; PostgreSQL does not).
@Index({ properties: ['providerId', 'startDate'] })
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

  // A foreign key kept as the plain id (mapToPk): resolvers and loaders read ids, not entities.
  @ManyToOne(() => Provider, { fieldName: 'provider_id', mapToPk: true })
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
