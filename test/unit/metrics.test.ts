// Real: devices/contract/metrics.ts (pure). Faked: nothing.
import { BOOLEAN_METRICS, isKnownMetric, isValidMetricName, METRICS_BY_SYSTEM } from '../../devices/contract/metrics';
import { SYSTEMS } from '../../devices/contract/types';

describe('METRICS_BY_SYSTEM', () => {
  it('lists the metrics of devices/CONTRACT.md "Metric names" per system', () => {
    expect(METRICS_BY_SYSTEM.water).toEqual(['pressure_kpa', 'flow_m3h', 'level_pct', 'leak', 'pump_running']);
    expect(METRICS_BY_SYSTEM.electric).toHaveLength(10);
    expect(METRICS_BY_SYSTEM.electric).toContain('voltage_l3_v');
    expect(METRICS_BY_SYSTEM.electric).toContain('energy_import_kwh');
    expect(METRICS_BY_SYSTEM.heating).toEqual([
      'supply_temp_c',
      'return_temp_c',
      'pressure_kpa',
      'flow_m3h',
      'burner_on',
    ]);
  });

  it('has only names that the payload validation accepts', () => {
    for (const s of SYSTEMS) for (const m of METRICS_BY_SYSTEM[s]) expect(isValidMetricName(m)).toBe(true);
    for (const m of BOOLEAN_METRICS) expect(SYSTEMS.some((s) => isKnownMetric(s, m))).toBe(true);
  });
});

describe('isKnownMetric', () => {
  it('answers per system', () => {
    expect(isKnownMetric('water', 'leak')).toBe(true);
    expect(isKnownMetric('heating', 'leak')).toBe(false);
    expect(isKnownMetric('heating', 'pressure_kpa')).toBe(true);
    expect(isKnownMetric('electric', 'vibration_mm_s')).toBe(false);
  });
});

describe('isValidMetricName', () => {
  it.each(['a', 'pressure_kpa', 'x'.repeat(64)])('accepts %s', (n) => expect(isValidMetricName(n)).toBe(true));
  it.each(['', '_a', '1a', 'A', 'a-b', 'a.b', 'x'.repeat(65)])('rejects %j', (n) =>
    expect(isValidMetricName(n)).toBe(false),
  );
});
