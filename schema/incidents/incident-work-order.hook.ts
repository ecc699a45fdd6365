import type { EntityManager } from '@mikro-orm/postgresql';
import type { WorkOrder } from '../desk/work-orders/work-order.entity';
import { WorkOrderStatus } from '../desk/work-orders/work-order.enums';
import type { WorkOrderMoveHook } from '../desk/work-orders/work-order-move-hook';
import type { PublishedEvent } from '../monitoring/outbox/outbox.relay';
import { TelemetryQueryInputError } from '../../devices/telemetry/telemetry-query';
import { AppError } from '../common/app-error';
import { EmergencyPlan } from '../facilities/emergency-plans/emergency-plan.entity';
import { FaultRule } from '../monitoring/fault-rules/fault-rule.entity';
import { evidenceVerdict } from './evidence-range';
import type { IncidentsFromAlerts } from './incident-from-alerts';

const DONE = new Set([WorkOrderStatus.RESOLVED, WorkOrderStatus.VERIFIED, WorkOrderStatus.CLOSED]);

/** A work order resolved (or verified, closed): its alert-opened incident ends if its alerts cleared too. */
export class IncidentEndsWithWorkOrder implements WorkOrderMoveHook {
  constructor(private readonly incidents: IncidentsFromAlerts) {}

  async afterMove(em: EntityManager, workOrder: WorkOrder): Promise<PublishedEvent[]> {
    return DONE.has(workOrder.status) ? this.incidents.endWhenDone(em, { workOrderId: workOrder.id }) : [];
  }
}

/** Readings of one metric of one equipment, oldest first (devices/telemetry/telemetry-query.ts, injected). */
export type EvidenceReader = (query: {
  equipmentId: string;
  metric: string;
  from: Date;
  to: Date;
}) => Promise<Array<{ ts: Date; value: number }>>;

/**
 * The evidence rule: the work order of an alert-opened incident moves to VERIFIED only once its
 * plan's evidence metric has been back in range (evidence-range.ts) on its equipment for the
 * plan's `evidenceStableMinutes` (`defaultStableMinutes` when the plan names a metric but no
 * period). Otherwise INVALID_TRANSITION, naming the metric and how long is left: the move exists
 * but is not allowed yet, and the caller can retry later unchanged.
 */
export class IncidentEvidenceRule implements WorkOrderMoveHook {
  constructor(
    private readonly read: EvidenceReader,
    private readonly defaultStableMinutes: number,
  ) {}

  async beforeMove(em: EntityManager, workOrder: WorkOrder, to: WorkOrderStatus, at: Date): Promise<void> {
    if (to !== WorkOrderStatus.VERIFIED || !workOrder.equipment || !workOrder.emergencyPlan) return;
    const [incident] = await em.execute<Array<{ id: string }>>(
      `select id from incident where work_order_id = ? and source = 'ALERT' limit 1`,
      [workOrder.id],
    );
    if (!incident) return;
    const plan = await em.findOneOrFail(EmergencyPlan, { id: workOrder.emergencyPlan.id }, { filters: false });
    if (!plan.evidenceMetric) return;
    const metric = plan.evidenceMetric;
    const minutes = plan.evidenceStableMinutes ?? this.defaultStableMinutes;
    const rules = (await em.find(FaultRule, { enabled: true, kind: 'threshold' }, { filters: false })).filter((r) =>
      r.metrics.includes(metric),
    );
    const points = await this.readings(workOrder, metric, minutes, at);
    const verdict = evidenceVerdict(points, rules, minutes, at);
    if (verdict.ok) return;
    const why =
      verdict.reason === 'NO_READINGS'
        ? `no ${metric} reading in the last ${minutes} min`
        : `${metric} was out of range ${minutes - verdict.leftMinutes!} min ago, ${verdict.leftMinutes} min left`;
    throw new AppError(
      'INVALID_TRANSITION',
      `Work order ${workOrder.number} can be verified once ${metric} has been back in range for ${minutes} min: ${why}`,
      { from: workOrder.status, move: 'verify', metric, stableMinutes: minutes, leftMinutes: verdict.leftMinutes },
    );
  }

  /**
   * The evidence readings. InfluxDB not answering is UNAVAILABLE (as for `telemetry`,
   * schema/monitoring/telemetry/telemetry.resolver.ts): the move is refused, nothing changes,
   * and the same move can be retried once it answers; a query the reader rejects (the plan's
   * metric name) is BAD_USER_INPUT.
   */
  private async readings(
    workOrder: WorkOrder,
    metric: string,
    minutes: number,
    at: Date,
  ): Promise<Array<{ ts: Date; value: number }>> {
    try {
      return await this.read({
        equipmentId: workOrder.equipment!.id,
        metric,
        from: new Date(at.getTime() - minutes * 60_000),
        to: at,
      });
    } catch (error) {
      if (error instanceof TelemetryQueryInputError) {
        throw AppError.badInput(`the evidence metric ${metric} cannot be read: ${error.message}`, { metric });
      }
      throw new AppError(
        'UNAVAILABLE',
        `Work order ${workOrder.number}: the ${metric} evidence cannot be checked right now (InfluxDB did not answer); try again shortly`,
        { metric },
        { cause: error },
      );
    }
  }
}
