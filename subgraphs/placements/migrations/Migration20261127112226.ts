import { Migration } from '@mikro-orm/migrations';

export class Migration20261127112226 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "placements"."employer_projection" ("id" int not null, "sector" varchar(1) not null, "ciiu_class" varchar(4) not null, "size" varchar(10) not null, "commune_code" varchar(5) not null, constraint "employer_projection_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "placements"."person_projection" ("id" int not null, "sex" text check ("sex" in ('FEMALE', 'MALE')) not null, "birth_date" date not null, "education" text check ("education" in ('NONE', 'PRESCHOOL', 'PRIMARY_1', 'PRIMARY_2', 'SECONDARY', 'TECHNICAL_HIGHER', 'UNIVERSITY', 'POSTGRADUATE', 'DOCTORATE', 'UNKNOWN')) not null, "registered_at" date not null, "omil_commune_code" varchar(5) not null, "residence_commune_code" varchar(5) not null, constraint "person_projection_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "placements"."referral" ("id" serial primary key, "version" int not null default 1, "created_by" varchar(120) not null default 'seed', "created_at" timestamptz not null, "updated_by" varchar(120) not null default 'seed', "updated_at" timestamptz not null, "person_id" int not null, "vacancy_id" int not null, "employer_id" int not null, "commune_code" varchar(5) not null, "referred_at" date not null, "outcome" text check ("outcome" in ('HIRED', 'NOT_SELECTED', 'WITHDRAWN', 'NO_SHOW')) null, "outcome_reason" varchar(500) null);`,
    );
    this.addSql(`create index "referral_person_id_index" on "placements"."referral" ("person_id");`);
    this.addSql(`create index "referral_vacancy_id_index" on "placements"."referral" ("vacancy_id");`);
    this.addSql(`create index "referral_commune_code_referred_at_index" on "placements"."referral" ("commune_code", "referred_at");`);

    this.addSql(
      `create table "placements"."vacancy_projection" ("id" int not null, "employer_id" int not null, "commune_code" varchar(5) not null, "sector" varchar(1) not null, "occupation_code" varchar(4) not null, "contract_type" varchar(20) not null, "positions" int not null, "status" varchar(10) not null, "opened_at" date not null, constraint "vacancy_projection_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "vacancy_projection_employer_id_index" on "placements"."vacancy_projection" ("employer_id");`);

    this.addSql(`alter table "placements"."placement" drop constraint if exists "placement_age_band_check";`);

    this.addSql(
      `alter table "placements"."placement" add column "version" int not null default 1, add column "created_by" varchar(120) not null default 'seed', add column "created_at" timestamptz not null default now(), add column "updated_by" varchar(120) not null default 'seed', add column "updated_at" timestamptz not null default now(), add column "monthly_wage" int null, add column "status" text check ("status" in ('ACTIVE', 'CANCELLED')) not null default 'ACTIVE', add column "cancellation_reason" varchar(500) null, add column "correction_reason" varchar(500) null;`,
    );
    // Rows that exist already get the migration's time; new rows are given theirs by the application.
    this.addSql(`alter table "placements"."placement" alter column "created_at" drop default, alter column "updated_at" drop default;`);
    this.addSql(
      `alter table "placements"."placement" add constraint "placement_age_band_check" check("age_band" in ('AGE_15_17', 'AGE_18_29', 'AGE_30_44', 'AGE_45_64', 'AGE_65_PLUS'));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "placements"."employer_projection" cascade;`);

    this.addSql(`drop table if exists "placements"."person_projection" cascade;`);

    this.addSql(`drop table if exists "placements"."referral" cascade;`);

    this.addSql(`drop table if exists "placements"."vacancy_projection" cascade;`);

    this.addSql(`alter table "placements"."placement" drop constraint if exists "placement_age_band_check";`);

    this.addSql(
      `alter table "placements"."placement" drop column "version", drop column "created_by", drop column "created_at", drop column "updated_by", drop column "updated_at", drop column "monthly_wage", drop column "status", drop column "cancellation_reason", drop column "correction_reason";`,
    );

    this.addSql(
      `alter table "placements"."placement" add constraint "placement_age_band_check" check("age_band" in ('AGE_18_29', 'AGE_30_44', 'AGE_45_64', 'AGE_65_PLUS'));`,
    );
  }
}
