import { Migration } from '@mikro-orm/migrations';

/** Optimistic-locking versions, an alert's raising devices (`sources`), event rules (`kind`). */
export class Migration20261128224003 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "emergency_plan" add column "version" int not null default 1;`);

    this.addSql(
      `alter table "fault_rule" add column "version" int not null default 1, add column "kind" varchar(16) not null default 'threshold';`,
    );
    this.addSql(`alter table "fault_rule" alter column "condition" type varchar(16) using ("condition"::varchar(16));`);
    this.addSql(`alter table "fault_rule" alter column "condition" drop not null;`);

    this.addSql(`alter table "site" add column "version" int not null default 1;`);

    this.addSql(`alter table "building" add column "version" int not null default 1;`);

    this.addSql(`alter table "equipment" add column "version" int not null default 1;`);

    this.addSql(`alter table "device" add column "version" int not null default 1;`);

    this.addSql(`alter table "staff" add column "version" int not null default 1;`);

    this.addSql(`alter table "work_order" add column "version" int not null default 1;`);

    this.addSql(
      `alter table "alert" add column "sources" text[] not null default '{}', add column "version" int not null default 1;`,
    );
    // Episodes open before this migration were raised by the one device they name.
    this.addSql(
      `update "alert" a set "sources" = array[d."device_id"] from "device" d where d."id" = a."device_id" and a."cleared_at" is null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "alert" drop column "sources", drop column "version";`);

    this.addSql(`alter table "building" drop column "version";`);

    this.addSql(`alter table "device" drop column "version";`);

    this.addSql(`alter table "emergency_plan" drop column "version";`);

    this.addSql(`alter table "equipment" drop column "version";`);

    this.addSql(`alter table "fault_rule" drop column "version", drop column "kind";`);

    this.addSql(`alter table "fault_rule" alter column "condition" type varchar(16) using ("condition"::varchar(16));`);
    this.addSql(`alter table "fault_rule" alter column "condition" set not null;`);

    this.addSql(`alter table "site" drop column "version";`);

    this.addSql(`alter table "staff" drop column "version";`);

    this.addSql(`alter table "work_order" drop column "version";`);
  }
}
