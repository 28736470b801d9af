import { Migration } from '@mikro-orm/migrations';

export class Migration20261127112225 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "training"."person_projection" ("id" int not null, "birth_date" date not null, "registered_at" date not null, "omil_commune_code" varchar(5) not null, constraint "person_projection_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "training"."placement_start" ("placement_id" int not null, "person_id" int not null, "start_date" date not null, constraint "placement_start_pkey" primary key ("placement_id"));`,
    );
    this.addSql(`create index "placement_start_person_id_start_date_index" on "training"."placement_start" ("person_id", "start_date");`);

    this.addSql(
      `alter table "training"."enrollment" add column "version" int not null default 1, add column "created_by" varchar(120) not null default 'seed', add column "created_at" timestamptz not null default now(), add column "updated_by" varchar(120) not null default 'seed', add column "updated_at" timestamptz not null default now(), add column "drop_reason" varchar(500) null;`,
    );
    // Rows that exist already get the migration's time; new rows are given theirs by the application.
    this.addSql(`alter table "training"."enrollment" alter column "created_at" drop default, alter column "updated_at" drop default;`);

    this.addSql(
      `alter table "training"."workshop_attendance" add column "version" int not null default 1, add column "created_by" varchar(120) not null default 'seed', add column "created_at" timestamptz not null default now(), add column "updated_by" varchar(120) not null default 'seed', add column "updated_at" timestamptz not null default now();`,
    );
    // Rows that exist already get the migration's time; new rows are given theirs by the application.
    this.addSql(
      `alter table "training"."workshop_attendance" alter column "created_at" drop default, alter column "updated_at" drop default;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "training"."person_projection" cascade;`);

    this.addSql(`drop table if exists "training"."placement_start" cascade;`);

    this.addSql(
      `alter table "training"."enrollment" drop column "version", drop column "created_by", drop column "created_at", drop column "updated_by", drop column "updated_at", drop column "drop_reason";`,
    );

    this.addSql(
      `alter table "training"."workshop_attendance" drop column "version", drop column "created_by", drop column "created_at", drop column "updated_by", drop column "updated_at";`,
    );
  }
}
