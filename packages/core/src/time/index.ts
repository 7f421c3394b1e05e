export { financialYearLabel, financialYearOf } from "./financial-year.ts";

/** The calendar day of an instant, as yyyy-mm-dd in UTC. */
export const isoDay = (at: Date = new Date()): string => at.toISOString().slice(0, 10);

/**
 * An instant a caller typed: an ISO 8601 date ("2027-03-31", midnight UTC) or date-time with its
 * offset. Null when it is not one, so each entry point names its own argument in the error.
 */
export function parseInstant(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}(?:$|T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$)/.test(value)) return null;
  const date = new Date(value);
  // A day the month lacks ("2027-02-30") is not rolled over into the next month, as Date would.
  const [year, month, day] = value.slice(0, 10).split("-").map(Number) as [number, number, number];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return null;
  return Number.isNaN(date.getTime()) ? null : date;
}
