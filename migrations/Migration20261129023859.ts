import { Migration } from '@mikro-orm/migrations';

/**
 * Service KPIs (schema/kpis/kpi.sql.ts): work orders opened and finished in a period are read
 * through an index on their time, so a month costs the same after five years as after one.
 */
export class Migration20261129023859 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "work_order_finished_at_index" on "work_order" ("finished_at");`);
    this.addSql(`create index "work_order_created_at_index" on "work_order" ("created_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "work_order_finished_at_index";`);
    this.addSql(`drop index "work_order_created_at_index";`);
  }
}
