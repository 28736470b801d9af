import { Migration } from '@mikro-orm/migrations';

export class Migration20261127124814 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "placements"."person_projection" add column "referrals_objected" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "placements"."person_projection" drop column "referrals_objected";`);
  }
}
