import { Migration } from '@mikro-orm/migrations';

export class Migration20261127103954 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop index "training"."course_provider_id_index";`);

    this.addSql(
      `alter table "training"."course" add constraint "course_provider_id_foreign" foreign key ("provider_id") references "training"."provider" ("id") on update cascade;`,
    );
    this.addSql(`create index "course_provider_id_start_date_index" on "training"."course" ("provider_id", "start_date");`);

    this.addSql(`drop index "training"."enrollment_course_id_index";`);

    this.addSql(
      `alter table "training"."enrollment" add constraint "enrollment_course_id_foreign" foreign key ("course_id") references "training"."course" ("id") on update cascade;`,
    );
    this.addSql(`create index "enrollment_course_id_status_index" on "training"."enrollment" ("course_id", "status");`);

    this.addSql(
      `alter table "training"."workshop_attendance" add constraint "workshop_attendance_workshop_id_foreign" foreign key ("workshop_id") references "training"."workshop" ("id") on update cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "training"."course" drop constraint "course_provider_id_foreign";`);

    this.addSql(`alter table "training"."enrollment" drop constraint "enrollment_course_id_foreign";`);

    this.addSql(`alter table "training"."workshop_attendance" drop constraint "workshop_attendance_workshop_id_foreign";`);

    this.addSql(`drop index "training"."course_provider_id_start_date_index";`);

    this.addSql(`create index "course_provider_id_index" on "training"."course" ("provider_id");`);

    this.addSql(`drop index "training"."enrollment_course_id_status_index";`);

    this.addSql(`create index "enrollment_course_id_index" on "training"."enrollment" ("course_id");`);
  }
}
