import type { LiveEventInput } from '../events/event.schema.js';
import type { HandFixture } from './hand-fixture.js';

/**
 * A third hand-worked fixture, for issue 9: the `recap` KPIs (recaps,
 * recapCoverage, recapLift) and the live console (now vs before, unanswered
 * comments, waiting for a recap, alerts). Every expected number below was
 * worked out by hand in docs/FIXTURE.md ("Brand b6 — recaps and the live
 * console"); the rules are docs/METRICS-DECISIONS.md, "Recaps and the live
 * console (issue 9) — decisions" (cited as L-n).
 *
 * Brand `b6` (JPY, Asia/Tokyo) — b1/b2 are the hand fixture's, b3 the API's
 * ad-hoc period brand, b4 the admin tests' brand, b5 the merchandise fixture's.
 *
 *   RC1  2026-11-21 11:00Z, 1800 s, finished   7 viewers, 3 recaps: recapCoverage / recapLift only
 *   L1   2026-11-22 11:00Z, live, no end       51 viewers, 2 recaps; the live state at LIVE_NOW
 *
 * L1 is read at LIVE_NOW = start + 32 min 30 s (1950 s): minute 32 is in progress, and no event of
 * L1 is later than LIVE_NOW (the last ones are exactly at it). Times below are seconds from the start.
 */
export const LIVE_BRAND = 'b6';
export const LIVE_SESSION_ID = 'L1';
export const LIVE_START = Date.parse('2026-11-22T11:00:00Z'); // 20:00 in Tokyo
export const LIVE_NOW = LIVE_START + 1950 * 1000; // 32 min 30 s: minute M = 32 is in progress
export const RECAP_SESSION = 'RC1';
export const RECAP_START = Date.parse('2026-11-21T11:00:00Z'); // the day before L1

type WithoutBase<T> = T extends unknown ? Omit<T, 'eventId' | 'sessionId' | 'occurredAt'> : never;
/** An event body: what `e` adds (eventId, sessionId, occurredAt) left out; an eventId may be given. */
type Body = WithoutBase<LiveEventInput> & { eventId?: string };

let n = 0;
function builder(sessionId: string, base: number) {
  return (seconds: number, body: Body): LiveEventInput =>
    ({
      eventId: `${sessionId}-e${++n}`,
      sessionId,
      occurredAt: new Date(base + seconds * 1000).toISOString(),
      ...body,
    }) as LiveEventInput;
}

const start = (title: string): Body => ({
  type: 'session_start',
  commercerId: 'c6',
  commercerName: 'Ren Ito',
  commercerKind: 'in_house',
  title,
  platform: 'instagram',
});

/** `r01` … `r36`. */
const ids = (from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => `r${String(from + i).padStart(2, '0')}`);

/**
 * L1's regular watchers. Each joins at second 5 of minute `from`, sends a 60-s dwell at second 5 of
 * every later minute up to `to` (so it is watching in minutes from … to and its watch time is
 * 60 × (to − from)), then — when `leaves` — a leave at second 5 of minute to + 1 (a minute holding
 * only that leave: not watching there). Watching per minute from these alone:
 *
 *   minute   0  1  2  3  4  5  6  7  8  9 … 32
 *   count   19 19 13 20 20 14 14 24 24 17 … 17
 */
export const LIVE_WATCHERS = [
  { ids: ids(1, 13), from: 0, to: 32, leaves: false }, // the whole stream (the commenters and buyers)
  { ids: ids(14, 19), from: 0, to: 1, leaves: true }, // leave at 125: 19 → 13 (from < 20: no viewer_drop)
  { ids: ids(20, 20), from: 3, to: 32, leaves: false },
  { ids: ids(21, 26), from: 3, to: 4, leaves: true }, // leave at 305: 20 → 14 (exactly 30 %: viewer_drop)
  { ids: ids(27, 29), from: 7, to: 32, leaves: false },
  { ids: ids(30, 36), from: 7, to: 8, leaves: true }, // leave at 545: 24 → 17 (29 %: no viewer_drop)
] as const;

