/**
 * Work orders in any state, written through MikroORM into the real database (as an alert or a
 * service request would open them, then moved along), so a test can start from any status.
 */
import { ref } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import { WorkOrder } from '../../schema/desk/work-orders/work-order.entity';
import { WorkOrderPriority, WorkOrderSource, WorkOrderStatus } from '../../schema/desk/work-orders/work-order.enums';
import { nextWorkOrderNumber } from '../../schema/desk/work-orders/work-order-number';
import { WorkOrderTransition } from '../../schema/desk/work-orders/work-order-transition.entity';
import { Site } from '../../schema/estate/sites/site.entity';
import { Department } from '../../schema/facilities/emergency-plans/department.enum';
import { ServiceRequest } from '../../schema/hotline/requests/service-request.entity';
import { RequestCategory } from '../../schema/hotline/requests/service-request.enums';
import { Staff } from '../../schema/staff/staff.entity';

export interface WorkOrderSeed {
  status?: WorkOrderStatus;
  /** the assigned technician (default: none) */
  assigneeId?: string | null;
  /** default HG, the demo site; null: no site */
  siteCode?: string | null;
  /** the clock the work order was opened at (default: now) */
  openedAt?: Date;
  respondMinutes?: number;
  resolveMinutes?: number;
  /** with a service request (filed by `createdById`) */
  withRequestBy?: string;
}

export interface SeededWorkOrder {
  id: string;
  number: string;
  version: number;
  serviceRequestId: string | null;
}

const S = WorkOrderStatus;

export async function createWorkOrder(orm: MikroORM, seed: WorkOrderSeed = {}): Promise<SeededWorkOrder> {
  const em = orm.em.fork();
  const status = seed.status ?? S.OPEN;
  const openedAt = seed.openedAt ?? new Date();
  const minutes = (m: number) => new Date(openedAt.getTime() + m * 60_000);
  const siteCode = seed.siteCode === undefined ? 'HG' : seed.siteCode;
  const site = siteCode === null ? null : await em.findOneOrFail(Site, { code: siteCode }, { filters: false });
  const respondBy = minutes(seed.respondMinutes ?? 30);
  const worked = [S.IN_PROGRESS, S.ON_HOLD, S.RESOLVED, S.VERIFIED, S.CLOSED].includes(status);
  const resolved = [S.RESOLVED, S.VERIFIED, S.CLOSED].includes(status);
  const number = await nextWorkOrderNumber(em, openedAt);
  const request = seed.withRequestBy
    ? em.create(ServiceRequest, {
        number: number.replace('WO-', 'SR-'),
        category: RequestCategory.REPAIR,
        description: 'the tap in the kitchen drips',
        createdBy: ref(Staff, seed.withRequestBy),
        site,
        createdAt: openedAt,
      })
    : null;
  const workOrder = em.create(WorkOrder, {
    number,
    title: `test work order ${number}`,
    priority: WorkOrderPriority.NORMAL,
    source: request ? WorkOrderSource.SERVICE_REQUEST : WorkOrderSource.MANUAL,
    department: Department.ENGINEERING,
    status,
    dueAt: respondBy,
    respondBy,
    resolveBy: minutes(seed.resolveMinutes ?? 24 * 60),
    respondedAt: worked ? minutes(1) : null,
    resolvedAt: resolved ? minutes(2) : null,
    holdStartedAt: status === S.ON_HOLD ? minutes(2) : null,
    finishedAt: status === S.CLOSED || status === S.CANCELLED ? minutes(3) : null,
    assignee: seed.assigneeId ? ref(Staff, seed.assigneeId) : null,
    site,
    serviceRequest: request,
    createdAt: openedAt,
    updatedAt: openedAt,
  });
  em.create(WorkOrderTransition, {
    workOrder,
    at: openedAt,
    from: null,
    to: S.OPEN,
    by: null,
    note: 'opened by a test',
  });
  await em.flush();
  return { id: workOrder.id, number, version: workOrder.version, serviceRequestId: request?.id ?? null };
}

/** The demo account `username`'s id. */
export async function staffId(orm: MikroORM, username: string): Promise<string> {
  const [row] = await orm.em
    .fork()
    .execute<Array<{ id: string }>>('select id from staff where username = ?', [username]);
  if (!row) throw new Error(`no staff ${username}`);
  return row.id;
}
