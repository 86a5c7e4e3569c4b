import type { LiveConsoleSessionFragment } from '../../gql/graphql';

/**
 * What the live console shows, worked out from one push of the session (METRICS.md "Live"): pure
 * functions, so the numbers on the big screen are tested without a browser.
 */

export type LiveSession = LiveConsoleSessionFragment;
export type LiveState = NonNullable<LiveSession['live']>;
export type LiveWindow = NonNullable<LiveState['nowVsBefore']['last']>;
export type LiveAlert = LiveState['alerts'][number];
export type QueuedComment = LiveState['unansweredComments'][number];
export type SeriesPoint = Pick<LiveSession['minuteSeries'][number], 'minute' | 'watching'>;

/** The minutes the curve shows, ending with the last complete one. */
export const CURVE_MINUTES = 30;

/** The measures compared between the last 10 minutes and the 10 before, in screen order. */
export const COMPARED = ['watching', 'comments', 'likes', 'cartAdds', 'orders', 'revenue'] as const;
export type ComparedMeasure = (typeof COMPARED)[number];

export type Direction = 'up' | 'down' | 'flat';

export interface Comparison {
  readonly measure: ComparedMeasure;
  /**
   * What the last window shows: for watching its mean per minute (an audience size), for the rest
   * the window's total (comments, likes, carts, orders, revenue in those minutes) — a count reads
   * better across a room than "0.2 per minute".
   */
  readonly value: number | null;
  /** (last − before) / before of the per-minute means; null without a before window or when it was 0. */
  readonly change: number | null;
  readonly direction: Direction | null;
}

/** (now − before) / before; null when either is missing or before is 0 (no base to compare with). */
export function relativeChange(now: number | null | undefined, before: number | null | undefined): number | null {
  if (now === null || now === undefined || before === null || before === undefined || before === 0) return null;
  return (now - before) / before;
}

export function directionOf(change: number | null): Direction | null {
  if (change === null) return null;
  return change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
}

/**
 * One row per compared measure. The change compares per-minute means, so a before window that is
 * shorter near the start of the stream is still a fair base.
 */
export function compareWindows(last: LiveWindow | null, before: LiveWindow | null): Comparison[] {
  return COMPARED.map((measure) => {
    const change = relativeChange(last?.[measure], before?.[measure]);
    let value: number | null = null;
    if (last) value = measure === 'watching' ? last.watching : last[measure] * last.minutes;
    return { measure, value, change, direction: directionOf(change) };
  });
}

/** Watching in the last complete minute (the one before `currentMinute`); null while minute 0 runs. */
export function watchingNow(series: readonly SeriesPoint[], currentMinute: number): number | null {
  if (currentMinute < 1) return null;
  // A minute the series lacks had no viewer event at all: nobody watching.
  return series.find((p) => p.minute === currentMinute - 1)?.watching ?? 0;
}

/**
 * Watching per minute over the last `count` complete minutes (fewer near the start), oldest first,
 * every minute present: a minute the series lacks is drawn at 0 rather than bridged by the line.
 */
export function recentCurve(
  series: readonly SeriesPoint[],
  currentMinute: number,
  count = CURVE_MINUTES,
): { minute: number; watching: number }[] {
  const byMinute = new Map(series.map((p) => [p.minute, p.watching]));
  const first = Math.max(0, currentMinute - count);
  const curve: { minute: number; watching: number }[] = [];
  for (let minute = first; minute < currentMinute; minute++)
    curve.push({ minute, watching: byMinute.get(minute) ?? 0 });
  return curve;
}

/**
 * Questions first, then oldest first (METRICS.md), ties by event id. The API sends them so already;
 * sorting again keeps the screen right whichever transport (query or subscription) delivered them.
 */
export function orderQueue<T extends Pick<QueuedComment, 'question' | 'at' | 'eventId'>>(comments: readonly T[]): T[] {
  return [...comments].sort(
    (a, b) =>
      Number(b.question) - Number(a.question) ||
      Date.parse(a.at) - Date.parse(b.at) ||
      (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0),
  );
}

