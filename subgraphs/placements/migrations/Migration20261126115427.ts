import { Migration } from '@mikro-orm/migrations';

export class Migration20261126115427 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "placements";`);
    this.addSql(
      `create table "placements"."placement" ("id" serial primary key, "omil_commune_code" varchar(5) not null, "start_date" date not null, "year" smallint not null, "month" smallint not null, "province_code" varchar(3) not null, "occupation_major_group" varchar(1) not null, "occupation_code" varchar(4) not null, "sector" varchar(1) not null, "contract_type" text check ("contract_type" in ('INDEFINITE', 'FIXED_TERM', 'PER_WORK', 'SEASONAL', 'APPRENTICESHIP')) not null, "sex" text check ("sex" in ('FEMALE', 'MALE')) not null, "age_band" text check ("age_band" in ('AGE_18_29', 'AGE_30_44', 'AGE_45_64', 'AGE_65_PLUS')) not null, "person_id" int not null, "employer_id" int not null, "vacancy_id" int null);`,
    );
    this.addSql(`create index "placement_person_id_index" on "placements"."placement" ("person_id");`);
    this.addSql(`create index "placement_employer_id_index" on "placements"."placement" ("employer_id");`);
    this.addSql(`create index "placement_vacancy_id_index" on "placements"."placement" ("vacancy_id");`);
    this.addSql(`create index "placement_year_province_code_index" on "placements"."placement" ("year", "province_code");`);
    this.addSql(
      `create index "placement_year_omil_commune_code_month_index" on "placements"."placement" ("year", "omil_commune_code", "month");`,
    );
    this.addSql(`create index "placement_start_date_index" on "placements"."placement" ("start_date");`);
    this.addSql(
      `create index "placement_omil_commune_code_start_date_index" on "placements"."placement" ("omil_commune_code", "start_date");`,
    );

    this.addSql(
      `create table "placements"."placement_goal" ("id" serial primary key, "commune_code" varchar(5) not null, "province_code" varchar(3) not null, "year" int not null, "goal" int not null);`,
    );
    this.addSql(
      `alter table "placements"."placement_goal" add constraint "placement_goal_commune_code_year_unique" unique ("commune_code", "year");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "placements"."placement" cascade;`);

    this.addSql(`drop table if exists "placements"."placement_goal" cascade;`);

    this.addSql(`drop schema if exists "placements";`);
  }
}
