import { liveAlert } from '@lc/contract/testing';
import {
  BANNER_MS,
  alertKey,
  alertsNewestFirst,
  compareWindows,
  directionOf,
  dismissBanner,
  emptyBanner,
  expireBanner,
  orderQueue,
  recapClientId,
  receiveAlerts,
  recentCurve,
  relativeChange,
  serverNow,
  watchingNow,
  type LiveAlert,
  type LiveWindow,
} from './live-console';

const window = (w: Partial<LiveWindow>): LiveWindow => ({
  minutes: 10,
  watching: 0,
  comments: 0,
  likes: 0,
  cartAdds: 0,
  orders: 0,
  revenue: 0,
  ...w,
});

describe('now vs before', () => {
  it('is the relative change of the two values, null without a base', () => {
    // (30 − 24) / 24 = 0.25
    expect(relativeChange(30, 24)).toBe(0.25);
    // (18 − 24) / 24 = −0.25
    expect(relativeChange(18, 24)).toBe(-0.25);
    expect(relativeChange(5, 0)).toBeNull();
    expect(relativeChange(5, null)).toBeNull();
    expect(relativeChange(null, 5)).toBeNull();
    expect(relativeChange(0, 4)).toBe(-1);
  });

  it('gives each change its direction', () => {
    expect(directionOf(0.1)).toBe('up');
    expect(directionOf(-0.1)).toBe('down');
    expect(directionOf(0)).toBe('flat');
    expect(directionOf(null)).toBeNull();
  });

  it('shows watching as the mean, the rest as totals of the last window, and compares per-minute means', () => {
    // L1 of the live fixture at minute 32 (docs/FIXTURE.md): means over minutes 22–31 and 12–21.
    const last = window({ watching: 25.4, comments: 0.2, likes: 3.1, cartAdds: 0.2, orders: 0.2, revenue: 750 });
    const before = window({ watching: 21.5, comments: 2.5, likes: 1.8, cartAdds: 0.1, orders: 0.1, revenue: 200 });
    const rows = compareWindows(last, before);
    expect(rows.map((r) => r.measure)).toEqual(['watching', 'comments', 'likes', 'cartAdds', 'orders', 'revenue']);
    const byMeasure = Object.fromEntries(rows.map((r) => [r.measure, r]));
    // watching: the mean 25.4; (25.4 − 21.5) / 21.5 = 3.9 / 21.5 = 0.18139…
    expect(byMeasure.watching.value).toBe(25.4);
    expect(byMeasure.watching.change).toBeCloseTo(0.181395, 6);
    expect(byMeasure.watching.direction).toBe('up');
    // comments: 0.2 × 10 = 2 in the last 10 minutes; (0.2 − 2.5) / 2.5 = −0.92
    expect(byMeasure.comments.value).toBeCloseTo(2, 10);
    expect(byMeasure.comments.change).toBeCloseTo(-0.92, 10);
    expect(byMeasure.comments.direction).toBe('down');
    // likes: 31; (3.1 − 1.8) / 1.8 = 0.7222…
    expect(byMeasure.likes.value).toBeCloseTo(31, 10);
    expect(byMeasure.likes.change).toBeCloseTo(0.722222, 6);
    // carts and orders: 2 each; (0.2 − 0.1) / 0.1 = 1 (doubled)
    expect(byMeasure.cartAdds.value).toBeCloseTo(2, 10);
    expect(byMeasure.cartAdds.change).toBeCloseTo(1, 10);
    expect(byMeasure.orders.change).toBeCloseTo(1, 10);
    // revenue: 750 × 10 = 7,500; (750 − 200) / 200 = 2.75
    expect(byMeasure.revenue.value).toBe(7500);
    expect(byMeasure.revenue.change).toBe(2.75);
  });

  it('compares means, so a shorter before window near the start is still a fair base', () => {
    // Minute 13 in progress: last = minutes 3–12 (10), before = minutes 0–2 (3).
    // 12 comments in 3 minutes is 4 / min; 20 in 10 minutes is 2 / min: half, not 20 / 12.
    const rows = compareWindows(window({ comments: 2 }), window({ minutes: 3, comments: 4 }));
    const comments = rows.find((r) => r.measure === 'comments')!;
    expect(comments.value).toBe(20);
    expect(comments.change).toBe(-0.5);
  });

  it('has values but no change before a second window exists, and nothing at all before a first', () => {
    const early = compareWindows(window({ minutes: 4, watching: 12, orders: 0.25 }), null);
    expect(early.find((r) => r.measure === 'watching')).toEqual({
      measure: 'watching',
      value: 12,
      change: null,
      direction: null,
    });
    // 0.25 orders a minute over 4 minutes: 1 order
    expect(early.find((r) => r.measure === 'orders')?.value).toBe(1);
    expect(compareWindows(null, null).every((r) => r.value === null && r.change === null)).toBe(true);
  });

  it('has no change where the before window had none of it', () => {
    const rows = compareWindows(window({ orders: 0.3 }), window({ orders: 0 }));
    expect(rows.find((r) => r.measure === 'orders')).toMatchObject({ value: 3, change: null, direction: null });
  });
});

