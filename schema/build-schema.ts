import type { PubSub } from '@graphql-yoga/subscription';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type ContainerType } from 'type-graphql';
import { AnnouncementResolver, IncidentAnnouncementsResolver } from './announcements/announcement.resolver';
import { AuditResolver } from './audit/audit.resolver';
import { CallbackResolver } from './callbacks/callback.resolver';
import { SlaPolicyResolver } from './desk/sla/sla-policy.resolver';
import { NotificationResolver } from './desk/notifications/notification.resolver';
import { ShiftResolver } from './desk/shifts/shift.resolver';
import { WorkOrderHistoryResolver, WorkOrderResolver } from './desk/work-orders/work-order.resolver';
import { WorkOrderSubscriptionsResolver } from './desk/work-orders/work-order-subscriptions.resolver';
import { BuildingResolver } from './estate/buildings/building.resolver';
import { SiteResolver } from './estate/sites/site.resolver';
import { UnitResolver } from './estate/units/unit.resolver';
import { DeviceResolver } from './facilities/devices/device.resolver';
import { EmergencyPlanResolver } from './facilities/emergency-plans/emergency-plan.resolver';
import { EquipmentResolver } from './facilities/equipment/equipment.resolver';
import { KpiResolver } from './kpis/kpi.resolver';
import { EquipmentServesResolver } from './facilities/equipment/equipment-serves.resolver';
import {
  IncidentCallsResolver,
  IncidentRequestsResolver,
  IncidentResolver,
  IncidentUnitsResolver,
} from './incidents/incident.resolver';
import { CallIncidentsResolver, RequestIncidentResolver } from './incidents/call-incidents.resolver';
import { IncidentSubscriptionsResolver } from './incidents/incident-subscriptions.resolver';
import { CallResolver } from './hotline/calls/call.resolver';
import { ServiceRequestResolver } from './hotline/requests/service-request.resolver';
import { AlertResolver } from './monitoring/alerts/alert.resolver';
import { MonitoringSubscriptionsResolver } from './monitoring/subscriptions.resolver';
import { TelemetryResolver } from './monitoring/telemetry/telemetry.resolver';
import { OccupancyResolver } from './residents/occupancy.resolver';
import { ResidentResolver } from './residents/resident.resolver';
import { RosterResolver } from './residents/roster/roster.resolver';
import { StaffResolver } from './staff/admin/staff.resolver';
import { AuthResolver } from './staff/auth/auth.resolver';
import { StaffAuthChecker } from './staff/auth/auth-checker';

export const RESOLVERS = [
  AuthResolver,
  StaffResolver,
  SiteResolver,
  BuildingResolver,
  EquipmentResolver,
  DeviceResolver,
  EmergencyPlanResolver,
  AlertResolver,
  WorkOrderResolver,
  WorkOrderHistoryResolver,
  WorkOrderSubscriptionsResolver,
  NotificationResolver,
  TelemetryResolver,
  MonitoringSubscriptionsResolver,
  AuditResolver,
  CallResolver,
  ServiceRequestResolver,
  SlaPolicyResolver,
  UnitResolver,
  ResidentResolver,
  CallbackResolver,
  OccupancyResolver,
  ShiftResolver,
  AnnouncementResolver,
  IncidentAnnouncementsResolver,
  RosterResolver,
  KpiResolver,
  EquipmentServesResolver,
  IncidentResolver,
  IncidentUnitsResolver,
  IncidentCallsResolver,
  IncidentRequestsResolver,
  CallIncidentsResolver,
  RequestIncidentResolver,
  IncidentSubscriptionsResolver,
] as const;

export type ResolverClass = (typeof RESOLVERS)[number];

/**
 * Builds the executable schema. `container` hands out resolver instances built in the
 * composition root (constructor injection, gateway/container.ts).
 */
export function buildFacilityDeskSchema(options: {
  container: ContainerType;
  pubSub: PubSub<Record<string, [unknown]>>;
  emitSchemaFile?: string | false;
}): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [...RESOLVERS] as unknown as [ResolverClass, ...ResolverClass[]],
    container: options.container,
    authChecker: StaffAuthChecker,
    pubSub: options.pubSub,
    validate: { forbidUnknownValues: false },
    emitSchemaFile: options.emitSchemaFile ? { path: options.emitSchemaFile, sortedSchema: true } : false,
  });
}
