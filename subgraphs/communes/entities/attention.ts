import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { AgeBand, Sex } from '../../../domain/classifications';
import { LocalDate } from '../../../kit/scalars';
import { Audited } from '../../../kit/writes/audited';
import { Commune } from './commune';
import { AttentionKind, RecordStatus } from './enums';

/**
 * An attention (atención) of a job seeker by an OMIL: registration, orientation or job-search
 * advice. It snapshots the person's sex and age band on its date, so statistics need no lookup.
 */
@ObjectType({ description: 'An attention of a job seeker by an OMIL.' })
@Entity({ tableName: 'attention' })
@Index({ properties: ['communeCode', 'date'] })
@Index({ properties: ['personId', 'date'] })
export class Attention extends Audited {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** The OMIL that attended. */
  @ManyToOne(() => Commune, { fieldName: 'commune_code', mapToPk: true })
  communeCode!: string;

  /** Key into the persons subgraph (Attention.person). */
  @Property({ type: 'integer' })
  personId!: number;

  @Field(() => LocalDate)
  @Property({ type: 'date' })
  date!: string;

  @Field(() => AttentionKind)
  @Enum({ items: () => AttentionKind })
  kind!: AttentionKind;

  @Field(() => RecordStatus)
  @Enum({ items: () => RecordStatus })
  status!: RecordStatus;

  @Field(() => String, { nullable: true, description: 'Why it was cancelled.' })
  @Property({ type: 'string', length: 500, nullable: true })
  cancelReason!: string | null;

  // Analysis dimensions, snapshotted when recorded.
  @Enum({ items: () => Sex })
  sex!: Sex;

  /** Null only for a person under 15, whom no OMIL registers. */
  @Enum({ items: () => AgeBand, nullable: true })
  ageBand!: AgeBand | null;
}
