import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { LocalDate } from '../../../kit/scalars';
import { Audited } from '../../../kit/writes/audited';
import { Commune } from './commune';
import { VisitPurpose } from './enums';

@ObjectType({ description: "An OMIL's visit to an employer." })
@Entity({ tableName: 'employer_visit' })
@Index({ properties: ['communeCode', 'date'] })
export class EmployerVisit extends Audited {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** The OMIL that visited. */
  @ManyToOne(() => Commune, { fieldName: 'commune_code', mapToPk: true })
  communeCode!: string;

  /** Key into the employers subgraph (EmployerVisit.employer). */
  @Index()
  @Property({ type: 'integer' })
  employerId!: number;

  @Field(() => LocalDate)
  @Property({ type: 'date' })
  date!: string;

  @Field(() => VisitPurpose)
  @Enum({ items: () => VisitPurpose })
  purpose!: VisitPurpose;
}
