import { Migration } from '@mikro-orm/migrations';

/**
 * The audit trail (schema/audit/audit-entry.entity.ts). Rows are only ever inserted: a trigger
 * refuses UPDATE, DELETE and TRUNCATE, whoever connects (the platform's own user included), so
 * no bug or injected statement in the API can rewrite history.
 */
export class Migration20261128230818 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "audit_entry" ("id" uuid not null, "at" timestamptz not null, "staff_id" uuid not null, "action" varchar(64) not null, "entity_type" varchar(64) not null, "entity_id" varchar(128) not null, "before" jsonb null, "after" jsonb null, constraint "audit_entry_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "audit_entry_at_index" on "audit_entry" ("at");`);
    this.addSql(`create index "audit_entry_staff_id_index" on "audit_entry" ("staff_id");`);
    this.addSql(
      `create index "audit_entry_entity_type_entity_id_index" on "audit_entry" ("entity_type", "entity_id");`,
    );

    this.addSql(
      `alter table "audit_entry" add constraint "audit_entry_staff_id_foreign" foreign key ("staff_id") references "staff" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(`create function audit_entry_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit entries cannot be changed or deleted (%)', tg_op using errcode = 'insufficient_privilege';
      end $$;`);
    this.addSql(`create trigger audit_entry_no_update_or_delete before update or delete on "audit_entry"
      for each row execute function audit_entry_append_only();`);
    this.addSql(`create trigger audit_entry_no_truncate before truncate on "audit_entry"
      for each statement execute function audit_entry_append_only();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "audit_entry" cascade;`);
    this.addSql(`drop function if exists audit_entry_append_only();`);
  }
}
