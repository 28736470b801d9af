import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { LocalDate } from '../../../kit/scalars';
import { Audited } from '../../../kit/writes/audited';
import { Commune } from './commune';

/** A vacancy an OMIL obtained from an employer; a vacancy is captured once (a second capture is CONFLICT). */
@ObjectType({ description: 'A vacancy captured by an OMIL.' })
@Entity({ tableName: 'vacancy_capture' })
@Index({ properties: ['communeCode', 'date'] })
export class VacancyCapture extends Audited {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Commune, { fieldName: 'commune_code', mapToPk: true })
  communeCode!: string;

  /** Key into the employers subgraph (VacancyCapture.vacancy). */
  @Unique()
  @Property({ type: 'integer' })
  vacancyId!: number;

  @Field(() => LocalDate)
  @Property({ type: 'date' })
  date!: string;

  @Field(() => Int, { description: "The vacancy's positions when captured." })
  @Property({ type: 'integer' })
  positions!: number;
}
