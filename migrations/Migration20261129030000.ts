import { Migration } from '@mikro-orm/migrations';
import { DEFAULT_PLAN_SUPPLY } from './seed/default-plan-supply';

/** A SQL string literal of our own constant text (migrations take no bound parameters). */
const literal = (text: string | null): string => (text === null ? 'null' : `'${text.replaceAll("'", "''")}'`);

/**
 * Data only: the default plans of a database seeded before incidents learn which faults
 * interrupt supply, their evidence and announcement (migrations/seed/default-plan-supply.ts),
 * only where a plan is still at the foundation's defaults (nothing set by staff).
 */
export class Migration20261129030000 extends Migration {
  override async up(): Promise<void> {
    for (const [faultCode, supply] of Object.entries(DEFAULT_PLAN_SUPPLY)) {
      this.addSql(
        `update "emergency_plan" set "interrupts_supply" = ${supply.interruptsSupply},
                "evidence_metric" = ${literal(supply.evidenceMetric)},
                "evidence_stable_minutes" = ${supply.evidenceStableMinutes ?? 'null'},
                "announcement_template" = ${literal(JSON.stringify(supply.announcementTemplate))}::jsonb
          where "fault_code" = ${literal(faultCode)} and "interrupts_supply" = false and "evidence_metric" is null
            and "evidence_stable_minutes" is null and "announcement_template" is null;`,
      );
    }
  }

  override async down(): Promise<void> {
    // the flags stay: they are data a person may have relied on since
  }
}
