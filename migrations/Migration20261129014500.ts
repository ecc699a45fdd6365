import { Migration } from '@mikro-orm/migrations';

/** Service request numbers (schema/hotline/requests/service-request-number.ts), as work orders have theirs. */
export class Migration20261129014500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create sequence "service_request_number_seq";`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop sequence if exists "service_request_number_seq";`);
  }
}
