import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Authorized, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { COMMUNE_RECORDS } from '../../../kit/access';
import { Commune } from './commune';

export enum AgreementStatus {
  SIGNED = 'SIGNED',
  IN_FORCE = 'IN_FORCE',
  CLOSED = 'CLOSED',
}
registerEnumType(AgreementStatus, { name: 'AgreementStatus', description: 'Life cycle of a FOMIL agreement.' });

@ObjectType({ description: 'A FOMIL agreement (convenio) between SENCE and a municipality for one year.' })
@Entity({ tableName: 'fomil_agreement' })
@Unique({ properties: ['communeCode', 'year'] })
export class FomilAgreement {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Commune, { fieldName: 'commune_code', mapToPk: true })
  communeCode!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  year!: number;

  @Field({ description: 'Office category, which sets the transfer ("I" largest to "IV"). Synthetic.' })
  @Property({ type: 'string', length: 8 })
  category!: string;

  @Field(() => AgreementStatus)
  @Enum({ items: () => AgreementStatus })
  status!: AgreementStatus;

  @Field(() => Int, {
    nullable: true,
    description: 'Annual transfer in CLP. Synthetic. Analysts, admins, and municipality/omil of the commune only.',
  })
  @Authorized(COMMUNE_RECORDS)
  @Property({ type: 'integer' })
  transferClp!: number;
}
