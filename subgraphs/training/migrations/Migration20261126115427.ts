import { Migration } from '@mikro-orm/migrations';

export class Migration20261126115427 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "training";`);
    this.addSql(
      `create table "training"."course" ("id" serial primary key, "sence_code" varchar(255) not null, "name" varchar(255) not null, "programme" text check ("programme" in ('BECAS_LABORALES', 'FORMATE_PARA_EL_TRABAJO', 'DESPEGA_MIPE', 'OTHER')) not null, "provider_id" int not null, "commune_code" varchar(5) not null, "hours" int not null, "start_date" date not null, "end_date" date not null, "seats" int not null);`,
    );
    this.addSql(`create index "course_provider_id_index" on "training"."course" ("provider_id");`);
    this.addSql(`create index "course_commune_code_start_date_index" on "training"."course" ("commune_code", "start_date");`);

    this.addSql(
      `create table "training"."enrollment" ("id" serial primary key, "person_id" int not null, "course_id" int not null, "commune_code" varchar(5) not null, "status" text check ("status" in ('ENROLLED', 'COMPLETED', 'DROPPED')) not null, "enrolled_at" date not null, "completed_at" date null, "placed_at" date null);`,
    );
    this.addSql(`create index "enrollment_commune_code_enrolled_at_index" on "training"."enrollment" ("commune_code", "enrolled_at");`);
    this.addSql(`create index "enrollment_course_id_index" on "training"."enrollment" ("course_id");`);
    this.addSql(
      `alter table "training"."enrollment" add constraint "enrollment_person_id_course_id_unique" unique ("person_id", "course_id");`,
    );

    this.addSql(`create table "training"."provider" ("id" serial primary key, "rut" varchar(12) not null, "name" varchar(255) not null);`);
    this.addSql(`alter table "training"."provider" add constraint "provider_rut_unique" unique ("rut");`);

    this.addSql(
      `create table "training"."workshop" ("id" serial primary key, "commune_code" varchar(5) not null, "date" date not null, "topic" text check ("topic" in ('CV', 'INTERVIEW', 'JOB_SEARCH')) not null);`,
    );
    this.addSql(`create index "workshop_commune_code_date_index" on "training"."workshop" ("commune_code", "date");`);

    this.addSql(
      `create table "training"."workshop_attendance" ("id" serial primary key, "workshop_id" int not null, "person_id" int not null, "commune_code" varchar(5) not null);`,
    );
    this.addSql(`create index "workshop_attendance_person_id_index" on "training"."workshop_attendance" ("person_id");`);
    this.addSql(
      `alter table "training"."workshop_attendance" add constraint "workshop_attendance_workshop_id_person_id_unique" unique ("workshop_id", "person_id");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "training"."course" cascade;`);

    this.addSql(`drop table if exists "training"."enrollment" cascade;`);

    this.addSql(`drop table if exists "training"."provider" cascade;`);

    this.addSql(`drop table if exists "training"."workshop" cascade;`);

    this.addSql(`drop table if exists "training"."workshop_attendance" cascade;`);

    this.addSql(`drop schema if exists "training";`);
  }
}
