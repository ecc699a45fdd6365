/**
 * The callbacks' pure rules: when a callback falls due (Asia/Shanghai hours and calendar days),
 * and the table of attempt and cancel moves. Nothing faked: pure functions.
 */
import { attemptMove, callbackMove, MAX_ATTEMPTS } from '../../schema/callbacks/callback-lifecycle';
import { CallbackStatus } from '../../schema/callbacks/callback.enums';
import { estateHourAfter, estateMonth } from '../../schema/callbacks/callback-timing';

describe('callback timing', () => {
  it('is the estate’s hour on the estate’s next calendar day', () => {
    // 23:30 in Shanghai on the 20th is 15:30 UTC: the next estate day is the 21st
    expect(estateHourAfter(new Date('2026-11-20T15:30:00Z'), 1, 10).toISOString()).toBe('2026-11-21T02:00:00.000Z');
    // 00:30 in Shanghai on the 21st is still the 20th in UTC: the next estate day is the 22nd
    expect(estateHourAfter(new Date('2026-11-20T16:30:00Z'), 1, 10).toISOString()).toBe('2026-11-22T02:00:00.000Z');
    // across a month's end, seven days on
    expect(estateHourAfter(new Date('2026-11-28T04:00:00Z'), 7, 10).toISOString()).toBe('2026-12-05T02:00:00.000Z');
  });

  it('names the estate’s month', () => {
    expect(estateMonth(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12');
    expect(estateMonth(new Date('2026-11-30T15:30:00Z'))).toBe('2026-11');
  });
});

describe('callback moves', () => {
  it('reached is DONE; the third failure is UNREACHABLE; only a DUE callback moves', () => {
    expect(attemptMove(true, 2)).toBe('reach');
    expect(attemptMove(false, 0)).toBe('retry');
    expect(attemptMove(false, MAX_ATTEMPTS - 2)).toBe('retry');
    expect(attemptMove(false, MAX_ATTEMPTS - 1)).toBe('give-up');
    expect(callbackMove(CallbackStatus.DUE, 'reach')?.to).toBe(CallbackStatus.DONE);
    expect(callbackMove(CallbackStatus.DUE, 'give-up')?.to).toBe(CallbackStatus.UNREACHABLE);
    for (const status of [CallbackStatus.DONE, CallbackStatus.UNREACHABLE, CallbackStatus.CANCELLED]) {
      for (const move of ['reach', 'retry', 'give-up', 'cancel'] as const)
        expect(callbackMove(status, move)).toBeNull();
    }
  });

  it('only a DUE callback is cancelled', () => {
    expect(callbackMove(CallbackStatus.DUE, 'cancel')?.to).toBe(CallbackStatus.CANCELLED);
  });
});
