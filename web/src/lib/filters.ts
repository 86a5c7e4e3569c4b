import { isTimeZone } from '@lc/contract/common';
import { TZDate } from '@date-fns/tz';
import { format as formatDate } from 'date-fns';

/**
 * The global filters every page reads — brand, period, time zone, compare — kept in the URL's
 * query string so a copied link reproduces the view. Pure functions: URL ⇄ state, state → API input.
 */

export type Preset = '7d' | '28d' | '90d' | 'custom';
export const PRESETS: readonly Preset[] = ['7d', '28d', '90d', 'custom'];
export const DEFAULT_PRESET: Exclude<Preset, 'custom'> = '28d';
const PRESET_DAYS: Record<Exclude<Preset, 'custom'>, number> = { '7d': 7, '28d': 28, '90d': 90 };

/** A calendar day, YYYY-MM-DD. */
export type Day = string;

export interface GlobalFilters {
  /** Null: the token's only brand (or the first one, until the switcher is used). */
  readonly brandId: string | null;
  readonly preset: Preset;
  /** First and last day of the period, both included, in `timeZone`. */
  readonly from: Day;
  readonly to: Day;
  /** Null: the brand's own zone, which the API uses by default. */
  readonly timeZone: string | null;
  readonly compare: boolean;
}

/** The shape of the API's PeriodInput: [from, to) instants and the zone its days are cut in. */
export interface PeriodVariables {
  readonly from: string;
  readonly to: string;
  readonly timeZone: string;
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDay(value: string | null | undefined): value is Day {
  const m = value ? DAY_RE.exec(value) : null;
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** Calendar arithmetic on days, free of any zone (a day is a day whatever DST does). */
export function addDays(day: Day, n: number): Day {
  const m = DAY_RE.exec(day);
  if (!m) throw new Error(`not a day: ${day}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + n)).toISOString().slice(0, 10);
}

export function daysBetween(from: Day, to: Day): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Today's date on the wall clock of `timeZone`. */
export function todayIn(timeZone: string, now: Date): Day {
  return formatDate(new TZDate(now.getTime(), timeZone), 'yyyy-MM-dd');
}

/** The instant a day starts in a zone, as a UTC ISO string (what the DateTime scalar expects). */
export function dayStart(day: Day, timeZone: string): string {
  const m = DAY_RE.exec(day);
  if (!m) throw new Error(`not a day: ${day}`);
  const start = new TZDate(Number(m[1]), Number(m[2]) - 1, Number(m[3]), timeZone);
  return new Date(start.getTime()).toISOString();
}

function presetRange(preset: Exclude<Preset, 'custom'>, zone: string, now: Date): { from: Day; to: Day } {
  const to = todayIn(zone, now);
  return { from: addDays(to, -(PRESET_DAYS[preset] - 1)), to };
}

/**
 * Reads the filters from a query string. Anything malformed falls back to the default rather than
 * failing: a hand-edited link still opens a sensible view.
 */
export function parseFilters(search: URLSearchParams, now: Date, brandZone: string): GlobalFilters {
  const brandId = search.get('brand') || null;
  const tzParam = search.get('tz');
  const timeZone = isTimeZone(tzParam) ? tzParam : null;
  const zone = timeZone ?? brandZone;
  const compare = search.get('compare') !== '0';
  const from = search.get('from');
  const to = search.get('to');
  const requested = search.get('period');
  const customOk = isDay(from) && isDay(to) && from <= to;
  if ((requested === 'custom' || (requested === null && from !== null)) && customOk) {
    return { brandId, preset: 'custom', from, to, timeZone, compare };
  }
  const preset = requested === '7d' || requested === '28d' || requested === '90d' ? requested : DEFAULT_PRESET;
  return { brandId, preset, ...presetRange(preset, zone, now), timeZone, compare };
}

/** A global param of the URL that could not be honoured: the filter bar says what it shows instead. */
export type FilterIssue =
  | { readonly kind: 'brand'; readonly value: string }
  | { readonly kind: 'timeZone'; readonly value: string }
  | { readonly kind: 'period'; readonly value: string };

/**
 * What parseFilters had to drop from a query string (an unknown zone, a preset it does not know, a
 * custom range that is malformed or ends before it starts), so a hand-edited link that opens on the
 * default view says so instead of silently showing other days. Brand ids are checked by the caller,
 * which knows the token's brands.
 */
export function filterIssues(search: URLSearchParams): FilterIssue[] {
  const issues: FilterIssue[] = [];
  const tzParam = search.get('tz');
  if (tzParam && !isTimeZone(tzParam)) issues.push({ kind: 'timeZone', value: tzParam });
  const requested = search.get('period');
  const from = search.get('from');
  const to = search.get('to');
  if (requested !== null && !PRESETS.some((p) => p === requested)) {
    issues.push({ kind: 'period', value: requested });
  } else if (requested === 'custom' || (requested === null && from !== null)) {
    const customOk = isDay(from) && isDay(to) && from <= to;
    if (!customOk) issues.push({ kind: 'period', value: `${from ?? '?'} – ${to ?? '?'}` });
  }
  return issues;
}

/** The global filter params of `filters`, merged into `base` (which keeps page-specific params). */
export function writeFilters(filters: GlobalFilters, base: URLSearchParams = new URLSearchParams()): URLSearchParams {
  const next = new URLSearchParams(base);
  for (const key of ['brand', 'period', 'from', 'to', 'tz', 'compare']) next.delete(key);
  if (filters.brandId) next.set('brand', filters.brandId);
  if (filters.preset === 'custom') {
    next.set('period', 'custom');
    next.set('from', filters.from);
    next.set('to', filters.to);
  } else if (filters.preset !== DEFAULT_PRESET) {
    next.set('period', filters.preset);
  }
  if (filters.timeZone) next.set('tz', filters.timeZone);
  if (!filters.compare) next.set('compare', '0');
  return next;
}

/** Only the global params of a query string: what links between pages carry along. */
export function globalParams(search: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams();
  for (const key of ['brand', 'period', 'from', 'to', 'tz', 'compare']) {
    const value = search.get(key);
    if (value !== null) next.set(key, value);
  }
  return next;
}

export function withQuery(path: string, params: URLSearchParams): string {
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/** [first day 00:00, day after last 00:00) in the zone. */
export function periodVariables(filters: Pick<GlobalFilters, 'from' | 'to'>, zone: string): PeriodVariables {
  return { from: dayStart(filters.from, zone), to: dayStart(addDays(filters.to, 1), zone), timeZone: zone };
}
