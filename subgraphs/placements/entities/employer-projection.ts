import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** What placements know of an employer, kept from the employers subgraph's events. */
@Entity({ tableName: 'employer_projection' })
export class EmployerProjection {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  id!: number;

  /** CIIU Rev.4.CL section letter. */
  @Property({ type: 'string', length: 1 })
  sector!: string;

  @Property({ type: 'string', length: 4 })
  ciiuClass!: string;

  @Property({ type: 'string', length: 10 })
  size!: string;

  @Property({ type: 'string', length: 5 })
  communeCode!: string;
}
