import type { PubSub } from '@graphql-yoga/subscription';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { InfluxDB } from 'influx';
import type { ContainerType } from 'type-graphql';
import type { FaultEvent } from '../devices/faults/fault-types';
import { queryTelemetry } from '../devices/telemetry/telemetry-query';
import { WorkOrderResolver } from '../schema/desk/work-orders/work-order.resolver';
import { WorkOrderService } from '../schema/desk/work-orders/work-order.service';
import { BuildingResolver } from '../schema/estate/buildings/building.resolver';
import { DeviceRegistry } from '../schema/facilities/devices/device-registry';
import { DeviceResolver } from '../schema/facilities/devices/device.resolver';
import { DeviceService } from '../schema/facilities/devices/device.service';
import { EmergencyPlanResolver } from '../schema/facilities/emergency-plans/emergency-plan.resolver';
import { EquipmentResolver } from '../schema/facilities/equipment/equipment.resolver';
import { EquipmentService } from '../schema/facilities/equipment/equipment.service';
import { AlertResolver } from '../schema/monitoring/alerts/alert.resolver';
import { AlertService } from '../schema/monitoring/alerts/alert.service';
import { OutboxRelay, type OutboxRelayOptions } from '../schema/monitoring/outbox/outbox.relay';
import { MonitoringSubscriptionsResolver } from '../schema/monitoring/subscriptions.resolver';
import { TelemetryResolver } from '../schema/monitoring/telemetry/telemetry.resolver';
import { AuthResolver } from '../schema/staff/auth/auth.resolver';
import { StaffAuthChecker } from '../schema/staff/auth/auth-checker';
import { AuthService } from '../schema/staff/auth/auth.service';
import { TokenService } from '../schema/staff/auth/token.service';
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
}) {
  const { backgroundOrm, influx, pubSub, log } = deps;
  const tokens = new TokenService(deps.jwtSecret);
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
  const alerts = new AlertService(backgroundOrm, workOrders, relay);
  /** the sensors' way in: fault events applied ahead of API requests (README "Limits") */
  const applyFaults = (events: FaultEvent[]) => deps.alertPathFirst(() => alerts.apply(events));
  const equipment = new EquipmentService();
  const devices = new DeviceService(registry);
  const auth = new AuthService(tokens);

  const resolvers = new Map<unknown, object>([
    [AuthResolver, new AuthResolver(auth)],
    [BuildingResolver, new BuildingResolver()],
    [EquipmentResolver, new EquipmentResolver(equipment)],
    [DeviceResolver, new DeviceResolver(devices)],
    [EmergencyPlanResolver, new EmergencyPlanResolver()],
    [AlertResolver, new AlertResolver(alerts)],
    [WorkOrderResolver, new WorkOrderResolver(workOrders)],
    [TelemetryResolver, new TelemetryResolver((query) => queryTelemetry(influx, query))],
    [MonitoringSubscriptionsResolver, new MonitoringSubscriptionsResolver()],
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
  return { tokens, registry, relay, alerts, applyFaults, workOrders, devices, container, overview };
}

export type Services = ReturnType<typeof buildServices>;
