import { Migration } from '@mikro-orm/migrations';

/**
 * Incidents (schema/incidents/incident.entity.ts): the interruption, its buildings, affected
 * units, alerts and calls; the units each equipment serves; what an emergency plan says about
 * supply, evidence and the announcement; a service request's incident; INC- numbers from a
 * sequence.
 */
export class Migration20261129023410 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create sequence if not exists "incident_number_seq";`);
    this.addSql(`create type "incident_kind" as enum ('WATER', 'ELECTRIC', 'HEATING', 'OTHER');`);
    this.addSql(`create type "incident_status" as enum ('SCHEDULED', 'ACTIVE', 'ENDED');`);
    this.addSql(`create type "incident_source" as enum ('ALERT', 'PLANNED', 'MANUAL');`);
    this.addSql(
      `create table "equipment_unit" ("equipment_id" uuid not null, "unit_id" uuid not null, constraint "equipment_unit_pkey" primary key ("equipment_id", "unit_id"));`,
    );

    this.addSql(
      `create table "incident" ("id" uuid not null, "version" int not null default 1, "number" varchar(32) not null, "title" varchar(200) not null, "kind" "incident_kind" not null, "status" "incident_status" not null default 'ACTIVE', "source" "incident_source" not null, "planned" boolean not null default false, "started_at" timestamptz not null, "ends_at" timestamptz null, "ended_at" timestamptz null, "end_note" text null, "text_for_residents" text null, "site_id" uuid not null, "work_order_id" uuid null, "opened_by_id" uuid null, "created_at" timestamptz not null, constraint "incident_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "incident" add constraint "incident_number_unique" unique ("number");`);
    this.addSql(`create index "incident_site_id_status_index" on "incident" ("site_id", "status");`);
    this.addSql(`create index "incident_status_started_at_index" on "incident" ("status", "started_at");`);

    this.addSql(
      `create table "incident_unit" ("incident_id" uuid not null, "unit_id" uuid not null, constraint "incident_unit_pkey" primary key ("incident_id", "unit_id"));`,
    );

    this.addSql(
      `create table "incident_building" ("incident_id" uuid not null, "building_id" uuid not null, constraint "incident_building_pkey" primary key ("incident_id", "building_id"));`,
    );

    this.addSql(
      `create table "call_incident" ("incident_id" uuid not null, "call_id" uuid not null, constraint "call_incident_pkey" primary key ("incident_id", "call_id"));`,
    );

    this.addSql(
      `create table "incident_alert" ("incident_id" uuid not null, "alert_id" uuid not null, constraint "incident_alert_pkey" primary key ("incident_id", "alert_id"));`,
    );

    this.addSql(
      `alter table "equipment_unit" add constraint "equipment_unit_equipment_id_foreign" foreign key ("equipment_id") references "equipment" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "equipment_unit" add constraint "equipment_unit_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "incident" add constraint "incident_site_id_foreign" foreign key ("site_id") references "site" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "incident" add constraint "incident_work_order_id_foreign" foreign key ("work_order_id") references "work_order" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "incident" add constraint "incident_opened_by_id_foreign" foreign key ("opened_by_id") references "staff" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "incident_unit" add constraint "incident_unit_incident_id_foreign" foreign key ("incident_id") references "incident" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "incident_unit" add constraint "incident_unit_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "incident_building" add constraint "incident_building_incident_id_foreign" foreign key ("incident_id") references "incident" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "incident_building" add constraint "incident_building_building_id_foreign" foreign key ("building_id") references "building" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "call_incident" add constraint "call_incident_incident_id_foreign" foreign key ("incident_id") references "incident" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "call_incident" add constraint "call_incident_call_id_foreign" foreign key ("call_id") references "call" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "incident_alert" add constraint "incident_alert_incident_id_foreign" foreign key ("incident_id") references "incident" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "incident_alert" add constraint "incident_alert_alert_id_foreign" foreign key ("alert_id") references "alert" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "emergency_plan" add column "interrupts_supply" boolean not null default false, add column "evidence_metric" varchar(64) null, add column "evidence_stable_minutes" int null, add column "announcement_template" jsonb null;`,
    );

    this.addSql(`alter table "service_request" add column "incident_id" uuid null;`);
    this.addSql(
      `alter table "service_request" add constraint "service_request_incident_id_foreign" foreign key ("incident_id") references "incident" ("id") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop sequence if exists "incident_number_seq";`);
    this.addSql(`alter table "service_request" drop constraint "service_request_incident_id_foreign";`);

    this.addSql(`alter table "incident_unit" drop constraint "incident_unit_incident_id_foreign";`);

    this.addSql(`alter table "incident_building" drop constraint "incident_building_incident_id_foreign";`);

    this.addSql(`alter table "call_incident" drop constraint "call_incident_incident_id_foreign";`);

    this.addSql(`alter table "incident_alert" drop constraint "incident_alert_incident_id_foreign";`);

    this.addSql(`drop table if exists "equipment_unit" cascade;`);

    this.addSql(`drop table if exists "incident" cascade;`);

    this.addSql(`drop table if exists "incident_unit" cascade;`);

    this.addSql(`drop table if exists "incident_building" cascade;`);

    this.addSql(`drop table if exists "call_incident" cascade;`);

    this.addSql(`drop table if exists "incident_alert" cascade;`);

    this.addSql(
      `alter table "emergency_plan" drop column "interrupts_supply", drop column "evidence_metric", drop column "evidence_stable_minutes", drop column "announcement_template";`,
    );

    this.addSql(`alter table "service_request" drop column "incident_id";`);

    this.addSql(`drop type "incident_kind";`);
    this.addSql(`drop type "incident_status";`);
    this.addSql(`drop type "incident_source";`);
  }
}
