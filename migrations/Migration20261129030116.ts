import { Migration } from '@mikro-orm/migrations';

/**
 * Service KPIs (schema/kpis/kpi.sql.ts): the callbacks done in a period are read through an
 * index on `done_at`, as the work orders of a period are (Migration20261129023859.ts).
 */
export class Migration20261129030116 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "callback_done_at_index" on "callback" ("done_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "callback_done_at_index";`);
  }
}
