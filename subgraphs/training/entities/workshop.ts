import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { WorkshopTopic } from './enums';
import { LocalDate } from '../../../kit/scalars';
import { Audited } from '../../../kit/writes/audited';

@ObjectType({ description: "An OMIL's job-readiness workshop (taller de apresto)." })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'workshop' })
@Index({ properties: ['communeCode', 'date'] })
export class Workshop {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 5 })
  communeCode!: string;

  @Field(() => LocalDate)
  @Property({ type: 'date' })
  date!: string;

  @Field(() => WorkshopTopic)
  @Enum({ items: () => WorkshopTopic })
  topic!: WorkshopTopic;
}

/** Who attended a workshop (personal: read as commune records of the workshop's commune). */
@ObjectType({ description: "A person's attendance at a workshop. Recorded once per person and workshop." })
@Entity({ tableName: 'workshop_attendance' })
@Unique({ properties: ['workshopId', 'personId'] })
@Index({ properties: ['personId'] })
export class WorkshopAttendance extends Audited {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Workshop, { fieldName: 'workshop_id', mapToPk: true })
  workshopId!: number;

  @Property({ type: 'integer' })
  personId!: number;

  @Property({ type: 'string', length: 5 })
  communeCode!: string;
}
