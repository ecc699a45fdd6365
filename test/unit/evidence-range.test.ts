/**
 * Pure: when readings count as back in range, and how long the evidence rule says is left.
 * Faked: nothing (no I/O).
 */
import { evidenceVerdict, inRange, type RangeRule } from '../../schema/incidents/evidence-range';

const LOW: RangeRule = { condition: 'below', low: 100, high: null, clearLow: 110, clearHigh: null };
const HIGH: RangeRule = { condition: 'above', low: null, high: 350, clearLow: null, clearHigh: 330 };

describe('the evidence rule', () => {
  it('a reading is in range at or past the clear level of every rule on its metric', () => {
    expect(inRange(110, [LOW, HIGH])).toBe(true);
    expect(inRange(105, [LOW, HIGH])).toBe(false); // above the raise level, inside the deadband
    expect(inRange(340, [LOW, HIGH])).toBe(false);
    expect(inRange(5, [])).toBe(true);
  });

  it('needs a reading in the window and none out of range; says how long is left from the last bad one', () => {
    const at = new Date('2026-11-29T03:00:00Z');
    const ago = (min: number, value: number) => ({ ts: new Date(at.getTime() - min * 60_000), value });
    expect(evidenceVerdict([], [LOW], 10, at)).toEqual({ ok: false, leftMinutes: null, reason: 'NO_READINGS' });
    expect(evidenceVerdict([ago(12, 80), ago(9, 120), ago(1, 121)], [LOW], 10, at)).toEqual({
      ok: true,
      leftMinutes: null,
      reason: null,
    });
    expect(evidenceVerdict([ago(9, 120), ago(4, 90), ago(1, 121)], [LOW], 10, at)).toEqual({
      ok: false,
      leftMinutes: 6,
      reason: 'NOT_STABLE',
    });
  });
});
