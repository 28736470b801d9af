import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** What training knows of a job seeker, kept from the persons subgraph's events: enough to validate a write. */
@Entity({ tableName: 'person_projection' })
export class PersonProjection {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  id!: number;

  @Property({ type: 'date' })
  birthDate!: string;

  @Property({ type: 'date' })
  registeredAt!: string;

  @Property({ type: 'string', length: 5 })
  omilCommuneCode!: string;
}
