import { Entity, ManyToOne, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Region } from './region';
import { PublicCache } from '../../../kit/cache-control';

@ObjectType({ description: 'A province (CUT code of 3 digits, e.g. "101" Llanquihue).' })
@PublicCache()
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

  // A foreign key kept as the plain code (mapToPk): resolvers and loaders read codes, not entities.
  @ManyToOne(() => Region, { fieldName: 'region_code', mapToPk: true })
  regionCode!: string;
}
