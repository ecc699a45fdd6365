import type { AnnouncementTemplate } from '../../schema/facilities/emergency-plans/emergency-plan.entity';

export interface PlanSupply {
  interruptsSupply: boolean;
  evidenceMetric: string | null;
  evidenceStableMinutes: number | null;
  announcementTemplate: AnnouncementTemplate | null;
}

const template = (title: string, titleZh: string, body: string, bodyZh: string): AnnouncementTemplate => ({
  title,
  titleZh,
  body,
  bodyZh,
});

const WATER = template(
  'Water supply interrupted',
  '停水通知',
  'The water supply to your home is interrupted by a fault; our engineers are repairing it. We will tell you when it is restored.',
  '因设备故障，您所在单元暂停供水，工程人员正在抢修，恢复供水后将另行通知。',
);
const POWER = template(
  'Power supply interrupted',
  '停电通知',
  'The power supply to your home is interrupted by a fault; our engineers are repairing it. We will tell you when it is restored.',
  '因设备故障，您所在单元暂停供电，工程人员正在抢修，恢复供电后将另行通知。',
);
const HEATING = template(
  'Heating interrupted',
  '供暖中断通知',
  'The heating supply to your home is below temperature because of a fault; our engineers are repairing it. We will tell you when it is restored.',
  '因设备故障，您所在单元供暖温度不足，工程人员正在抢修，恢复后将另行通知。',
);

/**
 * Which default faults interrupt supply to the units their equipment serves (so their alert opens
 * an incident), which metric must be back in range, and for how long, before the fix may be
 * verified, and what residents are told. Loss of pressure, a pump, a phase or a breaker, and a
 * heating supply too cold stop supply by themselves. A leak does not: shutting the supply off is a
 * decision staff take on site (the leak plans' steps), after which they open a manual incident; a
 * site whose valves isolate automatically sets `interruptsSupply` on the leak plans.
 * Events (PUMP_FAULT, BREAKER_TRIP) carry no reading of their own: the evidence is the pressure or
 * the voltage the same equipment reports.
 */
export const DEFAULT_PLAN_SUPPLY: Record<string, PlanSupply> = {
  WATER_PRESSURE_LOW: {
    interruptsSupply: true,
    evidenceMetric: 'pressure_kpa',
    evidenceStableMinutes: 10,
    announcementTemplate: WATER,
  },
  PUMP_FAULT: {
    interruptsSupply: true,
    evidenceMetric: 'pressure_kpa',
    evidenceStableMinutes: 10,
    announcementTemplate: WATER,
  },
  POWER_PHASE_LOSS: {
    interruptsSupply: true,
    evidenceMetric: 'voltage_l1_v',
    evidenceStableMinutes: 5,
    announcementTemplate: POWER,
  },
  BREAKER_TRIP: {
    interruptsSupply: true,
    evidenceMetric: 'voltage_l1_v',
    evidenceStableMinutes: 5,
    announcementTemplate: POWER,
  },
  HEATING_SUPPLY_TEMP_LOW: {
    interruptsSupply: true,
    evidenceMetric: 'supply_temp_c',
    evidenceStableMinutes: 30,
    announcementTemplate: HEATING,
  },
};
