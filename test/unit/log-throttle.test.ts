// Real: devices/log.ts LogThrottle (pure; times passed in). Faked: nothing.
import { LogThrottle } from '../../devices/log';

describe('LogThrottle', () => {
  it('lets the first line through, then one per interval with the count of what happened in between', () => {
    const throttle = new LogThrottle(60_000);
    expect(throttle.due(5, 0)).toBe(5);
    expect(throttle.due(3, 1_000)).toBeNull();
    expect(throttle.due(2, 59_999)).toBeNull();
    expect(throttle.due(1, 60_000)).toBe(6); // 3 + 2 + 1 since the last line
    expect(throttle.due(1, 60_001)).toBeNull();
    expect(throttle.due(1, 200_000)).toBe(2);
  });
});
