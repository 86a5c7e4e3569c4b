import type { LiveEventInput } from '../events/event.schema.js';
import type { HandFixture } from './hand-fixture.js';

/**
 * A hand-worked fixture for METRICS.md "Does engagement pay later?" (issue 13). Every expected
 * number below is worked out in the comments here and in docs/FIXTURE.md ("Brand b13 — later
 * purchases"); the rules it relies on where METRICS.md is silent are E-1 … E-6 in
 * docs/METRICS-DECISIONS.md.
 *
 * Brand `b13` (JPY, UTC), in 2025 so that every 28-day window has closed (windowOpen false).
 * A later buyer of a session S: a non-buyer of S with a purchase in a session that started strictly
 * after S and before S's start + 28 days (E-1).
 *
 *   LP1  2025-09-01 10:00Z  c13a  x1 buys o1 · x2 comments · x3 likes · x6 adds to cart · x4, x5 only watch
 *   LP2  2025-09-04 10:00Z  c13a  ( 3 days after LP1) x2 buys o2 · x4 buys o3 · x1 buys o8 · x7 comments · x3, x9 watch
 *   LP3  2025-09-11 10:00Z  c13b  (10 days after LP1) x7 buys o6 · x6, x8 watch; x6's purchase o5 arrives late
 *   LP4  2025-10-01 10:00Z  c13b  (30 days after LP1, 27 after LP2, 20 after LP3) x3 buys o4 · x8 buys o7
 *
 * Duplicates: each event of x1–x4 is delivered twice under the same eventId (a retry), and the
 * purchases o1, o2, o3, o4 once more under a new eventId with the same orderId (a re-sliced retry):
 * an order counts once (orders are distinct orderIds, revenue takes each order once).
 */
export const LATER_BRAND = 'b13';
const DAY = 86_400_000;
export const LP1_START = Date.parse('2025-09-01T10:00:00Z');
const STARTS = {
  LP1: LP1_START,
  LP2: LP1_START + 3 * DAY,
  LP3: LP1_START + 10 * DAY,
  LP4: LP1_START + 30 * DAY,
} as const;
type LaterSession = keyof typeof STARTS;

type WithoutBase<T> = T extends unknown ? Omit<T, 'eventId' | 'sessionId' | 'occurredAt'> : never;
type Body = WithoutBase<LiveEventInput> & { eventId?: string };

let n = 0;
function builder(sessionId: LaterSession) {
  return (seconds: number, body: Body): LiveEventInput =>
    ({
      eventId: `${sessionId}-e${++n}`,
      sessionId,
      occurredAt: new Date(STARTS[sessionId] + seconds * 1000).toISOString(),
      ...body,
    }) as LiveEventInput;
}

const start = (commercerId: 'c13a' | 'c13b', title: string): Body => ({
  type: 'session_start',
  commercerId,
  commercerName: commercerId === 'c13a' ? 'Hana Ito' : 'Ren Sato',
  commercerKind: 'professional',
  title,
  platform: 'tiktok',
});

const purchase = (viewerId: string, orderId: string, unitPrice: number, eventId?: string): Body => ({
  type: 'purchase',
  viewerId,
  orderId,
  currency: 'JPY',
  items: [{ productId: 'p1', quantity: 1, unitPrice: String(unitPrice) }],
  ...(eventId ? { eventId } : {}),
});

/** Each event twice under its eventId (a retried delivery). */
const twice = (events: LiveEventInput[]): LiveEventInput[] => events.flatMap((e) => [e, { ...e }]);