describe('watching now and the curve', () => {
  const series = [
    { minute: 0, watching: 19 },
    { minute: 1, watching: 19 },
    { minute: 2, watching: 13 },
    // minute 3 missing: no viewer event in it
    { minute: 4, watching: 20 },
    { minute: 5, watching: 26 }, // in progress at currentMinute 5
  ];

  it('is the last complete minute, not the one in progress', () => {
    expect(watchingNow(series, 5)).toBe(20);
    expect(watchingNow(series, 3)).toBe(13);
  });

  it('is 0 for a complete minute without events, and unknown while minute 0 runs', () => {
    expect(watchingNow(series, 4)).toBe(0);
    expect(watchingNow(series, 0)).toBeNull();
  });

  it('draws every complete minute of the last 30, missing ones at 0', () => {
    expect(recentCurve(series, 5)).toEqual([
      { minute: 0, watching: 19 },
      { minute: 1, watching: 19 },
      { minute: 2, watching: 13 },
      { minute: 3, watching: 0 },
      { minute: 4, watching: 20 },
    ]);
    // At minute 40: minutes 10 … 39, 30 of them, all missing here.
    const late = recentCurve(series, 40);
    expect(late).toHaveLength(30);
    expect(late[0]).toEqual({ minute: 10, watching: 0 });
    expect(late[29]).toEqual({ minute: 39, watching: 0 });
    expect(recentCurve(series, 3, 2)).toEqual([
      { minute: 1, watching: 19 },
      { minute: 2, watching: 13 },
    ]);
    expect(recentCurve(series, 0)).toEqual([]);
  });
});

describe('the unanswered comments queue', () => {
  const c = (eventId: string, at: string, question: boolean) => ({ eventId, at, question });

  it('puts questions first, then the oldest first, ties by event id', () => {
    const queue = orderQueue([
      c('c1050', '2026-11-22T11:17:30Z', false),
      c('q4', '2026-11-22T11:31:30Z', true),
      c('q0', '2026-11-22T11:16:40Z', true),
      c('c1400', '2026-11-22T11:23:20Z', false),
      c('q3b', '2026-11-22T11:21:40Z', true),
      c('q3a', '2026-11-22T11:21:40Z', true),
    ]);
    expect(queue.map((x) => x.eventId)).toEqual(['q0', 'q3a', 'q3b', 'q4', 'c1050', 'c1400']);
  });

  it('leaves the list it was given alone', () => {
    const given = [c('b', '2026-11-22T11:00:02Z', false), c('a', '2026-11-22T11:00:01Z', false)];
    orderQueue(given);
    expect(given.map((x) => x.eventId)).toEqual(['b', 'a']);
  });

  it("moves the server's now on by the time since the push arrived", () => {
    // pushed at 11:32:30 server time, received at 1,000 ms local; 4.5 s later it is 11:32:34.5 there
    expect(serverNow('2026-11-22T11:32:30.000Z', 1000, 5500).toISOString()).toBe('2026-11-22T11:32:34.500Z');
    // a local clock behind the receipt never moves it back
    expect(serverNow('2026-11-22T11:32:30.000Z', 1000, 900).toISOString()).toBe('2026-11-22T11:32:30.000Z');
  });
});

