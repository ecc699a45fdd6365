import { Migration } from '@mikro-orm/migrations';

/**
 * Callbacks' loose ends (schema/callbacks/callback-cancel.ts, callback-low-score.ts): a
 * cancelled callback keeps when and why (`callback_status` has had CANCELLED since
 * Migration20261129023935.ts); a notification may be about a callback with no work order (a low
 * score on a move-in or periodic callback), one per callback and kind, and is about one or the other.
 */
export class Migration20261129043400 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "callback" add column "cancelled_at" timestamptz null, add column "cancel_reason" text null;`,
    );

    this.addSql(`alter table "notification" add column "callback_id" uuid null;`);
    this.addSql(`alter table "notification" alter column "work_order_id" drop not null;`);
    this.addSql(
      `alter table "notification" add constraint "notification_callback_id_foreign" foreign key ("callback_id") references "callback" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "notification" add constraint "notification_callback_id_kind_unique" unique ("callback_id", "kind");`,
    );
    this.addSql(
      `alter table "notification" add constraint notification_subject check(work_order_id is not null or callback_id is not null);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "notification" where "work_order_id" is null;`);
    this.addSql(`alter table "notification" drop constraint notification_subject;`);
    this.addSql(`alter table "notification" drop constraint "notification_callback_id_kind_unique";`);
    this.addSql(`alter table "notification" drop constraint "notification_callback_id_foreign";`);
    this.addSql(`alter table "notification" drop column "callback_id";`);
    this.addSql(`alter table "notification" alter column "work_order_id" set not null;`);

    this.addSql(`alter table "callback" drop column "cancelled_at", drop column "cancel_reason";`);
  }
}
