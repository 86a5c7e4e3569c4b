import { liveAlert } from '@lc/contract/testing';
import type { LiveAlert, LiveState } from './live-console';

/** Test helpers: an alert of a session that started at `startMs`, raised at its minute. */
export const alertAt = (
  startMs: number,
  kind: LiveAlert['kind'],
  minute: number,
  fields: Partial<LiveAlert> = {},
): LiveAlert => ({
  ...liveAlert(kind, minute, fields),
  at: new Date(startMs + minute * 60_000).toISOString(),
});

/** A pushed live state at `minute` of a session that started at `startMs`, with nothing but its alerts. */
export const liveStateWith = (startMs: number, minute: number, alerts: LiveAlert[]): LiveState => ({
  at: new Date(startMs + minute * 60_000).toISOString(),
  minute,
  nowVsBefore: { last: null, before: null },
  unansweredCount: 0,
  unansweredComments: [],
  waitingForRecap: { viewers: 0, minutesSinceRecap: null, lastRecapAt: null },
  alerts,
  pinned: null,
});