/**
 * Generated viewer chat of L1, comments per minute 0 … 13 (none later): comment i (0-based) of
 * minute m is by r01 + i, at 60·m + 20 + i s, no `?` in it. The special comments (questions, …) come
 * on top, from minute 16 on.
 */
export const LIVE_CHAT = [9, 9, 9, 9, 5, 3, 0, 0, 0, 0, 12, 1, 9, 10] as const;

function l1(): LiveEventInput[] {
  const e = builder(LIVE_SESSION_ID, LIVE_START);
  const events: LiveEventInput[] = [e(0, start('Spring knits'))];

  for (const group of LIVE_WATCHERS) {
    for (const viewerId of group.ids) {
      events.push(e(60 * group.from + 5, { type: 'join', viewerId, source: 'follower' }));
      for (let m = group.from + 1; m <= group.to; m++) {
        events.push(e(60 * m + 5, { type: 'dwell', viewerId, seconds: 60 }));
      }
      if (group.leaves) events.push(e(60 * (group.to + 1) + 5, { type: 'leave', viewerId }));
    }
  }

  LIVE_CHAT.forEach((count, m) => {
    for (let i = 0; i < count; i++) {
      const viewerId = ids(1 + i, 1 + i)[0]; // r01, r02, …
      events.push(
        e(60 * m + 20 + i, { type: 'comment', viewerId, author: 'viewer', text: `Lovely knit ${m}.${i + 1}` }),
      );
    }
  });

  /** Dwells at `first`, first + 60 … up to `last` (inclusive); the first one counts from `after`. */
  const beats = (viewerId: string, after: number, first: number, last: number): LiveEventInput[] => {
    const out: LiveEventInput[] = [];
    for (let t = first, prev = after; t <= last; prev = t, t += 60) {
      out.push(e(t, { type: 'dwell', viewerId, seconds: t - prev }));
    }
    return out;
  };

  events.push(
    // the recaps (no viewerId)
    e(960, { type: 'recap', text: 'So far: the cable-knit cardigan and the mohair scarf' }), // R1, 16:00
    e(1610, { type: 'recap', text: 'Recap: cardigan 2000, scarf 3500' }), // R2, 26:50

    // x: first event exactly 600 s after the start: NOT a late joiner, never waiting for a recap
    e(600, { type: 'join', viewerId: 'x' }),
    ...beats('x', 600, 665, 1925), // 65 + 21 × 60

    // the late joiners (first event > 600 s); watch = last dwell − join, as the dwells telescope
    e(630, { type: 'join', viewerId: 'n1', source: 'ad' }), // R1 is 330 s after: uncovered
    ...beats('n1', 630, 665, 1925), // 35 + 21 × 60 = 1295
    e(690, { type: 'join', viewerId: 'n2', source: 'ad' }), // R1 270 s after, still there: covered
    ...beats('n2', 690, 725, 1925), // 35 + 20 × 60 = 1235
    e(730, { type: 'join', viewerId: 'n3', source: 'share' }), // leaves before R1: uncovered
    ...beats('n3', 730, 785, 905), // 55 + 60 + 60 = 175
    e(930, { type: 'leave', viewerId: 'n3' }),
    e(750, { type: 'join', viewerId: 'n4', source: 'share' }),
    ...beats('n4', 750, 785, 905), // 35 + 60 + 60
    e(960, { type: 'dwell', viewerId: 'n4', seconds: 55 }), // exactly at R1: still there → covered; 210
    e(965, { type: 'leave', viewerId: 'n4' }),
    e(1100, { type: 'join', viewerId: 'n5' }), // R2 510 s after: uncovered
    ...beats('n5', 1100, 1145, 1925), // 45 + 13 × 60 = 825
    e(1309, { type: 'join', viewerId: 'n6' }), // R2 is 301 s after: uncovered
    ...beats('n6', 1309, 1325, 1925), // 16 + 10 × 60 = 616
    e(1310, { type: 'join', viewerId: 'n7' }), // R2 is exactly 300 s after: covered
    ...beats('n7', 1310, 1325, 1925), // 15 + 10 × 60 = 615
    e(1400, { type: 'join', viewerId: 'n8' }), // leaves before R2, comes back after it: covered
    e(1445, { type: 'dwell', viewerId: 'n8', seconds: 45 }),
    e(1500, { type: 'leave', viewerId: 'n8' }),
    e(1620, { type: 'join', viewerId: 'n8' }),
    e(1685, { type: 'dwell', viewerId: 'n8', seconds: 65 }),
    e(1745, { type: 'dwell', viewerId: 'n8', seconds: 60 }), // 45 + 65 + 60 = 170
    e(1750, { type: 'leave', viewerId: 'n8' }),
    e(1610, { type: 'join', viewerId: 'n9' }), // at the R2 instant: covered, not waiting
    ...beats('n9', 1610, 1625, 1925), // 15 + 5 × 60 = 315
    e(1620, { type: 'join', viewerId: 'n10' }), // waiting at LIVE_NOW
    ...beats('n10', 1620, 1625, 1925), // 5 + 5 × 60 = 305
    e(1640, { type: 'join', viewerId: 'n11' }),
    e(1651, { type: 'dwell', viewerId: 'n11', seconds: 11 }), // 299 s before LIVE_NOW: waiting
    e(1630, { type: 'join', viewerId: 'n12' }),
    e(1650, { type: 'dwell', viewerId: 'n12', seconds: 20 }), // exactly 300 s before LIVE_NOW: gone
    e(1700, { type: 'join', viewerId: 'n13' }),
    ...beats('n13', 1700, 1745, 1865), // 45 + 60 + 60 = 165
    e(1900, { type: 'leave', viewerId: 'n13' }), // last event a leave: not waiting
    e(1800, { type: 'join', viewerId: 'n14' }),
    ...beats('n14', 1800, 1805, 1925), // 5 + 60 + 60
    e(1950, { type: 'dwell', viewerId: 'n14', seconds: 25 }), // exactly at LIVE_NOW; 150

    // the special viewer comments (by r01 … r10, who watch every minute anyway) and the host's answers
    e(1000, { type: 'comment', viewerId: 'r01', author: 'viewer', text: 'Is it washable?', eventId: 'L1-q0' }),
    e(1050, { type: 'comment', viewerId: 'r02', author: 'viewer', text: 'Love this colour', eventId: 'L1-c1050' }),
    e(1051, { type: 'comment', viewerId: 'r03', author: 'viewer', text: 'Great fabric', eventId: 'L1-c1051' }),
    e(1100, { type: 'comment', viewerId: 'r04', author: 'viewer', text: 'Do you ship abroad?', eventId: 'L1-q1' }),
    e(1160, { type: 'comment', author: 'host', text: 'Yes, worldwide', replyTo: 'L1-q1' }), // exactly 60 s
    e(1200, { type: 'comment', viewerId: 'r05', author: 'viewer', text: 'Is there an XL?', eventId: 'L1-q2' }),
    e(1261, { type: 'comment', author: 'host', text: 'XL next week', replyTo: 'L1-q2' }), // 61 s
    e(1300, { type: 'comment', viewerId: 'r06', author: 'viewer', text: '色違いはありますか？', eventId: 'L1-q3' }),
    e(1400, { type: 'comment', viewerId: 'r07', author: 'viewer', text: 'Just ordered', eventId: 'L1-c1400' }),
    e(1530, { type: 'comment', author: 'host', text: 'Thank you!', replyTo: 'L1-c1400' }), // 130 s: late, but answered
    e(1700, { type: 'comment', author: 'host', text: 'Welcome, everyone who just joined!' }), // names no comment
    e(1890, { type: 'comment', viewerId: 'r08', author: 'viewer', text: 'How long is delivery?', eventId: 'L1-q4' }),
    e(1920, { type: 'comment', viewerId: 'r09', author: 'viewer', text: 'Any discount?', eventId: 'L1-q5' }),
    e(1950, { type: 'comment', viewerId: 'r10', author: 'viewer', eventId: 'L1-c1950' }), // no text: no question

    // likes, cart adds and orders (by r01 … r13)
    e(700, { type: 'like', viewerId: 'r09', count: 50 }), // minute 11
    e(750, { type: 'like', viewerId: 'r01', count: 10 }), // minute 12
    e(850, { type: 'cart_add', viewerId: 'r03', productId: 'k1', quantity: 1, unitPrice: '2000', currency: 'JPY' }),
    e(910, {
      type: 'purchase',
      viewerId: 'r03',
      orderId: 'o1',
      currency: 'JPY',
      items: [{ productId: 'k1', quantity: 1, unitPrice: '2000' }],
    }), // minute 15
    e(930, { type: 'like', viewerId: 'r02', count: 5 }), // minute 15
    e(1260, { type: 'like', viewerId: 'r11', count: 3 }), // minute 21 (its first instant)
    e(1320, { type: 'like', viewerId: 'r12', count: 4, stamp: 'heart' }), // minute 22 (its first instant)
    e(1390, { type: 'cart_add', viewerId: 'r06', productId: 'k1', quantity: 2, unitPrice: '2000', currency: 'JPY' }),
    e(1420, { type: 'cart_add', viewerId: 'r07', productId: 'k2', quantity: 1, unitPrice: '3500', currency: 'JPY' }),
    e(1450, {
      type: 'purchase',
      viewerId: 'r06',
      orderId: 'o2',
      currency: 'JPY',
      items: [{ productId: 'k1', quantity: 2, unitPrice: '2000' }],
    }), // minute 24
    e(1510, { type: 'like', viewerId: 'r04', count: 20, stamp: 'heart' }), // minute 25
    e(1700, {
      type: 'purchase',
      viewerId: 'r07',
      orderId: 'o3',
      currency: 'JPY',
      items: [{ productId: 'k2', quantity: 1, unitPrice: '3500' }],
    }), // minute 28
    e(1810, { type: 'like', viewerId: 'r05', count: 7 }), // minute 30
    e(1940, {
      type: 'purchase',
      viewerId: 'r08',
      orderId: 'o4',
      currency: 'JPY',
      items: [{ productId: 'k1', quantity: 1, unitPrice: '2000' }],
    }), // minute 32: in progress at LIVE_NOW
  );
  return events;
}

