import type { LiveEventInput } from '../events/event.schema.js';

/**
 * The hand-worked fixture of issue 14 (METRICS.md "Professional vs in-house, cost and audience size"):
 * brand `k1` (JPY, Asia/Tokyo), two professionals (pa, pb) and two in-house hosts (ha, hb), 14 finished
 * sessions. Every expected number below is worked out by hand in the comments (and in docs/FIXTURE.md,
 * "Brand k1 — kinds, host cost and audience size"); the decisions it relies on are K-1 … K-9 in
 * docs/METRICS-DECISIONS.md.
 *
 * Each session is built from six numbers: `uv` viewers (ids `<session>-v1` … unique to the session, so
 * Σ uniqueViewers = distinct viewers), the first `c` of them comment once, the host answers the first
 * `r` of those comments within 120 s, the next `l` viewers like, and the first `b` viewers buy one item
 * at `price` JPY (buyers are among the commenters/likers, so engaged = c + l).
 *
 *   id   host kind          start (UTC)          Tokyo day   dur s  uv   c  r  l  b  price  engaged  revenue
 *   N1   pa   professional  2026-11-05 11:00     11-05       3600   16   2  1  2  2  5000   4        10000
 *   N2   pa   professional  2026-11-12 11:00     11-12       1800    8   2  2  0  1  5000   2         5000
 *   N9   pa   professional  2026-10-31 16:30     11-01 01:30 1800    2   1  0  1  0     -   2            0
 *   N3   pb   professional  2026-11-06 11:00     11-06       3600   32   4  2  4  4  5000   8        20000
 *   N4   pb   professional  2026-11-13 11:00     11-13       3600   16   2  0  2  1  5000   4         5000
 *   N5   ha   in_house      2026-11-07 03:00     11-07       2700    4   2  2  1  1  3000   3         3000
 *   N6   ha   in_house      2026-11-14 03:00     11-14       1800    2   1  1  1  1  3000   2         3000
 *   N7   hb   in_house      2026-11-08 03:00     11-08       2400    8   3  3  2  2  3000   5         6000
 *   N8   hb   in_house      2026-11-15 03:00     11-15       1800    4   1  0  1  0     -   2            0
 *   Z1   hb   in_house      2026-11-20 03:00     11-20        600    0   -  -  -  -     -   0            0
 *   O1   pa   professional  2026-10-10 11:00     10-10       1800    4   1  0  1  1  5000   2         5000
 *   O2   ha   in_house      2026-10-11 03:00     10-11       1800    4   2  1  1  1  3000   3         3000
 *   O3   pb   professional  2026-10-12 11:00     10-12       1800    8   1  1  1  1  5000   2         5000
 *   O4   hb   in_house      2026-10-13 03:00     10-13       1800    2   1  1  0  0     -   1            0
 *
 * The period is November 2026 in Tokyo, [2026-11-01 00:00+09, 2026-12-01 00:00+09); its previous period
 * (equal length, 30 days) is [2026-10-02 00:00+09, 2026-11-01 00:00+09): O1–O4. N9 starts on 31 October in
 * UTC but on 1 November in Tokyo: it is in the period and in pa's November fee (months are the brand's).
 */
export const KIND_BRAND = 'k1';
export const KIND_PERIOD = { from: '2026-11-01T00:00:00+09:00', to: '2026-12-01T00:00:00+09:00' };
/** Its 90-day fit window [2026-09-02 00:00+09, 2026-12-01 00:00+09) holds all 13 sessions with viewers. */
export const KIND_PERIOD_OCTOBER = { from: '2026-10-01T00:00:00+09:00', to: '2026-11-01T00:00:00+09:00' };

interface SessionSpec {
  id: string;
  commercer: 'pa' | 'pb' | 'ha' | 'hb';
  start: string;
  duration: number;
  uv: number;
  c: number;
  r: number;
  l: number;
  b: number;
  price: number;
}

const COMMERCERS = {
  pa: { name: 'Aya Sato', kind: 'professional' },
  pb: { name: 'Ben Ito', kind: 'professional' },
  ha: { name: 'Hana Kudo', kind: 'in_house' },
  hb: { name: 'Hiro Abe', kind: 'in_house' },
} as const;

