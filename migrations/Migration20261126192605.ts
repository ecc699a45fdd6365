import { Migration } from '@mikro-orm/migrations';

/** The walking skeleton: estate, staff, equipment ledger, devices, fault rules, plans, alerts, work orders, outbox. */
export class Migration20261126192605 extends Migration {
  override async up(): Promise<void> {
    // Work order numbers (schema/desk/work-orders/work-order-number.ts): unique without a lock.
    this.addSql(`create sequence "work_order_number_seq";`);
    this.addSql(`create type "department" as enum ('ENGINEERING', 'SECURITY', 'ENVIRONMENT', 'CUSTOMER_SERVICE');`);
    this.addSql(`create type "equipment_system" as enum ('water', 'electric', 'heating');`);
    this.addSql(`create type "severity" as enum ('critical', 'major', 'minor', 'warning');`);
    this.addSql(
      `create type "staff_role" as enum ('MANAGER', 'SUPERVISOR', 'RELATIONS_OFFICER', 'AFFAIRS_OFFICER', 'HOTLINE_MANAGER', 'HOTLINE_OPERATOR', 'TECHNICIAN');`,
    );
    this.addSql(
      `create type "work_order_status" as enum ('OPEN', 'DISPATCHED', 'IN_PROGRESS', 'RESOLVED', 'VERIFIED', 'CLOSED', 'CANCELLED');`,
    );
    this.addSql(`create type "work_order_priority" as enum ('URGENT', 'HIGH', 'NORMAL', 'LOW');`);
    this.addSql(
      `create type "work_order_source" as enum ('SERVICE_REQUEST', 'ALERT', 'MAINTENANCE_PLAN', 'INSPECTION', 'MANUAL');`,
    );
    this.addSql(
      `create type "alert_status" as enum ('ACTIVE_UNACK', 'ACTIVE_ACK', 'CLEARED_UNACK', 'CLEARED', 'SHELVED');`,
    );
    this.addSql(
      `create table "emergency_plan" ("id" uuid not null, "fault_code" varchar(64) not null, "title" varchar(200) not null, "title_zh" varchar(200) null, "department" "department" not null, "response_minutes" int not null, "steps" jsonb not null, "updated_at" timestamptz not null, constraint "emergency_plan_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "emergency_plan" add constraint "emergency_plan_fault_code_unique" unique ("fault_code");`,
    );

    this.addSql(
      `create table "fault_rule" ("id" uuid not null, "fault_code" varchar(64) not null, "system" "equipment_system" null, "metrics" jsonb not null, "condition" varchar(16) not null, "low" double precision null, "high" double precision null, "clear_low" double precision null, "clear_high" double precision null, "high_from_rated_current" boolean not null default false, "clear_ratio" double precision null, "on_delay_s" int not null default 0, "off_delay_s" int not null default 0, "severity" "severity" not null, "season_start" varchar(5) null, "season_end" varchar(5) null, "enabled" boolean not null default true, constraint "fault_rule_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "fault_rule" add constraint "fault_rule_fault_code_unique" unique ("fault_code");`);

    this.addSql(
      `create table "outbox_event" ("id" uuid not null, "topic" varchar(32) not null, "subject_id" uuid not null, "created_at" timestamptz not null, "published_at" timestamptz null, constraint "outbox_event_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "outbox_event_unpublished" on "outbox_event" ("created_at") where "published_at" is null;`,
    );

    this.addSql(
      `create table "site" ("id" uuid not null, "code" varchar(64) not null, "name" varchar(200) not null, constraint "site_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "site" add constraint "site_code_unique" unique ("code");`);

    this.addSql(
      `create table "building" ("id" uuid not null, "site_id" uuid not null, "code" varchar(64) not null, "name" varchar(200) not null, constraint "building_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "building" add constraint "building_site_id_code_unique" unique ("site_id", "code");`);

    this.addSql(
      `create table "equipment" ("id" uuid not null, "building_id" uuid not null, "code" varchar(64) not null, "name" varchar(200) not null, "system" "equipment_system" not null, "kind" varchar(100) not null, "rated_current_a" double precision null, "created_at" timestamptz not null, constraint "equipment_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "equipment" add constraint "equipment_building_id_code_unique" unique ("building_id", "code");`,
    );

    this.addSql(
      `create table "device" ("id" uuid not null, "device_id" varchar(64) not null, "equipment_id" uuid not null, "site_code" varchar(64) not null, "building_code" varchar(64) not null, "system" "equipment_system" not null, "password_hash" varchar(255) not null, "interval_s" int not null default 10, "created_at" timestamptz not null, constraint "device_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "device" add constraint "device_device_id_unique" unique ("device_id");`);

    this.addSql(
      `create table "staff" ("id" uuid not null, "username" varchar(64) not null, "name" varchar(100) not null, "role" "staff_role" not null, "password_hash" varchar(255) not null, "active" boolean not null default true, "created_at" timestamptz not null, constraint "staff_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "staff" add constraint "staff_username_unique" unique ("username");`);

    this.addSql(
      `create table "work_order" ("id" uuid not null, "number" varchar(32) not null, "title" varchar(200) not null, "status" "work_order_status" not null default 'OPEN', "priority" "work_order_priority" not null, "source" "work_order_source" not null, "department" "department" not null, "due_at" timestamptz not null, "steps" jsonb not null, "alert_id" uuid null, "equipment_id" uuid null, "emergency_plan_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "work_order_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "work_order" add constraint "work_order_number_unique" unique ("number");`);
    this.addSql(`alter table "work_order" add constraint "work_order_alert_id_unique" unique ("alert_id");`);
    this.addSql(`create index "work_order_status_created_at_index" on "work_order" ("status", "created_at");`);

    this.addSql(
      `create table "alert" ("id" uuid not null, "equipment_id" uuid not null, "device_id" uuid null, "fault_code" varchar(64) not null, "severity" "severity" not null, "status" "alert_status" not null default 'ACTIVE_UNACK', "raised_at" timestamptz not null, "last_raised_at" timestamptz not null, "cleared_at" timestamptz null, "occurrences" int not null default 1, "acknowledged_at" timestamptz null, "acknowledged_by_id" uuid null, "ack_note" text null, "message" text not null, "metric" varchar(64) null, "last_value" double precision null, "work_order_id" uuid null, constraint "alert_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "alert_raised_at_index" on "alert" ("raised_at");`);
    this.addSql(
      `create unique index "alert_one_active_per_fault" on "alert" ("equipment_id", "fault_code") where "cleared_at" is null;`,
    );

    this.addSql(
      `alter table "building" add constraint "building_site_id_foreign" foreign key ("site_id") references "site" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "equipment" add constraint "equipment_building_id_foreign" foreign key ("building_id") references "building" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "device" add constraint "device_equipment_id_foreign" foreign key ("equipment_id") references "equipment" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "work_order" add constraint "work_order_alert_id_foreign" foreign key ("alert_id") references "alert" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "work_order" add constraint "work_order_equipment_id_foreign" foreign key ("equipment_id") references "equipment" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "work_order" add constraint "work_order_emergency_plan_id_foreign" foreign key ("emergency_plan_id") references "emergency_plan" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "alert" add constraint "alert_equipment_id_foreign" foreign key ("equipment_id") references "equipment" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "alert" add constraint "alert_device_id_foreign" foreign key ("device_id") references "device" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "alert" add constraint "alert_acknowledged_by_id_foreign" foreign key ("acknowledged_by_id") references "staff" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "alert" add constraint "alert_work_order_id_foreign" foreign key ("work_order_id") references "work_order" ("id") on update cascade on delete set null;`,
    );
  }
}
