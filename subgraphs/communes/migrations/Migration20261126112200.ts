import { Migration } from '@mikro-orm/migrations';

export class Migration20261126112200 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "communes";`);
    this.addSql(
      `create table "communes"."commune" ("code" varchar(5) not null, "name" varchar(255) not null, "province_code" varchar(3) not null, "population" int not null, "population_men" int not null, "population_women" int not null, "population2017" int null, constraint "commune_pkey" primary key ("code"));`,
    );
    this.addSql(`create index "commune_province_code_index" on "communes"."commune" ("province_code");`);

    this.addSql(
      `create table "communes"."fomil_agreement" ("id" serial primary key, "commune_code" varchar(5) not null, "year" int not null, "category" varchar(8) not null, "status" text check ("status" in ('SIGNED', 'IN_FORCE', 'CLOSED')) not null, "transfer_clp" int not null);`,
    );
    this.addSql(
      `alter table "communes"."fomil_agreement" add constraint "fomil_agreement_commune_code_year_unique" unique ("commune_code", "year");`,
    );

    this.addSql(
      `create table "communes"."omil_office" ("commune_code" varchar(5) not null, "name" varchar(255) not null, "address" varchar(255) not null, "phone" varchar(255) not null, "email" varchar(255) not null, "synthetic" boolean not null, constraint "omil_office_pkey" primary key ("commune_code"));`,
    );

    this.addSql(
      `create table "communes"."province" ("code" varchar(3) not null, "name" varchar(255) not null, "region_code" varchar(2) not null, constraint "province_pkey" primary key ("code"));`,
    );
    this.addSql(`create index "province_region_code_index" on "communes"."province" ("region_code");`);

    this.addSql(
      `create table "communes"."region" ("code" varchar(2) not null, "name" varchar(255) not null, "iso_code" varchar(255) not null, constraint "region_pkey" primary key ("code"));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "communes"."commune" cascade;`);

    this.addSql(`drop table if exists "communes"."fomil_agreement" cascade;`);

    this.addSql(`drop table if exists "communes"."omil_office" cascade;`);

    this.addSql(`drop table if exists "communes"."province" cascade;`);

    this.addSql(`drop table if exists "communes"."region" cascade;`);

    this.addSql(`drop schema if exists "communes";`);
  }
}