export const KIND_SESSIONS: readonly SessionSpec[] = [
  {
    id: 'N1',
    commercer: 'pa',
    start: '2026-11-05T11:00:00Z',
    duration: 3600,
    uv: 16,
    c: 2,
    r: 1,
    l: 2,
    b: 2,
    price: 5000,
  },
  {
    id: 'N2',
    commercer: 'pa',
    start: '2026-11-12T11:00:00Z',
    duration: 1800,
    uv: 8,
    c: 2,
    r: 2,
    l: 0,
    b: 1,
    price: 5000,
  },
  { id: 'N9', commercer: 'pa', start: '2026-10-31T16:30:00Z', duration: 1800, uv: 2, c: 1, r: 0, l: 1, b: 0, price: 0 },
  {
    id: 'N3',
    commercer: 'pb',
    start: '2026-11-06T11:00:00Z',
    duration: 3600,
    uv: 32,
    c: 4,
    r: 2,
    l: 4,
    b: 4,
    price: 5000,
  },
  {
    id: 'N4',
    commercer: 'pb',
    start: '2026-11-13T11:00:00Z',
    duration: 3600,
    uv: 16,
    c: 2,
    r: 0,
    l: 2,
    b: 1,
    price: 5000,
  },
  {
    id: 'N5',
    commercer: 'ha',
    start: '2026-11-07T03:00:00Z',
    duration: 2700,
    uv: 4,
    c: 2,
    r: 2,
    l: 1,
    b: 1,
    price: 3000,
  },
  {
    id: 'N6',
    commercer: 'ha',
    start: '2026-11-14T03:00:00Z',
    duration: 1800,
    uv: 2,
    c: 1,
    r: 1,
    l: 1,
    b: 1,
    price: 3000,
  },
  {
    id: 'N7',
    commercer: 'hb',
    start: '2026-11-08T03:00:00Z',
    duration: 2400,
    uv: 8,
    c: 3,
    r: 3,
    l: 2,
    b: 2,
    price: 3000,
  },
  { id: 'N8', commercer: 'hb', start: '2026-11-15T03:00:00Z', duration: 1800, uv: 4, c: 1, r: 0, l: 1, b: 0, price: 0 },
  { id: 'Z1', commercer: 'hb', start: '2026-11-20T03:00:00Z', duration: 600, uv: 0, c: 0, r: 0, l: 0, b: 0, price: 0 },
  {
    id: 'O1',
    commercer: 'pa',
    start: '2026-10-10T11:00:00Z',
    duration: 1800,
    uv: 4,
    c: 1,
    r: 0,
    l: 1,
    b: 1,
    price: 5000,
  },
  {
    id: 'O2',
    commercer: 'ha',
    start: '2026-10-11T03:00:00Z',
    duration: 1800,
    uv: 4,
    c: 2,
    r: 1,
    l: 1,
    b: 1,
    price: 3000,
  },
  {
    id: 'O3',
    commercer: 'pb',
    start: '2026-10-12T11:00:00Z',
    duration: 1800,
    uv: 8,
    c: 1,
    r: 1,
    l: 1,
    b: 1,
    price: 5000,
  },
  { id: 'O4', commercer: 'hb', start: '2026-10-13T03:00:00Z', duration: 1800, uv: 2, c: 1, r: 1, l: 0, b: 0, price: 0 },
];

function sessionEvents(spec: SessionSpec): LiveEventInput[] {
  const base = Date.parse(spec.start);
  let n = 0;
  const at = (seconds: number) => new Date(base + seconds * 1000).toISOString();
  const e = (seconds: number, body: Record<string, unknown>): LiveEventInput =>
    ({ eventId: `${spec.id}-e${++n}`, sessionId: spec.id, occurredAt: at(seconds), ...body }) as LiveEventInput;
  const who = COMMERCERS[spec.commercer];
  const events: LiveEventInput[] = [
    e(0, {
      type: 'session_start',
      commercerId: spec.commercer,
      commercerName: who.name,
      commercerKind: who.kind,
      title: `${spec.id} stream`,
      platform: 'tiktok',
    }),
  ];
  const viewer = (i: number) => `${spec.id}-v${i}`;
  for (let i = 1; i <= spec.uv; i++) events.push(e(i, { type: 'join', viewerId: viewer(i) }));
  for (let i = 1; i <= spec.c; i++) {
    events.push(e(60 + i, { type: 'comment', viewerId: viewer(i), author: 'viewer', eventId: `${spec.id}-c${i}` }));
    if (i <= spec.r)
      events.push(e(90 + i, { type: 'comment', author: 'host', text: 'thanks!', replyTo: `${spec.id}-c${i}` }));
  }
  for (let i = spec.c + 1; i <= spec.c + spec.l; i++)
    events.push(e(120, { type: 'like', viewerId: viewer(i), count: 1 }));
  for (let i = 1; i <= spec.b; i++) {
    events.push(
      e(300 + i, {
        type: 'purchase',
        viewerId: viewer(i),
        orderId: `${spec.id}-o${i}`,
        items: [{ productId: 'p1', quantity: 1, unitPrice: String(spec.price) }],
        currency: 'JPY',
      }),
    );
  }
  events.push(e(spec.duration, { type: 'session_end' }));
  return events;
}

