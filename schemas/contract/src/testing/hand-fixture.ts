import type { LiveEventInput } from '../events/event.schema.js';

/**
 * A small fixture whose every KPI was worked out by hand (docs/FIXTURE.md
 * walks through the arithmetic). Shared by the rollup, API and browser tests.
 *
 * Brand `b1` (JPY): session S0 the day before, session S1 of 20 minutes.
 * Brand `b2`: session S2 reusing viewer id v1 (another brand: not a returning viewer of b1).
 */
export const T0 = Date.parse('2026-11-20T11:00:00Z'); // 20:00 in Tokyo

const at = (seconds: number, base = T0) => new Date(base + seconds * 1000).toISOString();

let n = 0;
const id = (session: string) => `${session}-e${++n}`;

function s1(): LiveEventInput[] {
  const S = 'S1';
  const e = (seconds: number, rest: Record<string, unknown>): LiveEventInput =>
    ({ eventId: (rest.eventId as string) ?? id(S), sessionId: S, occurredAt: at(seconds), ...rest }) as LiveEventInput;
  return [
    e(0, {
      type: 'session_start',
      commercerId: 'c1',
      commercerName: 'Aki Tanaka',
      commercerKind: 'professional',
      title: 'Winter coats',
      platform: 'tiktok',
    }),
    // v1: watches minutes 0–3, comments, likes, adds to cart and buys
    e(5, { type: 'join', viewerId: 'v1', source: 'follower' }),
    e(30, { type: 'comment', viewerId: 'v1', author: 'viewer', text: 'Is the navy one warm?', eventId: 'cv1' }),
    e(40, { type: 'comment', author: 'host', text: 'Very warm!', replyTo: 'cv1' }),
    e(65, { type: 'dwell', viewerId: 'v1', seconds: 60 }),
    e(70, { type: 'like', viewerId: 'v1', count: 10, stamp: 'heart' }),
    e(125, { type: 'dwell', viewerId: 'v1', seconds: 60 }),
    e(130, { type: 'cart_add', viewerId: 'v1', productId: 'p1', quantity: 2, unitPrice: '1200', currency: 'JPY' }),
    e(200, {
      type: 'purchase',
      viewerId: 'v1',
      orderId: 'o1',
      currency: 'JPY',
      items: [
        { productId: 'p1', quantity: 2, unitPrice: '1200' },
        { productId: 'p2', quantity: 1, unitPrice: 500 },
      ],
    }),
    e(300, { type: 'leave', viewerId: 'v1' }),
    // v2: minutes 0–1, comment answered too late (130 s), likes with the default stamp
    e(40, { type: 'join', viewerId: 'v2', source: 'ad' }),
    e(70, { type: 'dwell', viewerId: 'v2', seconds: 30 }),
    e(75, { type: 'comment', viewerId: 'v2', author: 'viewer', text: 'size?', eventId: 'cv2' }),
    e(80, { type: 'like', viewerId: 'v2', count: 5 }),
    e(205, { type: 'comment', author: 'host', text: 'M and L', replyTo: 'cv2' }),
    // v3: late joiner (650 s), comment answered in 60 s, cart add without purchase, watches 600 s
    e(650, { type: 'join', viewerId: 'v3', source: 'share' }),
    e(660, { type: 'comment', viewerId: 'v3', author: 'viewer', text: 'recap please', eventId: 'cv3' }),
    e(700, { type: 'cart_add', viewerId: 'v3', productId: 'p1', quantity: 1, unitPrice: '1200', currency: 'JPY' }),
    e(720, { type: 'comment', author: 'host', text: 'Recap: navy coat 1200', replyTo: 'cv3' }),
    e(950, { type: 'dwell', viewerId: 'v3', seconds: 300 }),
    e(1199, { type: 'dwell', viewerId: 'v3', seconds: 300 }),
    // v4: buys without any other event (late: first event at 1100 s)
    e(1100, {
      type: 'purchase',
      viewerId: 'v4',
      orderId: 'o2',
      currency: 'JPY',
      items: [{ productId: 'p2', quantity: 3, unitPrice: '500' }],
      eventId: 'po2',
    }),
    e(1200, { type: 'session_end' }),
  ];
}

function s0(): LiveEventInput[] {
  const S = 'S0';
  const base = T0 - 86_400_000;
  const e = (seconds: number, rest: Record<string, unknown>): LiveEventInput =>
    ({ eventId: id(S), sessionId: S, occurredAt: at(seconds, base), ...rest }) as LiveEventInput;
  return [
    e(0, {
      type: 'session_start',
      commercerId: 'c2',
      commercerName: 'Mei Sato',
      commercerKind: 'in_house',
      title: 'Daily picks',
      platform: 'instagram',
    }),
    e(10, { type: 'join', viewerId: 'v1' }),
    e(20, { type: 'join', viewerId: 'v9' }),
    e(80, { type: 'dwell', viewerId: 'v9', seconds: 60 }),
    e(300, { type: 'session_end' }),
  ];
}

function s2(): LiveEventInput[] {
  const S = 'S2';
  const e = (seconds: number, rest: Record<string, unknown>): LiveEventInput =>
    ({ eventId: id(S), sessionId: S, occurredAt: at(seconds, T0 - 2 * 86_400_000), ...rest }) as LiveEventInput;
  return [
    e(0, {
      type: 'session_start',
      commercerId: 'c9',
      commercerName: 'Other brand host',
      commercerKind: 'professional',
      title: 'Other',
      platform: 'youtube',
    }),
    e(10, { type: 'join', viewerId: 'v1' }),
    e(15, { type: 'like', viewerId: 'v1', count: 7 }),
  ];
}

export interface HandFixture {
  byBrand: Record<string, LiveEventInput[]>;
}

export function handFixture(): HandFixture {
  n = 0;
  return { byBrand: { b1: [...s0(), ...s1()], b2: s2() } };
}

/** The KPIs of S1 worked out by hand (see docs/FIXTURE.md). */
export const S1_EXPECTED = {
  uniqueViewers: 4,
  peakConcurrentViewers: 2,
  avgConcurrentViewers: 11 / 20,
  totalWatchSeconds: 750,
  avgWatchSeconds: 187.5,
  comments: 3,
  commenters: 3,
  chatRate: 3 / 20,
  likes: 15,
  likers: 2,
  engagedViewers: 4,
  engagementRate: 1,
  cartAdds: 2,
  cartAdders: 2,
  orders: 2,
  buyers: 2,
  revenue: 4400,
  conversionRate: 0.5,
  cartConversionRate: 0.5,
  averageOrderValue: 2200,
  revenuePerViewer: 1100,
  gpm: 1_100_000,
  returningViewers: 1,
  newViewers: 3,
  lateJoiners: 2,
  commentResponseRate: 2 / 3,
  medianResponseSeconds: 35,
} as const;

/** S0: two viewers, nothing else; 5 minutes. */
export const S0_EXPECTED = {
  uniqueViewers: 2,
  peakConcurrentViewers: 2,
  avgConcurrentViewers: 3 / 5,
  totalWatchSeconds: 60,
  comments: 0,
  chatRate: 0,
  engagementRate: 0,
  conversionRate: 0,
  averageOrderValue: null,
  cartConversionRate: null,
  commentResponseRate: null,
  medianResponseSeconds: null,
  returningViewers: 0,
  newViewers: 2,
} as const;
