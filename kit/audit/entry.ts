import { createHash } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

/** What happened to the personal fields of one person in one request. */
export enum AuditOutcome {
  READ = 'READ',
  WRITTEN = 'WRITTEN',
  REFUSED = 'REFUSED',
}

registerEnumType(AuditOutcome, {
  name: 'AuditOutcome',
  description: 'What happened to personal data in one request.',
  valuesConfig: {
    READ: { description: 'Personal fields were returned.' },
    WRITTEN: { description: 'Personal data was written (and possibly read back).' },
    REFUSED: { description: 'Access control refused the read.' },
  },
});

/** The chain starts from this hash: the `prevHash` of entry 1. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * One row of the append-only audit log of personal data (table `audit_entry`, in each subgraph's
 * own database): one person, one request. `seq` is gapless and assigned under the append lock;
 * `hash` = sha256(prevHash + "\n" + canonical content), so changing, removing or reordering a row
 * breaks the chain at that row (see verifyChain).
 */
@ObjectType({ description: 'One entry of the audit log of personal data: one person (or none, for a refused list), one request.' })
@Entity({ tableName: 'audit_entry' })
@Index({ properties: ['personType', 'personId'] })
@Index({ properties: ['viewerSub'] })
@Index({ properties: ['at'] })
@Index({ properties: ['requestId'] })
export class AuditEntry {
  @Field(() => Int, { description: 'Position in the chain (1, 2, 3, … without gaps).' })
  @PrimaryKey({ type: 'integer', autoincrement: false })
  seq!: number;

  @Field(() => GraphQLISODateTime, { description: 'When the request was served.' })
  @Property({ type: 'datetime' })
  at!: Date;

  @Field({ description: 'The request id (x-request-id), the same in every subgraph a request reached.' })
  @Property({ type: 'string', length: 64 })
  requestId!: string;

  @Field(() => String, { nullable: true, description: "The client's operation name, if it named one." })
  @Property({ type: 'string', length: 200, nullable: true })
  operation!: string | null;

  @Field(() => String, { nullable: true, description: "The token's subject (null: no token)." })
  @Property({ type: 'string', length: 120, nullable: true })
  viewerSub!: string | null;

  /** Comma-separated roles of the token. */
  @Property({ type: 'string', length: 200 })
  viewerRoles!: string;

  /** Comma-separated CUT codes of the token. */
  @Property({ type: 'text' })
  viewerCommunes!: string;

  @Field(() => String, { nullable: true, description: 'The purpose declared in x-purpose (docs/security.md lists them).' })
  @Property({ type: 'string', length: 40, nullable: true })
  purpose!: string | null;

  @Field(() => String, { nullable: true, description: 'The type of the record read (e.g. Person).' })
  @Property({ type: 'string', length: 40, nullable: true })
  personType!: string | null;

  @Field(() => ID, { nullable: true, description: 'The person whose data it is (null: a refused list, no person named).' })
  @Property({ type: 'string', length: 40, nullable: true })
  personId!: string | null;

  /** Comma-separated field names, sorted. */
  @Property({ type: 'text' })
  fields!: string;

  @Field(() => AuditOutcome)
  @Property({ type: 'string', length: 10 })
  outcome!: AuditOutcome;

  @Field({ description: 'The hash of the previous entry (64 zeros for the first).' })
  @Property({ type: 'string', length: 64 })
  prevHash!: string;

  @Field({ description: 'sha256 over prevHash and this entry’s content.' })
  @Property({ type: 'string', length: 64 })
  hash!: string;
}

export type AuditContent = Omit<AuditEntry, 'prevHash' | 'hash'>;

/** The content a hash covers, in a fixed order (a change of any column changes it). */
export function canonical(entry: AuditContent): string {
  return JSON.stringify([
    entry.seq,
    new Date(entry.at).toISOString(),
    entry.requestId,
    entry.operation,
    entry.viewerSub,
    entry.viewerRoles,
    entry.viewerCommunes,
    entry.purpose,
    entry.personType,
    entry.personId,
    entry.fields,
    entry.outcome,
  ]);
}

export function entryHash(prevHash: string, entry: AuditContent): string {
  return createHash('sha256')
    .update(`${prevHash}\n${canonical(entry)}`)
    .digest('hex');
}

/** The kit's migration of `audit_entry`, run in every subgraph's schema like the other kit tables. */
export class Migration20261201090000_kit_audit extends Migration {
  override async up(): Promise<void> {
    const s = `"${this.config.get('schema')}"`;
    this.addSql(
      `create table if not exists ${s}."audit_entry" ("seq" int not null, "at" timestamptz not null, "request_id" varchar(64) not null, ` +
        `"operation" varchar(200) null, "viewer_sub" varchar(120) null, "viewer_roles" varchar(200) not null, "viewer_communes" text not null, ` +
        `"purpose" varchar(40) null, "person_type" varchar(40) null, "person_id" varchar(40) null, "fields" text not null, ` +
        `"outcome" varchar(10) not null, "prev_hash" varchar(64) not null, "hash" varchar(64) not null, constraint "audit_entry_pkey" primary key ("seq"));`,
    );
    this.addSql(`create index if not exists "audit_entry_person_type_person_id_index" on ${s}."audit_entry" ("person_type", "person_id");`);
    this.addSql(`create index if not exists "audit_entry_viewer_sub_index" on ${s}."audit_entry" ("viewer_sub");`);
    this.addSql(`create index if not exists "audit_entry_at_index" on ${s}."audit_entry" ("at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "${this.config.get('schema')}"."audit_entry";`);
  }
}

/** Finds a request's entries fast: an append merges a request's later subgraph fetches into its first entries. */
export class Migration20261201100000_kit_audit_request extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index if not exists "audit_entry_request_id_index" on "${this.config.get('schema')}"."audit_entry" ("request_id");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "${this.config.get('schema')}"."audit_entry_request_id_index";`);
  }
}
