/**
 * A season of the year as 'MM-DD' … 'MM-DD' (inclusive, may wrap the new year), checked on
 * a reading's date in China Standard Time. E.g. northern China's statutory heating season,
 * 11-15 … 03-15, is defined on local calendar dates.
 */

/** Asia/Shanghai is UTC+8 all year (no DST since 1991), so a fixed offset is exact. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

const MONTH_DAY_RE = /^(\d\d)-(\d\d)$/;
// Days per month in a leap year: 02-29 is a valid season boundary.
const MAX_DAY = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** 'MM-DD' → MM*100+DD (e.g. 1115), or null when it is not a calendar date. */
export function parseMonthDay(s: string): number | null {
  const m = MONTH_DAY_RE.exec(s);
  if (m === null) return null;
  const month = Number(m[1]);
  const day = Number(m[2]);
  if (month < 1 || month > 12 || day < 1 || day > (MAX_DAY[month - 1] ?? 0)) return null;
  return month * 100 + day;
}

/** MM*100+DD of an epoch-ms instant in Asia/Shanghai. */
export function shanghaiMonthDay(ts: number): number {
  const d = new Date(ts + SHANGHAI_OFFSET_MS);
  return (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

export class Season {
  // One-day memo: readings of one day (nearly all of them) cost no Date allocation.
  private memoDay = Number.NaN;
  private memoIn = false;

  constructor(
    readonly start: number,
    readonly end: number,
  ) {}

  /** Null when either boundary is not 'MM-DD'. */
  static parse(start: string, end: string): Season | null {
    const s = parseMonthDay(start);
    const e = parseMonthDay(end);
    return s === null || e === null ? null : new Season(s, e);
  }

  contains(ts: number): boolean {
    const day = Math.floor((ts + SHANGHAI_OFFSET_MS) / DAY_MS);
    if (day !== this.memoDay) {
      const md = shanghaiMonthDay(ts);
      // start > end wraps the new year: 11-15 … 03-15 is Nov 15 - Dec 31 plus Jan 1 - Mar 15.
      this.memoIn = this.start <= this.end ? md >= this.start && md <= this.end : md >= this.start || md <= this.end;
      this.memoDay = day;
    }
    return this.memoIn;
  }

  toString(): string {
    const f = (md: number) => `${String(Math.floor(md / 100)).padStart(2, '0')}-${String(md % 100).padStart(2, '0')}`;
    return `${f(this.start)} to ${f(this.end)}`;
  }
}
