import { Migration } from '@mikro-orm/migrations';

export class Migration20261127112300 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "employers"."employer" add column "version" int not null default 1, add column "created_by" varchar(120) not null default 'seed', add column "created_at" timestamptz not null default now(), add column "updated_by" varchar(120) not null default 'seed', add column "updated_at" timestamptz not null default now(), add column "correction_reason" varchar(500) null;`,
    );

    this.addSql(
      `alter table "employers"."vacancy" add column "version" int not null default 1, add column "created_by" varchar(120) not null default 'seed', add column "created_at" timestamptz not null default now(), add column "updated_by" varchar(120) not null default 'seed', add column "updated_at" timestamptz not null default now(), add column "status_reason" varchar(500) null;`,
    );
    // Rows that predate the audit columns get the migration's time; new rows always state theirs.
    for (const table of ['employer', 'vacancy']) {
      this.addSql(`alter table "employers"."${table}" alter column "created_at" drop default, alter column "updated_at" drop default;`);
    }
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "employers"."employer" drop column "version", drop column "created_by", drop column "created_at", drop column "updated_by", drop column "updated_at", drop column "correction_reason";`,
    );

    this.addSql(
      `alter table "employers"."vacancy" drop column "version", drop column "created_by", drop column "created_at", drop column "updated_by", drop column "updated_at", drop column "status_reason";`,
    );
  }
}
