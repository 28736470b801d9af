import { Entity, Enum, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { AgeBand, ageBandAt, ContractType, Education, Sex } from '../../../domain/classifications';
import { LocalDate } from '../../../kit/scalars';
import { Audited } from '../../../kit/writes/audited';
import { PlacementStatus } from './enums';

/**
 * A placement (colocación): a job seeker served by an OMIL starts a job. It carries its own
 * analysis dimensions, snapshotted at placement time, so statistics never need a person lookup.
 */
@ObjectType({ description: 'A placement registered by an OMIL.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'placement' })
@Index({ properties: ['communeCode', 'startDate'] })
// Lists filter by a start-date range and status, and count what matches: with status in the index
// the count reads the index alone (a year of the seeded SQLite file: 1.3 ms → 0.4 ms).
@Index({ properties: ['startDate', 'status'] })
// Statistics: year × commune × month is the analysts' most common cut. Statistics leave cancelled
// placements out (status): with it in the index they stay index-only scans (docs/performance.md).
@Index({ properties: ['year', 'communeCode', 'month', 'status'] })
@Index({ properties: ['year', 'provinceCode', 'status'] })
export class Placement extends Audited {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** CUT code of the OMIL that registered it. */
  @Property({ type: 'string', length: 5, fieldName: 'omil_commune_code' })
  communeCode!: string;

  @Field(() => LocalDate, { description: 'First day of work.' })
  @Property({ type: 'date' })
  startDate!: string;

  // Analysis dimensions derived once, when the placement is registered (see dimensionsOf).
  @Property({ type: 'smallint' })
  year!: number;

  @Property({ type: 'smallint' })
  month!: number;

  @Property({ type: 'string', length: 3 })
  provinceCode!: string;

  @Property({ type: 'string', length: 1 })
  occupationMajorGroup!: string;

  @Field({ description: 'CIUO-08.CL occupation (4-digit unit group).' })
  @Property({ type: 'string', length: 4 })
  occupationCode!: string;

  @Field({ description: 'CIIU Rev.4.CL section letter of the employer (A–U).' })
  @Property({ type: 'string', length: 1 })
  sector!: string;

  @Field(() => ContractType)
  @Enum({ items: () => ContractType })
  contractType!: ContractType;

  @Field(() => Sex, { description: "The person's sex at placement time." })
  @Enum({ items: () => Sex })
  sex!: Sex;

  @Field(() => AgeBand, { description: "The person's age band at placement time." })
  @Enum({ items: () => AgeBand })
  ageBand!: AgeBand;

  /** The person's education level at placement time (an analysis dimension only). */
  @Enum({ items: () => Education })
  education!: Education;

  // Keys into the persons and employers subgraphs (Placement.person, .employer, .vacancy).
  @Index()
  @Property({ type: 'integer' })
  personId!: number;

  @Index()
  @Property({ type: 'integer' })
  employerId!: number;

  @Index()
  @Property({ type: 'integer', nullable: true })
  vacancyId!: number | null;

  @Field(() => Int, { nullable: true, description: 'Monthly gross wage agreed, CLP (null for placements recorded before wages were).' })
  @Property({ type: 'integer', nullable: true })
  monthlyWage: number | null = null;

  @Field(() => PlacementStatus)
  @Enum({ items: () => PlacementStatus, default: PlacementStatus.ACTIVE })
  status: Opt<PlacementStatus> = PlacementStatus.ACTIVE;

  @Field(() => String, { nullable: true, description: 'Why it was cancelled.' })
  @Property({ type: 'string', length: 500, nullable: true })
  cancellationReason: string | null = null;

  @Field(() => String, { nullable: true, description: 'Why it was last corrected.' })
  @Property({ type: 'string', length: 500, nullable: true })
  correctionReason: string | null = null;
}

/**
 * Every analysis column of a placement, snapshotted from its person and employer as they are when
 * it is registered (the seed derives its rows with this too): sex, age band and education at the
 * start date, the employer's section, and the derived dimensions. Null age band: under 15.
 */
export function snapshotOf(
  p: { startDate: string; communeCode: string; occupationCode: string },
  person: { sex: Sex; birthDate: string; education: Education },
  employer: { sector: string },
) {
  const ageBand = ageBandAt(person.birthDate, p.startDate);
  return { sex: person.sex, ageBand, education: person.education, sector: employer.sector, ...dimensionsOf(p) };
}

/** The derived analysis columns of a placement (year, month, province, occupation major group). */
export function dimensionsOf(p: { startDate: string; communeCode: string; occupationCode: string }) {
  return {
    year: Number(p.startDate.slice(0, 4)),
    month: Number(p.startDate.slice(5, 7)),
    provinceCode: p.communeCode.slice(0, 3),
    occupationMajorGroup: p.occupationCode.slice(0, 1),
  };
}
