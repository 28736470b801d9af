import { Entity, OneToOne, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { Commune } from './commune';

@ObjectType({ description: "A commune's municipal labour office (OMIL). Contact data is synthetic." })
@Entity({ tableName: 'omil_office' })
export class OmilOffice {
  [PrimaryKeyProp]?: 'communeCode';

  // One office per commune: its key is the commune's (a foreign key).
  @OneToOne(() => Commune, { primary: true, owner: true, fieldName: 'commune_code', mapToPk: true, deleteRule: 'no action' })
  communeCode!: string;

  @Field()
  @Property({ type: 'string' })
  name!: string;

  @Field()
  @Property({ type: 'string' })
  address!: string;

  @Field()
  @Property({ type: 'string' })
  phone!: string;

  @Field()
  @Property({ type: 'string' })
  email!: string;

  @Field({ description: 'True when the contact data is synthetic (all of it, in this seed).' })
  @Property({ type: 'boolean' })
  synthetic!: boolean;
}
