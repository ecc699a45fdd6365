import { Migration } from '@mikro-orm/migrations';

/**
 * The service desk (README "The service desk"): units, residents and their occupancies, hotline
 * calls, service requests, SLA policies (seeded with defaults), work order history and
 * notifications; work orders gain their SLA deadlines, assignee, site and ON_HOLD. Existing work
 * orders keep their response deadline (`due_at`), get a day to resolve, their equipment's site
 * and an opening history line. `pg_trgm` serves the resident search (part of a name, 4+ digits
 * of a phone, a unit code).
 */
export class Migration20261129011652 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(`create type "request_category" as enum ('INQUIRY', 'BUSINESS', 'COMPLAINT', 'SUGGESTION', 'REPAIR');`);
    this.addSql(`create type "call_channel" as enum ('PHONE', 'WALK_IN', 'APP', 'WECHAT');`);
    this.addSql(`create type "unit_use" as enum ('RESIDENTIAL', 'COMMERCIAL', 'PARKING', 'STORAGE');`);
    this.addSql(`create type "service_request_status" as enum ('OPEN', 'CLOSED', 'CANCELLED');`);
    this.addSql(`create type "resident_relation" as enum ('OWNER', 'TENANT', 'FAMILY');`);
    this.addSql(
      `create type "notification_kind" as enum ('COMPLAINT_FILED', 'RESPONSE_OVERDUE', 'RESOLUTION_OVERDUE');`,
    );
    this.addSql(
      `create table "resident" ("id" uuid not null, "version" int not null default 1, "name" varchar(100) not null, "phone" varchar(20) not null, "preferred_contact_time" varchar(100) null, "notes" text null, "tags" text[] not null, "created_at" timestamptz not null, constraint "resident_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "resident" add constraint "resident_phone_unique" unique ("phone");`);

    this.addSql(
      `create table "sla_policy" ("id" uuid not null, "version" int not null default 1, "category" "request_category" not null, "priority" "work_order_priority" not null, "respond_minutes" int not null, "resolve_minutes" int not null, "updated_at" timestamptz not null, constraint "sla_policy_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "sla_policy" add constraint "sla_policy_category_priority_unique" unique ("category", "priority");`,
    );

    this.addSql(
      `create table "call" ("id" uuid not null, "version" int not null default 1, "channel" "call_channel" not null, "phone" varchar(20) not null, "operator_id" uuid not null, "site_id" uuid null, "started_at" timestamptz not null, "ended_at" timestamptz null, "recording_ref" varchar(500) null, "summary" text null, constraint "call_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "call_phone_index" on "call" ("phone");`);
    this.addSql(`create index "call_started_at_index" on "call" ("started_at");`);

    this.addSql(
      `create table "call_resident" ("call_id" uuid not null, "resident_id" uuid not null, constraint "call_resident_pkey" primary key ("call_id", "resident_id"));`,
    );

    this.addSql(
      `create table "unit" ("id" uuid not null, "version" int not null default 1, "building_id" uuid not null, "code" varchar(32) not null, "floor" int not null, "area_m2" double precision null, "use" "unit_use" not null default 'RESIDENTIAL', "created_at" timestamptz not null, constraint "unit_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "unit" add constraint "unit_building_id_code_unique" unique ("building_id", "code");`);

    this.addSql(
      `create table "service_request" ("id" uuid not null, "version" int not null default 1, "number" varchar(32) not null, "category" "request_category" not null, "status" "service_request_status" not null default 'OPEN', "description" text not null, "answer" text null, "call_id" uuid null, "resident_id" uuid null, "unit_id" uuid null, "equipment_id" uuid null, "site_id" uuid null, "created_by_id" uuid not null, "department" "department" null, "created_at" timestamptz not null, "closed_at" timestamptz null, constraint "service_request_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "service_request" add constraint "service_request_number_unique" unique ("number");`);
    this.addSql(`create index "service_request_resident_id_index" on "service_request" ("resident_id");`);
    this.addSql(`create index "service_request_created_at_index" on "service_request" ("created_at");`);

    this.addSql(
      `create table "occupancy" ("id" uuid not null, "resident_id" uuid not null, "unit_id" uuid not null, "relation" "resident_relation" not null, "since" date not null, "until" date null, "created_at" timestamptz not null, constraint "occupancy_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "occupancy_unit_id_index" on "occupancy" ("unit_id");`);
    this.addSql(
      `create unique index "occupancy_one_current_per_unit" on "occupancy" ("resident_id", "unit_id") where "until" is null;`,
    );

    this.addSql(
      `create table "notification" ("id" uuid not null, "work_order_id" uuid not null, "kind" "notification_kind" not null, "recipient_role" "staff_role" not null, "site_id" uuid null, "created_at" timestamptz not null, constraint "notification_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "notification_recipient_role_created_at_index" on "notification" ("recipient_role", "created_at");`,
    );
    this.addSql(
      `alter table "notification" add constraint "notification_work_order_id_kind_unique" unique ("work_order_id", "kind");`,
    );

    this.addSql(
      `create table "work_order_transition" ("id" uuid not null, "work_order_id" uuid not null, "at" timestamptz not null, "from" "work_order_status" null, "to" "work_order_status" not null, "by_id" uuid null, "note" text null, constraint "work_order_transition_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "work_order_transition_work_order_id_at_index" on "work_order_transition" ("work_order_id", "at");`,
    );

    this.addSql(
      `alter table "call" add constraint "call_operator_id_foreign" foreign key ("operator_id") references "staff" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "call" add constraint "call_site_id_foreign" foreign key ("site_id") references "site" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "call_resident" add constraint "call_resident_call_id_foreign" foreign key ("call_id") references "call" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "call_resident" add constraint "call_resident_resident_id_foreign" foreign key ("resident_id") references "resident" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "unit" add constraint "unit_building_id_foreign" foreign key ("building_id") references "building" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "service_request" add constraint "service_request_call_id_foreign" foreign key ("call_id") references "call" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "service_request" add constraint "service_request_resident_id_foreign" foreign key ("resident_id") references "resident" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "service_request" add constraint "service_request_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "service_request" add constraint "service_request_equipment_id_foreign" foreign key ("equipment_id") references "equipment" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "service_request" add constraint "service_request_site_id_foreign" foreign key ("site_id") references "site" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "service_request" add constraint "service_request_created_by_id_foreign" foreign key ("created_by_id") references "staff" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "occupancy" add constraint "occupancy_resident_id_foreign" foreign key ("resident_id") references "resident" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "occupancy" add constraint "occupancy_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "notification" add constraint "notification_work_order_id_foreign" foreign key ("work_order_id") references "work_order" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "notification" add constraint "notification_site_id_foreign" foreign key ("site_id") references "site" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "work_order_transition" add constraint "work_order_transition_work_order_id_foreign" foreign key ("work_order_id") references "work_order" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "work_order_transition" add constraint "work_order_transition_by_id_foreign" foreign key ("by_id") references "staff" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(`alter type "work_order_status" add value if not exists 'ON_HOLD' after 'IN_PROGRESS';`);

    this.addSql(
      `alter table "work_order" add column "respond_by" timestamptz null, add column "resolve_by" timestamptz null, add column "responded_at" timestamptz null, add column "resolved_at" timestamptz null, add column "hold_started_at" timestamptz null, add column "finished_at" timestamptz null, add column "escalation_level" smallint not null default 0, add column "alert_cleared_at" timestamptz null, add column "service_request_id" uuid null, add column "unit_id" uuid null, add column "site_id" uuid null, add column "assignee_id" uuid null;`,
    );
    this.addSql(
      `alter table "work_order" add constraint "work_order_service_request_id_foreign" foreign key ("service_request_id") references "service_request" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "work_order" add constraint "work_order_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "work_order" add constraint "work_order_site_id_foreign" foreign key ("site_id") references "site" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "work_order" add constraint "work_order_assignee_id_foreign" foreign key ("assignee_id") references "staff" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "work_order" add constraint "work_order_service_request_id_unique" unique ("service_request_id");`,
    );
    this.addSql(
      `create index "work_order_escalation_due" on "work_order" ("respond_by", "resolve_by") where "status" in ('OPEN', 'DISPATCHED', 'IN_PROGRESS') and "escalation_level" < 2;`,
    );
    this.addSql(`create index "work_order_assignee_id_status_index" on "work_order" ("assignee_id", "status");`);
    this.addSql(`create index "work_order_site_id_status_index" on "work_order" ("site_id", "status");`);

    this
      .addSql(`update "work_order" w set "respond_by" = w."due_at", "resolve_by" = greatest(w."due_at", w."created_at" + interval '1 day'),
      "site_id" = (select b."site_id" from "equipment" e join "building" b on b."id" = e."building_id" where e."id" = w."equipment_id");`);
    this.addSql(
      `alter table "work_order" alter column "respond_by" set not null, alter column "resolve_by" set not null;`,
    );
    this.addSql(`insert into "work_order_transition" ("id", "work_order_id", "at", "from", "to", "note")
      select gen_random_uuid(), "id", "created_at", null, 'OPEN', 'opened' from "work_order";`);

    this.addSql(`create index "resident_name_trgm" on "resident" using gin ("name" gin_trgm_ops);`);
    this.addSql(`create index "resident_phone_trgm" on "resident" using gin ("phone" gin_trgm_ops);`);
    this.addSql(`create index "unit_code_trgm" on "unit" using gin ("code" gin_trgm_ops);`);
    this.addSql(`create index "occupancy_current_resident" on "occupancy" ("resident_id") where "until" is null;`);

    // Default SLA (minutes to respond / to resolve) per category and priority; SetSlaPolicy changes them.
    this
      .addSql(`insert into "sla_policy" ("id", "version", "category", "priority", "respond_minutes", "resolve_minutes", "updated_at")
      select gen_random_uuid(), 1, v.category::"request_category", v.priority::"work_order_priority", v.respond, v.resolve, now()
      from (values
        ('REPAIR', 'URGENT', 15, 240), ('REPAIR', 'HIGH', 30, 480), ('REPAIR', 'NORMAL', 120, 1440), ('REPAIR', 'LOW', 480, 4320),
        ('COMPLAINT', 'URGENT', 15, 1440), ('COMPLAINT', 'HIGH', 30, 1440), ('COMPLAINT', 'NORMAL', 60, 2880), ('COMPLAINT', 'LOW', 120, 4320),
        ('BUSINESS', 'URGENT', 30, 480), ('BUSINESS', 'HIGH', 60, 1440), ('BUSINESS', 'NORMAL', 240, 2880), ('BUSINESS', 'LOW', 480, 4320),
        ('INQUIRY', 'URGENT', 15, 120), ('INQUIRY', 'HIGH', 30, 240), ('INQUIRY', 'NORMAL', 60, 480), ('INQUIRY', 'LOW', 120, 1440),
        ('SUGGESTION', 'URGENT', 60, 1440), ('SUGGESTION', 'HIGH', 240, 2880), ('SUGGESTION', 'NORMAL', 480, 4320), ('SUGGESTION', 'LOW', 1440, 10080)
      ) as v(category, priority, respond, resolve);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "call_resident" drop constraint "call_resident_resident_id_foreign";`);

    this.addSql(`alter table "service_request" drop constraint "service_request_resident_id_foreign";`);

    this.addSql(`alter table "occupancy" drop constraint "occupancy_resident_id_foreign";`);

    this.addSql(`alter table "call_resident" drop constraint "call_resident_call_id_foreign";`);

    this.addSql(`alter table "service_request" drop constraint "service_request_call_id_foreign";`);

    this.addSql(`alter table "service_request" drop constraint "service_request_unit_id_foreign";`);

    this.addSql(`alter table "occupancy" drop constraint "occupancy_unit_id_foreign";`);

    this.addSql(`alter table "work_order" drop constraint "work_order_unit_id_foreign";`);

    this.addSql(`alter table "work_order" drop constraint "work_order_service_request_id_foreign";`);

    this.addSql(`drop table if exists "resident" cascade;`);

    this.addSql(`drop table if exists "sla_policy" cascade;`);

    this.addSql(`drop table if exists "call" cascade;`);

    this.addSql(`drop table if exists "call_resident" cascade;`);

    this.addSql(`drop table if exists "unit" cascade;`);

    this.addSql(`drop table if exists "service_request" cascade;`);

    this.addSql(`drop table if exists "occupancy" cascade;`);

    this.addSql(`drop table if exists "notification" cascade;`);

    this.addSql(`drop table if exists "work_order_transition" cascade;`);

    this.addSql(`alter table "work_order" drop constraint "work_order_site_id_foreign";`);
    this.addSql(`alter table "work_order" drop constraint "work_order_assignee_id_foreign";`);

    this.addSql(`alter table "work_order" drop constraint "work_order_service_request_id_unique";`);
    this.addSql(`drop index "work_order_escalation_due";`);
    this.addSql(`drop index "work_order_assignee_id_status_index";`);
    this.addSql(`drop index "work_order_site_id_status_index";`);
    this.addSql(
      `alter table "work_order" drop column "respond_by", drop column "resolve_by", drop column "responded_at", drop column "resolved_at", drop column "hold_started_at", drop column "finished_at", drop column "escalation_level", drop column "alert_cleared_at", drop column "service_request_id", drop column "unit_id", drop column "site_id", drop column "assignee_id";`,
    );

    this.addSql(`drop type "request_category";`);
    this.addSql(`drop type "call_channel";`);
    this.addSql(`drop type "unit_use";`);
    this.addSql(`drop type "service_request_status";`);
    this.addSql(`drop type "resident_relation";`);
    this.addSql(`drop type "notification_kind";`);
  }
}
