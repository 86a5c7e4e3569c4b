import type { LiveEventInput } from '../events/event.schema.js';
import type { HandFixture } from './hand-fixture.js';

/**
 * A second hand-worked fixture, for the merchandise KPIs of issue 8 (products,
 * pin segments, traffic sources, follows, shares, refunds, regulars). Every
 * expected number below was worked out by hand in docs/FIXTURE.md ("Brand b5 —
 * merchandise (M1) and regulars (R0–R3)"); the rules it relies on where
 * METRICS.md is silent are in docs/METRICS-DECISIONS.md ("Merchandise KPIs
 * (issue 8) — worked decisions").
 *
 * Brand `b5` (JPY, Asia/Tokyo) — not b3: the API's period tests already load an
 * ad-hoc brand b3 of their own, and b4 is the invalid-zone brand of the admin tests.
 *
 *   R0  2026-10-11 12:00Z (40 days before M1)  w2                (too old for M1's regulars)
 *   R1  2026-11-11 12:00Z ( 9 days before)      w1, w2
 *   R2  2026-11-15 12:00Z ( 5 days before)      w1, w2 (buys o6 3000, refunded in full), w6
 *   R3  2026-11-18 12:00Z ( 2 days before)      w1 (follows), w6
 *   M1  2026-11-20 12:00Z, 1200 s               w1–w7, three pins, five orders, four refunds
 */
export const MERCH_BRAND = 'b5';
export const M1_START = Date.parse('2026-11-20T12:00:00Z'); // 21:00 in Tokyo
const DAY = 86_400_000;

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

const start = (title: string, platform: string): Body => ({
  type: 'session_start',
  commercerId: 'c5',
  commercerName: 'Yui Mori',
  commercerKind: 'professional',
  title,
  platform,
});

