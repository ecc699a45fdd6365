import { GraphQLDate } from 'graphql-scalars';

/**
 * The `Date` scalar of the service-desk contract (`MoveOut(on: Date!)`): a calendar date,
 * `YYYY-MM-DD` (RFC 3339 full-date), stored in PostgreSQL `date` columns as that string.
 */
export const CalendarDate = GraphQLDate;

/** A parsed `Date` argument (UTC midnight) as the `YYYY-MM-DD` string a `date` column holds. */
export function toCalendarDate(value: Date): string {
  return value.toISOString().slice(0, 10);
}
