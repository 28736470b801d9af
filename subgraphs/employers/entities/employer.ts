import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Authorized, Directive, Field, ID, ObjectType } from 'type-graphql';
import { COMMUNE_RECORDS } from '../../../kit/access';
import { EmployerSize } from './enums';
import { RutScalar } from '../../../kit/rut';
import { Audited } from '../../../kit/writes/audited';

@ObjectType({ description: 'An employer linked to the OMIL network. Names and RUTs are synthetic.' })
@Directive('@key(fields: "id")')
@Entity({ tableName: 'employer' })
@Index({ properties: ['communeCode', 'sector'] })
export class Employer extends Audited {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Field(() => RutScalar, { description: 'Company RUT.' })
  @Unique()
  @Property({ type: 'string', length: 12 })
  rut!: string;

  @Field()
  @Property({ type: 'string' })
  name!: string;

  @Field({ description: 'CIIU Rev.4.CL section letter (A–U).' })
  @Property({ type: 'string', length: 1 })
  sector!: string;

  @Field({ description: 'CIIU Rev.4.CL class (4 digits).' })
  @Property({ type: 'string', length: 4 })
  ciiuClass!: string;

  @Field(() => EmployerSize)
  @Enum({ items: () => EmployerSize })
  size!: EmployerSize;

  @Property({ type: 'string', length: 5 })
  communeCode!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Why the record was last corrected (null if never). OMIL/municipality of its commune, analysts, admins.',
  })
  @Authorized(COMMUNE_RECORDS)
  @Property({ type: 'string', length: 500, nullable: true })
  correctionReason!: string | null;
}