function m1(): LiveEventInput[] {
  const e = builder('M1', M1_START);
  return [
    // the session, the run-sheet (pins) and the shop's refunds: no viewerId
    e(0, start('Scarves & gloves', 'tiktok')),
    e(60, { type: 'product_pin', productId: 'p1', productName: 'Cashmere scarf' }), // G1 p1 [60, 300)
    e(120, { type: 'comment', author: 'host', text: 'Feel how soft it is' }), // host: not a segment comment
    e(300, { type: 'product_pin', productId: 'p1', productName: 'Cashmere scarf (navy)' }), // re-pin: G2 p1 [300, 540)
    e(420, { type: 'product_unpin', productId: 'p2' }), // p2 is not pinned: ignored
    e(540, { type: 'product_unpin', productId: 'p1' }), // ends G2
    e(840, { type: 'product_pin', productId: 'p2', productName: 'Leather gloves' }), // G3 p2 [840, 1200)
    e(1000, { type: 'refund', orderId: 'o1', amount: '3000', currency: 'JPY' }), // partial
    e(1100, { type: 'refund', orderId: 'o5', amount: '2000', currency: 'JPY' }),
    e(1150, { type: 'refund', orderId: 'o6', amount: 1500, currency: 'JPY' }), // o6 is R2's order: unmatched here
    e(1200, { type: 'session_end' }),
    e(1500, { type: 'refund', orderId: 'o5', amount: '1000', currency: 'JPY' }), // after the end; o5 now 3000 > 2500

    // w1 (follower; regular: R1, R2, R3): follows twice, impressed twice by p1, buys o1 in G1
    e(10, { type: 'join', viewerId: 'w1', source: 'follower' }),
    e(30, { type: 'comment', viewerId: 'w1', author: 'viewer', text: 'Hi!' }),
    e(80, { type: 'product_impression', viewerId: 'w1', productId: 'p1' }),
    e(90, { type: 'product_click', viewerId: 'w1', productId: 'p1' }),
    e(95, { type: 'follow', viewerId: 'w1' }),
    e(150, { type: 'cart_add', viewerId: 'w1', productId: 'p1', quantity: 1, unitPrice: '8000', currency: 'JPY' }),
    e(200, {
      type: 'purchase',
      viewerId: 'w1',
      orderId: 'o1',
      currency: 'JPY',
      items: [{ productId: 'p1', quantity: 1, unitPrice: '8000' }],
    }),
    e(250, { type: 'dwell', viewerId: 'w1', seconds: 240 }),
    e(280, { type: 'comment', viewerId: 'w1', author: 'viewer', text: 'Bought it!' }),
    e(320, { type: 'product_impression', viewerId: 'w1', productId: 'p1' }),
    e(400, { type: 'follow', viewerId: 'w1' }),
    e(490, { type: 'dwell', viewerId: 'w1', seconds: 240 }),
    e(590, { type: 'dwell', viewerId: 'w1', seconds: 100 }),
    e(600, { type: 'leave', viewerId: 'w1' }),

    // w2 (ad; R0, R1, R2 — not regular): clicks p1 twice, buys o2 (G1 and G2 windows → G2), shares twice
    e(20, { type: 'join', viewerId: 'w2', source: 'ad' }),
    e(100, { type: 'product_impression', viewerId: 'w2', productId: 'p1' }),
    e(110, { type: 'product_click', viewerId: 'w2', productId: 'p1' }),
    e(180, { type: 'comment', viewerId: 'w2', author: 'viewer', text: 'Price?' }),
    e(260, { type: 'dwell', viewerId: 'w2', seconds: 240 }),
    e(330, { type: 'product_click', viewerId: 'w2', productId: 'p1' }),
    e(350, {
      type: 'purchase',
      viewerId: 'w2',
      orderId: 'o2',
      currency: 'JPY',
      items: [{ productId: 'p1', quantity: 1, unitPrice: 8000 }],
    }),
    e(380, { type: 'dwell', viewerId: 'w2', seconds: 120 }),
    e(400, { type: 'share', viewerId: 'w2', channel: 'line' }),
    e(410, { type: 'share', viewerId: 'w2', channel: 'x' }),

    // w3 (share; only M1): cart add in the G1/G2 overlap (→ G2), buys o3 60 s after G2's end (→ G2), clicks p2 in G3
    e(100, { type: 'join', viewerId: 'w3', source: 'share' }),
    e(150, { type: 'product_impression', viewerId: 'w3', productId: 'p1' }),
    e(160, { type: 'product_click', viewerId: 'w3', productId: 'p1' }),
    e(320, { type: 'cart_add', viewerId: 'w3', productId: 'p1', quantity: 1, unitPrice: '8000', currency: 'JPY' }),
    e(340, { type: 'dwell', viewerId: 'w3', seconds: 240 }),
    e(360, { type: 'comment', viewerId: 'w3', author: 'viewer', text: 'Lovely colour' }),
    e(580, { type: 'dwell', viewerId: 'w3', seconds: 240 }),
    e(600, {
      type: 'purchase',
      viewerId: 'w3',
      orderId: 'o3',
      currency: 'JPY',
      items: [{ productId: 'p1', quantity: 1, unitPrice: '8000' }],
    }),
    e(850, { type: 'product_impression', viewerId: 'w3', productId: 'p2' }),
    e(860, { type: 'product_click', viewerId: 'w3', productId: 'p2' }),
    e(880, { type: 'dwell', viewerId: 'w3', seconds: 300 }),
    e(900, { type: 'comment', viewerId: 'w3', author: 'viewer', text: 'Gloves in S?' }),
    e(1180, { type: 'dwell', viewerId: 'w3', seconds: 300 }),

    // w4: first join has no source (→ unknown), leaves, rejoins from an ad; buys o4 = p1 (no window) + p2 (G3)
    e(200, { type: 'join', viewerId: 'w4' }),
    e(230, { type: 'product_impression', viewerId: 'w4', productId: 'p1' }),
    e(300, { type: 'comment', viewerId: 'w4', author: 'viewer', text: 'Navy?' }), // at the re-pin instant: G2
    e(400, { type: 'dwell', viewerId: 'w4', seconds: 200 }),
    e(420, { type: 'leave', viewerId: 'w4' }),
    e(800, { type: 'join', viewerId: 'w4', source: 'ad' }),
    e(845, { type: 'product_impression', viewerId: 'w4', productId: 'p2' }),
    e(880, { type: 'product_impression', viewerId: 'w4', productId: 'p2' }),
    e(890, { type: 'product_click', viewerId: 'w4', productId: 'p2' }),
    e(895, { type: 'cart_add', viewerId: 'w4', productId: 'p2', quantity: 2, unitPrice: '3000', currency: 'JPY' }),
    e(900, {
      type: 'purchase',
      viewerId: 'w4',
      orderId: 'o4',
      currency: 'JPY',
      items: [
        { productId: 'p1', quantity: 1, unitPrice: '8000' },
        { productId: 'p2', quantity: 2, unitPrice: '3000' },
      ],
    }),
    e(960, { type: 'follow', viewerId: 'w4' }),
    e(1040, { type: 'dwell', viewerId: 'w4', seconds: 240 }),

    // w5: no join at all (→ unknown), late; p3 is never pinned: o5 is in no segment
    e(750, { type: 'product_impression', viewerId: 'w5', productId: 'p3' }),
    e(760, { type: 'product_click', viewerId: 'w5', productId: 'p3' }),
    e(810, { type: 'dwell', viewerId: 'w5', seconds: 60 }),
    e(820, {
      type: 'purchase',
      viewerId: 'w5',
      orderId: 'o5',
      currency: 'JPY',
      items: [{ productId: 'p3', quantity: 1, unitPrice: '2500' }],
    }),
    e(870, { type: 'dwell', viewerId: 'w5', seconds: 60 }),

    // w6 (ad; R2, R3 — not regular: M1 itself does not count), late; clicks p1 but never buys
    e(700, { type: 'join', viewerId: 'w6', source: 'ad' }),
    e(710, { type: 'product_impression', viewerId: 'w6', productId: 'p1' }),
    e(720, { type: 'product_click', viewerId: 'w6', productId: 'p1' }),
    e(730, { type: 'cart_add', viewerId: 'w6', productId: 'p1', quantity: 1, unitPrice: '8000', currency: 'JPY' }),
    e(870, { type: 'dwell', viewerId: 'w6', seconds: 170 }),
    e(950, { type: 'comment', viewerId: 'w6', author: 'viewer', text: 'Warm?' }),
    e(1110, { type: 'dwell', viewerId: 'w6', seconds: 240 }),
    e(1160, { type: 'cart_add', viewerId: 'w6', productId: 'p2', quantity: 1, unitPrice: '3000', currency: 'JPY' }),
    e(1190, { type: 'dwell', viewerId: 'w6', seconds: 80 }),

    // w7 (follower): follows, sees p1's card, nothing else — not engaged, no click
    e(480, { type: 'join', viewerId: 'w7', source: 'follower' }),
    e(500, { type: 'product_impression', viewerId: 'w7', productId: 'p1' }),
    e(510, { type: 'follow', viewerId: 'w7' }),
    e(580, { type: 'dwell', viewerId: 'w7', seconds: 100 }),
  ];
}

