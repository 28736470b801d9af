import { Migration } from '@mikro-orm/migrations';

/**
 * placementStats' rollup (subgraphs/placements/entities/placement-month.ts): the table, the
 * triggers that keep it in every writing transaction, and its first fill from the placements
 * already there. The triggers' SQL is what kit/stats/rollup.ts makes of the statistic's
 * declaration; test/stats/rollup.test.ts fails when the two part.
 */
export class Migration20261128090056 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "placements"."placement_month" ("year" smallint not null, "month" smallint not null, "omil_commune_code" varchar(5) not null, "province_code" varchar(3) not null, "placements" int not null, "placements_key" bigint not null, constraint "placement_month_pkey" primary key ("year", "month", "omil_commune_code", "province_code"));`,
    );
    this.addSql(
      `create or replace function "placements"."placement_month_rollup"() returns trigger language plpgsql as $rollup$ begin if tg_op = 'TRUNCATE' then delete from "placements"."placement_month"; elsif tg_op = 'INSERT' then insert into "placements"."placement_month" as r ("year", "month", "omil_commune_code", "province_code", "placements", "placements_key") select "year", "month", "omil_commune_code", "province_code", sum("placements"), sum("placements_key") from (select t.year as "year", t.month as "month", t.omil_commune_code as "omil_commune_code", t.province_code as "province_code", (1) as "placements", (((cast(t.id as bigint) * 1327217884 + 104729) % 2147483647)) as "placements_key" from new_rows t where (t.status <> 'CANCELLED')) d group by 1, 2, 3, 4 order by 1, 2, 3, 4 on conflict ("year", "month", "omil_commune_code", "province_code") do update set "placements" = r."placements" + excluded."placements", "placements_key" = r."placements_key" + excluded."placements_key"; elsif tg_op = 'DELETE' then insert into "placements"."placement_month" as r ("year", "month", "omil_commune_code", "province_code", "placements", "placements_key") select "year", "month", "omil_commune_code", "province_code", sum("placements"), sum("placements_key") from (select t.year as "year", t.month as "month", t.omil_commune_code as "omil_commune_code", t.province_code as "province_code", -(1) as "placements", -(((cast(t.id as bigint) * 1327217884 + 104729) % 2147483647)) as "placements_key" from old_rows t where (t.status <> 'CANCELLED')) d group by 1, 2, 3, 4 order by 1, 2, 3, 4 on conflict ("year", "month", "omil_commune_code", "province_code") do update set "placements" = r."placements" + excluded."placements", "placements_key" = r."placements_key" + excluded."placements_key"; else insert into "placements"."placement_month" as r ("year", "month", "omil_commune_code", "province_code", "placements", "placements_key") select "year", "month", "omil_commune_code", "province_code", sum("placements"), sum("placements_key") from (select t.year as "year", t.month as "month", t.omil_commune_code as "omil_commune_code", t.province_code as "province_code", -(1) as "placements", -(((cast(t.id as bigint) * 1327217884 + 104729) % 2147483647)) as "placements_key" from old_rows t where (t.status <> 'CANCELLED') union all select t.year as "year", t.month as "month", t.omil_commune_code as "omil_commune_code", t.province_code as "province_code", (1) as "placements", (((cast(t.id as bigint) * 1327217884 + 104729) % 2147483647)) as "placements_key" from new_rows t where (t.status <> 'CANCELLED')) d group by 1, 2, 3, 4 order by 1, 2, 3, 4 on conflict ("year", "month", "omil_commune_code", "province_code") do update set "placements" = r."placements" + excluded."placements", "placements_key" = r."placements_key" + excluded."placements_key"; end if; return null; end $rollup$;`,
    );
    this.addSql(
      `create trigger "placement_month_rollup_insert" after insert on "placements"."placement" referencing new table as new_rows for each statement execute function "placements"."placement_month_rollup"();`,
    );
    this.addSql(
      `create trigger "placement_month_rollup_update" after update on "placements"."placement" referencing old table as old_rows new table as new_rows for each statement execute function "placements"."placement_month_rollup"();`,
    );
    this.addSql(
      `create trigger "placement_month_rollup_delete" after delete on "placements"."placement" referencing old table as old_rows for each statement execute function "placements"."placement_month_rollup"();`,
    );
    this.addSql(
      `create trigger "placement_month_rollup_truncate" after truncate on "placements"."placement"  for each statement execute function "placements"."placement_month_rollup"();`,
    );
    this.addSql(`delete from "placements"."placement_month";`);
    this.addSql(
      `insert into "placements"."placement_month" as r ("year", "month", "omil_commune_code", "province_code", "placements", "placements_key") select "year", "month", "omil_commune_code", "province_code", sum("placements"), sum("placements_key") from (select t.year as "year", t.month as "month", t.omil_commune_code as "omil_commune_code", t.province_code as "province_code", (1) as "placements", (((cast(t.id as bigint) * 1327217884 + 104729) % 2147483647)) as "placements_key" from "placements"."placement" t where (t.status <> 'CANCELLED')) d group by 1, 2, 3, 4 order by 1, 2, 3, 4 on conflict ("year", "month", "omil_commune_code", "province_code") do update set "placements" = r."placements" + excluded."placements", "placements_key" = r."placements_key" + excluded."placements_key";`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "placement_month_rollup_insert" on "placements"."placement";`);
    this.addSql(`drop trigger if exists "placement_month_rollup_update" on "placements"."placement";`);
    this.addSql(`drop trigger if exists "placement_month_rollup_delete" on "placements"."placement";`);
    this.addSql(`drop trigger if exists "placement_month_rollup_truncate" on "placements"."placement";`);
    this.addSql(`drop function if exists "placements"."placement_month_rollup"();`);
    this.addSql(`drop table if exists "placements"."placement_month" cascade;`);
  }
}
