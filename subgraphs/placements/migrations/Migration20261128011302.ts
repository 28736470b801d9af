import { Migration } from '@mikro-orm/migrations';

export class Migration20261128011302 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop index "placements"."placement_start_date_index";`);

    this.addSql(`create index "placement_start_date_status_index" on "placements"."placement" ("start_date", "status");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "placements"."placement_start_date_status_index";`);

    this.addSql(`create index "placement_start_date_index" on "placements"."placement" ("start_date");`);
  }
}