function r0(): LiveEventInput[] {
  const e = builder('R0', M1_START - 40 * DAY);
  return [
    e(0, start('Autumn picks', 'instagram')),
    e(10, { type: 'join', viewerId: 'w2', source: 'follower' }),
    e(70, { type: 'dwell', viewerId: 'w2', seconds: 60 }),
    e(600, { type: 'session_end' }),
  ];
}

function r1(): LiveEventInput[] {
  const e = builder('R1', M1_START - 9 * DAY);
  return [
    e(0, start('Weekly picks 1', 'instagram')),
    e(10, { type: 'join', viewerId: 'w1', source: 'follower' }),
    e(20, { type: 'join', viewerId: 'w2', source: 'ad' }),
    e(600, { type: 'session_end' }),
  ];
}

function r2(): LiveEventInput[] {
  const e = builder('R2', M1_START - 5 * DAY);
  return [
    e(0, start('Weekly picks 2', 'instagram')),
    e(10, { type: 'join', viewerId: 'w1' }),
    e(20, { type: 'join', viewerId: 'w2' }),
    e(30, { type: 'join', viewerId: 'w6' }),
    e(100, {
      type: 'purchase',
      viewerId: 'w2',
      orderId: 'o6',
      currency: 'JPY',
      items: [{ productId: 'p2', quantity: 1, unitPrice: '3000' }],
    }),
    e(200, { type: 'refund', orderId: 'o6', amount: '3000', currency: 'JPY' }),
    e(600, { type: 'session_end' }),
  ];
}

