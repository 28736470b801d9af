import { Migration } from '@mikro-orm/migrations';

export class Migration20261127111305 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "persons"."person" drop constraint if exists "person_registration_age_band_check";`);

    this.addSql(
      `alter table "persons"."person" add column "version" int not null default 1, add column "created_by" varchar(120) not null default 'seed', add column "created_at" timestamptz not null default now(), add column "updated_by" varchar(120) not null default 'seed', add column "updated_at" timestamptz not null default now(), add column "correction_reason" varchar(500) null;`,
    );
    // Rows that predate the audit columns get the migration's time; new rows always state theirs.
    this.addSql(`alter table "persons"."person" alter column "created_at" drop default, alter column "updated_at" drop default;`);
    this.addSql(`alter table "persons"."person" alter column "phone" type varchar(255) using ("phone"::varchar(255));`);
    this.addSql(`alter table "persons"."person" alter column "phone" drop not null;`);
    this.addSql(`alter table "persons"."person" alter column "email" type varchar(255) using ("email"::varchar(255));`);
    this.addSql(`alter table "persons"."person" alter column "email" drop not null;`);
    this.addSql(
      `alter table "persons"."person" add constraint "person_registration_age_band_check" check("registration_age_band" in ('AGE_15_17', 'AGE_18_29', 'AGE_30_44', 'AGE_45_64', 'AGE_65_PLUS'));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "persons"."person" drop constraint if exists "person_registration_age_band_check";`);

    this.addSql(
      `alter table "persons"."person" drop column "version", drop column "created_by", drop column "created_at", drop column "updated_by", drop column "updated_at", drop column "correction_reason";`,
    );

    this.addSql(`alter table "persons"."person" alter column "phone" type varchar(255) using ("phone"::varchar(255));`);
    this.addSql(`alter table "persons"."person" alter column "phone" set not null;`);
    this.addSql(`alter table "persons"."person" alter column "email" type varchar(255) using ("email"::varchar(255));`);
    this.addSql(`alter table "persons"."person" alter column "email" set not null;`);
    this.addSql(
      `alter table "persons"."person" add constraint "person_registration_age_band_check" check("registration_age_band" in ('AGE_18_29', 'AGE_30_44', 'AGE_45_64', 'AGE_65_PLUS'));`,
    );
  }
}
