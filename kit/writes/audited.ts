import { OptionalProps, Property } from '@mikro-orm/core';
import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';

/**
 * What every row written through the graph carries: who (the token's subject) created and last
 * changed it, when, and a version that updates must send back (optimistic locking: a stale
 * version is CONFLICT and writes nothing). Entities extend it; seed rows are written by "seed".
 */
// An abstract object type: its fields appear on each entity type that extends it.
@ObjectType()
export abstract class Audited {
  [OptionalProps]?: 'version' | 'createdAt' | 'updatedAt' | 'createdBy' | 'updatedBy';

  @Field(() => Int, { description: 'Send it back with an update or cancellation: a stale version is CONFLICT.' })
  @Property({ type: 'integer', default: 1 })
  version: number = 1;

  @Property({ type: 'string', length: 120 })
  createdBy: string = 'seed';

  @Field(() => GraphQLISODateTime)
  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'string', length: 120 })
  updatedBy: string = 'seed';

  @Field(() => GraphQLISODateTime)
  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();
}

/** The audit columns of a new row written by `subject` now. */
export function createdBy(subject: string, now = new Date()) {
  return { createdBy: subject, createdAt: now, updatedBy: subject, updatedAt: now, version: 1 };
}
