import { Entity, Index, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A province (CUT code of 3 digits, e.g. "101" Llanquihue).' })
@Directive('@key(fields: "code")')
@Entity({ tableName: 'province' })
export class Province {
  [PrimaryKeyProp]?: 'code';

  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 3 })
  code!: string;

  @Field()
  @Property({ type: 'string' })
  name!: string;

  @Index()
  @Property({ type: 'string', length: 2 })
  regionCode!: string;
}
