import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { LocalDate } from '../../../kit/scalars';
import { Audited } from '../../../kit/writes/audited';
import { Commune } from './commune';

/**
 * A job fair an OMIL organised. Its counts of employers present, vacancies offered and
 * attendance are kept on the row (incremented in the transaction that adds one), so that
 * statistics count fairs without joining three lists that multiply each other's rows.
 */
@ObjectType({ description: 'A job fair organised by an OMIL.' })
@Entity({ tableName: 'job_fair' })
@Index({ properties: ['communeCode', 'date'] })
export class JobFair extends Audited {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Commune, { fieldName: 'commune_code', mapToPk: true })
  communeCode!: string;

  @Field()
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => LocalDate)
  @Property({ type: 'date' })
  date!: string;

  @Field()
  @Property({ type: 'string', length: 200 })
  place!: string;

  @Field(() => Int)
  @Property({ type: 'integer', default: 0 })
  employersPresent: number = 0;

  @Field(() => Int)
  @Property({ type: 'integer', default: 0 })
  vacanciesOffered: number = 0;

  @Field(() => Int)
  @Property({ type: 'integer', default: 0 })
  attendance: number = 0;
}

@ObjectType({ description: 'An employer present at a job fair.' })
@Entity({ tableName: 'job_fair_employer' })
@Unique({ properties: ['jobFairId', 'employerId'] })
export class JobFairEmployer extends Audited {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => JobFair, { fieldName: 'job_fair_id', mapToPk: true })
  jobFairId!: number;

  @Property({ type: 'integer' })
  employerId!: number;
}

@ObjectType({ description: 'A vacancy offered at a job fair.' })
@Entity({ tableName: 'job_fair_vacancy' })
@Unique({ properties: ['jobFairId', 'vacancyId'] })
export class JobFairVacancy extends Audited {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => JobFair, { fieldName: 'job_fair_id', mapToPk: true })
  jobFairId!: number;

  @Property({ type: 'integer' })
  vacancyId!: number;
}

@ObjectType({ description: "A job seeker's attendance at a job fair (once per person and fair)." })
@Entity({ tableName: 'job_fair_attendance' })
@Unique({ properties: ['jobFairId', 'personId'] })
export class JobFairAttendance extends Audited {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => JobFair, { fieldName: 'job_fair_id', mapToPk: true })
  jobFairId!: number;

  @Index()
  @Property({ type: 'integer' })
  personId!: number;
}
