// Real: devices/faults/rule-validation.ts (pure). Faked: nothing.
import type { FaultRuleSpec } from '../../devices/faults/fault-types';
import { validateFaultRule, validateFaultRules } from '../../devices/faults/rule-validation';

const base: FaultRuleSpec = {
  faultCode: 'X_LOW',
  system: 'water',
  metrics: ['pressure_kpa'],
  condition: 'below',
  low: 100,
  high: null,
  clearLow: 110,
  clearHigh: null,
  highFromRatedCurrent: false,
  onDelayS: 60,
  offDelayS: 0,
  severity: 'major',
  seasonStart: null,
  seasonEnd: null,
  enabled: true,
};

describe('validateFaultRule', () => {
  it('accepts a complete rule', () => {
    expect(validateFaultRule(base)).toEqual([]);
  });

  it.each<[string, Partial<FaultRuleSpec>, string]>([
    ['a lower-case code', { faultCode: 'x_low' }, 'faultCode'],
    ['the built-in code', { faultCode: 'DEVICE_OFFLINE' }, 'built in'],
    ['no metrics', { metrics: [] }, 'metrics'],
    ['a bad metric name', { metrics: ['Pressure'] }, 'metric names'],
    ['below without low', { low: null }, 'needs low'],
    ['a clear level on the bad side', { clearLow: 90 }, 'clearLow must be >= low'],
    ['above with clearHigh > high', { condition: 'above', high: 10, clearHigh: 11 }, 'clearHigh must be <= high'],
    ['outside with low >= high', { condition: 'outside', low: 10, high: 5, clearLow: null }, 'low must be < high'],
    ['a negative on-delay', { onDelayS: -1 }, 'onDelayS'],
    ['a NaN threshold', { low: Number.NaN }, 'finite'],
    ['half a season', { seasonStart: '11-15' }, 'both start and end'],
    ['a bad season date', { seasonStart: '13-01', seasonEnd: '03-15' }, 'MM-DD'],
    ['rated current on below', { highFromRatedCurrent: true }, "needs condition 'above'"],
    ['a clearRatio over 1', { condition: 'above', highFromRatedCurrent: true, clearRatio: 1.2 }, 'clearRatio'],
  ])('reports %s', (_n, patch, problem) => {
    const problems = validateFaultRule({ ...base, ...patch });
    expect(problems.join('; ')).toContain(problem);
  });
});

describe('validateFaultRules', () => {
  it('refuses two enabled rules with one code for the same system', () => {
    expect(validateFaultRules([base, { ...base }])).toEqual(['X_LOW: more than one enabled rule for the same system']);
    expect(validateFaultRules([base, { ...base, system: null }])).toHaveLength(1);
  });

  it('allows one code in different systems, or a disabled duplicate', () => {
    expect(validateFaultRules([base, { ...base, system: 'heating' }])).toEqual([]);
    expect(validateFaultRules([base, { ...base, enabled: false }])).toEqual([]);
  });
});
