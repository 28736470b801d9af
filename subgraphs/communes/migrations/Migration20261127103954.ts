import { Migration } from '@mikro-orm/migrations';

export class Migration20261127103954 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop index "communes"."province_region_code_index";`);

    this.addSql(
      `alter table "communes"."province" add constraint "province_region_code_foreign" foreign key ("region_code") references "communes"."region" ("code") on update cascade;`,
    );

    this.addSql(`drop index "communes"."commune_province_code_index";`);

    this.addSql(
      `alter table "communes"."commune" add constraint "commune_province_code_foreign" foreign key ("province_code") references "communes"."province" ("code") on update cascade;`,
    );

    this.addSql(
      `alter table "communes"."omil_office" add constraint "omil_office_commune_code_foreign" foreign key ("commune_code") references "communes"."commune" ("code") on update cascade on delete no action;`,
    );

    this.addSql(
      `alter table "communes"."fomil_agreement" add constraint "fomil_agreement_commune_code_foreign" foreign key ("commune_code") references "communes"."commune" ("code") on update cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "communes"."commune" drop constraint "commune_province_code_foreign";`);

    this.addSql(`alter table "communes"."fomil_agreement" drop constraint "fomil_agreement_commune_code_foreign";`);

    this.addSql(`alter table "communes"."omil_office" drop constraint "omil_office_commune_code_foreign";`);

    this.addSql(`alter table "communes"."province" drop constraint "province_region_code_foreign";`);

    this.addSql(`create index "commune_province_code_index" on "communes"."commune" ("province_code");`);

    this.addSql(`create index "province_region_code_index" on "communes"."province" ("region_code");`);
  }
}
