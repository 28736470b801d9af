import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { Sex } from '../../../domain/classifications';

/**
 * What this subgraph knows of other subgraphs' records, kept from their events (never read from
 * their tables): enough to refuse unknown ids and dates before a registration, and to snapshot
 * an attention's analysis dimensions.
 */
@Entity({ tableName: 'person_projection' })
export class PersonProjection {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  id!: number;

  @Enum({ items: () => Sex })
  sex!: Sex;

  @Property({ type: 'date' })
  birthDate!: string;

  @Property({ type: 'date' })
  registeredAt!: string;

  @Property({ type: 'string', length: 5 })
  omilCommuneCode!: string;

  @Property({ type: 'string', length: 5 })
  residenceCommuneCode!: string;
}

@Entity({ tableName: 'employer_projection' })
export class EmployerProjection {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  id!: number;

  @Property({ type: 'string', length: 1 })
  sector!: string;

  @Property({ type: 'string', length: 5 })
  communeCode!: string;
}

@Entity({ tableName: 'vacancy_projection' })
export class VacancyProjection {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  id!: number;

  @Property({ type: 'integer' })
  employerId!: number;

  @Property({ type: 'string', length: 5 })
  communeCode!: string;

  @Property({ type: 'integer' })
  positions!: number;

  @Property({ type: 'string', length: 10 })
  status!: string;

  @Property({ type: 'date' })
  openedAt!: string;
}
