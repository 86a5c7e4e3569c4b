import { format as formatDate } from 'date-fns';
import { tz } from '@date-fns/tz';

/** Shown wherever a value is missing; ratios are null when their denominator is 0 (METRICS.md). */
export const MISSING = '—';

// One fixed locale so every user and every test sees the same digits and separators.
const LOCALE = 'en-US';

type Maybe<T> = T | null | undefined;

function isPresent(value: Maybe<number>): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

const integerFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });

/** Counts: 12345 → "12,345". */
export function formatInteger(value: Maybe<number>): string {
  return isPresent(value) ? integerFormat.format(value) : MISSING;
}

const decimalFormats = new Map<number, Intl.NumberFormat>();

/** Means such as avgConcurrentViewers: fixed digits so a column of values lines up. */
export function formatDecimal(value: Maybe<number>, digits = 1): string {
  if (!isPresent(value)) return MISSING;
  let nf = decimalFormats.get(digits);
  if (!nf) {
    nf = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    decimalFormats.set(digits, nf);
  }
  return nf.format(value);
}

const percentFormat = new Intl.NumberFormat(LOCALE, {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

/** Ratios arrive as fractions (0.125); shown as "12.5%". */
export function formatPercent(ratio: Maybe<number>): string {
  return isPresent(ratio) ? percentFormat.format(ratio) : MISSING;
}

/** Per-minute rates such as chatRate. */
export function formatPerMinute(value: Maybe<number>): string {
  return isPresent(value) ? `${formatDecimal(value, 1)} / min` : MISSING;
}

const currencyFormats = new Map<string, Intl.NumberFormat | null>();

function currencyFormat(currency: string): Intl.NumberFormat | null {
  const code = currency.toUpperCase();
  if (!currencyFormats.has(code)) {
    try {
      // Intl knows each currency's minor unit, so JPY gets no decimals and USD gets two.
      currencyFormats.set(code, new Intl.NumberFormat(LOCALE, { style: 'currency', currency: code }));
    } catch {
      // A malformed code from an event must not blank the whole page.
      currencyFormats.set(code, null);
    }
  }
  return currencyFormats.get(code) ?? null;
}

/** Money in the currency's major unit: (12345.6, "JPY") → "¥12,346"; (12.5, "USD") → "$12.50". */
export function formatCurrency(amount: Maybe<number>, currency: string): string {
  if (!isPresent(amount)) return MISSING;
  const nf = currencyFormat(currency);
  return nf ? nf.format(amount) : `${formatDecimal(amount, 2)} ${currency}`;
}

/**
 * Durations in seconds, rounded to the second: "45s", "4m 05s", "1h 02m", "2,877h 46m". Past an hour the seconds
 * are cut off (not rounded into the minutes) because nobody compares hour-long watch times to the second.
 */
export function formatDuration(seconds: Maybe<number>): string {
  if (!isPresent(seconds)) return MISSING;
  const sign = seconds < 0 ? '-' : '';
  const total = Math.round(Math.abs(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (h > 0) return `${sign}${integerFormat.format(h)}h ${pad(m)}m`;
  if (m > 0) return `${sign}${m}m ${pad(s)}s`;
  return `${sign}${s}s`;
}

/**
 * An instant shown on the brand's wall clock, with the offset so nobody mistakes it for their own:
 * ("2025-01-14T10:30:00Z", "Asia/Tokyo") → "Jan 14, 2025 19:30 GMT+9".
 */
export function formatDateTime(iso: Maybe<string>, timeZone: string): string {
  if (!iso) return MISSING;
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return MISSING;
  try {
    return formatDate(instant, 'MMM d, yyyy HH:mm zzz', { in: tz(timeZone) });
  } catch {
    // An unknown zone name makes date-fns throw; UTC with its label is still truthful.
    return formatDate(instant, "MMM d, yyyy HH:mm 'UTC'", { in: tz('UTC') });
  }
}