function rc1(): LiveEventInput[] {
  const e = builder(RECAP_SESSION, RECAP_START);
  return [
    e(0, start('Linen shirts')),
    e(700, { type: 'recap', text: 'So far: linen shirts in 3 colours' }),
    e(1200, { type: 'recap' }),
    e(1500, { type: 'recap', text: 'Last call' }),
    e(1800, { type: 'session_end' }),

    // not late joiners
    e(10, { type: 'join', viewerId: 'a1', source: 'follower' }),
    e(310, { type: 'dwell', viewerId: 'a1', seconds: 300 }),
    e(610, { type: 'dwell', viewerId: 'a1', seconds: 300 }),
    e(910, { type: 'dwell', viewerId: 'a1', seconds: 300 }),
    e(1210, { type: 'dwell', viewerId: 'a1', seconds: 300 }),
    e(1510, { type: 'dwell', viewerId: 'a1', seconds: 300 }),
    e(600, { type: 'join', viewerId: 'a2' }), // exactly 600 s: not late
    e(900, { type: 'dwell', viewerId: 'a2', seconds: 300 }),

    // late joiners
    e(610, { type: 'join', viewerId: 'g5' }), // leaves before the recap at 700: uncovered, 60
    e(670, { type: 'dwell', viewerId: 'g5', seconds: 60 }),
    e(690, { type: 'leave', viewerId: 'g5' }),
    e(650, { type: 'join', viewerId: 'g1', source: 'ad' }), // recap 700 (50 s): covered, 900
    e(950, { type: 'dwell', viewerId: 'g1', seconds: 300 }),
    e(1250, { type: 'dwell', viewerId: 'g1', seconds: 300 }),
    e(1550, { type: 'dwell', viewerId: 'g1', seconds: 300 }),
    e(899, { type: 'join', viewerId: 'g4' }), // recap 1200 is 301 s after: uncovered, 900
    e(1199, { type: 'dwell', viewerId: 'g4', seconds: 300 }),
    e(1499, { type: 'dwell', viewerId: 'g4', seconds: 300 }),
    e(1799, { type: 'dwell', viewerId: 'g4', seconds: 300 }),
    e(900, { type: 'join', viewerId: 'g2' }), // recap 1200 exactly 300 s after: covered, 600
    e(1200, { type: 'dwell', viewerId: 'g2', seconds: 300 }),
    e(1500, { type: 'dwell', viewerId: 'g2', seconds: 300 }),
    e(1450, { type: 'join', viewerId: 'g3' }), // recap 1500 (50 s): covered, 300
    e(1750, { type: 'dwell', viewerId: 'g3', seconds: 300 }),
  ];
}

