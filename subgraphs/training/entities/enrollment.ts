import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Course } from './course';
import { EnrollmentStatus } from './enums';
import { addDays } from '../../../kit/dates';
import { LocalDate } from '../../../kit/scalars';
import { Audited } from '../../../kit/writes/audited';

@ObjectType({
  description: "A person's enrolment in a course. Admins, and municipality/omil of the course's commune (analysts: trainingStats).",
})
@Entity({ tableName: 'enrollment' })
@Unique({ properties: ['personId', 'courseId'] })
// A course's enrolments and completions (SQLite indexes foreign keys itself; PostgreSQL does not).
@Index({ properties: ['courseId', 'status'] })
@Index({ properties: ['communeCode', 'enrolledAt'] })
export class Enrollment extends Audited {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'integer' })
  personId!: number;

  @ManyToOne(() => Course, { fieldName: 'course_id', mapToPk: true })
  courseId!: number;

  /** The course's commune, kept on the row for access and statistics. */
  @Property({ type: 'string', length: 5 })
  communeCode!: string;

  @Field(() => EnrollmentStatus)
  @Enum({ items: () => EnrollmentStatus })
  status!: EnrollmentStatus;

  @Field(() => LocalDate)
  @Property({ type: 'date' })
  enrolledAt!: string;

  @Field(() => LocalDate, { nullable: true })
  @Property({ type: 'date', nullable: true })
  completedAt!: string | null;

  /**
   * The start of the person's first placement within 3 months after completing (SENCE's job
   * outcome). Placements live in another subgraph: the outcome is recorded here when the
   * placement is registered (see docs/architecture.md), so statistics need no cross-subgraph join.
   */
  @Field(() => LocalDate, {
    nullable: true,
    description: 'Start of a placement within 3 months after completion (the job outcome), if any.',
  })
  @Property({ type: 'date', nullable: true })
  placedAt!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the person dropped out.' })
  @Property({ type: 'string', length: 500, nullable: true })
  dropReason: string | null = null;
}

/** SENCE's job outcome: the first placement start within 1–90 days after completing, or null. */
export function placedWithin3Months(completedAt: string | null, starts: readonly string[]): string | null {
  if (completedAt === null) return null;
  const last = addDays(completedAt, 90);
  return starts.filter((d) => d > completedAt && d <= last).sort()[0] ?? null;
}