function r3(): LiveEventInput[] {
  const e = builder('R3', M1_START - 2 * DAY);
  return [
    e(0, start('Weekly picks 3', 'instagram')),
    e(10, { type: 'join', viewerId: 'w1' }),
    e(20, { type: 'follow', viewerId: 'w1' }),
    e(30, { type: 'join', viewerId: 'w6' }),
    e(600, { type: 'session_end' }),
  ];
}

/** Brand b5's events, fresh arrays on every call (same shape as `handFixture()`). */
export function merchFixture(): HandFixture {
  n = 0;
  return { byBrand: { [MERCH_BRAND]: [...r0(), ...r1(), ...r2(), ...r3(), ...m1()] } };
}

/** Session KPIs of M1 worked out by hand (docs/FIXTURE.md, brand b5). Money in whole yen. */
export const M1_EXPECTED = {
  uniqueViewers: 7,
  peakConcurrentViewers: 4,
  avgConcurrentViewers: 43 / 20,
  totalWatchSeconds: 3170,
  avgWatchSeconds: 3170 / 7,
  comments: 7,
  commenters: 5,
  chatRate: 7 / 20,
  likes: 0,
  likers: 0,
  engagedViewers: 6,
  engagementRate: 6 / 7,
  cartAdds: 5,
  cartAdders: 4,
  orders: 5,
  buyers: 5,
  revenue: 40500,
  conversionRate: 5 / 7,
  cartConversionRate: 3 / 4,
  averageOrderValue: 8100,
  revenuePerViewer: 40500 / 7,
  gpm: 40_500_000 / 7,
  returningViewers: 3,
  newViewers: 4,
  lateJoiners: 2,
  commentResponseRate: 0,
  medianResponseSeconds: null,
  follows: 3,
  followRate: 3 / 7,
  shares: 2,
  sharers: 1,
  productClickers: 6,
  productClickRate: 6 / 7,
  refunds: 5500,
  unmatchedRefunds: 1,
  netRevenue: 35000,
  refundRate: 5500 / 40500, // = 11 / 81
  regularViewers: 1,
  regularShare: 1 / 7,
  recaps: 0,
  recapCoverage: 0,
  recapLift: null,
} as const;

/** M1's products (sorted by productId; compare as a set). */
export const M1_PRODUCTS = [
  {
    productId: 'p1',
    productName: 'Cashmere scarf (navy)',
    pins: 2,
    pinnedSeconds: 480,
    impressed: 6,
    clickers: 4,
    clickRate: 4 / 6,
    cartAdds: 3,
    cartAdders: 3,
    orders: 4,
    units: 4,
    revenue: 32000,
    buyers: 4,
    orderRate: 4 / 4,
  },
  {
    productId: 'p2',
    productName: 'Leather gloves',
    pins: 1,
    pinnedSeconds: 360,
    impressed: 2,
    clickers: 2,
    clickRate: 2 / 2,
    cartAdds: 2,
    cartAdders: 2,
    orders: 1,
    units: 2,
    revenue: 6000,
    buyers: 1,
    orderRate: 1 / 2,
  },
  {
    productId: 'p3',
    productName: 'p3',
    pins: 0,
    pinnedSeconds: 0,
    impressed: 1,
    clickers: 1,
    clickRate: 1 / 1,
    cartAdds: 0,
    cartAdders: 0,
    orders: 1,
    units: 1,
    revenue: 2500,
    buyers: 1,
    orderRate: 1 / 1,
  },
] as const;

