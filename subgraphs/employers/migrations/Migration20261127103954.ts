import { Migration } from '@mikro-orm/migrations';

export class Migration20261127103954 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop index "employers"."vacancy_employer_id_index";`);

    this.addSql(
      `alter table "employers"."vacancy" add constraint "vacancy_employer_id_foreign" foreign key ("employer_id") references "employers"."employer" ("id") on update cascade;`,
    );
    this.addSql(`create index "vacancy_employer_id_opened_at_index" on "employers"."vacancy" ("employer_id", "opened_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "employers"."vacancy" drop constraint "vacancy_employer_id_foreign";`);

    this.addSql(`drop index "employers"."vacancy_employer_id_opened_at_index";`);

    this.addSql(`create index "vacancy_employer_id_index" on "employers"."vacancy" ("employer_id");`);
  }
}
