import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** What placements know of a vacancy, kept from the employers subgraph's events (referrals need it open). */
@Entity({ tableName: 'vacancy_projection' })
export class VacancyProjection {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  id!: number;

  @Index()
  @Property({ type: 'integer' })
  employerId!: number;

  @Property({ type: 'string', length: 5 })
  communeCode!: string;

  @Property({ type: 'string', length: 1 })
  sector!: string;

  @Property({ type: 'string', length: 4 })
  occupationCode!: string;

  @Property({ type: 'string', length: 20 })
  contractType!: string;

  @Property({ type: 'integer' })
  positions!: number;

  /** OPEN, FILLED or CLOSED, as the employers subgraph says. */
  @Property({ type: 'string', length: 10 })
  status!: string;

  @Property({ type: 'date' })
  openedAt!: string;
}
