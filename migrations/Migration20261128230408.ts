import { Migration } from '@mikro-orm/migrations';

/**
 * Staff ↔ sites, sign-in sessions (a token names its session: logout revokes it), login failure
 * counters, and the `fd_account` notification: any change of a staff row, its sites or its
 * sessions sends the staff id, so every instance drops its cached account state
 * (schema/staff/sessions/account-cache.ts). NOTIFY is delivered at commit and folds duplicate
 * payloads of one transaction into one.
 */
export class Migration20261128230408 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "login_throttle" ("key" varchar(200) not null, "failures" int not null, "window_start" timestamptz not null, constraint "login_throttle_pkey" primary key ("key"));`,
    );
    this.addSql(`create index "login_throttle_window_start_index" on "login_throttle" ("window_start");`);

    this.addSql(
      `create table "staff_site" ("staff_id" uuid not null, "site_id" uuid not null, constraint "staff_site_pkey" primary key ("staff_id", "site_id"));`,
    );

    this.addSql(
      `create table "staff_session" ("id" uuid not null, "staff_id" uuid not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, constraint "staff_session_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "staff_session_staff_id_index" on "staff_session" ("staff_id");`);
    this.addSql(`create index "staff_session_expires_at_index" on "staff_session" ("expires_at");`);

    this.addSql(
      `alter table "staff_site" add constraint "staff_site_staff_id_foreign" foreign key ("staff_id") references "staff" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "staff_site" add constraint "staff_site_site_id_foreign" foreign key ("site_id") references "site" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "staff_session" add constraint "staff_session_staff_id_foreign" foreign key ("staff_id") references "staff" ("id") on update cascade on delete cascade;`,
    );

    // Staff of a database made before sites existed saw every site: they keep seeing them.
    this.addSql(
      `insert into "staff_site" ("staff_id", "site_id") select st."id", s."id" from "staff" st cross join "site" s where st."role" <> 'MANAGER';`,
    );

    this.addSql(`create function staff_account_notify() returns trigger language plpgsql as $$
begin
  if TG_TABLE_NAME = 'staff' then
    perform pg_notify('fd_account', coalesce(new.id, old.id)::text);
  else
    perform pg_notify('fd_account', coalesce(new.staff_id, old.staff_id)::text);
  end if;
  return null;
end $$;`);
    this.addSql(
      `create trigger staff_account_notify after update or delete on "staff" for each row execute function staff_account_notify();`,
    );
    this.addSql(
      `create trigger staff_site_account_notify after insert or update or delete on "staff_site" for each row execute function staff_account_notify();`,
    );
    this.addSql(
      `create trigger staff_session_account_notify after update or delete on "staff_session" for each row execute function staff_account_notify();`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists staff_account_notify on "staff";`);
    this.addSql(`drop table if exists "login_throttle" cascade;`);
    this.addSql(`drop table if exists "staff_site" cascade;`);
    this.addSql(`drop table if exists "staff_session" cascade;`);
    this.addSql(`drop function if exists staff_account_notify();`);
  }
}
