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

/**
 * An alert and what raised it (docs/METRICS-DECISIONS.md, L-15): each kind fills its own fields,
 * so a console or a webhook can say what happened, not only that something did.
 */
export type Alert =
  /** Watching at the minute, and two minutes earlier. */
  | { kind: 'viewer_drop'; minute: number; watching: number; watchingBefore: number }
  /** Viewer comments in the minute, and the median of the ten minutes before. */
  | { kind: 'chat_spike'; minute: number; comments: number; usualComments: number }
  /** The question that waited. */
  | { kind: 'question_waiting'; minute: number; question: Omit<ViewerComment, 'answeredAtMs'> }
  /** Viewers waiting at the minute's end, and whole minutes since the last recap (null: none yet). */
  | { kind: 'recap_due'; minute: number; waiting: number; minutesSinceRecap: number | null };

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

/**
 * The alerts of a per-minute rule: `raisedAt(m)` is the alert the rule would raise at minute m (its
 * condition holds there, with what it measured), or null; an alert is raised at the first minute of
 * each run of consecutive minutes where one would be (L-10).
 */
function onsets<A>(minutes: readonly number[], raisedAt: (minute: number) => A | null): A[] {
  const raised: A[] = [];
  let previous = false;
  for (const minute of minutes) {
    const alert = raisedAt(minute);
    if (alert !== null && !previous) raised.push(alert);
    previous = alert !== null;
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

/**
 * Every alert of the session up to now, each once per occurrence with its minute and what raised
 * it, in minute then kind order. The thresholds compare exactly (L-11, L-12, L-14): `0.7 × 90` is
 * 62.99999999999999 in floating point, which would miss the drop from 90 to 63 that L-11 raises.
 */
export function alerts({ startMs, nowMs, series, comments, recapsMs, waitingAtMinuteEnd }: AlertInputs): Alert[] {
  const current = minuteOf(startMs, nowMs);
  const complete = Array.from({ length: Math.max(0, current) }, (_, m) => m);
  const at = (m: number, key: keyof Omit<LiveMinute, 'minute'>) => series.get(m)?.[key] ?? 0;

  const drops = onsets(complete, (minute): Alert | null => {
    const [watching, watchingBefore] = [at(minute, 'watching'), at(minute - 2, 'watching')];
    return minute >= 2 && watchingBefore >= 20 && 10 * watching <= 7 * watchingBefore
      ? { kind: 'viewer_drop', minute, watching, watchingBefore }
      : null;
  });

  const spikes = onsets(complete, (minute): Alert | null => {
    if (minute < LIVE_WINDOW_MINUTES) return null;
    const comments = at(minute, 'comments');
    const usualComments = median(
      Array.from({ length: LIVE_WINDOW_MINUTES }, (_, i) => at(minute - LIVE_WINDOW_MINUTES + i, 'comments')),
    );
    // the median of whole counts is a whole or a half number: 3 × it is exact in floating point
    return comments >= 10 && comments >= 3 * usualComments
      ? { kind: 'chat_spike', minute, comments, usualComments }
      : null;
  });

  const questions: Alert[] = [];
  for (const { answeredAtMs, ...question } of comments) {
    if (!isQuestion(question.text)) continue;
    const due = question.atMs + QUESTION_WAIT_MS;
    const answeredInTime = answeredAtMs !== null && answeredAtMs <= due;
    if (!answeredInTime && due <= nowMs)
      questions.push({ kind: 'question_waiting', minute: minuteOf(startMs, due), question });
  }

  const recapsDue = onsets(complete, (minute): Alert | null => {
    const end = startMs + (minute + 1) * 60_000;
    const last = [...recapsMs].reverse().find((r) => r <= end) ?? null;
    const waiting = waitingAtMinuteEnd.get(minute) ?? 0;
    const due =
      end - (last ?? startMs) >= RECAP_DUE_AFTER_MS &&
      waiting >= 1 &&
      (waiting >= 20 || 10 * waiting >= at(minute, 'watching'));
    return due
      ? {
          kind: 'recap_due',
          minute,
          waiting,
          minutesSinceRecap: last === null ? null : Math.floor((end - last) / 60_000),
        }
      : null;
  });

  const raised = [...drops, ...spikes, ...questions, ...recapsDue];
  return raised.sort((a, b) => a.minute - b.minute || ALERT_KINDS.indexOf(a.kind) - ALERT_KINDS.indexOf(b.kind));
}
