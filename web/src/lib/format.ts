import { format as formatDate } from 'date-fns';
import { tz } from '@date-fns/tz';

/** Shown wherever a value is missing; ratios are null when their denominator is 0 (METRICS.md). */
export const MISSING = '—';

/** The dashboard's two languages; numbers, money and dates follow the chosen one. */
export type Lang = 'en' | 'ja';

// One fixed region per language so every user and every test of a language sees the same digits.
const INTL_LOCALE: Record<Lang, string> = { en: 'en-US', ja: 'ja-JP' };

type Maybe<T> = T | null | undefined;

function isPresent(value: Maybe<number>): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

// Intl formatters are costly to build and tables format thousands of cells: one per option set.
const formatCache = new Map<string, Intl.NumberFormat | null>();

function numberFormat(lang: Lang, key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat | null {
  const cacheKey = `${lang}|${key}`;
  if (!formatCache.has(cacheKey)) {
    try {
      formatCache.set(cacheKey, new Intl.NumberFormat(INTL_LOCALE[lang], options));
    } catch {
      // A malformed currency code from an event must not blank the whole page.
      formatCache.set(cacheKey, null);
    }
  }
  return formatCache.get(cacheKey) ?? null;
}

/** Counts: 12345 → "12,345". */
export function formatInteger(value: Maybe<number>, lang: Lang = 'en'): string {
  if (!isPresent(value)) return MISSING;
  return numberFormat(lang, 'int', { maximumFractionDigits: 0 })?.format(value) ?? String(Math.round(value));
}

/** Means such as avgConcurrentViewers: fixed digits so a column of values lines up. */
export function formatDecimal(value: Maybe<number>, digits = 1, lang: Lang = 'en'): string {
  if (!isPresent(value)) return MISSING;
  const nf = numberFormat(lang, `dec${digits}`, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return nf?.format(value) ?? value.toFixed(digits);
}

/** Ratios arrive as fractions (0.125); shown as "12.5%". */
export function formatPercent(ratio: Maybe<number>, lang: Lang = 'en'): string {
  if (!isPresent(ratio)) return MISSING;
  const nf = numberFormat(lang, 'pct', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return nf?.format(ratio) ?? `${(ratio * 100).toFixed(1)}%`;
}

/**
 * A relative change (0.25 → "+25.0%"), signed so a fall reads at a glance. Null when there is no
 * previous value to compare with (or it was 0).
 */
export function formatChange(change: Maybe<number>, lang: Lang = 'en'): string {
  if (!isPresent(change)) return MISSING;
  const nf = numberFormat(lang, 'chg', {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  });
  return nf?.format(change) ?? `${(change * 100).toFixed(1)}%`;
}

/** One amount over another of the same kind, such as recapLift: 1.5 → "1.50×" / "1.50倍". */
export function formatMultiple(value: Maybe<number>, lang: Lang = 'en'): string {
  if (!isPresent(value)) return MISSING;
  return lang === 'ja' ? `${formatDecimal(value, 2, lang)}倍` : `${formatDecimal(value, 2, lang)}×`;
}

/** Per-minute rates such as chatRate. */
export function formatPerMinute(value: Maybe<number>, lang: Lang = 'en'): string {
  if (!isPresent(value)) return MISSING;
  return lang === 'ja' ? `${formatDecimal(value, 1, lang)} 件/分` : `${formatDecimal(value, 1, lang)} / min`;
}

/**
 * Money in the currency's major unit: (12345.6, "JPY") → "¥12,346"; (12.5, "USD") → "$12.50". Intl
 * knows each currency's minor unit, so JPY never shows decimals.
 */
export function formatCurrency(amount: Maybe<number>, currency: string, lang: Lang = 'en'): string {
  if (!isPresent(amount)) return MISSING;
  const code = currency.toUpperCase();
  const nf = numberFormat(lang, `cur${code}`, { style: 'currency', currency: code });
  return nf ? nf.format(amount) : `${formatDecimal(amount, 2, lang)} ${currency}`;
}

/** Axis ticks: 1234567 → "1.2M" / "123万", so a chart's axis stays narrow. */
export function formatCompact(value: Maybe<number>, lang: Lang = 'en'): string {
  if (!isPresent(value)) return MISSING;
  return (
    numberFormat(lang, 'compact', { notation: 'compact', maximumFractionDigits: 1 })?.format(value) ?? String(value)
  );
}

const DURATION_UNITS: Record<Lang, { h: string; m: string; s: string; gap: string }> = {
  en: { h: 'h', m: 'm', s: 's', gap: ' ' },
  ja: { h: '時間', m: '分', s: '秒', gap: '' },
};

/**
 * Durations in seconds, rounded to the second: "45s", "4m 05s", "1h 02m", "2,877h 46m". Past an hour the seconds
 * are cut off (not rounded into the minutes) because nobody compares hour-long watch times to the second.
 */
export function formatDuration(seconds: Maybe<number>, lang: Lang = 'en'): string {
  if (!isPresent(seconds)) return MISSING;
  const u = DURATION_UNITS[lang];
  const sign = seconds < 0 ? '-' : '';
  const total = Math.round(Math.abs(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (h > 0) return `${sign}${formatInteger(h, lang)}${u.h}${u.gap}${pad(m)}${u.m}`;
  if (m > 0) return `${sign}${m}${u.m}${u.gap}${pad(s)}${u.s}`;
  return `${sign}${s}${u.s}`;
}

// Numeric patterns for Japanese need no date-fns locale (which would add weight to every page).
const DATE_TIME_PATTERN: Record<Lang, string> = { en: 'MMM d, yyyy HH:mm zzz', ja: 'yyyy/MM/dd HH:mm zzz' };
const DATE_PATTERN: Record<Lang, string> = { en: 'MMM d, yyyy', ja: 'yyyy/MM/dd' };
const SHORT_DATE_PATTERN: Record<Lang, string> = { en: 'MMM d', ja: 'M/d' };
const TIME_PATTERN = 'HH:mm';

function parseInstant(iso: Maybe<string>): Date | null {
  if (!iso) return null;
  const instant = new Date(iso);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

function inZone(instant: Date, pattern: string, timeZone: string): string {
  try {
    return formatDate(instant, pattern, { in: tz(timeZone) });
  } catch {
    // An unknown zone name makes date-fns throw; UTC with its label is still truthful.
    return `${formatDate(instant, pattern.replace(/ ?zzz/, ''), { in: tz('UTC') })} UTC`;
  }
}

/**
 * An instant on the chosen wall clock, with the offset so nobody mistakes it for their own:
 * ("2025-01-14T10:30:00Z", "Asia/Tokyo") → "Jan 14, 2025 19:30 GMT+9".
 */
export function formatDateTime(iso: Maybe<string>, timeZone: string, lang: Lang = 'en'): string {
  const instant = parseInstant(iso);
  return instant ? inZone(instant, DATE_TIME_PATTERN[lang], timeZone) : MISSING;
}

/**
 * Wall-clock time of day only ("20:05"), for minute ticks of one session; to the second ("20:05:07")
 * where it says how far a live session's numbers reach.
 */
export function formatTime(iso: Maybe<string>, timeZone: string, { seconds = false } = {}): string {
  const instant = parseInstant(iso);
  return instant ? inZone(instant, seconds ? `${TIME_PATTERN}:ss` : TIME_PATTERN, timeZone) : MISSING;
}

/**
 * A calendar day the API already bucketed in the period's zone ("2026-11-20"): shown as is, never
 * shifted through a Date in the browser's zone.
 */
export function formatDay(day: Maybe<string>, lang: Lang = 'en', short = false): string {
  const match = day ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(day) : null;
  if (!match) return MISSING;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Noon UTC formatted in UTC keeps the same calendar day whatever the zone.
  const instant = new Date(Date.UTC(y, m - 1, d, 12));
  return formatDate(instant, (short ? SHORT_DATE_PATTERN : DATE_PATTERN)[lang], { in: tz('UTC') });
}

/** A signed difference of counts, such as a change of viewers: 2 → "+2", -1 → "-1", 0 → "0". */
export function formatSignedInteger(value: Maybe<number>, lang: Lang = 'en'): string {
  if (!isPresent(value)) return MISSING;
  const nf = numberFormat(lang, 'signed', { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
  return nf?.format(value) ?? `${value > 0 ? '+' : ''}${Math.round(value)}`;
}

/**
 * An offset into a session as a clock, minutes and seconds: 60 → "01:00", 1200 → "20:00", 3725 →
 * "62:05" (minutes run on past the hour, as a stopwatch reads: a run-sheet is read against one).
 */
export function formatClock(seconds: Maybe<number>): string {
  if (!isPresent(seconds)) return MISSING;
  const total = Math.max(0, Math.round(seconds));
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(total / 60))}:${pad(total % 60)}`;
}
