import { isTimeZone } from '@lc/contract/common';
import type { MessageKey } from '../../lib/i18n';
import type { PeriodVariables } from '../../lib/filters';

/**
 * The schedules panel's form as pure functions: what the user typed → the API's
 * CreateReportScheduleInput, or the fields at fault with the message key that says why. The API checks
 * the same rules again (docs/API.md, "Agency reports"); this only saves a round trip.
 */

export type Cadence = 'WEEKLY' | 'MONTHLY';
export type ReportLanguage = 'en' | 'ja';

export interface ScheduleForm {
  cadence: Cadence;
  /** 1 Monday … 7 Sunday, as typed in a select. */
  weekday: string;
  /** 1 … 28. */
  day: string;
  hour: string;
  timeZone: string;
  /** Addresses separated by commas, spaces or lines. */
  recipients: string;
  language: ReportLanguage;
}

export type ScheduleField = 'weekday' | 'day' | 'hour' | 'timeZone' | 'recipients';

export interface ScheduleInput {
  brandId: string;
  cadence: Cadence;
  weekday: number | null;
  day: number | null;
  hour: number;
  timeZone: string;
  recipients: string[];
  language: ReportLanguage;
}

export const MAX_RECIPIENTS = 20;
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

export function emptyScheduleForm(timeZone: string, language: ReportLanguage): ScheduleForm {
  return { cadence: 'WEEKLY', weekday: '1', day: '1', hour: '9', timeZone, recipients: '', language };
}

export const splitRecipients = (text: string): string[] => [
  ...new Set(
    text
      .split(/[\s,;]+/)
      .map((r) => r.trim())
      .filter((r) => r !== ''),
  ),
];

const wholeIn = (text: string, min: number, max: number): number | null => {
  if (!/^\d{1,2}$/.test(text.trim())) return null;
  const value = Number(text);
  return value >= min && value <= max ? value : null;
};

/** The input for createReportSchedule, or the problems by field (message keys of the i18n dictionary). */
export function checkScheduleForm(
  form: ScheduleForm,
  brandId: string,
): { input: ScheduleInput } | { problems: Partial<Record<ScheduleField, MessageKey>> } {
  const problems: Partial<Record<ScheduleField, MessageKey>> = {};
  const weekly = form.cadence === 'WEEKLY';
  const weekday = wholeIn(form.weekday, 1, 7);
  const day = wholeIn(form.day, 1, 28);
  const hour = wholeIn(form.hour, 0, 23);
  if (weekly && weekday === null) problems.weekday = 'scheduleBadWeekday';
  if (!weekly && day === null) problems.day = 'scheduleBadDay';
  if (hour === null) problems.hour = 'scheduleBadHour';
  if (!isTimeZone(form.timeZone.trim())) problems.timeZone = 'scheduleBadTimeZone';
  const recipients = splitRecipients(form.recipients);
  if (recipients.length === 0) problems.recipients = 'scheduleNoRecipients';
  else if (recipients.length > MAX_RECIPIENTS) problems.recipients = 'scheduleTooManyRecipients';
  else if (recipients.some((r) => !EMAIL.test(r))) problems.recipients = 'scheduleBadRecipient';
  if (Object.keys(problems).length > 0 || hour === null) return { problems };
  return {
    input: {
      brandId,
      cadence: form.cadence,
      weekday: weekly ? weekday : null,
      day: weekly ? null : day,
      hour,
      timeZone: form.timeZone.trim(),
      recipients,
      language: form.language,
    },
  };
}

/** GET /export/report.pdf with the page's brand, period and language (docs/API.md). */
export function reportPdfPath(brandId: string, period: PeriodVariables, language: ReportLanguage): string {
  const query = new URLSearchParams({
    brandId,
    from: period.from,
    to: period.to,
    timeZone: period.timeZone,
    language,
  });
  return `/export/report.pdf?${query.toString()}`;
}
