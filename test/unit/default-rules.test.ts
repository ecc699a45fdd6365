// Real: devices/faults/default-rules.ts, rule-validation.ts and the seeded plans (pure data). Faked: nothing.
import { isKnownMetric } from '../../devices/contract/metrics';
import { DEFAULT_DEVICE_OFFLINE, DEFAULT_EVENT_RULES, DEFAULT_FAULT_RULES } from '../../devices/faults/default-rules';
import { validateFaultRules } from '../../devices/faults/rule-validation';
import { DEFAULT_EMERGENCY_PLANS } from '../../migrations/seed/default-emergency-plans';
import { DEFAULT_EVENT_PLANS } from '../../migrations/seed/default-event-plans';

const byCode = (code: string) => {
  const r = DEFAULT_FAULT_RULES.find((x) => x.faultCode === code);
  if (r === undefined) throw new Error(`no rule ${code}`);
  return r;
};

describe('DEFAULT_FAULT_RULES', () => {
  it('has every row of devices/CONTRACT.md "Default fault rules" but DEVICE_OFFLINE, with its severity', () => {
    const table: Record<string, string> = {
      WATER_PRESSURE_LOW: 'major',
      WATER_PRESSURE_HIGH: 'major',
      WATER_LEAK: 'critical',
      TANK_LEVEL_LOW: 'major',
      POWER_PHASE_LOSS: 'critical',
      VOLTAGE_OUT_OF_RANGE: 'minor',
      OVERCURRENT: 'major',
      HEATING_SUPPLY_TEMP_HIGH: 'major',
      HEATING_SUPPLY_TEMP_LOW: 'minor',
      HEATING_PRESSURE_LOW: 'major',
    };
    expect(Object.fromEntries(DEFAULT_FAULT_RULES.map((r) => [r.faultCode, r.severity]))).toEqual(table);
  });

  it('is a valid rule set whose metrics are contract metrics of its system', () => {
    expect(validateFaultRules(DEFAULT_FAULT_RULES)).toEqual([]);
    for (const r of DEFAULT_FAULT_RULES) {
      expect(r.enabled).toBe(true);
      for (const m of r.metrics) expect(r.system !== null && isKnownMetric(r.system, m)).toBe(true);
    }
  });

  it('carries the table levels and delays', () => {
    expect(byCode('WATER_PRESSURE_LOW')).toMatchObject({ condition: 'below', low: 100, clearLow: 110, onDelayS: 60 });
    expect(byCode('WATER_PRESSURE_HIGH')).toMatchObject({
      condition: 'above',
      high: 350,
      clearHigh: 330,
      onDelayS: 30,
    });
    expect(byCode('WATER_LEAK')).toMatchObject({ condition: 'above', high: 0.5, onDelayS: 0 });
    expect(byCode('TANK_LEVEL_LOW')).toMatchObject({ low: 20, clearLow: 25, onDelayS: 120 });
    expect(byCode('POWER_PHASE_LOSS')).toMatchObject({ low: 110, clearLow: 120, onDelayS: 5 });
    expect(byCode('POWER_PHASE_LOSS').metrics).toEqual(['voltage_l1_v', 'voltage_l2_v', 'voltage_l3_v']);
    expect(byCode('VOLTAGE_OUT_OF_RANGE')).toMatchObject({ condition: 'outside', low: 198, high: 235, onDelayS: 60 });
    expect(byCode('OVERCURRENT')).toMatchObject({ highFromRatedCurrent: true, clearRatio: 0.95, onDelayS: 60 });
    expect(byCode('HEATING_SUPPLY_TEMP_HIGH')).toMatchObject({ high: 85, clearHigh: 80, onDelayS: 60 });
    expect(byCode('HEATING_SUPPLY_TEMP_LOW')).toMatchObject({
      low: 50,
      onDelayS: 600,
      seasonStart: '11-15',
      seasonEnd: '03-15',
    });
    expect(byCode('HEATING_PRESSURE_LOW')).toMatchObject({ low: 100, onDelayS: 60 });
  });

  it('gives every non-binary threshold rule a deadband', () => {
    for (const r of DEFAULT_FAULT_RULES.filter((x) => x.faultCode !== 'WATER_LEAK' && !x.highFromRatedCurrent)) {
      const deadband =
        r.condition === 'above'
          ? r.clearHigh !== null && r.clearHigh < (r.high ?? 0)
          : r.clearLow !== null && r.clearLow > (r.low ?? 0);
      expect([r.faultCode, deadband]).toEqual([r.faultCode, true]);
    }
  });
});

it('DEFAULT_DEVICE_OFFLINE: minor, after 3 silent intervals or 30 s of offline status', () => {
  expect(DEFAULT_DEVICE_OFFLINE).toEqual({
    faultCode: 'DEVICE_OFFLINE',
    severity: 'minor',
    silenceIntervals: 3,
    statusOnDelayMs: 30_000,
  });
});

it('DEFAULT_EVENT_RULES: the four device event codes of devices/CONTRACT.md, valid event rules', () => {
  expect(DEFAULT_EVENT_RULES.map((r) => [r.faultCode, r.kind, r.system, r.severity])).toEqual([
    ['LEAK_DETECTED', 'event', 'water', 'critical'],
    ['PUMP_FAULT', 'event', null, 'major'],
    ['BREAKER_TRIP', 'event', 'electric', 'critical'],
    ['BOILER_FAULT', 'event', 'heating', 'major'],
  ]);
  expect(validateFaultRules([...DEFAULT_FAULT_RULES, ...DEFAULT_EVENT_RULES])).toEqual([]);
  const plans = new Set([...DEFAULT_EMERGENCY_PLANS, ...DEFAULT_EVENT_PLANS].map((p) => p.faultCode));
  for (const rule of DEFAULT_EVENT_RULES) expect(plans.has(rule.faultCode)).toBe(true);
});
