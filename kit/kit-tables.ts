import { Migration } from '@mikro-orm/migrations';
import { AuditEntry, Migration20261201090000_kit_audit, Migration20261201100000_kit_audit_request } from './audit/entry';
import { DatasetRecord, Migration20261127100000_kit_dataset } from './dataset';
import { ProcessedEvent } from './events/consumer';
import { OutboxEvent } from './events/outbox';
import { IdempotencyRecord } from './writes/idempotency';
import { ImportRecord, Migration20261127130000_kit_imports } from './imports/record';

/**
 * The kit's migration of the write tables (idempotency keys, the outbox, processed events), run
 * in each subgraph's schema after its own migrations, like the dataset table's.
 */
export class Migration20261127120000_kit_writes extends Migration {
  override async up(): Promise<void> {
    const s = `"${this.config.get('schema')}"`;
    this.addSql(
      `create table if not exists ${s}."idempotency_key" ("id" serial primary key, "subject" varchar(120) not null, "key" varchar(128) not null, ` +
        `"operation" varchar(80) not null, "input_hash" varchar(64) not null, "result_id" varchar(40) null, "created_at" timestamptz not null, ` +
        `constraint "idempotency_key_subject_key_unique" unique ("subject", "key"));`,
    );
    this.addSql(
      `create table if not exists ${s}."outbox_event" ("seq" serial primary key, "event_id" varchar(36) not null, "type" varchar(80) not null, ` +
        `"payload" text not null, "occurred_at" timestamptz not null, "published_at" timestamptz null, ` +
        `constraint "outbox_event_event_id_unique" unique ("event_id"));`,
    );
    this.addSql(`create index if not exists "outbox_event_published_at_seq_index" on ${s}."outbox_event" ("published_at", "seq");`);
    this.addSql(
      `create table if not exists ${s}."processed_event" ("event_id" varchar(36) not null, "type" varchar(80) not null, ` +
        `"processed_at" timestamptz not null, constraint "processed_event_pkey" primary key ("event_id"));`,
    );
  }

  override async down(): Promise<void> {
    const s = `"${this.config.get('schema')}"`;
    for (const table of ['processed_event', 'outbox_event', 'idempotency_key']) this.addSql(`drop table if exists ${s}."${table}";`);
  }
}

/** Tables every subgraph has, owned by the kit: its entities and their migrations. */
export const KIT_ENTITIES = [DatasetRecord, IdempotencyRecord, OutboxEvent, ProcessedEvent, AuditEntry, ImportRecord];
export const KIT_MIGRATIONS = [
  Migration20261127100000_kit_dataset,
  Migration20261127120000_kit_writes,
  Migration20261127130000_kit_imports,
  Migration20261201090000_kit_audit,
  Migration20261201100000_kit_audit_request,
];
