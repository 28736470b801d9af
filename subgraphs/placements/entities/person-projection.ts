import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { Education, Sex } from '../../../domain/classifications';

/**
 * What placements know of a job seeker, kept from the persons subgraph's events: enough to refuse
 * an unknown person, check dates and ages, and snapshot a placement's analysis dimensions.
 */
@Entity({ tableName: 'person_projection' })
export class PersonProjection {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  id!: number;

  @Enum({ items: () => Sex })
  sex!: Sex;

  @Property({ type: 'date' })
  birthDate!: string;

  @Enum({ items: () => Education })
  education!: Education;

  @Property({ type: 'date' })
  registeredAt!: string;

  @Property({ type: 'string', length: 5 })
  omilCommuneCode!: string;

  @Property({ type: 'string', length: 5 })
  residenceCommuneCode!: string;

  /** The person objected to referrals (Ley 21.719): referToVacancy refuses them. */
  @Property({ type: 'boolean', default: false })
  referralsObjected: boolean = false;
}
