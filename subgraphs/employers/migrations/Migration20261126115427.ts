import { Migration } from '@mikro-orm/migrations';

export class Migration20261126115427 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "employers";`);
    this.addSql(
      `create table "employers"."employer" ("id" serial primary key, "rut" varchar(12) not null, "name" varchar(255) not null, "sector" varchar(1) not null, "ciiu_class" varchar(4) not null, "size" text check ("size" in ('MICRO', 'SMALL', 'MEDIUM', 'LARGE')) not null, "commune_code" varchar(5) not null);`,
    );
    this.addSql(`alter table "employers"."employer" add constraint "employer_rut_unique" unique ("rut");`);
    this.addSql(`create index "employer_commune_code_sector_index" on "employers"."employer" ("commune_code", "sector");`);

    this.addSql(
      `create table "employers"."vacancy" ("id" serial primary key, "employer_id" int not null, "title" varchar(255) not null, "sector" varchar(1) not null, "occupation_code" varchar(4) not null, "positions" int not null, "contract_type" text check ("contract_type" in ('INDEFINITE', 'FIXED_TERM', 'PER_WORK', 'SEASONAL', 'APPRENTICESHIP')) not null, "wage_min" int not null, "wage_max" int not null, "commune_code" varchar(5) not null, "opened_at" date not null, "closed_at" date null, "status" text check ("status" in ('OPEN', 'FILLED', 'CLOSED')) not null);`,
    );
    this.addSql(`create index "vacancy_employer_id_index" on "employers"."vacancy" ("employer_id");`);
    this.addSql(`create index "vacancy_commune_code_opened_at_index" on "employers"."vacancy" ("commune_code", "opened_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "employers"."employer" cascade;`);

    this.addSql(`drop table if exists "employers"."vacancy" cascade;`);

    this.addSql(`drop schema if exists "employers";`);
  }
}
