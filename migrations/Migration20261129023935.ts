import { Migration } from '@mikro-orm/migrations';

/**
 * Callbacks (schema/callbacks/callback.entity.ts): the callback with at most one open per
 * reason, resident, work order and incident (partial unique index), the monthly sample's
 * claim rows, and the hotline manager's CALLBACK_LOW_SCORE notification kind.
 */
export class Migration20261129023935 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create type "callback_reason" as enum ('WORK_ORDER_RESOLVED', 'COMPLAINT', 'INCIDENT_ENDED', 'NEW_RESIDENT', 'PERIODIC');`,
    );
    this.addSql(`create type "callback_status" as enum ('DUE', 'DONE', 'UNREACHABLE', 'CANCELLED');`);
    this.addSql(
      `create table "callback_sample" ("month" varchar(7) not null, "drawn" int not null, "drawn_at" timestamptz not null, constraint "callback_sample_pkey" primary key ("month"));`,
    );

    this.addSql(
      `create table "callback" ("id" uuid not null, "version" int not null default 1, "reason" "callback_reason" not null, "status" "callback_status" not null default 'DUE', "due_at" timestamptz not null, "first_due_at" timestamptz not null, "attempts" smallint not null default 0, "last_attempt_at" timestamptz null, "satisfaction" smallint null, "comment" text null, "resident_id" uuid not null, "work_order_id" uuid null, "incident_id" uuid null, "site_id" uuid null, "assignee_id" uuid null, "created_at" timestamptz not null, "done_at" timestamptz null, constraint "callback_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "callback_incident_id_index" on "callback" ("incident_id");`);
    this.addSql(`create index "callback_work_order_id_index" on "callback" ("work_order_id");`);
    this.addSql(`create index "callback_resident_id_created_at_index" on "callback" ("resident_id", "created_at");`);
    this.addSql(`create index "callback_site_id_status_due_at_index" on "callback" ("site_id", "status", "due_at");`);
    this.addSql(`create index "callback_status_due_at_index" on "callback" ("status", "due_at");`);
    this.addSql(
      `create unique index "callback_one_open" on "callback" ("reason", "resident_id", coalesce("work_order_id", '00000000-0000-0000-0000-000000000000'), coalesce("incident_id", '00000000-0000-0000-0000-000000000000')) where "status" = 'DUE';`,
    );

    this.addSql(
      `alter table "callback" add constraint "callback_resident_id_foreign" foreign key ("resident_id") references "resident" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "callback" add constraint "callback_work_order_id_foreign" foreign key ("work_order_id") references "work_order" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "callback" add constraint "callback_incident_id_foreign" foreign key ("incident_id") references "incident" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "callback" add constraint "callback_site_id_foreign" foreign key ("site_id") references "site" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "callback" add constraint "callback_assignee_id_foreign" foreign key ("assignee_id") references "staff" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter type "notification_kind" add value if not exists 'CALLBACK_LOW_SCORE' after 'RESOLUTION_OVERDUE';`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "callback_sample" cascade;`);

    this.addSql(`drop table if exists "callback" cascade;`);

    this.addSql(`drop type "callback_reason";`);
    this.addSql(`drop type "callback_status";`);
  }
}