/** Brand b6's events, fresh arrays on every call (same shape as `handFixture()`). */
export function liveFixture(): HandFixture {
  n = 0;
  return { byBrand: { [LIVE_BRAND]: [...rc1(), ...l1()] } };
}

/** L1's watching per complete minute 0 … 31 at LIVE_NOW (minute 32, in progress, holds 26). */
// prettier-ignore
export const LIVE_WATCHING = [
  19, 19, 13, 20, 20, 14, 14, 24, 24, 17, // 0–9
  19, 20, 22, 22, 22, 22, 21, 20, 21, 21, // 10–19
  21, 23, 23, 24, 24, 23, 24, 28, 27, 27, // 20–29
  27, 27, // 30–31
] as const;

/** L1's viewer comments per complete minute 0 … 31 (minute 32 holds 2). */
// prettier-ignore
export const LIVE_COMMENTS = [
  9, 9, 9, 9, 5, 3, 0, 0, 0, 0, // 0–9
  12, 1, 9, 10, 0, 0, 1, 2, 1, 0, // 10–19
  1, 1, 0, 1, 0, 0, 0, 0, 0, 0, // 20–29
  0, 1, // 30–31
] as const;

/**
 * An alert as the live state has it (docs/METRICS-DECISIONS.md, L-15): the fields of its kind as
 * given, those of the other kinds null. For expected values and for inputs of the console's tests.
 */
