import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { LocalDate } from '../../../kit/scalars';
import { Audited } from '../../../kit/writes/audited';
import { ReferralOutcome } from './enums';

/** A job seeker referred by an OMIL to an employer's vacancy (derivación), and how it ended. */
@ObjectType({ description: 'A referral of a job seeker to a vacancy by an OMIL, and its outcome.' })
@Entity({ tableName: 'referral' })
@Index({ properties: ['communeCode', 'referredAt'] })
export class Referral extends Audited {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Index()
  @Property({ type: 'integer' })
  personId!: number;

  @Index()
  @Property({ type: 'integer' })
  vacancyId!: number;

  /** The vacancy's employer, from the projection, so the referral is an employer's too. */
  @Property({ type: 'integer' })
  employerId!: number;

  /** CUT code of the OMIL that referred. */
  @Property({ type: 'string', length: 5 })
  communeCode!: string;

  @Field(() => LocalDate)
  @Property({ type: 'date' })
  referredAt!: string;

  @Field(() => ReferralOutcome, { nullable: true, description: 'Null while pending.' })
  @Enum({ items: () => ReferralOutcome, nullable: true })
  outcome: ReferralOutcome | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 500, nullable: true })
  outcomeReason: string | null = null;
}
