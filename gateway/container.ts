import type { PubSub } from '@graphql-yoga/subscription';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { InfluxDB } from 'influx';
import type { ContainerType } from 'type-graphql';
import type { FaultEvent } from '../devices/faults/fault-types';
import { queryTelemetry } from '../devices/telemetry/telemetry-query';
import { AnnouncementFeedService } from '../schema/announcements/announcement-feed.service';
import { AnnouncementIncidentListener } from '../schema/announcements/announcement-incident.listener';
import { AnnouncementResolver, IncidentAnnouncementsResolver } from '../schema/announcements/announcement.resolver';
import { AnnouncementService } from '../schema/announcements/announcement.service';
import { AuditLog } from '../schema/audit/audit-log.service';
import { AuditResolver } from '../schema/audit/audit.resolver';
import { CallbackResolver } from '../schema/callbacks/callback.resolver';
import { CallbacksOfCancelledWorkOrder } from '../schema/callbacks/callback-cancel';
import { CallbackScheduler } from '../schema/callbacks/callback-scheduler';
import { CallbackService } from '../schema/callbacks/callback.service';
import { DEFAULT_CALLBACK_TIMING, type CallbackTiming } from '../schema/callbacks/callback-timing';
import { PeriodicCallbackJob } from '../schema/callbacks/periodic-callback.job';
import { SlaPolicyResolver } from '../schema/desk/sla/sla-policy.resolver';
import { SlaService } from '../schema/desk/sla/sla.service';
import { OPEN_ITEM_SOURCES } from '../schema/desk/shifts/open-items';
import { ShiftResolver } from '../schema/desk/shifts/shift.resolver';
import { ShiftService } from '../schema/desk/shifts/shift.service';
import { WorkOrderOpening } from '../schema/desk/work-orders/work-order-opening';
import { NotificationResolver } from '../schema/desk/notifications/notification.resolver';
import { EscalationJob } from '../schema/desk/work-orders/escalation.job';
import { WorkOrderHistoryResolver, WorkOrderResolver } from '../schema/desk/work-orders/work-order.resolver';
import { WorkOrderService } from '../schema/desk/work-orders/work-order.service';
import { WorkOrderSubscriptionsResolver } from '../schema/desk/work-orders/work-order-subscriptions.resolver';
import { WorkOrderTransitionService } from '../schema/desk/work-orders/work-order-transition.service';
import { BuildingResolver } from '../schema/estate/buildings/building.resolver';
import { DeviceRegistry } from '../schema/facilities/devices/device-registry';
import { DeviceResolver } from '../schema/facilities/devices/device.resolver';
import { DeviceService } from '../schema/facilities/devices/device.service';
import { EmergencyPlanResolver } from '../schema/facilities/emergency-plans/emergency-plan.resolver';
import { EmergencyPlanService } from '../schema/facilities/emergency-plans/emergency-plan.service';
import { EquipmentResolver } from '../schema/facilities/equipment/equipment.resolver';
import { EquipmentServesResolver } from '../schema/facilities/equipment/equipment-serves.resolver';
import { EquipmentServesService } from '../schema/facilities/equipment/equipment-serves.service';
import {
  IncidentCallsResolver,
  IncidentRequestsResolver,
  IncidentResolver,
  IncidentUnitsResolver,
} from '../schema/incidents/incident.resolver';
import type { IncidentListener } from '../schema/incidents/incident-listener';
import { IncidentActivation } from '../schema/incidents/incident-activation';
import { IncidentActivationJob } from '../schema/incidents/incident-activation.job';
import { IncidentService } from '../schema/incidents/incident.service';
import { IncidentSubscriptionsResolver } from '../schema/incidents/incident-subscriptions.resolver';
import { linkCallToIncidents } from '../schema/incidents/incident-calls';
import { CallIncidentsResolver, RequestIncidentResolver } from '../schema/incidents/call-incidents.resolver';
import { IncidentsFromAlerts } from '../schema/incidents/incident-from-alerts';
import { IncidentEndsWithWorkOrder, IncidentEvidenceRule } from '../schema/incidents/incident-work-order.hook';
import { EquipmentService } from '../schema/facilities/equipment/equipment.service';
import { KpiResolver } from '../schema/kpis/kpi.resolver';
import { KpiService } from '../schema/kpis/kpi.service';
import { CallResolver } from '../schema/hotline/calls/call.resolver';
import { CallService } from '../schema/hotline/calls/call.service';
import { ServiceRequestResolver } from '../schema/hotline/requests/service-request.resolver';
import { ServiceRequestService } from '../schema/hotline/requests/service-request.service';
import { AlertResolver } from '../schema/monitoring/alerts/alert.resolver';
import { AlertService } from '../schema/monitoring/alerts/alert.service';
import { OutboxRelay, type OutboxRelayOptions } from '../schema/monitoring/outbox/outbox.relay';
import { MonitoringSubscriptionsResolver } from '../schema/monitoring/subscriptions.resolver';
import { TelemetryResolver } from '../schema/monitoring/telemetry/telemetry.resolver';
import { EstateService } from '../schema/estate/estate.service';
import { SiteResolver } from '../schema/estate/sites/site.resolver';
import { UnitResolver } from '../schema/estate/units/unit.resolver';
import { UnitService } from '../schema/estate/units/unit.service';
import { OccupancyResolver } from '../schema/residents/occupancy.resolver';
import { ResidentResolver } from '../schema/residents/resident.resolver';
import { ResidentService } from '../schema/residents/resident.service';
import { RosterExportService } from '../schema/residents/roster/roster-export.service';
import { DEFAULT_IMPORT_LIMITS, RosterImportService } from '../schema/residents/roster/roster-import.service';
import { RosterResolver } from '../schema/residents/roster/roster.resolver';
import { StaffResolver } from '../schema/staff/admin/staff.resolver';
import { StaffService } from '../schema/staff/admin/staff.service';
import { AuthResolver } from '../schema/staff/auth/auth.resolver';
import { StaffAuthChecker } from '../schema/staff/auth/auth-checker';
import { AuthService } from '../schema/staff/auth/auth.service';
import { HashingSlots } from '../schema/staff/auth/hashing-slots';
import { LoginThrottle } from '../schema/staff/auth/login-throttle';
import { TokenService } from '../schema/staff/auth/token.service';
import { AccountCache } from '../schema/staff/sessions/account-cache';
import { SessionService } from '../schema/staff/sessions/session.service';
import { SessionStore } from '../schema/staff/sessions/session.store';
import { type Log, errorFields } from '../devices/log';
import { OverviewResponseCache } from './graphql/overview-cache';

