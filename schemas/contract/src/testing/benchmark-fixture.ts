import type { LiveEventInput } from '../events/event.schema.js';

/**
 * The peer-benchmark fixture (METRICS.md "Streams of the same size", issue 13): three brands
 * `pb1`, `pb2`, `pb3` whose sessions put four benchmarked sessions just below and just above the
 * thresholds (30 sessions, 3 brands), at the 90-day window edge, with peers at the band edges.
 * Every session lasts 600 s; a session has `viewers` joins (viewer ids `<session>-v1…`), `comments`
 * viewer comments (one each by the first viewers), `unmatchedRefunds` refunds of unknown orders
 * (JPY) and at most one order. Months are far from the other fixtures (November), so their
 * sessions are never peers here. The rules are docs/METRICS-DECISIONS.md P-1…P-5.
 *
 * Timeline (UTC, 12:00 unless said):
 *
 *   R    pb3  2026-04-10                60 viewers, 10 comments
 *   Q1…Q28    2026-06-01 … 06-28 (Qi on June i); Qi of pb1 when i is odd, pb2 when even;
 *             Qi has i − 1 comments (0 … 27); Q1 has 50 viewers and Q2 199 (the band edges,
 *             both in 50–199), the others 50; Q3…Q7 one unmatched refund each;
 *             Q8 one order of 50 USD, Q9 one order of 2000 JPY
 *   X49  pb3  2026-06-15 18:00           49 viewers: band < 50, not a peer
 *   X200 pb3  2026-06-16 18:00          200 viewers: band 200–499, not a peer
 *   Z    pb3  2026-06-20 18:00           60 viewers, still live (no session_end): not a peer
 *   T1   pb1  2026-07-01                60 viewers, 30 comments
 *   T2   pb2  2026-07-02                60 viewers, 10 comments
 *   T4   pb1  2026-07-09 12:00:00.000   60 viewers, 0 comments, one order of 1000 JPY — R + 90 days exactly
 *   T3   pb2  2026-07-09 12:00:00.001   60 viewers, 0 comments — R + 90 days + 1 ms
 *
 * Peers (finished, band 50–199, started in [start − 90 d, start)):
 *
 *   T1: window [04-02 12:00, 07-01 12:00) → R, Q1…Q28 = 29 sessions of pb1, pb2, pb3
 *       → 29 < 30: every benchmark null.
 *   T2: window [04-03 12:00, 07-02 12:00) → R, Q1…Q28, T1 = 30 sessions, brands pb1, pb2, pb3 → shown:
 *       comments 10: below Q1…Q10 (0…9) = 10; tied R and Q11 = 2; above Q12…Q28 and T1 = 18
 *         (10 + 2 + 18 = 30); percentile = 100 × (10 + 2/2) / 30 = 1100 / 30 = 36.666…
 *       uniqueViewers 60: below Q1 (50) and Q3…Q28 (50) = 27; tied R, T1 = 2; above Q2 (199) = 1;
 *         percentile = 100 × (27 + 2/2) / 30 = 2800 / 30 = 93.333…
 *       unmatchedRefunds 0, lower is better: beaten (above) Q3…Q7 = 5; tied the other 25;
 *         percentile = 100 × (5 + 25/2) / 30 = 1750 / 30 = 58.333…
 *       averageOrderValue: T2 has no order → null → no benchmark.
 *   T4: window [04-10 12:00:00.000, 07-09 12:00) → R (exactly 90 days: in), Q1…Q28, T1, T2 = 31, 3 brands:
 *       comments 0: below none; tied Q1 = 1; percentile = 100 × (0 + 1/2) / 31 = 50 / 31 = 1.6129…
 *       revenue 1000 JPY (money: same currency, or a session without sales): Q8 (USD) is left out →
 *         30 peers (R, Q1…Q7, Q9…Q28, T1, T2), still 3 brands; below: the 29 with revenue 0; above Q9
 *         (2000); percentile = 100 × 29 / 30 = 96.666…
 *   T3: window [04-10 12:00:00.001, 07-09 12:00:00.001) → R is 1 ms too old; Q1…Q28, T1, T2, T4
 *       = 31 sessions but only pb1 and pb2 → 2 < 3 brands: every benchmark null.
 */
export const BENCHMARK_BRANDS = ['pb1', 'pb2', 'pb3'] as const;
export type BenchmarkBrand = (typeof BENCHMARK_BRANDS)[number];

const DAY = 86_400_000;
export const BENCHMARK_R_START = Date.parse('2026-04-10T12:00:00Z');
/** R + 90 days exactly: the start of T4. */
export const BENCHMARK_T4_START = BENCHMARK_R_START + 90 * DAY;

export interface BenchmarkSessionSpec {
  id: string;
  brand: BenchmarkBrand;
  start: number;
  viewers: number;
  comments: number;
  unmatchedRefunds?: number;
  order?: { amount: string; currency: 'JPY' | 'USD' };
  live?: boolean;
}

