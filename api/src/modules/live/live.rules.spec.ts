import { alerts, type AlertInputs, type LiveMinute, type ViewerComment } from './live.rules.js';

const MINUTE = 60_000;

/** A minute series from per-minute watching and viewer comments (the rest 0). */
function series(watching: readonly number[], comments: readonly number[] = []): Map<number, LiveMinute> {
  const minutes = Math.max(watching.length, comments.length);
  return new Map(
    Array.from({ length: minutes }, (_, minute) => [
      minute,
      {
        minute,
        watching: watching[minute] ?? 0,
        comments: comments[minute] ?? 0,
        likes: 0,
        cartAdds: 0,
        orders: 0,
        revenue: 0,
      },
    ]),
  );
}

const inputs = (fields: Partial<AlertInputs>): AlertInputs => ({
  startMs: 0,
  nowMs: 0,
  series: new Map(),
  comments: [],
  recapsMs: [],
  waitingAtMinuteEnd: new Map(),
  ...fields,
});

describe('live alerts (METRICS.md "Live"; docs/METRICS-DECISIONS.md L-10 to L-15)', () => {
  it('raises a viewer drop of exactly 30 % with what it measured, and none at 28.9 %', () => {
    // minute 2 against minute 0: 10 × 63 = 630 ≤ 7 × 90 = 630 (0.7 × 90 is 62.99999999999999 in floating point)
    expect(alerts(inputs({ nowMs: 4 * MINUTE, series: series([90, 90, 63, 63]) }))).toEqual([
      { kind: 'viewer_drop', minute: 2, watching: 63, watchingBefore: 90 },
    ]);
    // 64 of 90 is a fall of 28.9 %: 640 > 630
    expect(alerts(inputs({ nowMs: 4 * MINUTE, series: series([90, 90, 64, 64]) }))).toEqual([]);
  });

  it('raises a chat spike at three times the median of the ten minutes before, with that median', () => {
    // minutes 0–9 sorted: 1 1 1 1 3 4 5 5 5 5 → median (3 + 4) / 2 = 3.5; threshold 10.5
    const before = [5, 1, 4, 1, 5, 3, 1, 5, 1, 5];
    const at = (comments: number) =>
      alerts(inputs({ nowMs: 11 * MINUTE, series: series(Array(11).fill(50), [...before, comments]) }));
    expect(at(11)).toEqual([{ kind: 'chat_spike', minute: 10, comments: 11, usualComments: 3.5 }]);
    expect(at(10)).toEqual([]);
  });

  it('raises a recap due exactly 10 minutes after the last recap, at 10 % of those watching', () => {
    // recap at 1:00; minute 10 ends at 11:00: 10 minutes since; 3 waiting of 30 watching is 10 %
    const raised = alerts(
      inputs({
        nowMs: 11 * MINUTE,
        series: series(Array(11).fill(30)),
        recapsMs: [MINUTE],
        waitingAtMinuteEnd: new Map([
          [9, 3],
          [10, 3],
        ]),
      }),
    );
    // minute 9 ends at 10:00, 9 minutes after the recap: not yet
    expect(raised).toEqual([{ kind: 'recap_due', minute: 10, waiting: 3, minutesSinceRecap: 10 }]);
    // no recap at all: due from the end of minute 9 (10 minutes after the start), none since
    const none = alerts(
      inputs({ nowMs: 10 * MINUTE, series: series(Array(10).fill(30)), waitingAtMinuteEnd: new Map([[9, 3]]) }),
    );
    expect(none).toEqual([{ kind: 'recap_due', minute: 9, waiting: 3, minutesSinceRecap: null }]);
  });

  it('names the question that waited, and raises none for one answered exactly 60 s later', () => {
    const question: ViewerComment = {
      eventId: 'q1',
      viewerId: 'v11',
      text: '色は？',
      atMs: 30_000,
      answeredAtMs: null,
    };
    // due at 1:30, in minute 1
    expect(alerts(inputs({ nowMs: 90_000, comments: [question] }))).toEqual([
      {
        kind: 'question_waiting',
        minute: 1,
        question: { eventId: 'q1', viewerId: 'v11', text: '色は？', atMs: 30_000 },
      },
    ]);
    expect(alerts(inputs({ nowMs: 90_000, comments: [{ ...question, answeredAtMs: 90_000 }] }))).toEqual([]);
    // not a question: no alert
    expect(alerts(inputs({ nowMs: 90_000, comments: [{ ...question, text: 'so nice' }] }))).toEqual([]);
  });
});
