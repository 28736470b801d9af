import { Migration } from '@mikro-orm/migrations';

export class Migration20261127111529 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "communes"."employer_projection" ("id" int not null, "sector" varchar(1) not null, "commune_code" varchar(5) not null, constraint "employer_projection_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "communes"."person_projection" ("id" int not null, "sex" text check ("sex" in ('FEMALE', 'MALE')) not null, "birth_date" date not null, "registered_at" date not null, "omil_commune_code" varchar(5) not null, "residence_commune_code" varchar(5) not null, constraint "person_projection_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "communes"."job_fair" ("id" serial primary key, "version" int not null default 1, "created_by" varchar(120) not null default 'seed', "created_at" timestamptz not null, "updated_by" varchar(120) not null default 'seed', "updated_at" timestamptz not null, "commune_code" varchar(5) not null, "name" varchar(200) not null, "date" date not null, "place" varchar(200) not null, "employers_present" int not null default 0, "vacancies_offered" int not null default 0, "attendance" int not null default 0);`,
    );
    this.addSql(`create index "job_fair_commune_code_date_index" on "communes"."job_fair" ("commune_code", "date");`);

    this.addSql(
      `create table "communes"."job_fair_vacancy" ("id" serial primary key, "version" int not null default 1, "created_by" varchar(120) not null default 'seed', "created_at" timestamptz not null, "updated_by" varchar(120) not null default 'seed', "updated_at" timestamptz not null, "job_fair_id" int not null, "vacancy_id" int not null);`,
    );
    this.addSql(
      `alter table "communes"."job_fair_vacancy" add constraint "job_fair_vacancy_job_fair_id_vacancy_id_unique" unique ("job_fair_id", "vacancy_id");`,
    );

    this.addSql(
      `create table "communes"."job_fair_employer" ("id" serial primary key, "version" int not null default 1, "created_by" varchar(120) not null default 'seed', "created_at" timestamptz not null, "updated_by" varchar(120) not null default 'seed', "updated_at" timestamptz not null, "job_fair_id" int not null, "employer_id" int not null);`,
    );
    this.addSql(
      `alter table "communes"."job_fair_employer" add constraint "job_fair_employer_job_fair_id_employer_id_unique" unique ("job_fair_id", "employer_id");`,
    );

    this.addSql(
      `create table "communes"."job_fair_attendance" ("id" serial primary key, "version" int not null default 1, "created_by" varchar(120) not null default 'seed', "created_at" timestamptz not null, "updated_by" varchar(120) not null default 'seed', "updated_at" timestamptz not null, "job_fair_id" int not null, "person_id" int not null);`,
    );
    this.addSql(`create index "job_fair_attendance_person_id_index" on "communes"."job_fair_attendance" ("person_id");`);
    this.addSql(
      `alter table "communes"."job_fair_attendance" add constraint "job_fair_attendance_job_fair_id_person_id_unique" unique ("job_fair_id", "person_id");`,
    );

    this.addSql(
      `create table "communes"."indicator_goal" ("id" serial primary key, "commune_code" varchar(5) not null, "year" int not null, "indicator" text check ("indicator" in ('PEOPLE_ATTENDED', 'ORIENTATIONS', 'EMPLOYER_VISITS', 'VACANCIES_CAPTURED', 'JOB_FAIRS')) not null, "goal" int not null);`,
    );
    this.addSql(
      `alter table "communes"."indicator_goal" add constraint "indicator_goal_commune_code_year_indicator_unique" unique ("commune_code", "year", "indicator");`,
    );

    this.addSql(
      `create table "communes"."employer_visit" ("id" serial primary key, "version" int not null default 1, "created_by" varchar(120) not null default 'seed', "created_at" timestamptz not null, "updated_by" varchar(120) not null default 'seed', "updated_at" timestamptz not null, "commune_code" varchar(5) not null, "employer_id" int not null, "date" date not null, "purpose" text check ("purpose" in ('LINKING', 'VACANCY_CAPTURE', 'FOLLOW_UP', 'TRAINING_NEEDS')) not null);`,
    );
    this.addSql(`create index "employer_visit_employer_id_index" on "communes"."employer_visit" ("employer_id");`);
    this.addSql(`create index "employer_visit_commune_code_date_index" on "communes"."employer_visit" ("commune_code", "date");`);

    this.addSql(
      `create table "communes"."attention" ("id" serial primary key, "version" int not null default 1, "created_by" varchar(120) not null default 'seed', "created_at" timestamptz not null, "updated_by" varchar(120) not null default 'seed', "updated_at" timestamptz not null, "commune_code" varchar(5) not null, "person_id" int not null, "date" date not null, "kind" text check ("kind" in ('REGISTRATION', 'ORIENTATION', 'JOB_SEARCH_ADVICE')) not null, "status" text check ("status" in ('ACTIVE', 'CANCELLED')) not null, "cancel_reason" varchar(500) null, "sex" text check ("sex" in ('FEMALE', 'MALE')) not null, "age_band" text check ("age_band" in ('AGE_15_17', 'AGE_18_29', 'AGE_30_44', 'AGE_45_64', 'AGE_65_PLUS')) null);`,
    );
    this.addSql(`create index "attention_person_id_date_index" on "communes"."attention" ("person_id", "date");`);
    this.addSql(`create index "attention_commune_code_date_index" on "communes"."attention" ("commune_code", "date");`);

    this.addSql(
      `create table "communes"."vacancy_capture" ("id" serial primary key, "version" int not null default 1, "created_by" varchar(120) not null default 'seed', "created_at" timestamptz not null, "updated_by" varchar(120) not null default 'seed', "updated_at" timestamptz not null, "commune_code" varchar(5) not null, "vacancy_id" int not null, "date" date not null, "positions" int not null);`,
    );
    this.addSql(`alter table "communes"."vacancy_capture" add constraint "vacancy_capture_vacancy_id_unique" unique ("vacancy_id");`);
    this.addSql(`create index "vacancy_capture_commune_code_date_index" on "communes"."vacancy_capture" ("commune_code", "date");`);

    this.addSql(
      `create table "communes"."vacancy_projection" ("id" int not null, "employer_id" int not null, "commune_code" varchar(5) not null, "positions" int not null, "status" varchar(10) not null, "opened_at" date not null, constraint "vacancy_projection_pkey" primary key ("id"));`,
    );

    this.addSql(
      `alter table "communes"."job_fair" add constraint "job_fair_commune_code_foreign" foreign key ("commune_code") references "communes"."commune" ("code") on update cascade;`,
    );

    this.addSql(
      `alter table "communes"."job_fair_vacancy" add constraint "job_fair_vacancy_job_fair_id_foreign" foreign key ("job_fair_id") references "communes"."job_fair" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "communes"."job_fair_employer" add constraint "job_fair_employer_job_fair_id_foreign" foreign key ("job_fair_id") references "communes"."job_fair" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "communes"."job_fair_attendance" add constraint "job_fair_attendance_job_fair_id_foreign" foreign key ("job_fair_id") references "communes"."job_fair" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "communes"."indicator_goal" add constraint "indicator_goal_commune_code_foreign" foreign key ("commune_code") references "communes"."commune" ("code") on update cascade;`,
    );

    this.addSql(
      `alter table "communes"."employer_visit" add constraint "employer_visit_commune_code_foreign" foreign key ("commune_code") references "communes"."commune" ("code") on update cascade;`,
    );

    this.addSql(
      `alter table "communes"."attention" add constraint "attention_commune_code_foreign" foreign key ("commune_code") references "communes"."commune" ("code") on update cascade;`,
    );

    this.addSql(
      `alter table "communes"."vacancy_capture" add constraint "vacancy_capture_commune_code_foreign" foreign key ("commune_code") references "communes"."commune" ("code") on update cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "communes"."job_fair_vacancy" drop constraint "job_fair_vacancy_job_fair_id_foreign";`);

    this.addSql(`alter table "communes"."job_fair_employer" drop constraint "job_fair_employer_job_fair_id_foreign";`);

    this.addSql(`alter table "communes"."job_fair_attendance" drop constraint "job_fair_attendance_job_fair_id_foreign";`);

    this.addSql(`drop table if exists "communes"."employer_projection" cascade;`);

    this.addSql(`drop table if exists "communes"."person_projection" cascade;`);

    this.addSql(`drop table if exists "communes"."job_fair" cascade;`);

    this.addSql(`drop table if exists "communes"."job_fair_vacancy" cascade;`);

    this.addSql(`drop table if exists "communes"."job_fair_employer" cascade;`);

    this.addSql(`drop table if exists "communes"."job_fair_attendance" cascade;`);

    this.addSql(`drop table if exists "communes"."indicator_goal" cascade;`);

    this.addSql(`drop table if exists "communes"."employer_visit" cascade;`);

    this.addSql(`drop table if exists "communes"."attention" cascade;`);

    this.addSql(`drop table if exists "communes"."vacancy_capture" cascade;`);

    this.addSql(`drop table if exists "communes"."vacancy_projection" cascade;`);
  }
}
