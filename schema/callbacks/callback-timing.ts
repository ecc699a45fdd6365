import { estateDate } from '../residents/local-date';

/** When scheduled callbacks fall due (gateway/config.ts: CALLBACK_DELAY_DAYS, CALLBACK_HOUR). */
export interface CallbackTiming {
  /** estate calendar days after the event (1: the next day) */
  delayDays: number;
  /** the estate's local hour the callback is due at (10: 10:00 Asia/Shanghai) */
  hour: number;
  /** days after a move-in for the NEW_RESIDENT callback */
  newResidentDays: number;
  /**
   * a move-in whose `since` is more than this many days before the day it is recorded (at the
   * desk or by an import) gets no NEW_RESIDENT callback: they are no longer new (the monthly
   * sample reaches long-standing residents)
   */
  newResidentWithinDays: number;
  /** hours after a failed attempt until the next one is due */
  retryHours: number;
}

export const DEFAULT_CALLBACK_TIMING: CallbackTiming = {
  delayDays: 1,
  hour: 10,
  newResidentDays: 7,
  newResidentWithinDays: 30,
  retryHours: 4,
};

/** Asia/Shanghai keeps UTC+8 all year (no daylight saving). */
export const ESTATE_OFFSET_H = 8;

/** `hour`:00 estate time, `days` estate calendar days after the day `at` falls on. */
export function estateHourAfter(at: Date, days: number, hour: number): Date {
  const [y, m, d] = estateDate(at).split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days, hour - ESTATE_OFFSET_H));
}

/** The estate's month `at` falls in, `YYYY-MM`. */
export function estateMonth(at: Date): string {
  return estateDate(at).slice(0, 7);
}