export function liveAlert<K extends string, F extends object>(kind: K, minute: number, fields: F) {
  return {
    kind,
    minute,
    watching: null,
    watchingBefore: null,
    comments: null,
    usualComments: null,
    waiting: null,
    minutesSinceRecap: null,
    question: null,
    ...fields,
  };
}

/**
 * L1 worked out by hand (docs/FIXTURE.md, brand b6): its recap KPIs, and its live state at
 * LIVE_NOW (M = 32; `last` = minutes 22–31, `before` = minutes 12–21). Money in whole yen.
 */
export const LIVE_EXPECTED = {
  uniqueViewers: 51,
  recaps: 2,
  lateJoiners: 14,
  recapCoverage: 5 / 14,
  // covered n2, n4, n7, n8, n9: 1235 + 210 + 615 + 170 + 315 = 2545;
  // uncovered n1, n3, n5, n6, n10–n14: 1295 + 175 + 825 + 616 + 305 + 11 + 20 + 165 + 150 = 3562
  recapLift: 2545 / 5 / (3562 / 9),
  nowVsBefore: {
    last: {
      minutes: 10,
      watching: 254 / 10,
      comments: 2 / 10,
      likes: 31 / 10,
      cartAdds: 2 / 10,
      orders: 2 / 10,
      revenue: 7500 / 10,
    },
    before: {
      minutes: 10,
      watching: 215 / 10,
      comments: 25 / 10,
      likes: 18 / 10,
      cartAdds: 1 / 10,
      orders: 1 / 10,
      revenue: 2000 / 10,
    },
  },
  /** Questions first, then oldest first. */
  unansweredComments: [
    { eventId: 'L1-q3', ageSeconds: 650, question: true },
    { eventId: 'L1-q4', ageSeconds: 60, question: true },
    { eventId: 'L1-q5', ageSeconds: 30, question: true },
    { eventId: 'L1-c1051', ageSeconds: 899, question: false },
    { eventId: 'L1-c1950', ageSeconds: 0, question: false },
  ],
  waitingForRecap: { viewers: 3, minutesSinceRecap: 5 },
  /**
   * In minute order (no two alerts share a minute here), each with what raised it (L-15; the values
   * are those of the tables in docs/FIXTURE.md, "Alerts"; the fields of other kinds are null).
   */
  alerts: [
    liveAlert('viewer_drop', 5, { watching: 14, watchingBefore: 20 }),
    liveAlert('chat_spike', 10, { comments: 12, usualComments: 4 }),
    liveAlert('recap_due', 11, { waiting: 2, minutesSinceRecap: null }),
    liveAlert('chat_spike', 13, { comments: 10, usualComments: 2 }),
    liveAlert('question_waiting', 17, { question: { eventId: 'L1-q0', viewerId: 'r01', text: 'Is it washable?' } }),
    liveAlert('question_waiting', 21, { question: { eventId: 'L1-q2', viewerId: 'r05', text: 'Is there an XL?' } }),
    liveAlert('question_waiting', 22, {
      question: { eventId: 'L1-q3', viewerId: 'r06', text: '色違いはありますか？' },
    }),
    // (1560 − 960) / 60 = 10 minutes since R1
    liveAlert('recap_due', 25, { waiting: 3, minutesSinceRecap: 10 }),
    liveAlert('question_waiting', 32, {
      question: { eventId: 'L1-q4', viewerId: 'r08', text: 'How long is delivery?' },
    }),
  ],
} as const;

