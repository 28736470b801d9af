import { createHash } from 'node:crypto';
import { Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * A create's idempotency key, claimed in the same transaction as the create: the same key and
 * input from the same subject gives back the first result; the same key with another operation
 * or input is CONFLICT. The unique index decides races (20 identical requests → one row).
 */
@Entity({ tableName: 'idempotency_key' })
@Unique({ properties: ['subject', 'key'] })
export class IdempotencyRecord {
  [OptionalProps]?: 'id' | 'createdAt';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 120 })
  subject!: string;

  @Property({ type: 'string', length: 128 })
  key!: string;

  @Property({ type: 'string', length: 80 })
  operation!: string;

  @Property({ type: 'string', length: 64 })
  inputHash!: string;

  /** The id of the row the first request created. */
  @Property({ type: 'string', length: 40, nullable: true })
  resultId!: string | null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}

/** A stable hash of an input: keys sorted at every level, the idempotency key itself left out. */
export function inputHash(input: unknown): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object' && !(value instanceof Date)) {
      return Object.fromEntries(
        Object.keys(value)
          .filter((k) => k !== 'idempotencyKey' && (value as Record<string, unknown>)[k] !== undefined)
          .sort()
          .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
      );
    }
    return value;
  };
  return createHash('sha256')
    .update(JSON.stringify(canonical(input)))
    .digest('hex');
}
