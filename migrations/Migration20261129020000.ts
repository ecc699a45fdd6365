import { Migration } from '@mikro-orm/migrations';

/**
 * The resident search among tens of thousands of residents (schema/residents/resident-search.ts,
 * test/integration/resident-search.test.ts):
 * - every occupancy of a resident by `resident_id` (the archive's history, and the site filter's
 *   "does this resident live in one of my sites" probe per candidate, schema/estate/site-scope.ts);
 *   the partial indexes of the previous migration cover current occupancies only;
 * - statistics for the few-row tables every site filter joins through. Autovacuum analyses a table
 *   after 50 changes plus 10 % of its rows, which an estate's handful of sites and buildings never
 *   reaches; without statistics PostgreSQL guesses them large and plans a scoped search by hashing
 *   every resident of the site instead of probing the few candidates. One change now suffices.
 */
export class Migration20261129020000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "occupancy_resident_id_index" on "occupancy" ("resident_id");`);
    this.addSql(`alter table "site" set (autovacuum_analyze_threshold = 1, autovacuum_analyze_scale_factor = 0);`);
    this.addSql(`alter table "building" set (autovacuum_analyze_threshold = 1, autovacuum_analyze_scale_factor = 0);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "occupancy_resident_id_index";`);
    this.addSql(`alter table "site" reset (autovacuum_analyze_threshold, autovacuum_analyze_scale_factor);`);
    this.addSql(`alter table "building" reset (autovacuum_analyze_threshold, autovacuum_analyze_scale_factor);`);
  }
}
