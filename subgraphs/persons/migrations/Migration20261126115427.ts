import { Migration } from '@mikro-orm/migrations';

export class Migration20261126115427 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "persons";`);
    this.addSql(
      `create table "persons"."person" ("id" serial primary key, "rut" varchar(12) not null, "first_name" varchar(255) not null, "last_name" varchar(255) not null, "second_last_name" varchar(255) not null, "birth_date" date not null, "sex" text check ("sex" in ('FEMALE', 'MALE')) not null, "education" text check ("education" in ('NONE', 'PRESCHOOL', 'PRIMARY_1', 'PRIMARY_2', 'SECONDARY', 'TECHNICAL_HIGHER', 'UNIVERSITY', 'POSTGRADUATE', 'DOCTORATE', 'UNKNOWN')) not null, "residence_commune_code" varchar(5) not null, "omil_commune_code" varchar(5) not null, "registered_at" date not null, "registration_age_band" text check ("registration_age_band" in ('AGE_18_29', 'AGE_30_44', 'AGE_45_64', 'AGE_65_PLUS')) null, "bne_registered" boolean not null, "phone" varchar(255) not null, "email" varchar(255) not null, "disability_consent" boolean not null, "disability" boolean null);`,
    );
    this.addSql(`alter table "persons"."person" add constraint "person_rut_unique" unique ("rut");`);
    this.addSql(`create index "person_registered_at_index" on "persons"."person" ("registered_at");`);
    this.addSql(`create index "person_residence_commune_code_index" on "persons"."person" ("residence_commune_code");`);
    this.addSql(
      `create index "person_omil_commune_code_registered_at_index" on "persons"."person" ("omil_commune_code", "registered_at");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "persons"."person" cascade;`);

    this.addSql(`drop schema if exists "persons";`);
  }
}