function lp1(): LiveEventInput[] {
  const e = builder('LP1');
  return [
    e(0, start('c13a', 'Autumn knits')),
    ...twice([
      // x1: the buyer of LP1 (not a non-buyer: nothing later of x1 counts for LP1)
      e(10, { type: 'join', viewerId: 'x1', source: 'follower' }),
      e(100, purchase('x1', 'o1', 1000)),
      // x2: engaged (a comment), does not buy here; buys in LP2, 3 days later
      e(20, { type: 'join', viewerId: 'x2' }),
      e(30, { type: 'comment', viewerId: 'x2', author: 'viewer', text: 'Other colours?' }),
      // x3: engaged (likes), does not buy here; buys in LP4, 30 days later: outside LP1's window
      e(40, { type: 'join', viewerId: 'x3' }),
      e(50, { type: 'like', viewerId: 'x3', count: 5 }),
      // x4: passive (only watches); buys in LP2
      e(60, { type: 'join', viewerId: 'x4' }),
      e(120, { type: 'dwell', viewerId: 'x4', seconds: 60 }),
    ]),
    e(101, purchase('x1', 'o1', 1000, 'LP1-o1-resliced')),
    // x5: passive, never buys
    e(70, { type: 'join', viewerId: 'x5' }),
    e(130, { type: 'dwell', viewerId: 'x5', seconds: 60 }),
    // x6: engaged (a cart add), does not buy here; buys in LP3, 10 days later — a purchase that arrives late
    e(80, { type: 'join', viewerId: 'x6' }),
    e(90, { type: 'cart_add', viewerId: 'x6', productId: 'p1', quantity: 1, unitPrice: '1500', currency: 'JPY' }),
    e(600, { type: 'session_end' }),
  ];
}

function lp2(): LiveEventInput[] {
  const e = builder('LP2');
  return [
    e(0, start('c13a', 'Autumn knits, part 2')),
    ...twice([
      e(10, { type: 'join', viewerId: 'x2' }),
      e(20, purchase('x2', 'o2', 2000)),
      e(30, { type: 'join', viewerId: 'x4' }),
      e(40, purchase('x4', 'o3', 500)),
      // x3 only watches LP2: a passive non-buyer of LP2, whose LP4 purchase (27 days later) is inside LP2's window
      e(50, { type: 'join', viewerId: 'x3' }),
    ]),
    e(21, purchase('x2', 'o2', 2000, 'LP2-o2-resliced')),
    e(41, purchase('x4', 'o3', 500, 'LP2-o3-resliced')),
    // the shop refunds half of o2: a later purchase still counts in full (E-3)
    e(300, { type: 'refund', orderId: 'o2', amount: '1000', currency: 'JPY' }),
    // x1 buys again: a buyer of LP2, but LP1's buyer all the same
    e(60, { type: 'join', viewerId: 'x1' }),
    e(70, purchase('x1', 'o8', 700)),
    // x7: engaged (a comment), does not buy here; buys in LP3
    e(80, { type: 'join', viewerId: 'x7' }),
    e(90, { type: 'comment', viewerId: 'x7', author: 'viewer', text: 'Back next week?' }),
    // x9: passive, never buys
    e(100, { type: 'join', viewerId: 'x9' }),
    e(600, { type: 'session_end' }),
  ];
}

function lp3(): LiveEventInput[] {
  const e = builder('LP3');
  return [
    e(0, start('c13b', 'Boots')),
    e(10, { type: 'join', viewerId: 'x7' }),
    e(20, purchase('x7', 'o6', 800)),
    // x6 joins and watches; the purchase comes later (L3_LATE_PURCHASE)
    e(30, { type: 'join', viewerId: 'x6' }),
    e(40, { type: 'dwell', viewerId: 'x6', seconds: 40 }),
    // x8: passive here; buys in LP4, 20 days later
    e(50, { type: 'join', viewerId: 'x8' }),
    e(600, { type: 'session_end' }),
  ];
}

function lp4(): LiveEventInput[] {
  const e = builder('LP4');
  return [
    e(0, start('c13b', 'Boots, part 2')),
    ...twice([e(10, { type: 'join', viewerId: 'x3' }), e(20, purchase('x3', 'o4', 4000))]),
    e(21, purchase('x3', 'o4', 4000, 'LP4-o4-resliced')),
    e(30, { type: 'join', viewerId: 'x8' }),
    e(40, purchase('x8', 'o7', 300)),
    e(600, { type: 'session_end' }),
  ];
}

