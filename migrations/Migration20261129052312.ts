import { Migration } from '@mikro-orm/migrations';

/**
 * Incidents' loose ends. A planned stop ended before it started is `called_off`
 * (schema/incidents/incident.service.ts); those ended so before this column existed are marked.
 * A complaint that joined an incident's work order has its own COMPLAINT_FILED notice, about the
 * request (schema/desk/notifications/notification.entity.ts). Requests that joined an incident
 * and were left OPEN after the work order they share closed or was cancelled end as it did
 * (schema/desk/work-orders/work-order-transition.service.ts).
 */
export class Migration20261129052312 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "incident" add column "called_off" boolean not null default false;`);

    this.addSql(`alter table "notification" drop constraint notification_subject;`);

    this.addSql(`alter table "notification" add column "service_request_id" uuid null;`);
    this.addSql(
      `alter table "notification" add constraint "notification_service_request_id_foreign" foreign key ("service_request_id") references "service_request" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "notification" add constraint "notification_service_request_id_kind_unique" unique ("service_request_id", "kind");`,
    );
    this.addSql(
      `alter table "notification" add constraint notification_subject check(work_order_id is not null or callback_id is not null or service_request_id is not null);`,
    );

    this.addSql(`update "incident" set "called_off" = true where "source" <> 'ALERT' and "ended_at" < "started_at";`);
    this.addSql(
      `update "service_request" r
          set "status" = (case when w."status" = 'CLOSED' then 'CLOSED' else 'CANCELLED' end)::service_request_status,
              "closed_at" = w."finished_at", "version" = r."version" + 1
         from "incident" i join "work_order" w on w."id" = i."work_order_id"
        where r."incident_id" = i."id" and r."status" = 'OPEN' and w."status" in ('CLOSED', 'CANCELLED');`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "notification" drop constraint "notification_service_request_id_foreign";`);

    this.addSql(`alter table "incident" drop column "called_off";`);

    this.addSql(`alter table "notification" drop constraint "notification_service_request_id_kind_unique";`);
    this.addSql(`alter table "notification" drop constraint notification_subject;`);
    this.addSql(`delete from "notification" where "work_order_id" is null and "callback_id" is null;`);
    this.addSql(`alter table "notification" drop column "service_request_id";`);

    this.addSql(
      `alter table "notification" add constraint notification_subject check((work_order_id IS NOT NULL) OR (callback_id IS NOT NULL));`,
    );
  }
}
