import { Announcement } from './announcements/announcement.entity';
import { AnnouncementUnit } from './announcements/announcement-unit.entity';
import { AuditEntry } from './audit/audit-entry.entity';
import { Callback, CallbackSample } from './callbacks/callback.entity';
import { Notification } from './desk/notifications/notification.entity';
import { Shift } from './desk/shifts/shift.entity';
import { SlaPolicy } from './desk/sla/sla-policy.entity';
import { WorkOrder } from './desk/work-orders/work-order.entity';
import { WorkOrderTransition } from './desk/work-orders/work-order-transition.entity';
import { Unit } from './estate/units/unit.entity';
import { Call } from './hotline/calls/call.entity';
import { ServiceRequest } from './hotline/requests/service-request.entity';
import { Incident } from './incidents/incident.entity';
import { Occupancy } from './residents/occupancy.entity';
import { Resident } from './residents/resident.entity';
import { Site } from './estate/sites/site.entity';
import { Building } from './estate/buildings/building.entity';
import { Device } from './facilities/devices/device.entity';
import { EmergencyPlan } from './facilities/emergency-plans/emergency-plan.entity';
import { Equipment } from './facilities/equipment/equipment.entity';
import { Alert } from './monitoring/alerts/alert.entity';
import { FaultRule } from './monitoring/fault-rules/fault-rule.entity';
import { OutboxEvent } from './monitoring/outbox/outbox-event.entity';
import { Staff } from './staff/staff.entity';
import { StaffSession } from './staff/sessions/staff-session.entity';
import { LoginThrottle } from './staff/auth/login-throttle.entity';

/** Every MikroORM entity, listed (no folder scanning: explicit and fast to start). */
export const ENTITIES = [
  Site,
  Building,
  Staff,
  Equipment,
  Device,
  EmergencyPlan,
  FaultRule,
  Alert,
  WorkOrder,
  WorkOrderTransition,
  Unit,
  Resident,
  Occupancy,
  Call,
  ServiceRequest,
  SlaPolicy,
  Notification,
  Incident,
  Shift,
  Announcement,
  AnnouncementUnit,
  Callback,
  CallbackSample,
  OutboxEvent,
  AuditEntry,
  StaffSession,
  LoginThrottle,
];
