import type { EntityManager } from '@mikro-orm/postgresql';
import { METRICS_BY_SYSTEM } from '../../../devices/contract/metrics';
import type { SystemName } from '../../../devices/contract/types';
import { FaultRule } from '../../monitoring/fault-rules/fault-rule.entity';

/**
 * The metrics a plan's evidence may name: those of the system its fault belongs to (the fault
 * rule of its code) — the contract's (devices/CONTRACT.md "Metric names") and any a fault rule of
 * that system reads. The evidence rule reads the metric on the work order's own equipment
 * (schema/incidents/incident-work-order.hook.ts), so a metric of another system would never
 * have a reading and the fix could never be verified. A fault without a rule (or without a
 * system) may name any metric the platform knows.
 */
export async function evidenceMetricsFor(em: EntityManager, faultCode: string): Promise<string[]> {
  const rules = await em.find(FaultRule, {}, { filters: false });
  const system = rules.find((r) => r.faultCode === faultCode)?.system ?? null;
  const systems = system ? [system as SystemName] : (Object.keys(METRICS_BY_SYSTEM) as SystemName[]);
  const known = new Set(systems.flatMap((s) => METRICS_BY_SYSTEM[s] ?? []));
  for (const rule of rules) {
    if (system === null || rule.system === system) for (const metric of rule.metrics) known.add(metric);
  }
  return [...known].sort();
}
