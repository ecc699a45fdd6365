import { ref, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditLog } from '../../audit/audit-log.service';
import { auditSnapshot } from '../../audit/audit-snapshot';
import { AppError } from '../../common/app-error';
import { findPage, type Page, type PageRequest } from '../../common/connection';
import type { Caller } from '../../context';
import { Notification, NotificationKind } from '../../desk/notifications/notification.entity';
import { WorkOrder } from '../../desk/work-orders/work-order.entity';
import { WorkOrderStatus } from '../../desk/work-orders/work-order.enums';
import { incidentToJoin } from '../../incidents/incident-requests';
import type { WorkOrderOpening } from '../../desk/work-orders/work-order-opening';
import type { OutboxRelay, PublishedEvent } from '../../monitoring/outbox/outbox.relay';
import { Role } from '../../staff/role.enum';
import { Staff } from '../../staff/staff.entity';
import { ServiceRequest } from './service-request.entity';
import { RequestCategory, ServiceRequestStatus } from './service-request.enums';
import type { CreateServiceRequestInput, ServiceRequestFilter } from './service-request.inputs';
import { nextServiceRequestNumber } from './service-request-number';
import { requestLinks } from './service-request-links';

/** a work order no request can join: nothing will end the request with it */
const FINISHED: ReadonlySet<WorkOrderStatus> = new Set([WorkOrderStatus.CLOSED, WorkOrderStatus.CANCELLED]);

/** An inquiry answered on the spot and a suggestion are recorded and closed: no work order. */
export function closedOnFiling(category: RequestCategory, answer: string | null): boolean {
  return category === RequestCategory.SUGGESTION || (category === RequestCategory.INQUIRY && answer !== null);
}

/**
 * Service requests (service-desk contract `CreateServiceRequest`). `em` is the caller's, scoped
 * to their sites: a call, resident, unit or equipment they may not see is NOT_FOUND.
 */
export class ServiceRequestService {
  constructor(
    private readonly opening: WorkOrderOpening,
    private readonly relay: OutboxRelay,
    private readonly audit: AuditLog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Files a request and, unless it is closed on filing, opens its one work order; a complaint
   * also notifies the hotline manager of its site. The request, the work order, its first
   * history line, the notification, the outbox row and the audit row are one transaction; the
   * WORK_ORDER_OPENED event is published after the commit (the relay's sweep covers a crash).
   */
  async create(em: EntityManager, caller: Caller, input: CreateServiceRequestInput): Promise<ServiceRequest> {
    const description = input.description.trim();
    if (!description) throw AppError.badInput('description must not be blank');
    const answer = input.answer?.trim() ? input.answer.trim() : null;
    const published: PublishedEvent[] = [];
    const request = await em.transactional(async (tx) => {
      const now = this.now();
      const links = await requestLinks(tx, input, caller.siteIds);
      const closed = closedOnFiling(input.category, answer);
      const incident = input.incidentId ? await incidentToJoin(tx, input.incidentId) : null;
      if (incident && links.site && links.site.id !== incident.site.id) {
        throw AppError.badInput('the request and the incident it joins must be of one site');
      }
      const request = tx.create(ServiceRequest, {
        number: await nextServiceRequestNumber(tx, now),
        category: input.category,
        status: closed ? ServiceRequestStatus.CLOSED : ServiceRequestStatus.OPEN,
        description,
        answer,
        ...links,
        site: links.site ?? incident?.site ?? null,
        incident,
        createdBy: tx.getReference(Staff, caller.staffId),
        department: input.department ?? null,
        createdAt: now,
        closedAt: closed ? now : null,
      });
      let workOrder: WorkOrder | null = null;
      const shared =
        !closed && incident?.workOrder
          ? await tx.findOneOrFail(WorkOrder, { id: incident.workOrder.id }, { filters: false })
          : null;
      if (shared && !FINISHED.has(shared.status)) {
        // it joins the incident's work order: no duplicate for the same interruption
        workOrder = shared;
        request.department = workOrder.department;
      } else if (!closed) {
        // no work order to share — or the incident's is closed or cancelled while the incident
        // lasts, and a request joined to it would stay open with nothing to end it: its own
        const opened = await this.opening.forRequest(tx, request, {
          priority: input.priority ?? null,
          department: input.department ?? null,
          byStaffId: caller.staffId,
          now,
        });
        workOrder = opened.workOrder;
        request.department = workOrder.department;
        if (incident && !incident.workOrder) incident.workOrder = ref(workOrder);
        published.push(opened.opened);
      }
      if (workOrder && request.category === RequestCategory.COMPLAINT) {
        // every complaint is told, one that joined an incident's work order too; that work order is
        // shared (it may carry a complaint's notice already: one per work order and kind), so a
        // joined complaint's notice is about the request alone
        const joined = workOrder.serviceRequest?.id !== request.id;
        tx.create(Notification, {
          workOrder: joined ? null : workOrder,
          serviceRequest: request,
          kind: NotificationKind.COMPLAINT_FILED,
          recipientRole: Role.HOTLINE_MANAGER,
          site: request.site,
          createdAt: now,
        });
      }
      this.audit.record(tx, caller, {
        action: 'serviceRequest.create',
        entityType: 'ServiceRequest',
        entityId: request.id,
        before: null,
        after: { ...auditSnapshot(request), workOrder: workOrder?.id ?? null, incident: incident?.id ?? null },
      });
      return request;
    });
    await this.relay.publishCommitted(published);
    return request;
  }

  async get(em: EntityManager, id: string): Promise<ServiceRequest> {
    const request = await em.findOne(ServiceRequest, { id });
    if (!request) throw AppError.notFound('ServiceRequest', id);
    return request;
  }

  /** Newest first. */
  list(em: EntityManager, filter: ServiceRequestFilter, page: PageRequest): Promise<Page<ServiceRequest>> {
    const where: FilterQuery<ServiceRequest> = {};
    if (filter.residentId) where.resident = filter.residentId;
    if (filter.callId) where.call = filter.callId;
    if (filter.category) where.category = filter.category;
    if (filter.open === true) where.status = ServiceRequestStatus.OPEN;
    if (filter.open === false) where.status = { $ne: ServiceRequestStatus.OPEN };
    return findPage(em, ServiceRequest, where, page, { orderBy: { createdAt: 'desc', id: 'asc' } });
  }
}
