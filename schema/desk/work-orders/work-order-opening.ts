import { ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Department } from '../../facilities/emergency-plans/department.enum';
import type { ServiceRequest } from '../../hotline/requests/service-request.entity';
import { RequestCategory } from '../../hotline/requests/service-request.enums';
import { OutboxEvent, OutboxTopic } from '../../monitoring/outbox/outbox-event.entity';
import type { PublishedEvent } from '../../monitoring/outbox/outbox.relay';
import { Staff } from '../../staff/staff.entity';
import type { SlaService } from '../sla/sla.service';
import { WorkOrder } from './work-order.entity';
import { WorkOrderPriority, WorkOrderSource, WorkOrderStatus } from './work-order.enums';
import { nextWorkOrderNumber } from './work-order-number';
import { recordOpening } from './work-order-history';

/** Where a request goes when the caller names no department. */
export const DEFAULT_DEPARTMENT: Record<RequestCategory, Department> = {
  [RequestCategory.REPAIR]: Department.ENGINEERING,
  [RequestCategory.COMPLAINT]: Department.CUSTOMER_SERVICE,
  [RequestCategory.BUSINESS]: Department.CUSTOMER_SERVICE,
  [RequestCategory.INQUIRY]: Department.CUSTOMER_SERVICE,
  [RequestCategory.SUGGESTION]: Department.CUSTOMER_SERVICE,
};

const CATEGORY_TITLE: Record<RequestCategory, string> = {
  [RequestCategory.INQUIRY]: 'Inquiry',
  [RequestCategory.BUSINESS]: 'Business',
  [RequestCategory.COMPLAINT]: 'Complaint',
  [RequestCategory.SUGGESTION]: 'Suggestion',
  [RequestCategory.REPAIR]: 'Repair',
};

export interface RequestWorkOrder {
  workOrder: WorkOrder;
  /** the WORK_ORDER_OPENED outbox row: publish it with the relay once the transaction commits */
  opened: PublishedEvent;
}

/**
 * Opens the one work order of a service request (service-desk contract `CreateServiceRequest`):
 * source SERVICE_REQUEST, OPEN, deadlines from the SLA policy of its category × priority at
 * `now` (`dueAt` is the response deadline), the request's unit, equipment and site, its first
 * history line and its WORK_ORDER_OPENED outbox row. Runs inside the caller's transaction and
 * adds to its unit of work; the caller flushes (`work_order.service_request_id` is unique, so
 * a second work order for the same request cannot commit).
 */
export class WorkOrderOpening {
  constructor(private readonly sla: SlaService) {}

  async forRequest(
    em: EntityManager,
    request: ServiceRequest,
    options: { priority: WorkOrderPriority | null; department: Department | null; byStaffId: string; now: Date },
  ): Promise<RequestWorkOrder> {
    const { now } = options;
    const priority = options.priority ?? WorkOrderPriority.NORMAL;
    const { respondBy, resolveBy } = await this.sla.deadlines(em, request.category, priority, now);
    const workOrder = em.create(WorkOrder, {
      number: await nextWorkOrderNumber(em, now),
      title: `${CATEGORY_TITLE[request.category]}: ${request.description}`.replace(/\s+/g, ' ').slice(0, 200),
      status: WorkOrderStatus.OPEN,
      priority,
      source: WorkOrderSource.SERVICE_REQUEST,
      department: options.department ?? DEFAULT_DEPARTMENT[request.category],
      dueAt: respondBy,
      respondBy,
      resolveBy,
      serviceRequest: request,
      unit: request.unit,
      equipment: request.equipment,
      site: request.site,
      createdAt: now,
      updatedAt: now,
    });
    recordOpening(em, workOrder, now, ref(Staff, options.byStaffId), `opened from ${request.number}`);
    const event = em.create(OutboxEvent, { topic: OutboxTopic.WORK_ORDER_OPENED, subjectId: workOrder.id });
    return { workOrder, opened: { event, subject: workOrder } };
  }
}
