/**
 * Calendar days and Monday-to-Sunday weeks of a period in its IANA zone, for the cohort table:
 * METRICS.md marks a week the period only partly covers as partial, never as a drop. Days are
 * `YYYY-MM-DD` strings; their arithmetic ignores zones (a day is a day whatever DST does). Uses only
 * Intl, so the API and the dashboard share it.
 */

/** `[from, to)` in `timeZone`, as the API's period arguments. */
export interface ZonedPeriod {
  readonly from: Date;
  readonly to: Date;
  readonly timeZone: string;
}

const DAY_MS = 86_400_000;
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of an instant in a zone: (2026-11-22T15:00Z, Asia/Tokyo) → 2026-11-23. */
export function localDay(instant: Date, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    // en-CA writes YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(instant);
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday of a day's week. */
export function mondayOf(day: string): string {
  const weekday = (new Date(Date.parse(`${day}T00:00:00Z`)).getUTCDay() + 6) % 7; // Monday = 0
  return addDays(day, -weekday);
}

/** True when `instant` is the first instant of its day in the zone (midnight, or whenever DST starts that day). */
function startsADay(instant: Date, timeZone: string): boolean {
  return localDay(new Date(instant.getTime() - 1), timeZone) !== localDay(instant, timeZone);
}

/**
 * The first and last calendar days the period covers whole in its zone. A period that starts or ends
 * inside a day does not cover that day; `first` > `last` when it covers no whole day.
 */
export function wholeDays(period: ZonedPeriod): { first: string; last: string } {
  const { from, to, timeZone } = period;
  const firstTouched = localDay(from, timeZone);
  const lastTouched = localDay(new Date(to.getTime() - 1), timeZone);
  return {
    first: startsADay(from, timeZone) ? firstTouched : addDays(firstTouched, 1),
    last: startsADay(to, timeZone) ? lastTouched : addDays(lastTouched, -1),
  };
}

/** Whether the period covers only part of the week starting on Monday `week` (its 7 days, in the period's zone). */
export function isPartialWeek(week: string, period: ZonedPeriod): boolean {
  const { first, last } = wholeDays(period);
  return week < first || addDays(week, 6) > last;
}
