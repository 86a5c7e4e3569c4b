import { validateEvent, type LiveEventInput } from '@lc/contract';
import type { ClickHouseGateway } from '../src/clickhouse.gateway.js';
import { toEventRow } from '../src/event.row.js';
import { RollupRefresher, type RollupRefresherOptions } from '../src/rollup.repository.js';
import { openTestEngine } from '../src/testing/index.js';

/**
 * A big live session's rounds may leave its viewer rows for later (docs/ARCHITECTURE.md "Viewer rows
 * on their own cadence"): the stats of such a round must still be exactly what a round that writes
 * them computes, its stats must point at the earlier viewer rows, and a later round writes them.
 * Here "big" is 2 viewers (`viewerRowsFrom: 2`), and the same events go to brand `defer` (rolled up
 * with the deferral) and brand `plain` (rolled up by a refresher whose threshold no session reaches).
 */

const START = Date.parse('2026-11-20T12:00:00.000Z');
const at = (seconds: number) => new Date(START + seconds * 1000).toISOString();

/** Viewer ids are the session's id and v1, v2, v3 (`${s}v1`), so each session's viewers are new to the brand. */
const mine = (s: string, rows: string[]) => rows.map((row) => `${s}${row}`);

/** Two viewers: v1 joins from an ad and likes twice over; v2 joins and comments. */
const first = (s: string): LiveEventInput[] => [
  {
    eventId: `${s}-1`,
    type: 'session_start',
    sessionId: s,
    occurredAt: at(0),
    commercerId: 'c1',
    commercerName: 'Aoi',
    commercerKind: 'professional',
    title: 'Live',
    platform: 'tiktok',
  },
  { eventId: `${s}-2`, type: 'join', sessionId: s, occurredAt: at(1), viewerId: `${s}v1`, source: 'ad' },
  { eventId: `${s}-3`, type: 'like', sessionId: s, occurredAt: at(2), viewerId: `${s}v1`, count: 2 },
  { eventId: `${s}-4`, type: 'join', sessionId: s, occurredAt: at(3), viewerId: `${s}v2`, source: 'follower' },
  {
    eventId: `${s}-5`,
    type: 'comment',
    sessionId: s,
    occurredAt: at(4),
    viewerId: `${s}v2`,
    author: 'viewer',
    text: 'hi',
  },
];
/** A third viewer, v3, who likes 3 and buys 2 × 250 JPY; v1 likes once more; and v1's like repeated. */
const second = (s: string): LiveEventInput[] => [
  { eventId: `${s}-6`, type: 'join', sessionId: s, occurredAt: at(10), viewerId: `${s}v3`, source: 'search' },
  { eventId: `${s}-7`, type: 'like', sessionId: s, occurredAt: at(11), viewerId: `${s}v3`, count: 3 },
  { eventId: `${s}-8`, type: 'like', sessionId: s, occurredAt: at(12), viewerId: `${s}v1`, count: 1 },
  {
    eventId: `${s}-9`,
    type: 'purchase',
    sessionId: s,
    occurredAt: at(13),
    viewerId: `${s}v3`,
    orderId: 'o1',
    currency: 'JPY',
    items: [{ productId: 'p1', quantity: 2, unitPrice: '250' }],
  },
  { eventId: `${s}-3`, type: 'like', sessionId: s, occurredAt: at(2), viewerId: `${s}v1`, count: 2 },
];
const end = (s: string): LiveEventInput[] => [
  { eventId: `${s}-10`, type: 'session_end', sessionId: s, occurredAt: at(20) },
];

interface Stats {
  version: number;
  viewers_version: number;
  unique_viewers: number;
  likes: number;
  likers: number;
  commenters: number;
  buyers: number;
  revenue: number;
}