/**
 * The composition root: every service and resolver is built here, once, with its
 * dependencies passed to its constructor (no DI framework, no module-global singletons).
 */
export function buildServices(deps: {
  /** API requests */
  orm: MikroORM;
  /** the alert path: fault events, the outbox relay, device credentials (gateway/database.ts) */
  backgroundOrm: MikroORM;
  /** runs alert-path work ahead of API requests when they share one connection */
  alertPathFirst<T>(work: () => T): T;
  influx: InfluxDB;
  pubSub: PubSub<Record<string, [unknown]>>;
  jwtSecret: string;
  log: Log;
  /** counts what reaches subscribers (gateway/metrics.ts) */
  onPublished: (topic: string) => void;
  /** the relay's sender name and whether other instances listen, plus any timing overrides */
  outbox: Partial<OutboxRelayOptions>;
  /** whether account changes of other instances reach this one now (gateway/events/account-listener.ts) */
  accountChangesLive: () => boolean;
  /** how often the SLA escalation job runs (0: never); default 15 s */
  escalationIntervalMs?: number;
  /** how often planned incidents whose start has come turn ACTIVE (0: never); default 15 s */
  incidentActivationIntervalMs?: number;
  /** the evidence rule's stable period when a plan names none (schema/incidents/incident-work-order.hook.ts); default 10 */
  evidenceStableMinutes?: number;
  /** the platform's clock: SLA deadlines, `overdue`, escalation (tests may pass their own) */
  now?: () => Date;
  /** when callbacks fall due (gateway/config.ts CALLBACK_*) */
  callbackTiming?: Partial<CallbackTiming>;
  /** the monthly callback sample: residents per site, and how often it checks its month (0: never) */
  callbackSample?: { perSite: number; intervalMs: number };
}) {
  const { orm, backgroundOrm, influx, pubSub, log } = deps;
  const tokens = new TokenService(deps.jwtSecret);
  const sessionStore = new SessionStore(orm);
  // Account state per session, checked at every request: 10,000 sessions is far more than the
  // staff of a service centre; the age bound only limits what a lost notification could leave.
  const accountCache = new AccountCache((claims) => sessionStore.read(claims), {
    maxEntries: 10_000,
    maxAgeMs: 5 * 60_000,
    live: deps.accountChangesLive,
    now: Date.now,
  });
  const sessions = new SessionService(tokens, sessionStore, accountCache);
  const registry = new DeviceRegistry(backgroundOrm);
  // The desk overview, cached whole: every published event empties it, so an answer is never
  // older than the last event. The age bound (10 s) only limits what a change made outside the
  // event stream can leave stale; a shorter one makes every open desk recompute more often.
  const overviewMaxAgeMs = 10_000;
  const overview = new OverviewResponseCache(new Set(['alerts']), overviewMaxAgeMs);
  const relay = new OutboxRelay(
    backgroundOrm,
    (topic, payload) => {
      overview.invalidate();
      pubSub.publish(topic, payload);
      deps.onPublished(topic);
    },
    (error) => log.error('outbox relay failed; retrying at the next sweep', errorFields(error)),
    deps.outbox,
  );
  const workOrders = new WorkOrderService();
  // every mutation's service writes its audit row through this, in the transaction of the change
  const audit = new AuditLog(orm);
  const now = deps.now ?? (() => new Date());
  const callbackTiming: CallbackTiming = { ...DEFAULT_CALLBACK_TIMING, ...deps.callbackTiming };
  // callbacks (回访) are scheduled in the transaction of what prompts them: a resolve, a move-in,
  // an incident's end
  const callbackScheduler = new CallbackScheduler(callbackTiming);
  // what else happens when an incident opens or ends (its announcement, its callers' callbacks):
  // the listeners are added below, once built; the list is shared by reference
  const incidentListeners: IncidentListener[] = [];
  const incidentsFromAlerts = new IncidentsFromAlerts(incidentListeners, now);
  const alerts = new AlertService(backgroundOrm, workOrders, relay, audit, now, incidentsFromAlerts);
  const transitions = new WorkOrderTransitionService(relay, audit, now, callbackScheduler, [
    new IncidentEvidenceRule((query) => queryTelemetry(influx, query), deps.evidenceStableMinutes ?? 10),
    new IncidentEndsWithWorkOrder(incidentsFromAlerts),
    // a cancelled work order's callbacks about its fix are cancelled with it
    new CallbacksOfCancelledWorkOrder(),
  ]);
  const callbacks = new CallbackService(transitions, relay, audit, now, callbackTiming);
  const periodicCallbacks = new PeriodicCallbackJob(
    backgroundOrm,
    callbackScheduler,
    (error) => log.error('the monthly callback sample failed; retrying at the next check', errorFields(error)),
    { perSite: deps.callbackSample?.perSite ?? 20, intervalMs: deps.callbackSample?.intervalMs ?? 3_600_000 },
    now,
  );
  // on the alert path's connections, like the relay: a busy API never delays an escalation
  const escalation = new EscalationJob(
    backgroundOrm,
    relay,
    (error) => log.error('SLA escalation failed; retrying at the next run', errorFields(error)),
    { intervalMs: deps.escalationIntervalMs ?? 15_000 },
    now,
  );
  /** the sensors' way in: fault events applied ahead of API requests (README "Limits") */
  const applyFaults = (events: FaultEvent[]) => deps.alertPathFirst(() => alerts.apply(events));
  const equipment = new EquipmentService(audit);
  // planned incidents turn ACTIVE once each: before reads (API connections) and by a periodic job
  // on the alert path's connections, like escalation
  const incidentActivation = new IncidentActivation(relay, incidentListeners);
  const incidents = new IncidentService(orm, relay, audit, incidentListeners, incidentActivation, now);
  const incidentActivationJob = new IncidentActivationJob(
    backgroundOrm,
    incidentActivation,
    (error, incidentId) =>
      log.error('activating a planned incident failed; retrying at the next run', {
        ...errorFields(error),
        incidentId,
      }),
    { intervalMs: deps.incidentActivationIntervalMs ?? 15_000 },
    now,
  );
  const devices = new DeviceService(registry, audit);
  // two scrypt computations at once (32 MiB each) on a 2-core machine, 16 sign-ins queued behind them
  const hashingSlots = new HashingSlots(2, 16);
  const auth = new AuthService(sessions, new LoginThrottle(), hashingSlots);
  const staff = new StaffService(sessions, audit);
  const estate = new EstateService(audit);
  const sla = new SlaService(audit);
  const calls = new CallService(audit, now, linkCallToIncidents);
  const serviceRequests = new ServiceRequestService(new WorkOrderOpening(sla), relay, audit);
  const units = new UnitService(audit);
  // what a closing shift lists: one small source per kind of open item
  const shifts = new ShiftService(audit, OPEN_ITEM_SOURCES, now);
  const announcements = new AnnouncementService(audit, now);
  // public feed and print page: each unit's/building's answer cached 30 s (at most one query per key per period)
  const announcementFeed = new AnnouncementFeedService(orm, { cacheMs: 30_000, maxCachedKeys: 10_000 }, now);
  // an ended incident's notices say "restored" for 2 hours, then leave the feed
  const announcementListener = new AnnouncementIncidentListener({ restoredGraceMs: 2 * 3600_000 });
  incidentListeners.push(announcementListener, callbackScheduler);
  const residents = new ResidentService(audit, now, callbackScheduler);
  const roster = new RosterResolver(
    new RosterImportService(audit, DEFAULT_IMPORT_LIMITS, now, callbackScheduler),
    new RosterExportService(),
  );

  const resolvers = new Map<unknown, object>([
    [AuthResolver, new AuthResolver(auth, sessions, audit)],
    [StaffResolver, new StaffResolver(staff)],
    [SiteResolver, new SiteResolver(estate)],
    [BuildingResolver, new BuildingResolver(estate)],
    [EquipmentResolver, new EquipmentResolver(equipment)],
    [EquipmentServesResolver, new EquipmentServesResolver(new EquipmentServesService(audit))],
    [IncidentResolver, new IncidentResolver(incidents)],
    [IncidentUnitsResolver, new IncidentUnitsResolver()],
    [CallIncidentsResolver, new CallIncidentsResolver()],
    [RequestIncidentResolver, new RequestIncidentResolver()],
    [IncidentSubscriptionsResolver, new IncidentSubscriptionsResolver()],
    [IncidentCallsResolver, new IncidentCallsResolver()],
    [IncidentRequestsResolver, new IncidentRequestsResolver()],
    [DeviceResolver, new DeviceResolver(devices)],
    // the desk overview shows plan titles: an edit empties this instance's answers (others' age out)
    [EmergencyPlanResolver, new EmergencyPlanResolver(new EmergencyPlanService(audit, () => overview.invalidate()))],
    [AlertResolver, new AlertResolver(alerts)],
    [WorkOrderResolver, new WorkOrderResolver(workOrders, transitions, now)],
    [WorkOrderHistoryResolver, new WorkOrderHistoryResolver()],
    [WorkOrderSubscriptionsResolver, new WorkOrderSubscriptionsResolver()],
    [NotificationResolver, new NotificationResolver()],
    [TelemetryResolver, new TelemetryResolver((query) => queryTelemetry(influx, query))],
    [MonitoringSubscriptionsResolver, new MonitoringSubscriptionsResolver()],
    [AuditResolver, new AuditResolver(audit)],
    [CallbackResolver, new CallbackResolver(callbacks)],
    [CallResolver, new CallResolver(calls)],
    [ServiceRequestResolver, new ServiceRequestResolver(serviceRequests)],
    [SlaPolicyResolver, new SlaPolicyResolver(sla)],
    [UnitResolver, new UnitResolver(units)],
    [ResidentResolver, new ResidentResolver(residents)],
    [OccupancyResolver, new OccupancyResolver()],
    [ShiftResolver, new ShiftResolver(shifts)],
    [AnnouncementResolver, new AnnouncementResolver(announcements)],
    [IncidentAnnouncementsResolver, new IncidentAnnouncementsResolver()],
    [RosterResolver, roster],
    [KpiResolver, new KpiResolver(new KpiService(now))],
    [StaffAuthChecker, new StaffAuthChecker()],
  ]);
  const container: ContainerType = {
    get(someClass) {
      const instance = resolvers.get(someClass);
      if (!instance)
        throw new Error(`${String((someClass as { name?: string }).name)} is not wired in gateway/container.ts`);
      return instance;
    },
  };
  return {
    tokens,
    sessions,
    accountCache,
    auth,
    hashingSlots,
    registry,
    relay,
    alerts,
    applyFaults,
    workOrders,
    transitions,
    escalation,
    callbackScheduler,
    callbacks,
    periodicCallbacks,
    devices,
    audit,
    sla,
    calls,
    serviceRequests,
    shifts,
    incidents,
    incidentActivation,
    incidentActivationJob,
    incidentListeners,
    container,
    overview,
    announcements,
    announcementFeed,
    /** what else happens when an incident opens or ends (schema/incidents/incident-listener.ts) */
    announcementListener,
  };
}

export type Services = ReturnType<typeof buildServices>;
