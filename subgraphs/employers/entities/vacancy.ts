import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Authorized, Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { COMMUNE_RECORDS } from '../../../kit/access';
import { ContractType } from '../../../domain/classifications';
import { Employer } from './employer';
import { VacancyStatus } from './enums';
import { LocalDate } from '../../../kit/scalars';
import { Audited } from '../../../kit/writes/audited';

@ObjectType({ description: 'A vacancy an employer registered with an OMIL.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'vacancy' })
@Index({ properties: ['communeCode', 'openedAt'] })
// An employer's vacancies by opening (SQLite indexes foreign keys itself; PostgreSQL does not).
@Index({ properties: ['employerId', 'openedAt'] })
export class Vacancy extends Audited {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  // A foreign key kept as the plain id (mapToPk): resolvers and loaders read ids, not entities.
  @ManyToOne(() => Employer, { fieldName: 'employer_id', mapToPk: true })
  employerId!: number;

  @Field()
  @Property({ type: 'string' })
  title!: string;

  @Field({ description: 'CIIU section of the employer, kept on the vacancy for statistics.' })
  @Property({ type: 'string', length: 1 })
  sector!: string;

  @Field({ description: 'CIUO-08.CL occupation (4-digit unit group).' })
  @Property({ type: 'string', length: 4 })
  occupationCode!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  positions!: number;

  @Field(() => ContractType)
  @Enum({ items: () => ContractType })
  contractType!: ContractType;

  @Field(() => Int, { description: 'Monthly gross wage, lower bound (CLP).' })
  @Property({ type: 'integer' })
  wageMin!: number;

  @Field(() => Int, { description: 'Monthly gross wage, upper bound (CLP).' })
  @Property({ type: 'integer' })
  wageMax!: number;

  @Property({ type: 'string', length: 5 })
  communeCode!: string;

  @Field(() => LocalDate)
  @Property({ type: 'date' })
  openedAt!: string;

  @Field(() => LocalDate, { nullable: true })
  @Property({ type: 'date', nullable: true })
  closedAt!: string | null;

  @Field(() => VacancyStatus)
  @Enum({ items: () => VacancyStatus })
  status!: VacancyStatus;

  @Field(() => String, {
    nullable: true,
    description: 'Why the status last changed, when one was given. OMIL/municipality of its commune, analysts, admins.',
  })
  @Authorized(COMMUNE_RECORDS)
  @Property({ type: 'string', length: 500, nullable: true })
  statusReason!: string | null;
}