export function kindCostFixture(): { byBrand: { k1: LiveEventInput[] } } {
  return { byBrand: { k1: KIND_SESSIONS.flatMap(sessionEvents) } };
}

/**
 * The costs the tests set through the API.
 * pa's fee for November 2026 (Tokyo) is spread over pa's November sessions by duration:
 *   N1 3600 s, N2 1800 s, N9 1800 s → 7200 s; shares 90000 × 3600/7200 = 45000, 90000 × 1800/7200 = 22500 (N2, N9).
 * N2 has a session cost of 10000: it replaces N2's share (22500), which is not handed to N1 or N9 (K-3).
 * N5 (ha) costs 6000 JPY. N7 (hb) costs 50 USD: not the revenue's currency (JPY), so never mixed (K-4).
 * pb has no cost at all, N6 and N8 neither.
 */
export const KIND_COSTS = {
  fees: [{ commercerId: 'pa', month: '2026-11', amount: 90000, currency: 'JPY' }],
  sessionCosts: [
    { sessionId: 'N2', amount: 10000, currency: 'JPY' },
    { sessionId: 'N5', amount: 6000, currency: 'JPY' },
    { sessionId: 'N7', amount: 50, currency: 'USD' },
  ],
} as const;

interface CostFigures {
  currency: string;
  hostCost: number | null;
  roas: number | null;
  costPerEngagedViewer: number | null;
  costPerOrder: number | null;
  costedSessions: number;
  costsInOtherCurrencies: { currency: string; amount: number }[];
}

const none = (currency = 'JPY'): CostFigures => ({
  currency,
  hostCost: null,
  roas: null,
  costPerEngagedViewer: null,
  costPerOrder: null,
  costedSessions: 0,
  costsInOtherCurrencies: [],
});

/**
 * Per session: roas = revenue / hostCost, costPerEngagedViewer = hostCost / engaged, costPerOrder =
 * hostCost / orders (null with 0 orders, K-5).
 */
export const KIND_SESSION_COSTS: Record<string, CostFigures> = {
  // 45000: 10000/45000 = 0.2222…, 45000/4 = 11250, 45000/2 = 22500
  N1: {
    ...none(),
    hostCost: 45000,
    roas: 10000 / 45000,
    costPerEngagedViewer: 11250,
    costPerOrder: 22500,
    costedSessions: 1,
  },
  // the session cost 10000: 5000/10000 = 0.5, 10000/2 = 5000, 10000/1 = 10000
  N2: { ...none(), hostCost: 10000, roas: 0.5, costPerEngagedViewer: 5000, costPerOrder: 10000, costedSessions: 1 },
  // 22500, no sales: roas 0/22500 = 0, 22500/2 = 11250, no order → null
  N9: { ...none(), hostCost: 22500, roas: 0, costPerEngagedViewer: 11250, costPerOrder: null, costedSessions: 1 },
  N3: none(),
  N4: none(),
  // 6000: 3000/6000 = 0.5, 6000/3 = 2000, 6000/1 = 6000
  N5: { ...none(), hostCost: 6000, roas: 0.5, costPerEngagedViewer: 2000, costPerOrder: 6000, costedSessions: 1 },
  N6: none(),
  // 50 USD against JPY revenue: listed apart, nothing computed from it
  N7: { ...none(), costsInOtherCurrencies: [{ currency: 'USD', amount: 50 }] },
  N8: none(),
};

