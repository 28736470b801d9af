import { Migration } from '@mikro-orm/migrations';

export class Migration20261127104415 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "placements"."placement" add column "education" text check ("education" in ('NONE', 'PRESCHOOL', 'PRIMARY_1', 'PRIMARY_2', 'SECONDARY', 'TECHNICAL_HIGHER', 'UNIVERSITY', 'POSTGRADUATE', 'DOCTORATE', 'UNKNOWN')) not null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "placements"."placement" drop column "education";`);
  }
}
