import type { EntityManager } from '@mikro-orm/postgresql';
import { hashDevicePassword } from '../../devices/broker/credentials';
import { DEFAULT_EVENT_RULES, DEFAULT_FAULT_RULES } from '../../devices/faults/default-rules';
import { Building } from '../../schema/estate/buildings/building.entity';
import { Site } from '../../schema/estate/sites/site.entity';
import { Device } from '../../schema/facilities/devices/device.entity';
import { EmergencyPlan } from '../../schema/facilities/emergency-plans/emergency-plan.entity';
import { Equipment } from '../../schema/facilities/equipment/equipment.entity';
import { FaultRule } from '../../schema/monitoring/fault-rules/fault-rule.entity';
import { Severity } from '../../schema/monitoring/severity.enum';
import { EquipmentSystem } from '../../schema/facilities/equipment/equipment-system.enum';
import { hashPassword } from '../../schema/staff/auth/password';
import { Staff } from '../../schema/staff/staff.entity';
import { DEFAULT_EMERGENCY_PLANS } from './default-emergency-plans';
import { DEFAULT_EVENT_PLANS } from './default-event-plans';
import { DEFAULT_PLAN_SUPPLY } from './default-plan-supply';
import { DEMO_BUILDINGS, DEMO_EQUIPMENT, DEMO_SITE, DEMO_STAFF } from './demo-estate';

/**
 * The default fault rules, device event rules and emergency plans (devices/CONTRACT.md): every
 * default whose fault code is missing is added, so a database seeded by an older release gains
 * the defaults added since (the event rules, say). Rules and plans already there are never
 * touched: operators edit them. To retire a default rule, disable it — a deleted one comes back.
 */
export async function seedDefaults(em: EntityManager): Promise<{ rules: number; plans: number }> {
  let rules = 0;
  let plans = 0;
  const ruleCodes = new Set((await em.find(FaultRule, {}, { fields: ['faultCode'] })).map((r) => r.faultCode));
  for (const rule of [...DEFAULT_FAULT_RULES, ...DEFAULT_EVENT_RULES]) {
    if (ruleCodes.has(rule.faultCode)) continue;
    em.create(FaultRule, {
      faultCode: rule.faultCode,
      kind: rule.kind ?? 'threshold',
      system: rule.system as EquipmentSystem | null,
      metrics: rule.metrics,
      condition: rule.condition,
      low: rule.low,
      high: rule.high,
      clearLow: rule.clearLow,
      clearHigh: rule.clearHigh,
      highFromRatedCurrent: rule.highFromRatedCurrent,
      clearRatio: rule.clearRatio ?? null,
      onDelayS: rule.onDelayS,
      offDelayS: rule.offDelayS,
      severity: rule.severity as Severity,
      seasonStart: rule.seasonStart,
      seasonEnd: rule.seasonEnd,
      enabled: rule.enabled,
    });
    rules++;
  }
  const planCodes = new Set((await em.find(EmergencyPlan, {}, { fields: ['faultCode'] })).map((p) => p.faultCode));
  for (const plan of [...DEFAULT_EMERGENCY_PLANS, ...DEFAULT_EVENT_PLANS]) {
    if (planCodes.has(plan.faultCode)) continue;
    em.create(EmergencyPlan, { ...plan, ...DEFAULT_PLAN_SUPPLY[plan.faultCode] });
    plans++;
  }
  await em.flush();
  return { rules, plans };
}

/**
 * The demo estate and one account per role, on a database with no site yet (only with DEMO on,
 * which production refuses: gateway/config.ts). Device passwords come from `devicePassword` so the simulator can derive them.
 */
export async function seedDemoEstate(
  em: EntityManager,
  demoPassword: string,
  devicePassword: (deviceId: string) => string,
): Promise<boolean> {
  if ((await em.count(Site)) > 0) return false;
  const site = em.create(Site, DEMO_SITE);
  const buildings = new Map(DEMO_BUILDINGS.map((b) => [b.code, em.create(Building, { ...b, site })]));
  for (const item of DEMO_EQUIPMENT) {
    const building = buildings.get(item.building)!;
    const equipment = em.create(Equipment, {
      building,
      code: item.code,
      name: item.name,
      system: item.system,
      kind: item.kind,
      ratedCurrentA: item.ratedCurrentA,
    });
    em.create(Device, {
      deviceId: item.deviceId,
      equipment,
      siteCode: site.code,
      buildingCode: building.code,
      system: item.system,
      intervalS: item.intervalS,
      passwordHash: await hashDevicePassword(devicePassword(item.deviceId)),
    });
  }
  const passwordHash = await hashPassword(demoPassword);
  // every demo account belongs to the demo site (a MANAGER sees every site anyway)
  for (const person of DEMO_STAFF) em.create(Staff, { ...person, passwordHash, sites: [site] });
  await em.flush();
  return true;
}
