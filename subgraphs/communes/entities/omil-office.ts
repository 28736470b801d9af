import { Entity, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: "A commune's municipal labour office (OMIL). Contact data is synthetic." })
@Entity({ tableName: 'omil_office' })
export class OmilOffice {
  [PrimaryKeyProp]?: 'communeCode';

  @PrimaryKey({ type: 'string', length: 5 })
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
