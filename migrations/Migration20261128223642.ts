import { Migration } from '@mikro-orm/migrations';

/**
 * Outbox across instances: every insert into outbox_event announces the new ids on the
 * `fd_outbox` channel (schema/monitoring/outbox/outbox-notification.ts: `<sender>|<id>,…`,
 * 150 ids a notification, the sender being the writing connection's application_name). A
 * NOTIFY is delivered at commit, in commit order, and not at all on rollback. One
 * notification per chunk per statement (a statement-level trigger over the inserted rows,
 * in insertion order). Plus an index on created_at for catch-up and retention.
 */
export class Migration20261128223642 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "outbox_event_created_at" on "outbox_event" ("created_at");`);
    this.addSql(`create function outbox_event_notify() returns trigger language plpgsql as $$
declare
  chunk text;
begin
  for chunk in
    select string_agg(id::text, ',' order by n)
    from (select id, row_number() over () as n from inserted) numbered
    group by (n - 1) / 150
    order by min(n)
  loop
    perform pg_notify('fd_outbox', current_setting('application_name') || '|' || chunk);
  end loop;
  return null;
end
$$;`);
    this.addSql(`create trigger outbox_event_notify after insert on "outbox_event"
  referencing new table as inserted for each statement execute function outbox_event_notify();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger outbox_event_notify on "outbox_event";`);
    this.addSql(`drop function outbox_event_notify();`);
    this.addSql(`drop index "outbox_event_created_at";`);
  }
}
