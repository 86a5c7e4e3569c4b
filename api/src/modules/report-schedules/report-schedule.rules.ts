import { addDays, localDay, mondayOf, zoneOffsetMs } from '@lc/contract';
import type { ReportLanguage } from '../reports/report-pdf.rules.js';
import { periodText } from '../reports/report-pdf.rules.js';

/**
 * When a report schedule runs, what period each run covers, how failed runs are retried and what the
 * email says, as pure functions (docs/API.md, "Agency reports"; docs/METRICS-DECISIONS.md R-2…R-5).
 */

export type Cadence = 'WEEKLY' | 'MONTHLY';

export interface ScheduleTiming {
  cadence: Cadence;
  /** WEEKLY: ISO weekday, 1 Monday … 7 Sunday. */
  weekday: number;
  /** MONTHLY: day of the month, 1 … 28. */
  day: number;
  /** Hour of the day on the zone's wall clock, 0 … 23. */
  hour: number;
  timeZone: string;
}

/** Attempts of one run before it is given up. */
export const MAX_ATTEMPTS = 6;
/** The wait after the first failed attempt, ×5 after each further one (1 min, 5 min, 25 min, 2 h 5 min, then 6 h). */
export const FIRST_RETRY_MS = 60_000;
export const MAX_RETRY_MS = 6 * 3_600_000;
/** A claim older than this whose holder never finished is taken to be from a stopped process. */
export const CLAIM_LEASE_MS = 10 * 60_000;

export const retryDelayMs = (attempts: number): number =>
  Math.min(FIRST_RETRY_MS * 5 ** Math.max(0, attempts - 1), MAX_RETRY_MS);

/**
 * The instant a wall-clock hour of a day starts in a zone. An hour skipped by a DST jump maps to the
 * same instant an hour later; an hour that happens twice, to its first occurrence.
 */
export function zonedInstant(day: string, hour: number, timeZone: string): Date {
  const wall = Date.parse(`${day}T00:00:00Z`) + hour * 3_600_000;
  const first = wall - zoneOffsetMs(wall, timeZone);
  const second = wall - zoneOffsetMs(first, timeZone);
  // the offset at `second` confirms it shows the wall time; if not, the hour was skipped: `first` is after the jump
  return new Date(zoneOffsetMs(second, timeZone) === zoneOffsetMs(first, timeZone) ? second : first);
}

const monthOf = (day: string): string => day.slice(0, 7);
const firstOfMonth = (day: string): string => `${monthOf(day)}-01`;
const previousMonthFirst = (day: string): string => firstOfMonth(addDays(firstOfMonth(day), -1));
const nextMonthFirst = (day: string): string => firstOfMonth(addDays(firstOfMonth(day), 31));

/** The run day of the cadence in the week or month of `day`. */
function runDayAround(timing: ScheduleTiming, day: string): string {
  if (timing.cadence === 'WEEKLY') return addDays(mondayOf(day), timing.weekday - 1);
  return `${monthOf(day)}-${String(timing.day).padStart(2, '0')}`;
}

/** The run day one cadence before or after a run day. */
function stepRunDay(timing: ScheduleTiming, runDay: string, direction: 1 | -1): string {
  if (timing.cadence === 'WEEKLY') return addDays(runDay, 7 * direction);
  const month = direction === 1 ? nextMonthFirst(runDay) : previousMonthFirst(runDay);
  return runDayAround(timing, month);
}

/** The schedule's last occurrence at or before `now`. */
export function latestOccurrence(timing: ScheduleTiming, now: Date): Date {
  let runDay = runDayAround(timing, localDay(now, timing.timeZone));
  let at = zonedInstant(runDay, timing.hour, timing.timeZone);
  while (at.getTime() > now.getTime()) {
    runDay = stepRunDay(timing, runDay, -1);
    at = zonedInstant(runDay, timing.hour, timing.timeZone);
  }
  return at;
}

/** The schedule's first occurrence strictly after `after`. */
export function nextOccurrence(timing: ScheduleTiming, after: Date): Date {
  const latest = latestOccurrence(timing, after);
  const runDay = stepRunDay(timing, localDay(latest, timing.timeZone), 1);
  return zonedInstant(runDay, timing.hour, timing.timeZone);
}

/**
 * The occurrence due at `now`, if any: the latest one, provided the schedule existed by then. Runs
 * missed before it (the server was down for several weeks) are not sent: the latest report replaces them.
 */
export function dueOccurrence(timing: ScheduleTiming, createdAt: Date, now: Date): Date | null {
  const latest = latestOccurrence(timing, now);
  return latest.getTime() >= createdAt.getTime() ? latest : null;
}

/** A run's period: `[from, to)` instants, the days shown (both included) and the zone. */
export interface RunPeriod {
  from: Date;
  to: Date;
  firstDay: string;
  lastDay: string;
  timeZone: string;
}

/**
 * The period a run at `at` covers: the previous full Monday–Sunday week (WEEKLY) or the previous
 * calendar month (MONTHLY) in the schedule's zone, whatever the run day — a Monday run and a Friday
 * run of the same week both send last week.
 */
export function runPeriod(timing: Pick<ScheduleTiming, 'cadence' | 'timeZone'>, at: Date): RunPeriod {
  const today = localDay(at, timing.timeZone);
  const firstDay = timing.cadence === 'WEEKLY' ? addDays(mondayOf(today), -7) : previousMonthFirst(today);
  const endDay = timing.cadence === 'WEEKLY' ? mondayOf(today) : firstOfMonth(today);
  return {
    from: zonedInstant(firstDay, 0, timing.timeZone),
    to: zonedInstant(endDay, 0, timing.timeZone),
    firstDay,
    lastDay: addDays(endDay, -1),
    timeZone: timing.timeZone,
  };
}

/** The subject and plain-text body of a report email, in the recipients' language. */
export function reportEmail(
  input: { brandName: string; cadence: Cadence; period: RunPeriod; attachments: readonly string[] },
  language: ReportLanguage,
): { subject: string; text: string } {
  const period = periodText(input.period.firstDay, input.period.lastDay, input.period.timeZone, language);
  const files = input.attachments.map((name) => `- ${name}`).join('\n');
  if (language === 'ja') {
    const kind = input.cadence === 'WEEKLY' ? '週次' : '月次';
    return {
      subject: `${kind}レポート：${input.brandName}（${input.period.firstDay} 〜 ${input.period.lastDay}）`,
      text: `${input.brandName} の${kind}レポートをお送りします。\n対象期間：${period}\n\n添付ファイル：\n${files}\n\nこのメールはライブコマース分析から自動送信されています。`,
    };
  }
  const kind = input.cadence === 'WEEKLY' ? 'Weekly' : 'Monthly';
  return {
    subject: `${kind} report: ${input.brandName} (${input.period.firstDay} – ${input.period.lastDay})`,
    text: `Here is the ${kind.toLowerCase()} report of ${input.brandName}.\nPeriod: ${period}\n\nAttached:\n${files}\n\nSent automatically by live-commerce analytics.`,
  };
}