/**
 * Per commercer over November (only sessions with a cost in the revenue's currency count, K-5):
 *   pa: N1 + N2 + N9 = 45000 + 10000 + 22500 = 77500; their revenue 10000 + 5000 + 0 = 15000,
 *       engaged 4 + 2 + 2 = 8, orders 2 + 1 + 0 = 3 → roas 15000/77500 = 0.193548…, 77500/8 = 9687.5,
 *       77500/3 = 25833.33…
 *   ha: N5 only (N6 has no cost) → 6000, roas 3000/6000 = 0.5, 6000/3 = 2000, 6000/1 = 6000
 *   hb: N7's 50 USD only → hostCost null, listed apart
 *   pb: nothing
 */
export const KIND_COMMERCER_COSTS: Record<string, CostFigures> = {
  pa: {
    ...none(),
    hostCost: 77500,
    roas: 15000 / 77500,
    costPerEngagedViewer: 9687.5,
    costPerOrder: 77500 / 3,
    costedSessions: 3,
  },
  pb: none(),
  ha: { ...none(), hostCost: 6000, roas: 0.5, costPerEngagedViewer: 2000, costPerOrder: 6000, costedSessions: 1 },
  hb: { ...none(), costsInOtherCurrencies: [{ currency: 'USD', amount: 50 }] },
};

/** By kind: professional = pa's costs (pb has none); in_house = ha's JPY cost, hb's USD apart. */
export const KIND_KIND_COSTS: Record<'professional' | 'in_house', CostFigures> = {
  professional: KIND_COMMERCER_COSTS.pa,
  in_house: { ...KIND_COMMERCER_COSTS.ha, costsInOtherCurrencies: [{ currency: 'USD', amount: 50 }] },
};

/**
 * Period KPIs by kind, ratios of sums over the kind's sessions (viewers are unique per session, so
 * Σ uniqueViewers = distinct viewers):
 *   professional, November: N1 N2 N9 N3 N4 — sessions 5, viewers 16+8+2+32+16 = 74, engaged 4+2+2+8+4 = 20,
 *     buyers = orders 2+1+0+4+1 = 8, revenue 10000+5000+0+20000+5000 = 40000, comments 2+2+1+4+2 = 11,
 *     answered 1+2+0+2+0 = 5 → engagementRate 20/74, conversionRate 8/74, gpm 40000/74 × 1000, commentResponseRate 5/11
 *   in_house, November: N5 N6 N7 N8 Z1 — sessions 5, viewers 4+2+8+4+0 = 18, engaged 3+2+5+2 = 12, buyers 1+1+2+0 = 4,
 *     revenue 3000+3000+6000 = 12000, comments 2+1+3+1 = 7, answered 2+1+3+0 = 6
 *   professional, October (previous): O1 O3 — sessions 2, viewers 12, engaged 4, buyers 2, revenue 10000, comments 2, answered 1
 *   in_house, October: O2 O4 — sessions 2, viewers 6, engaged 4, buyers 1, revenue 3000, comments 3, answered 2
 */
export const KIND_EXPECTED = {
  professional: {
    metrics: {
      sessions: 5,
      uniqueViewers: 74,
      engagementRate: 20 / 74,
      conversionRate: 8 / 74,
      revenue: 40000,
      gpm: (40000 / 74) * 1000,
      commentResponseRate: 5 / 11,
    },
    previous: {
      sessions: 2,
      uniqueViewers: 12,
      engagementRate: 4 / 12,
      conversionRate: 2 / 12,
      revenue: 10000,
      gpm: (10000 / 12) * 1000,
      commentResponseRate: 1 / 2,
    },
  },
  in_house: {
    metrics: {
      sessions: 5,
      uniqueViewers: 18,
      engagementRate: 12 / 18,
      conversionRate: 4 / 18,
      revenue: 12000,
      gpm: (12000 / 18) * 1000,
      commentResponseRate: 6 / 7,
    },
    previous: {
      sessions: 2,
      uniqueViewers: 6,
      engagementRate: 4 / 6,
      conversionRate: 1 / 6,
      revenue: 3000,
      gpm: (3000 / 6) * 1000,
      commentResponseRate: 2 / 3,
    },
  },
} as const;

