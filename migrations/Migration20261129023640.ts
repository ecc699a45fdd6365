import { Migration } from '@mikro-orm/migrations';

/**
 * Announcements (schema/announcements/announcement.entity.ts): the notice, its scope as written
 * (whole site, buildings, units), the units it reaches once published (`announcement_unit`,
 * indexed by unit for the feed) and the incident it is about. EXPIRED is in the type for completeness; rows store DRAFT or PUBLISHED.
 */
export class Migration20261129023640 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "announcement_kind" as enum ('NOTICE', 'OUTAGE', 'EVENT');`);
    this.addSql(`create type "announcement_status" as enum ('DRAFT', 'PUBLISHED', 'EXPIRED');`);
    this.addSql(
      `create table "announcement" ("id" uuid not null, "version" int not null default 1, "title" varchar(200) not null, "body" text not null, "kind" "announcement_kind" not null, "status" "announcement_status" not null default 'DRAFT', "site_id" uuid not null, "whole_site" boolean not null default false, "incident_id" uuid null, "publish_at" timestamptz not null, "expires_at" timestamptz null, "created_by_id" uuid null, "published_by_id" uuid null, "created_at" timestamptz not null, constraint "announcement_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "announcement_incident_id_index" on "announcement" ("incident_id");`);
    this.addSql(
      `create index "announcement_site_id_status_publish_at_index" on "announcement" ("site_id", "status", "publish_at");`,
    );

    this.addSql(
      `create table "announcement_unit" ("announcement_id" uuid not null, "unit_id" uuid not null, constraint "announcement_unit_pkey" primary key ("announcement_id", "unit_id"));`,
    );
    // a unit's feed looks its notices up by unit
    this.addSql(`create index "announcement_unit_unit_id_index" on "announcement_unit" ("unit_id");`);

    this.addSql(
      `create table "announcement_scope_unit" ("announcement_id" uuid not null, "unit_id" uuid not null, constraint "announcement_scope_unit_pkey" primary key ("announcement_id", "unit_id"));`,
    );

    this.addSql(
      `create table "announcement_building" ("announcement_id" uuid not null, "building_id" uuid not null, constraint "announcement_building_pkey" primary key ("announcement_id", "building_id"));`,
    );

    this.addSql(
      `alter table "announcement" add constraint "announcement_site_id_foreign" foreign key ("site_id") references "site" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "announcement" add constraint "announcement_incident_id_foreign" foreign key ("incident_id") references "incident" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "announcement" add constraint "announcement_created_by_id_foreign" foreign key ("created_by_id") references "staff" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "announcement" add constraint "announcement_published_by_id_foreign" foreign key ("published_by_id") references "staff" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "announcement_unit" add constraint "announcement_unit_announcement_id_foreign" foreign key ("announcement_id") references "announcement" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "announcement_unit" add constraint "announcement_unit_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "announcement_scope_unit" add constraint "announcement_scope_unit_announcement_id_foreign" foreign key ("announcement_id") references "announcement" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "announcement_scope_unit" add constraint "announcement_scope_unit_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "announcement_building" add constraint "announcement_building_announcement_id_foreign" foreign key ("announcement_id") references "announcement" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "announcement_building" add constraint "announcement_building_building_id_foreign" foreign key ("building_id") references "building" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "announcement_unit" drop constraint "announcement_unit_announcement_id_foreign";`);

    this.addSql(
      `alter table "announcement_scope_unit" drop constraint "announcement_scope_unit_announcement_id_foreign";`,
    );

    this.addSql(`alter table "announcement_building" drop constraint "announcement_building_announcement_id_foreign";`);

    this.addSql(`drop table if exists "announcement" cascade;`);

    this.addSql(`drop table if exists "announcement_unit" cascade;`);

    this.addSql(`drop table if exists "announcement_scope_unit" cascade;`);

    this.addSql(`drop table if exists "announcement_building" cascade;`);

    this.addSql(`drop type "announcement_kind";`);
    this.addSql(`drop type "announcement_status";`);
  }
}