/** The server's "now" of a push, moved on by the time since it arrived, so ages keep counting between pushes. */
export function serverNow(liveAt: string, receivedAtMs: number, nowMs: number): Date {
  return new Date(Date.parse(liveAt) + Math.max(0, nowMs - receivedAtMs));
}

// ---- Alerts: a banner for each new one, once ----

/**
 * An alert is one occurrence: its kind and the minute it was raised in, and for a question the
 * question (two questions can fall due in one minute; the API has no other id).
 */
export const alertKey = (alert: Pick<LiveAlert, 'kind' | 'minute' | 'question'>): string =>
  `${alert.kind}@${alert.minute}${alert.question ? `#${alert.question.eventId}` : ''}`;

/** The newest alerts the list shows before "show all" (a long stream raises dozens). */
export const ALERTS_SHOWN = 8;

/**
 * On the first look at a session, alerts raised this many minutes before the one in progress still
 * get a banner (someone opening the console just after one fired should see it); older ones only
 * go to the list.
 */
export const FRESH_MINUTES = 2;

/** How long a banner stays up without being dismissed. */
export const BANNER_MS = 60_000;

export interface BannerItem {
  readonly key: string;
  readonly alert: LiveAlert;
  readonly shownAtMs: number;
}

export interface BannerState {
  /** Every alert already bannered (or judged too old for one): none of them comes back. */
  readonly seen: ReadonlySet<string>;
  /** Alerts on the banner now, oldest first. */
  readonly shown: readonly BannerItem[];
}

export const emptyBanner = (seen: Iterable<string> = []): BannerState => ({ seen: new Set(seen), shown: [] });

/**
 * Folds one push's alert list into the banner: each alert not seen before goes up once. On the
 * first look (`firstLook`), alerts older than FRESH_MINUTES before `currentMinute` are marked seen
 * without a banner.
 */
export function receiveAlerts(
  state: BannerState,
  alerts: readonly LiveAlert[],
  options: { nowMs: number; currentMinute: number; firstLook: boolean },
): BannerState {
  const seen = new Set(state.seen);
  const added: BannerItem[] = [];
  for (const alert of alerts) {
    const key = alertKey(alert);
    if (seen.has(key)) continue;
    seen.add(key);
    if (options.firstLook && alert.minute < options.currentMinute - FRESH_MINUTES) continue;
    added.push({ key, alert, shownAtMs: options.nowMs });
  }
  if (added.length === 0 && seen.size === state.seen.size) return state;
  return { seen, shown: [...state.shown, ...added] };
}

/** Takes down banners that have been up for BANNER_MS. */
export function expireBanner(state: BannerState, nowMs: number): BannerState {
  const shown = state.shown.filter((item) => nowMs - item.shownAtMs < BANNER_MS);
  return shown.length === state.shown.length ? state : { ...state, shown };
}

export function dismissBanner(state: BannerState, key?: string): BannerState {
  return { ...state, shown: key === undefined ? [] : state.shown.filter((item) => item.key !== key) };
}

/** Every alert of the session so far, newest first (the list under the banner). */
export function alertsNewestFirst(alerts: readonly LiveAlert[]): LiveAlert[] {
  return [...alerts].reverse();
}

// ---- Recording a recap: one recap per click, however often the request is sent ----

export type RecapAttempt =
  | { readonly status: 'idle' }
  | { readonly status: 'sending'; readonly clientId: string }
  | { readonly status: 'failed'; readonly clientId: string; readonly reason: string }
  | { readonly status: 'recorded'; readonly clientId: string; readonly at: string };

/**
 * The clientId for a press of the recap button: a retry after a failure reuses the failed attempt's
 * id (the first request may have reached the server; the API records once per clientId), anything
 * else is a new recap with a new id. Null while a request is in flight: the press does nothing.
 */
export function recapClientId(attempt: RecapAttempt, newId: () => string): string | null {
  switch (attempt.status) {
    case 'sending':
      return null;
    case 'failed':
      return attempt.clientId;
    case 'idle':
    case 'recorded':
      return newId();
  }
}