/**
 * Per commercer in November (their sessions' sums):
 *   pa: viewers 26, engaged 8, buyers 3, revenue 15000, comments 5, answered 3 → 8/26, 3/26, 15000/26 × 1000, 3/5
 *   pb: viewers 48, engaged 12, buyers 5, revenue 25000, comments 6, answered 2 → 12/48, 5/48, 25000/48 × 1000, 2/6
 *   ha: viewers 6, engaged 5, buyers 2, revenue 6000, comments 3, answered 3 → 5/6, 2/6, 6000/6 × 1000, 3/3
 *   hb: viewers 12, engaged 7, buyers 2, revenue 6000, comments 4, answered 3 → 7/12, 2/12, 6000/12 × 1000, 3/4
 * The spread of two commercers: min, median (the mean of the two middle values, K-2), max.
 */
const spread = (x: number, y: number) => ({ min: Math.min(x, y), median: (x + y) / 2, max: Math.max(x, y) });
export const KIND_SPREAD_EXPECTED = {
  professional: {
    engagementRate: spread(8 / 26, 12 / 48),
    conversionRate: spread(3 / 26, 5 / 48),
    gpm: spread((15000 / 26) * 1000, (25000 / 48) * 1000),
    commentResponseRate: spread(3 / 5, 2 / 6),
  },
  in_house: {
    engagementRate: spread(5 / 6, 7 / 12),
    conversionRate: spread(2 / 6, 2 / 12),
    gpm: spread((6000 / 6) * 1000, (6000 / 12) * 1000),
    commentResponseRate: spread(3 / 3, 3 / 4),
  },
} as const;

/**
 * The least-squares line of engagementRate on ln(uniqueViewers) over the 13 sessions with viewers of the
 * 90 days before 1 December (Z1, with no viewer, has no ln and no rate: left out, K-7). Every audience is a
 * power of two, uv = 2^k, so x = k · ln 2 and the fit on k gives the fit on x with b = b_k / ln 2:
 *
 *   (k, y): N1 (4, 1/4) N2 (3, 1/4) N9 (1, 1) N3 (5, 1/4) N4 (4, 1/4) N5 (2, 3/4) N6 (1, 1) N7 (3, 5/8)
 *           N8 (2, 1/2) O1 (2, 1/2) O2 (2, 3/4) O3 (3, 1/4) O4 (1, 1/2)
 *   n = 13, Σk = 33, Σy = 55/8 = 6.875, Σk² = 103, Σky = 113/8 = 14.125
 *   b_k = (n Σky − Σk Σy) / (n Σk² − (Σk)²) = (183.625 − 226.875) / (1339 − 1089) = −43.25 / 250 = −0.173
 *   a   = (Σy − b_k Σk) / n = (6.875 + 5.709) / 13 = 12.584 / 13 = 0.968
 *   b   = −0.173 / ln 2 = −0.249586…
 *
 * Residuals y − (a + b_k k):  N1 0.25 − (0.968 − 0.692) = −0.026   N2 0.25 − 0.449 = −0.199   N9 1 − 0.795 = 0.205
 *   N3 0.25 − 0.103 = 0.147   N4 −0.026   N5 0.75 − 0.622 = 0.128   N6 0.205   N7 0.625 − 0.449 = 0.176
 *   N8 0.5 − 0.622 = −0.122   (O1 −0.122, O2 0.128, O3 −0.199, O4 −0.295: outside the period)
 * A commercer's engagementVsExpected is the mean over their sessions of the period (Z1 has none):
 *   pa (−0.026 − 0.199 + 0.205)/3 = −0.02/3 = −0.006667   pb (0.147 − 0.026)/2 = 0.0605
 *   ha (0.128 + 0.205)/2 = 0.1665   hb (0.176 − 0.122)/2 = 0.027
 * and a kind's the mean over its sessions (K-8): professional (−0.026 − 0.199 + 0.205 + 0.147 − 0.026)/5 = 0.0202,
 *   in_house (0.128 + 0.205 + 0.176 − 0.122)/4 = 0.09675.
 */
export const KIND_FIT = { a: 0.968, b: -0.173 / Math.LN2, n: 13 };
export const KIND_SESSION_RESIDUALS: Record<string, number | null> = {
  N1: -0.026,
  N2: -0.199,
  N9: 0.205,
  N3: 0.147,
  N4: -0.026,
  N5: 0.128,
  N6: 0.205,
  N7: 0.176,
  N8: -0.122,
  Z1: null,
};
export const KIND_COMMERCER_RESIDUALS = { pa: -0.02 / 3, pb: 0.0605, ha: 0.1665, hb: 0.027 };
export const KIND_KIND_RESIDUALS = { professional: 0.0202, in_house: 0.09675 };
