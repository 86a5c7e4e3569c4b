/**
 * METRICS.md "Live (a session in progress)", as pure functions of a session's minute series, its
 * viewer comments and the waiting-for-recap counts the repository measures. Decisions where
 * METRICS.md is silent: docs/METRICS-DECISIONS.md, "Recaps and the live console (issue 9)".
 */

export const LIVE_WINDOW_MINUTES = 10;
export const UNANSWERED_WINDOW_MS = 15 * 60_000;
export const QUESTION_WAIT_MS = 60_000;
export const RECAP_DUE_AFTER_MS = 10 * 60_000;

export type AlertKind = 'viewer_drop' | 'chat_spike' | 'question_waiting' | 'recap_due';
/** Alerts of one minute are listed in this order. */
export const ALERT_KINDS: readonly AlertKind[] = ['viewer_drop', 'chat_spike', 'question_waiting', 'recap_due'];

export interface LiveMinute {
  minute: number;
  watching: number;
  comments: number;
  likes: number;
  cartAdds: number;
  orders: number;
  revenue: number;
}

export type WindowAverages = Omit<LiveMinute, 'minute'> & { minutes: number };

export interface ViewerComment {
  eventId: string;
  viewerId: string;
  text: string;
  atMs: number;
  /** The earliest host reply naming it, at or before now; null when none. */
  answeredAtMs: number | null;
}

export interface UnansweredComment extends Omit<ViewerComment, 'answeredAtMs'> {
  ageSeconds: number;
  question: boolean;
}

export interface Alert {
  kind: AlertKind;
  minute: number;
}

/** The minute (from the session start) holding an instant. */
export const minuteOf = (startMs: number, atMs: number): number => Math.floor((atMs - startMs) / 60_000);

/** A question: its text holds `?` or the full-width `？`. */
export const isQuestion = (text: string): boolean => text.includes('?') || text.includes('？');

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 === 0 ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[Math.floor(middle)];
}

/**
 * The mean per minute over minutes [from, to] that exist (0 … current − 1); every minute of the
 * series counts, quiet ones as 0. Null fields when none of them exists.
 */
export function windowAverages(
  series: ReadonlyMap<number, LiveMinute>,
  from: number,
  to: number,
  current: number,
): WindowAverages | null {
  const minutes: number[] = [];
  for (let m = Math.max(0, from); m <= Math.min(to, current - 1); m++) minutes.push(m);
  if (minutes.length === 0) return null;
  const mean = (key: keyof Omit<LiveMinute, 'minute'>) =>
    minutes.reduce((sum, m) => sum + (series.get(m)?.[key] ?? 0), 0) / minutes.length;
  return {
    minutes: minutes.length,
    watching: mean('watching'),
    comments: mean('comments'),
    likes: mean('likes'),
    cartAdds: mean('cartAdds'),
    orders: mean('orders'),
    revenue: mean('revenue'),
  };
}

/** The last 10 complete minutes and the 10 before them. */
export function nowVsBefore(
  series: ReadonlyMap<number, LiveMinute>,
  current: number,
): { last: WindowAverages | null; before: WindowAverages | null } {
  return {
    last: windowAverages(series, current - LIVE_WINDOW_MINUTES, current - 1, current),
    before: windowAverages(series, current - 2 * LIVE_WINDOW_MINUTES, current - LIVE_WINDOW_MINUTES - 1, current),
  };
}

/** Viewer comments of the last 15 minutes not answered by now: questions first, then oldest first. */
export function unansweredComments(comments: readonly ViewerComment[], nowMs: number): UnansweredComment[] {
  return comments
    .filter((c) => c.atMs > nowMs - UNANSWERED_WINDOW_MS && c.atMs <= nowMs)
    .filter((c) => c.answeredAtMs === null || c.answeredAtMs > nowMs)
    .map(({ answeredAtMs: _answered, ...c }) => ({
      ...c,
      ageSeconds: (nowMs - c.atMs) / 1000,
      question: isQuestion(c.text),
    }))
    .sort((a, b) => Number(b.question) - Number(a.question) || a.atMs - b.atMs || (a.eventId < b.eventId ? -1 : 1));
}

/** The first minute of each run of consecutive minutes where `holds` is true. */
function onsets(minutes: readonly number[], holds: (minute: number) => boolean): number[] {
  const raised: number[] = [];
  let previous = false;
  for (const minute of minutes) {
    const now = holds(minute);
    if (now && !previous) raised.push(minute);
    previous = now;
  }
  return raised;
}

export interface AlertInputs {
  startMs: number;
  nowMs: number;
  series: ReadonlyMap<number, LiveMinute>;
  comments: readonly ViewerComment[];
  /** Recap instants at or before now, in order. */
  recapsMs: readonly number[];
  /** Per complete minute m: viewers waiting for a recap at the end of m (see LiveRepository.waitingByMinute). */
  waitingAtMinuteEnd: ReadonlyMap<number, number>;
}

/** Every alert of the session up to now, each once per occurrence with its minute, in minute then kind order. */
export function alerts({ startMs, nowMs, series, comments, recapsMs, waitingAtMinuteEnd }: AlertInputs): Alert[] {
  const current = minuteOf(startMs, nowMs);
  const complete = Array.from({ length: Math.max(0, current) }, (_, m) => m);
  const at = (m: number, key: keyof Omit<LiveMinute, 'minute'>) => series.get(m)?.[key] ?? 0;
  const raised: Alert[] = [];

  for (const minute of onsets(complete, (m) => {
    const before = at(m - 2, 'watching');
    return m >= 2 && before >= 20 && at(m, 'watching') <= 0.7 * before;
  }))
    raised.push({ kind: 'viewer_drop', minute });

  for (const minute of onsets(complete, (m) => {
    if (m < LIVE_WINDOW_MINUTES) return false;
    const earlier = Array.from({ length: LIVE_WINDOW_MINUTES }, (_, i) => at(m - LIVE_WINDOW_MINUTES + i, 'comments'));
    const comments = at(m, 'comments');
    return comments >= 10 && comments >= 3 * median(earlier);
  }))
    raised.push({ kind: 'chat_spike', minute });

  for (const c of comments) {
    if (!isQuestion(c.text)) continue;
    const due = c.atMs + QUESTION_WAIT_MS;
    const answeredInTime = c.answeredAtMs !== null && c.answeredAtMs <= due;
    if (!answeredInTime && due <= nowMs) raised.push({ kind: 'question_waiting', minute: minuteOf(startMs, due) });
  }

  for (const minute of onsets(complete, (m) => {
    const end = startMs + (m + 1) * 60_000;
    const last = [...recapsMs].reverse().find((r) => r <= end) ?? startMs;
    const waiting = waitingAtMinuteEnd.get(m) ?? 0;
    return end - last >= RECAP_DUE_AFTER_MS && waiting >= 1 && (waiting >= 20 || waiting >= 0.1 * at(m, 'watching'));
  }))
    raised.push({ kind: 'recap_due', minute });

  return raised.sort((a, b) => a.minute - b.minute || ALERT_KINDS.indexOf(a.kind) - ALERT_KINDS.indexOf(b.kind));
}