/** M1's run-sheet, one row per pin in pin order; start/end in seconds from the session start. */
export const M1_PIN_SEGMENTS = [
  {
    productId: 'p1',
    start: 60,
    end: 300,
    watchingAtStart: 3,
    watchingAtEnd: 2,
    comments: 2,
    commentsPerMinute: 2 / 4,
    clicks: 3,
    cartAdds: 1,
    orders: 1,
    units: 1,
    revenue: 8000,
    segmentGpm: (8000 / 4) * 1000,
  },
  {
    productId: 'p1',
    start: 300,
    end: 540,
    watchingAtStart: 4,
    watchingAtEnd: 2,
    comments: 2,
    commentsPerMinute: 2 / 4,
    clicks: 1,
    cartAdds: 1,
    orders: 2,
    units: 2,
    revenue: 16000,
    segmentGpm: (16000 / 5) * 1000,
  },
  {
    productId: 'p2',
    start: 840,
    end: 1200,
    watchingAtStart: 4,
    watchingAtEnd: 2,
    comments: 2,
    commentsPerMinute: 2 / 6,
    clicks: 2,
    cartAdds: 2,
    orders: 1,
    units: 2,
    revenue: 6000,
    segmentGpm: (6000 / 4) * 1000,
  },
] as const;

/** watchingAtEnd − watchingAtStart of each row of M1_PIN_SEGMENTS (METRICS "their difference"). */
export const M1_PIN_SEGMENT_WATCHING_CHANGE = [2 - 3, 2 - 4, 2 - 4] as const;

/** M1's traffic sources (source of each viewer's first join; sorted by source; compare as a set). */
export const M1_TRAFFIC_SOURCES = [
  {
    source: 'ad',
    viewers: 2,
    engagedViewers: 2,
    buyers: 1,
    revenue: 8000,
    conversionRate: 1 / 2,
    avgWatchSeconds: (360 + 490) / 2,
  },
  {
    source: 'follower',
    viewers: 2,
    engagedViewers: 1,
    buyers: 1,
    revenue: 8000,
    conversionRate: 1 / 2,
    avgWatchSeconds: (580 + 100) / 2,
  },
  {
    source: 'share',
    viewers: 1,
    engagedViewers: 1,
    buyers: 1,
    revenue: 8000,
    conversionRate: 1 / 1,
    avgWatchSeconds: 1080,
  },
  {
    source: 'unknown',
    viewers: 2,
    engagedViewers: 2,
    buyers: 2,
    revenue: 16500,
    conversionRate: 2 / 2,
    avgWatchSeconds: (440 + 120) / 2,
  },
] as const;

/** The earlier sessions of b5: nobody is a regular in any of them (see docs/FIXTURE.md). */
export const R_EXPECTED = {
  R0: {
    uniqueViewers: 1,
    returningViewers: 0,
    regularViewers: 0,
    regularShare: 0,
    follows: 0,
    revenue: 0,
    refunds: 0,
    netRevenue: 0,
    refundRate: null,
  },
  R1: {
    uniqueViewers: 2,
    returningViewers: 1,
    regularViewers: 0,
    regularShare: 0,
    follows: 0,
    revenue: 0,
    refunds: 0,
    netRevenue: 0,
    refundRate: null,
  },
  R2: {
    uniqueViewers: 3,
    returningViewers: 2,
    regularViewers: 0,
    regularShare: 0,
    follows: 0,
    revenue: 3000,
    refunds: 3000,
    unmatchedRefunds: 0,
    netRevenue: 0,
    refundRate: 3000 / 3000,
  },
  R3: {
    uniqueViewers: 2,
    returningViewers: 2,
    regularViewers: 0,
    regularShare: 0,
    follows: 1,
    followRate: 1 / 2,
    revenue: 0,
    refunds: 0,
    netRevenue: 0,
    refundRate: null,
  },
} as const;

/** Brand b5 over the period [2026-11-11, 2026-11-21) UTC: R1, R2, R3 and M1 (R0 is a month earlier). */
export const B5_PERIOD = { from: '2026-11-11T00:00:00Z', to: '2026-11-21T00:00:00Z', timeZone: 'UTC' } as const;
export const B5_PERIOD_EXPECTED = {
  sessions: 4,
  views: 2 + 3 + 2 + 7,
  uniqueViewers: 7,
  orders: 1 + 5,
  revenue: 3000 + 40500,
  follows: 1 + 3,
  followRate: 4 / 14,
  shares: 2,
  refunds: 3000 + 5500,
  netRevenue: 43500 - 8500,
  refundRate: 8500 / 43500, // = 17 / 87
  regulars: 3,
} as const;