/**
 * `nowVsBefore` of L1 read at two earlier instants, where some of the 20 minutes lie before minute 0
 * (L-7: left out of the mean, `minutes` says how many exist; the range is null when none exists). Events after those instants are in the store
 * but do not touch complete minutes.
 */
export const LIVE_EARLIER = [
  {
    now: LIVE_START + 500 * 1000, // 8 min 20 s: M = 8, last = minutes 0–7 (8 exist), before = none
    nowVsBefore: {
      last: { minutes: 8, watching: 143 / 8, comments: 44 / 8, likes: 0, cartAdds: 0, orders: 0, revenue: 0 },
      before: null,
    },
  },
  {
    now: LIVE_START + 910 * 1000, // 15 min 10 s: M = 15, last = minutes 5–14, before = minutes 0–4 (5 exist)
    nowVsBefore: {
      last: {
        minutes: 10,
        watching: 198 / 10,
        comments: 35 / 10,
        likes: 60 / 10,
        cartAdds: 1 / 10,
        orders: 0,
        revenue: 0,
      },
      before: { minutes: 5, watching: 91 / 5, comments: 41 / 5, likes: 0, cartAdds: 0, orders: 0, revenue: 0 },
    },
  },
] as const;

/** RC1 (finished, 1800 s) worked out by hand. */
export const RECAP_EXPECTED = {
  uniqueViewers: 7,
  recaps: 3,
  lateJoiners: 5,
  recapCoverage: 3 / 5,
  // covered g1 900, g2 600, g3 300 → 600; uncovered g4 900, g5 60 → 480
  recapLift: (900 + 600 + 300) / 3 / ((900 + 60) / 2), // = 5/4
} as const;

/** Brand b6 over [2026-11-21, 2026-11-23) UTC: RC1 and L1 (ratios of sums, L-5). */
export const B6_PERIOD = { from: '2026-11-21T00:00:00Z', to: '2026-11-23T00:00:00Z', timeZone: 'UTC' } as const;
export const B6_PERIOD_EXPECTED = {
  sessions: 2,
  recaps: 3 + 2,
  lateJoiners: 5 + 14,
  recapCoverage: (3 + 5) / (5 + 14),
  recapLift: (1800 + 2545) / (3 + 5) / ((960 + 3562) / (2 + 9)),
} as const;
