import { ref } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { OutboxEvent, OutboxTopic } from '../../monitoring/outbox/outbox-event.entity';
import type { OutboxRelay, PublishedEvent } from '../../monitoring/outbox/outbox.relay';
import { Role } from '../../staff/role.enum';
import { NotificationKind } from '../notifications/notification.entity';
import { WorkOrder } from './work-order.entity';
import { WorkOrderStatus } from './work-order.enums';
import { WORK_ORDER_PAYLOAD } from './work-order-payload';
import { WorkOrderTransition } from './work-order-transition.entity';

/** One escalation level: which work orders reach it, and whom it tells. */
interface EscalationLevel {
  level: number;
  kind: NotificationKind;
  recipientRole: Role;
  /** the statuses in which the deadline still runs (ON_HOLD is not among them: its clock is paused) */
  statuses: readonly WorkOrderStatus[];
  /** the deadline column, and the column that says it was met */
  deadline: 'respond_by' | 'resolve_by';
  met: 'responded_at' | 'resolved_at';
  note: string;
}

/** Issue 8 "SLAs": not responded to by respondBy → the supervisor; unresolved at resolveBy → the manager. */
export const ESCALATION_LEVELS: readonly EscalationLevel[] = [
  {
    level: 1,
    kind: NotificationKind.RESPONSE_OVERDUE,
    recipientRole: Role.SUPERVISOR,
    statuses: [WorkOrderStatus.OPEN, WorkOrderStatus.DISPATCHED],
    deadline: 'respond_by',
    met: 'responded_at',
    note: 'escalated: not responded to by respondBy; supervisor notified',
  },
  {
    level: 2,
    kind: NotificationKind.RESOLUTION_OVERDUE,
    recipientRole: Role.MANAGER,
    statuses: [WorkOrderStatus.OPEN, WorkOrderStatus.DISPATCHED, WorkOrderStatus.IN_PROGRESS],
    deadline: 'resolve_by',
    met: 'resolved_at',
    note: 'escalated: not resolved by resolveBy; manager notified',
  },
];

export interface EscalationJobOptions {
  /** how often to look for work orders past a deadline; 0: never (tests call runOnce) */
  intervalMs: number;
  /** work orders escalated per level and run; the rest wait for the next run */
  batchSize: number;
}

/** What one run escalated: work order ids per level. */
export type EscalationResult = Record<number, string[]>;

/**
 * SLA escalation (issue 8): a deadline is missed once it has passed (`deadline < now`, as
 * `overdue` in work-order-sla.ts judges it). Each run raises the `escalationLevel` of the work orders past a
 * deadline, tells the level's role (a Notification), writes a history note and a
 * WORK_ORDER_CHANGED outbox row — all in one transaction, so a restart mid-run either finds
 * everything done or nothing. The claim is one conditional UPDATE over rows locked with
 * `FOR UPDATE SKIP LOCKED` whose condition includes the level not yet reached: two instances
 * never escalate one work order twice (the second skips the locked row, or re-checks it after
 * the first commits and finds the level reached), and a notification is unique per work order
 * and kind besides. Every escalation bumps `version`, so a person's move made on the version
 * before is CONFLICT and re-read.
 */
export class EscalationJob {
  private readonly options: EscalationJobOptions;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly orm: MikroORM,
    private readonly relay: Pick<OutboxRelay, 'publishCommitted'>,
    private readonly onError: (error: unknown) => void,
    options: Partial<EscalationJobOptions> = {},
    private readonly now: () => Date = () => new Date(),
  ) {
    this.options = { intervalMs: 15_000, batchSize: 500, ...options };
  }

  start(): void {
    if (this.timer || this.options.intervalMs <= 0) return;
    this.timer = setInterval(() => this.tick(), this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private tick(): void {
    if (this.running) return; // the previous run is still going: this one would find nothing new
    this.running = this.runOnce(this.now())
      .catch(this.onError)
      .finally(() => {
        this.running = null;
      });
  }

  /** One run at `now` (tests pass their own clock). */
  async runOnce(now: Date): Promise<EscalationResult> {
    const outbox: PublishedEvent[] = [];
    const result = await this.orm.em.fork().transactional(async (em) => {
      const escalated: EscalationResult = {};
      const changed = new Set<string>();
      for (const level of ESCALATION_LEVELS) {
        escalated[level.level] = await this.escalate(em, level, now);
        escalated[level.level].forEach((id) => changed.add(id));
      }
      if (changed.size === 0) return escalated;
      const workOrders = await em.find(
        WorkOrder,
        { id: { $in: [...changed] } },
        { populate: WORK_ORDER_PAYLOAD, refresh: true, filters: false },
      );
      for (const workOrder of workOrders) {
        const event = em.create(OutboxEvent, { topic: OutboxTopic.WORK_ORDER_CHANGED, subjectId: workOrder.id });
        outbox.push({ event, subject: workOrder });
      }
      await em.flush();
      return escalated;
    });
    await this.relay.publishCommitted(outbox);
    return result;
  }

  private async escalate(em: EntityManager, level: EscalationLevel, now: Date): Promise<string[]> {
    const statuses = level.statuses.map((s) => `'${s}'`).join(', ');
    const rows = await em.execute<Array<{ id: string; status: WorkOrderStatus }>>(
      `update work_order w set escalation_level = ?, version = w.version + 1, updated_at = ?
       from (select id from work_order
             where status in (${statuses}) and ${level.met} is null and ${level.deadline} < ?
               and escalation_level < ?
             order by ${level.deadline}, id limit ?
             for update skip locked) due
       where w.id = due.id
       returning w.id, w.status`,
      [level.level, now, now, level.level, this.options.batchSize],
    );
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    await em.execute(
      `insert into notification (id, work_order_id, kind, recipient_role, site_id, created_at)
       select gen_random_uuid(), w.id, ?::notification_kind, ?::staff_role, w.site_id, ?::timestamptz from work_order w
       where w.id in (${ids.map(() => '?').join(', ')})
       on conflict (work_order_id, kind) do nothing`,
      [level.kind, level.recipientRole, now, ...ids],
    );
    // level 2's line 1 ms after level 1's: a run that reaches both keeps them in order in the history
    const lineAt = new Date(now.getTime() + level.level - 1);
    for (const row of rows) {
      em.create(WorkOrderTransition, {
        workOrder: ref(WorkOrder, row.id),
        at: lineAt,
        from: row.status,
        to: row.status,
        by: null,
        note: level.note,
      });
    }
    return ids;
  }
}