/** One session's events as the fixture builds them (exported for tests that add a session later). */
export function benchmarkSessionEvents(spec: BenchmarkSessionSpec): LiveEventInput[] {
  let n = 0;
  const e = (seconds: number, body: Record<string, unknown>): LiveEventInput =>
    ({
      eventId: `${spec.id}-e${++n}`,
      sessionId: spec.id,
      occurredAt: new Date(spec.start + seconds * 1000).toISOString(),
      ...body,
    }) as LiveEventInput;
  const viewer = (i: number) => `${spec.id}-v${i}`;
  const events: LiveEventInput[] = [
    e(0, {
      type: 'session_start',
      commercerId: `${spec.brand}-host`,
      commercerName: `Host of ${spec.brand}`,
      commercerKind: 'in_house',
      title: `Stream ${spec.id}`,
      platform: 'tiktok',
    }),
  ];
  for (let i = 1; i <= spec.viewers; i++) events.push(e(10, { type: 'join', viewerId: viewer(i) }));
  for (let i = 1; i <= spec.comments; i++)
    events.push(e(60, { type: 'comment', viewerId: viewer(i), author: 'viewer', text: `comment ${i}` }));
  for (let i = 1; i <= (spec.unmatchedRefunds ?? 0); i++)
    events.push(e(300, { type: 'refund', orderId: `${spec.id}-unknown-${i}`, amount: '100', currency: 'JPY' }));
  if (spec.order)
    events.push(
      e(400, {
        type: 'purchase',
        viewerId: viewer(1),
        orderId: `${spec.id}-o1`,
        currency: spec.order.currency,
        items: [{ productId: 'p1', quantity: 1, unitPrice: spec.order.amount }],
      }),
    );
  if (!spec.live) events.push(e(600, { type: 'session_end' }));
  return events;
}

function sessions(): BenchmarkSessionSpec[] {
  const june = (day: number, hour = 12) => Date.parse(`2026-06-${String(day).padStart(2, '0')}T${hour}:00:00Z`);
  const specs: BenchmarkSessionSpec[] = [
    { id: 'R', brand: 'pb3', start: BENCHMARK_R_START, viewers: 60, comments: 10 },
  ];
  for (let i = 1; i <= 28; i++)
    specs.push({
      id: `Q${i}`,
      brand: i % 2 === 1 ? 'pb1' : 'pb2',
      start: june(i),
      viewers: i === 1 ? 50 : i === 2 ? 199 : 50,
      comments: i - 1,
      unmatchedRefunds: i >= 3 && i <= 7 ? 1 : 0,
      ...(i === 8 ? { order: { amount: '50', currency: 'USD' as const } } : {}),
      ...(i === 9 ? { order: { amount: '2000', currency: 'JPY' as const } } : {}),
    });
  specs.push(
    { id: 'X49', brand: 'pb3', start: june(15, 18), viewers: 49, comments: 0 },
    { id: 'X200', brand: 'pb3', start: june(16, 18), viewers: 200, comments: 0 },
    { id: 'Z', brand: 'pb3', start: june(20, 18), viewers: 60, comments: 0, live: true },
    { id: 'T1', brand: 'pb1', start: Date.parse('2026-07-01T12:00:00Z'), viewers: 60, comments: 30 },
    { id: 'T2', brand: 'pb2', start: Date.parse('2026-07-02T12:00:00Z'), viewers: 60, comments: 10 },
    {
      id: 'T4',
      brand: 'pb1',
      start: BENCHMARK_T4_START,
      viewers: 60,
      comments: 0,
      order: { amount: '1000', currency: 'JPY' },
    },
    { id: 'T3', brand: 'pb2', start: BENCHMARK_T4_START + 1, viewers: 60, comments: 0 },
  );
  return specs;
}

/** The fixture's events per brand, and which brand owns each session. */
export function benchmarkFixture(): {
  byBrand: Record<BenchmarkBrand, LiveEventInput[]>;
  brandOf: Record<string, BenchmarkBrand>;
} {
  const byBrand: Record<BenchmarkBrand, LiveEventInput[]> = { pb1: [], pb2: [], pb3: [] };
  const brandOf: Record<string, BenchmarkBrand> = {};
  for (const spec of sessions()) {
    byBrand[spec.brand].push(...benchmarkSessionEvents(spec));
    brandOf[spec.id] = spec.brand;
  }
  return { byBrand, brandOf };
}

/**
 * Q5 (pb1, June 5 12:00, 4 comments by v1…v4) rebuilt with 20 late viewer comments by v5…v24, two
 * minutes in: its comments go from 4 to 24, above T2's 10 — the late change the benchmark tests use.
 */
export function q5LateComments(): LiveEventInput[] {
  const start = Date.parse('2026-06-05T12:00:00Z');
  return Array.from(
    { length: 20 },
    (_, i) =>
      ({
        eventId: `Q5-late-${i + 1}`,
        sessionId: 'Q5',
        occurredAt: new Date(start + 120_000).toISOString(),
        type: 'comment',
        viewerId: `Q5-v${i + 5}`,
        author: 'viewer',
        text: `late comment ${i + 1}`,
      }) as LiveEventInput,
  );
}
