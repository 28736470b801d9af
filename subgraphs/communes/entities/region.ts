import { Entity, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { PublicCache } from '../../../kit/cache-control';

@ObjectType({ description: 'A region of Chile. Los Lagos is "10".' })
@PublicCache()
@Directive('@key(fields: "code")')
@Entity({ tableName: 'region' })
export class Region {
  [PrimaryKeyProp]?: 'code';

  @Field(() => ID, { description: 'CUT region code, a string: "10".' })
  @PrimaryKey({ type: 'string', length: 2 })
  code!: string;

  @Field()
  @Property({ type: 'string' })
  name!: string;

  @Field({ description: 'ISO 3166-2 code, e.g. "CL-LL".' })
  @Property({ type: 'string' })
  isoCode!: string;
}
