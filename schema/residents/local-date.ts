/** The estate's time zone: move-in dates and "today" are the estate's calendar days. */
export const ESTATE_TIME_ZONE = 'Asia/Shanghai';

const formatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: ESTATE_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day (YYYY-MM-DD) `at` falls on in the estate: 2026-11-28T17:00Z is 2026-11-29. */
export function estateDate(at: Date): string {
  return formatter.format(at);
}