/** LP1–LP4 as first delivered (x6's purchase in LP3 not yet arrived). */
export function laterFixture(): HandFixture {
  n = 0;
  return { byBrand: { [LATER_BRAND]: [...lp1(), ...lp2(), ...lp3(), ...lp4()] } };
}

/**
 * x6's purchase o5 (1500) in LP3, delivered days after LP3 ended, twice (a retry of the same event):
 * it makes x6 a buyer of LP3 and a later buyer of LP1.
 */
export function laterLatePurchase(): LiveEventInput[] {
  const late: LiveEventInput = {
    eventId: 'LP3-o5-late',
    sessionId: 'LP3',
    occurredAt: new Date(STARTS.LP3 + 45 * 1000).toISOString(),
    ...purchase('x6', 'o5', 1500),
  } as LiveEventInput;
  return [late, { ...late }];
}

/**
 * Session figures before the late purchase. Non-buyers: engaged − buyers and uniqueViewers − engaged.
 *
 * LP1: viewers x1–x6 (6); engaged x1 (buys), x2, x3, x6 (4); buyers x1 (1)
 *     → engaged non-buyers x2, x3, x6 = 4 − 1 = 3; passive non-buyers x4, x5 = 6 − 4 = 2.
 *     Window (Sep 1 10:00, Sep 29 10:00): LP2 (Sep 4) and LP3 (Sep 11) inside, LP4 (Oct 1) outside.
 *     x2 bought in LP2 (o2 2000): later. x3 bought only in LP4: not. x6: nothing yet. x4 bought in LP2 (o3 500).
 *     laterConversionEngaged 1/3, laterConversionPassive 1/2, lift (1/3)/(1/2) = 2/3, laterRevenue 2000 + 500 = 2500
 *     (o2 counted in full although half refunded).
 * LP2: viewers x2, x4, x3, x1, x7, x9 (6); engaged x2, x4, x1 (buy), x7 (4); buyers x2, x4, x1 (3)
 *     → engaged non-buyers x7 = 1; passive x3, x9 = 2. Window (Sep 4 10:00, Oct 2 10:00): LP3, LP4 inside.
 *     x7 bought in LP3 (o6 800); x3 bought in LP4 (o4 4000, 27 days after); x9 never.
 *     engaged 1/1 = 1, passive 1/2, lift 1/(1/2) = 2, laterRevenue 800 + 4000 = 4800.
 * LP3: viewers x7, x6, x8 (3); engaged x7 (1); buyers x7 (1) → engaged non-buyers 0; passive x6, x8 = 2.
 *     Window (Sep 11 10:00, Oct 9 10:00): LP4 inside. x8 bought in LP4 (o7 300); x6 not later.
 *     engaged null (0/0), passive 1/2, lift null, laterRevenue 300.
 * LP4: viewers x3, x8, both buyers → no non-buyers: all ratios null, laterRevenue 0.
 */
export const LATER_EXPECTED_BEFORE = {
  LP1: {
    engagedNonBuyers: 3,
    passiveNonBuyers: 2,
    laterConversionEngaged: 1 / 3,
    laterConversionPassive: 1 / 2,
    engagementLift: 1 / 3 / (1 / 2),
    laterRevenue: 2000 + 500,
    windowOpen: false,
  },
  LP2: {
    engagedNonBuyers: 1,
    passiveNonBuyers: 2,
    laterConversionEngaged: 1,
    laterConversionPassive: 1 / 2,
    engagementLift: 2,
    laterRevenue: 800 + 4000,
    windowOpen: false,
  },
  LP3: {
    engagedNonBuyers: 0,
    passiveNonBuyers: 2,
    laterConversionEngaged: null,
    laterConversionPassive: 1 / 2,
    engagementLift: null,
    laterRevenue: 300,
    windowOpen: false,
  },
  LP4: {
    engagedNonBuyers: 0,
    passiveNonBuyers: 0,
    laterConversionEngaged: null,
    laterConversionPassive: null,
    engagementLift: null,
    laterRevenue: 0,
    windowOpen: false,
  },
} as const;