describe('the alert banner', () => {
  const alert = (kind: LiveAlert['kind'], minute: number, questionId?: string): LiveAlert => ({
    ...liveAlert(kind, minute, {
      question: questionId ? { eventId: questionId, viewerId: 'v1', text: 'Size?' } : null,
    }),
    at: new Date(Date.UTC(2026, 10, 22, 11, minute)).toISOString(),
  });
  const drop4 = alert('viewer_drop', 4);
  const spike10 = alert('chat_spike', 10);
  const question17 = alert('question_waiting', 17, 'q1');
  const recap31 = alert('recap_due', 31);

  it('keys an alert by its kind and minute, and a question alert by its question too', () => {
    expect(alertKey(drop4)).toBe('viewer_drop@4');
    expect(alertKey(question17)).toBe('question_waiting@17#q1');
  });

  it('banners two questions that fell due in the same minute, each once', () => {
    const other17 = alert('question_waiting', 17, 'q2');
    const state = receiveAlerts(emptyBanner(), [question17, other17], {
      nowMs: 0,
      currentMinute: 18,
      firstLook: false,
    });
    expect(state.shown.map((a) => a.key)).toEqual(['question_waiting@17#q1', 'question_waiting@17#q2']);
    const again = receiveAlerts(state, [question17, other17], { nowMs: 1000, currentMinute: 18, firstLook: false });
    expect(again).toBe(state);
  });

  it('on the first look, banners only alerts of the last 2 minutes before the one in progress', () => {
    // minute 32 in progress: minutes 30 and 31 are fresh; 4, 10 and 17 only go to the list
    const state = receiveAlerts(emptyBanner(), [drop4, spike10, question17, recap31], {
      nowMs: 1000,
      currentMinute: 32,
      firstLook: true,
    });
    expect(state.shown.map((a) => a.key)).toEqual(['recap_due@31']);
    expect([...state.seen].sort()).toEqual([
      'chat_spike@10',
      'question_waiting@17#q1',
      'recap_due@31',
      'viewer_drop@4',
    ]);
  });

  it('banners each new alert once, however many pushes repeat it', () => {
    let state = receiveAlerts(emptyBanner(), [drop4], { nowMs: 0, currentMinute: 5, firstLook: true });
    expect(state.shown.map((a) => a.key)).toEqual(['viewer_drop@4']);
    state = dismissBanner(state);
    // the next push repeats viewer_drop@4 and adds chat_spike@10
    state = receiveAlerts(state, [drop4, spike10], { nowMs: 2000, currentMinute: 11, firstLook: false });
    expect(state.shown.map((a) => a.key)).toEqual(['chat_spike@10']);
    expect(state.shown[0].shownAtMs).toBe(2000);
    // the same list again: nothing new, the very same state
    const again = receiveAlerts(state, [drop4, spike10], { nowMs: 4000, currentMinute: 11, firstLook: false });
    expect(again).toBe(state);
    // a second viewer drop at another minute is another occurrence
    const drop12 = alert('viewer_drop', 12);
    state = receiveAlerts(state, [drop4, spike10, drop12], { nowMs: 6000, currentMinute: 13, firstLook: false });
    expect(state.shown.map((a) => a.key)).toEqual(['chat_spike@10', 'viewer_drop@12']);
  });

  it('after the first look, banners a new alert whatever its minute', () => {
    // a question's wait is judged when the state is read: it can arrive for an earlier minute
    const state = receiveAlerts(emptyBanner(['viewer_drop@4']), [drop4, question17], {
      nowMs: 0,
      currentMinute: 25,
      firstLook: false,
    });
    expect(state.shown.map((a) => a.key)).toEqual(['question_waiting@17#q1']);
  });

  it('never banners what a previous look of this tab already saw', () => {
    const state = receiveAlerts(emptyBanner(['recap_due@31']), [recap31], {
      nowMs: 0,
      currentMinute: 32,
      firstLook: false,
    });
    expect(state.shown).toEqual([]);
  });

  it('takes a banner down after a minute, or when dismissed, and it stays seen', () => {
    let state = receiveAlerts(emptyBanner(), [spike10], { nowMs: 10_000, currentMinute: 11, firstLook: false });
    state = receiveAlerts(state, [spike10, question17], { nowMs: 40_000, currentMinute: 18, firstLook: false });
    // 10 s + 60 s = 70 s: spike's banner ends at 70 s, the question's at 100 s
    expect(expireBanner(state, 69_999).shown).toHaveLength(2);
    expect(expireBanner(state, 10_000 + BANNER_MS).shown.map((a) => a.key)).toEqual(['question_waiting@17#q1']);
    expect(expireBanner(state, 40_000 + BANNER_MS).shown).toEqual([]);
    const dismissed = dismissBanner(state, 'chat_spike@10');
    expect(dismissed.shown.map((a) => a.key)).toEqual(['question_waiting@17#q1']);
    expect(dismissed.seen.has('chat_spike@10')).toBe(true);
    const back = receiveAlerts(dismissed, [spike10, question17], {
      nowMs: 50_000,
      currentMinute: 18,
      firstLook: false,
    });
    expect(back.shown.map((a) => a.key)).toEqual(['question_waiting@17#q1']);
  });

  it('lists the alerts newest first', () => {
    expect(alertsNewestFirst([drop4, spike10, question17]).map(alertKey)).toEqual([
      'question_waiting@17#q1',
      'chat_spike@10',
      'viewer_drop@4',
    ]);
  });
});

describe('the recap button', () => {
  let n = 0;
  const newId = (): string => `id-${++n}`;
  beforeEach(() => {
    n = 0;
  });

  it('makes a new clientId per recap, and none while one is being sent', () => {
    expect(recapClientId({ status: 'idle' }, newId)).toBe('id-1');
    expect(recapClientId({ status: 'sending', clientId: 'id-1' }, newId)).toBeNull();
    expect(recapClientId({ status: 'recorded', clientId: 'id-1', at: '2026-11-22T11:32:30Z' }, newId)).toBe('id-2');
  });

  it('reuses the failed attempt’s clientId on a retry, so a request that did arrive is not recorded twice', () => {
    expect(recapClientId({ status: 'failed', clientId: 'id-7', reason: 'network' }, newId)).toBe('id-7');
    expect(n).toBe(0);
  });
});
