// Real: devices/faults/season.ts (pure). Faked: nothing.
import { parseMonthDay, Season, shanghaiMonthDay } from '../../devices/faults/season';

describe('Season', () => {
  const heating = Season.parse('11-15', '03-15');

  it('wraps the new year, inclusive at both ends', () => {
    expect(heating).not.toBeNull();
    const at = (y: number, m: number, d: number, h = 12) => Date.UTC(y, m - 1, d, h - 8); // Shanghai local time
    expect(heating?.contains(at(2025, 11, 15, 0))).toBe(true);
    expect(heating?.contains(at(2025, 11, 14, 23))).toBe(false);
    expect(heating?.contains(at(2026, 1, 1))).toBe(true);
    expect(heating?.contains(at(2026, 3, 15, 23))).toBe(true);
    expect(heating?.contains(at(2026, 3, 16, 0))).toBe(false);
    expect(heating?.contains(at(2026, 7, 1))).toBe(false);
  });

  it('uses the date in Asia/Shanghai, not UTC', () => {
    // 2026-03-15T16:00Z is 03-15 in UTC but already 03-16 00:00 in Shanghai
    const t = Date.UTC(2026, 2, 15, 16, 0);
    expect(shanghaiMonthDay(t)).toBe(316);
    expect(heating?.contains(t)).toBe(false);
    expect(heating?.contains(t - 1)).toBe(true);
  });

  it('handles a season inside one year', () => {
    const summer = Season.parse('06-01', '08-31');
    expect(summer?.contains(Date.UTC(2025, 6, 1))).toBe(true);
    expect(summer?.contains(Date.UTC(2025, 0, 1))).toBe(false);
  });
});

describe('parseMonthDay', () => {
  it('parses calendar dates and rejects the rest', () => {
    expect(parseMonthDay('11-15')).toBe(1115);
    expect(parseMonthDay('02-29')).toBe(229);
    for (const bad of ['13-01', '00-10', '04-31', '1-15', '11/15', '']) expect(parseMonthDay(bad)).toBeNull();
  });
});
