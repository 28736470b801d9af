import { Migration } from '@mikro-orm/migrations';

export class Migration20261127135223 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop index "placements"."placement_year_omil_commune_code_month_index";`);
    this.addSql(`drop index "placements"."placement_year_province_code_index";`);

    this.addSql(
      `create index "placement_year_province_code_status_index" on "placements"."placement" ("year", "province_code", "status");`,
    );
    this.addSql(
      `create index "placement_year_omil_commune_code_month_status_index" on "placements"."placement" ("year", "omil_commune_code", "month", "status");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "placements"."placement_year_province_code_status_index";`);
    this.addSql(`drop index "placements"."placement_year_omil_commune_code_month_status_index";`);

    this.addSql(
      `create index "placement_year_omil_commune_code_month_index" on "placements"."placement" ("year", "omil_commune_code", "month");`,
    );
    this.addSql(`create index "placement_year_province_code_index" on "placements"."placement" ("year", "province_code");`);
  }
}
