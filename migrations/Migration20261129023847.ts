import { Migration } from '@mikro-orm/migrations';

/**
 * Shift handover (schema/desk/shifts/shift.entity.ts): closed shifts with their notes, the open
 * items copied when they closed, and who took them over; indexed for the log by site and by staff.
 */
export class Migration20261129023847 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "shift" ("id" uuid not null, "version" int not null default 1, "closed_by_id" uuid not null, "site_id" uuid null, "opened_at" timestamptz not null, "closed_at" timestamptz not null, "notes" text null, "open_items" jsonb not null, "taken_over_by_id" uuid null, "taken_over_at" timestamptz null, constraint "shift_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "shift_taken_over_by_id_taken_over_at_index" on "shift" ("taken_over_by_id", "taken_over_at");`,
    );
    this.addSql(`create index "shift_closed_by_id_closed_at_index" on "shift" ("closed_by_id", "closed_at");`);
    this.addSql(`create index "shift_site_id_closed_at_index" on "shift" ("site_id", "closed_at");`);

    this.addSql(
      `alter table "shift" add constraint "shift_closed_by_id_foreign" foreign key ("closed_by_id") references "staff" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "shift" add constraint "shift_site_id_foreign" foreign key ("site_id") references "site" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "shift" add constraint "shift_taken_over_by_id_foreign" foreign key ("taken_over_by_id") references "staff" ("id") on update cascade on delete restrict;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "shift" cascade;`);
  }
}
