import { Migration } from '@mikro-orm/migrations';

export class Migration20261127124811 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "persons"."rights_request" ("id" serial primary key, "version" int not null default 1, "created_by" varchar(120) not null default 'seed', "created_at" timestamptz not null, "updated_by" varchar(120) not null default 'seed', "updated_at" timestamptz not null, "person_id" int not null, "commune_code" varchar(5) not null, "kind" text check ("kind" in ('ACCESS', 'PORTABILITY', 'RECTIFICATION', 'ERASURE', 'BLOCKING', 'OBJECTION')) not null, "received_at" date not null, "due_date" date not null, "extension_reason" varchar(500) null, "purpose_list" varchar(100) not null default '', "details" varchar(1000) null, "status" text check ("status" in ('OPEN', 'GRANTED', 'DENIED')) not null default 'OPEN', "resolution" varchar(1000) null, "resolved_at" date null, "handled_by" varchar(120) null);`,
    );
    this.addSql(`create index "rights_request_person_id_index" on "persons"."rights_request" ("person_id");`);
    this.addSql(
      `create index "rights_request_commune_code_status_due_date_index" on "persons"."rights_request" ("commune_code", "status", "due_date");`,
    );

    this.addSql(
      `alter table "persons"."person" add column "blocked_at" timestamptz null, add column "objected_purposes" varchar(100) not null default '', add column "erased_at" timestamptz null;`,
    );
    this.addSql(`alter table "persons"."person" alter column "rut" type varchar(12) using ("rut"::varchar(12));`);
    this.addSql(`alter table "persons"."person" alter column "rut" drop not null;`);
    this.addSql(`alter table "persons"."person" alter column "birth_date" type date using ("birth_date"::date);`);
    this.addSql(`alter table "persons"."person" alter column "birth_date" drop not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "persons"."rights_request" cascade;`);

    this.addSql(`alter table "persons"."person" drop column "blocked_at", drop column "objected_purposes", drop column "erased_at";`);

    this.addSql(`alter table "persons"."person" alter column "rut" type varchar(12) using ("rut"::varchar(12));`);
    this.addSql(`alter table "persons"."person" alter column "rut" set not null;`);
    this.addSql(`alter table "persons"."person" alter column "birth_date" type date using ("birth_date"::date);`);
    this.addSql(`alter table "persons"."person" alter column "birth_date" set not null;`);
  }
}