describe('viewer rows on their own cadence', () => {
  let engine: Awaited<ReturnType<typeof openTestEngine>>;
  let gateway: ClickHouseGateway;
  beforeAll(async () => {
    engine = await openTestEngine();
    gateway = engine.gateway;
  });
  afterAll(() => engine.dispose());

  const deliver = async (events: readonly LiveEventInput[]) => {
    for (const brand of ['defer', 'plain'])
      await gateway.insert(
        'events',
        events.map((input) => {
          const result = validateEvent(input);
          if (!result.ok) throw new Error(`event ${input.eventId}: ${JSON.stringify(result.errors)}`);
          return toEventRow(result.event, brand);
        }),
        { tag: 'test.insert' },
      );
  };
  const stats = async (brand: string, s: string): Promise<Stats> => {
    const [row] = await gateway.query<Stats>(
      `SELECT version, viewers_version, unique_viewers, likes, likers, commenters, buyers, toFloat64(revenue) AS revenue
       FROM session_stats FINAL WHERE brand_id = {b:String} AND session_id = {s:String}`,
      { b: brand, s },
      { tag: 'test.stats' },
    );
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])) as unknown as Stats;
  };
  /** Every stats column but the versions and events counted, for the comparison with `plain`. */
  const statsWithoutVersions = (brand: string, s: string) =>
    gateway.query(
      `SELECT * EXCEPT (brand_id, version, viewers_version, events_read) FROM session_stats FINAL
       WHERE brand_id = {b:String} AND session_id = {s:String}`,
      { b: brand, s },
      { tag: 'test.stats' },
    );
  const viewers = async (brand: string, s: string, version: number) =>
    (
      await gateway.query<{ viewer_id: string; likes: number; orders: number }>(
        `SELECT viewer_id, likes, orders FROM session_viewers
         WHERE brand_id = {b:String} AND session_id = {s:String} AND version = {v:UInt64} ORDER BY viewer_id`,
        { b: brand, s, v: version },
        { tag: 'test.viewers' },
      )
    ).map((r) => `${r.viewer_id}:${Number(r.likes)}:${Number(r.orders)}`);
  const countOf = async (sql: string, params: Record<string, unknown>) =>
    Number((await gateway.query<{ n: number }>(sql, params, { tag: 'test.count' }))[0].n);
  const firstSessions = (brand: string, s: string) =>
    countOf(
      'SELECT uniqExact(viewer_id) AS n FROM viewer_first_session WHERE brand_id = {b:String} AND startsWith(viewer_id, {s:String})',
      { b: brand, s },
    );
  const buyersTimeline = (brand: string, s: string) =>
    countOf('SELECT count() AS n FROM viewer_purchases FINAL WHERE brand_id = {b:String} AND session_id = {s:String}', {
      b: brand,
      s,
    });

  /**
   * Both paths of a live session: the whole path (the stats from the viewers' events in place) and the
   * live path (from the viewers' latest totals in live_viewer_rows). `plain` is always rebuilt whole.
   */
  const cadence = async (s: string, path: RollupRefresherOptions) => {
    const plain = new RollupRefresher(gateway, { liveMarginMs: 0 });
    const deferring = new RollupRefresher(gateway, { ...path, viewerRowsFrom: 2, viewerRowsEveryMs: 3_600_000 });
    const refresh = async (refresher: RollupRefresher) => {
      await refresher.refreshSessions('defer', [s]);
      await plain.refreshSessions('plain', [s]);
    };

    // Round 1: no rollup yet, so the viewer rows are written (2 viewers).
    await deliver(first(s));
    await refresh(deferring);
    const one = await stats('defer', s);
    expect(one).toMatchObject({ unique_viewers: 2, likes: 2, likers: 1, commenters: 1, buyers: 0 });
    expect(one.viewers_version).toBe(one.version);
    expect(await viewers('defer', s, one.version)).toEqual(mine(s, ['v1:2:0', 'v2:0:0']));
    expect(deferring.deferredSessions()).toEqual(new Map());

    // Round 2: 2 viewers ≥ viewerRowsFrom and the rows are a moment old: the stats take v3, v1's new
    // like (2 + 3 + 1 = 6, the repeat not counted) and the order, the viewer rows stay round 1's.
    await deliver(second(s));
    await refresh(deferring);
    const two = await stats('defer', s);
    expect(two).toMatchObject({ unique_viewers: 3, likes: 6, likers: 2, commenters: 1, buyers: 1, revenue: 500 });
    expect(two.version).toBeGreaterThan(one.version);
    expect(two.viewers_version).toBe(one.version);
    expect(await statsWithoutVersions('defer', s)).toEqual(await statsWithoutVersions('plain', s));
    expect(await viewers('defer', s, two.version)).toEqual([]);
    expect(await viewers('defer', s, two.viewers_version)).toEqual(mine(s, ['v1:2:0', 'v2:0:0']));
    expect([await firstSessions('defer', s), await firstSessions('plain', s)]).toEqual([2, 3]); // no v3 yet
    expect(await buyersTimeline('defer', s)).toBe(0);
    expect(deferring.deferredSessions()).toEqual(new Map([['defer', new Set([s])]]));

    // Round 3, nothing new: a refresher whose rows are due at once writes them (v3, and v1 at 3 likes).
    const due = new RollupRefresher(gateway, { ...path, viewerRowsFrom: 2, viewerRowsEveryMs: 0 });
    await due.refreshSessions('defer', [s]);
    const three = await stats('defer', s);
    expect(three).toMatchObject({ unique_viewers: 3, likes: 6, likers: 2, buyers: 1 });
    expect(three.version).toBeGreaterThan(two.version);
    expect(three.viewers_version).toBe(three.version);
    expect(await viewers('defer', s, three.version)).toEqual(mine(s, ['v1:3:0', 'v2:0:0', 'v3:3:1']));
    expect(await buyersTimeline('defer', s)).toBe(1);
    expect(await firstSessions('defer', s)).toBe(3);
    expect(due.deferredSessions()).toEqual(new Map());
    // `deferring` still counts them as left behind until a round of its own sees they were written
    expect(deferring.deferredSessions()).toEqual(new Map([['defer', new Set([s])]]));
    await deferring.refreshSessions('defer', [s]);
    expect(deferring.deferredSessions()).toEqual(new Map());
    expect((await stats('defer', s)).version).toBe(three.version); // nothing new: nothing rebuilt

    // The session ends: written whole however recent the rows, and `deferring` forgets it.
    await deliver(end(s));
    await refresh(deferring);
    const four = await stats('defer', s);
    expect(four.viewers_version).toBe(four.version);
    expect(await statsWithoutVersions('defer', s)).toEqual(await statsWithoutVersions('plain', s));
    expect(await viewers('defer', s, four.version)).toEqual(mine(s, ['v1:3:0', 'v2:0:0', 'v3:3:1']));
    expect(deferring.deferredSessions()).toEqual(new Map());
  };

  // (no margin: a round with nothing new since the last one started is skipped at once)
  it('a whole rebuild: the stats stay exact while the viewer rows wait, and a later round writes them', () =>
    cadence('W1', { liveMarginMs: 0 }));

  it("the live path too: its deferring rounds take the stats from the viewers' latest totals", () =>
    cadence('L1', { liveFromEvents: 0, liveEventsPerViewer: 0, liveMarginMs: 0 }));

  it('writes the rows left behind at once when asked (shutdown), however recent the last ones', async () => {
    const s = 'F1';
    const deferring = new RollupRefresher(gateway, { viewerRowsFrom: 2, viewerRowsEveryMs: 3_600_000 });
    await deliver(first(s));
    await deferring.refreshSessions('defer', [s]);
    await deliver(second(s));
    await deferring.refreshSessions('defer', [s]);
    expect((await stats('defer', s)).viewers_version).not.toBe((await stats('defer', s)).version);

    await deferring.refreshSessions('defer', [s], { viewerRows: true });
    const now = await stats('defer', s);
    expect(now.viewers_version).toBe(now.version);
    expect(await viewers('defer', s, now.version)).toEqual(mine(s, ['v1:3:0', 'v2:0:0', 'v3:3:1']));
    expect(deferring.deferredSessions()).toEqual(new Map());
  });
});