/**
 * After x6's purchase o5 (1500) in LP3 arrives:
 * LP1: x6 is now a later buyer (LP3 is 10 days after): engaged 2/3, passive 1/2 unchanged,
 *     lift (2/3)/(1/2) = 4/3, laterRevenue 2500 + 1500 = 4000. LP1 itself received no event.
 * LP3: x6 is now a buyer and engaged: viewers 3, engaged x7, x6 (2), buyers 2 → engaged non-buyers 0,
 *     passive x8 = 3 − 2 = 1; passive 1/1 = 1, engaged null, lift null, laterRevenue 300.
 * LP2 and LP4 do not change (x6 is in neither).
 */
export const LATER_EXPECTED_AFTER = {
  ...LATER_EXPECTED_BEFORE,
  LP1: {
    ...LATER_EXPECTED_BEFORE.LP1,
    laterConversionEngaged: 2 / 3,
    engagementLift: 2 / 3 / (1 / 2),
    laterRevenue: 4000,
  },
  LP3: { ...LATER_EXPECTED_BEFORE.LP3, passiveNonBuyers: 1, laterConversionPassive: 1 },
} as const;

/**
 * The period [2025-09-01, 2025-10-01) UTC holds LP1, LP2, LP3 (LP4 starts Oct 1 10:00, outside; its
 * purchases still count as later ones: the windows reach past the period's end).
 */
export const LATER_PERIOD = { from: '2025-09-01T00:00:00Z', to: '2025-10-01T00:00:00Z', timeZone: 'UTC' } as const;

/**
 * Period sums after the late purchase (sums of the sessions' counts, ratios of sums):
 * engaged non-buyers 3 + 1 + 0 = 4, later among them 2 + 1 + 0 = 3 → 3/4;
 * passive non-buyers 2 + 2 + 1 = 5, later among them 1 + 1 + 1 = 3 → 3/5;
 * lift (3/4)/(3/5) = 5/4; laterRevenue 4000 + 4800 + 300 = 9100.
 * Before it: engaged 2/4, passive (1 + 1 + 1)/(2 + 2 + 2) = 3/6, lift 1, revenue 2500 + 4800 + 300 = 7600.
 */
export const LATER_PERIOD_EXPECTED = {
  before: {
    engagedNonBuyers: 4,
    passiveNonBuyers: 6,
    laterConversionEngaged: 2 / 4,
    laterConversionPassive: 3 / 6,
    engagementLift: 1,
    laterRevenue: 7600,
    windowOpen: false,
  },
  after: {
    engagedNonBuyers: 4,
    passiveNonBuyers: 5,
    laterConversionEngaged: 3 / 4,
    laterConversionPassive: 3 / 5,
    engagementLift: 3 / 4 / (3 / 5),
    laterRevenue: 9100,
    windowOpen: false,
  },
} as const;

/**
 * Per commercer over the period, after the late purchase:
 * c13a (LP1, LP2): engaged non-buyers 3 + 1 = 4, later 2 + 1 = 3 → 3/4; passive 2 + 2 = 4, later 1 + 1 = 2 → 2/4;
 *   lift (3/4)/(2/4) = 3/2; laterRevenue 4000 + 4800 = 8800.
 * c13b (LP3): engaged non-buyers 0 → null; passive 1, later 1 → 1; lift null; laterRevenue 300.
 */
export const LATER_COMMERCERS_EXPECTED = {
  c13a: {
    engagedNonBuyers: 4,
    passiveNonBuyers: 4,
    laterConversionEngaged: 3 / 4,
    laterConversionPassive: 2 / 4,
    engagementLift: 3 / 4 / (2 / 4),
    laterRevenue: 8800,
    windowOpen: false,
  },
  c13b: {
    engagedNonBuyers: 0,
    passiveNonBuyers: 1,
    laterConversionEngaged: null,
    laterConversionPassive: 1,
    engagementLift: null,
    laterRevenue: 300,
    windowOpen: false,
  },
} as const;
