import { jest } from '@jest/globals';
import { RollupRefresher } from '../src/rollup.repository.js';
import { handFixture } from '@lc/contract/testing';
import { loadEvents, openTestEngine } from '../src/testing/index.js';
import type { ClickHouseGateway } from '../src/clickhouse.gateway.js';

// Expected values are worked out by hand in docs/FIXTURE.md.
describe('rollups of the hand fixture on the embedded engine', () => {
  let engine: Awaited<ReturnType<typeof openTestEngine>>;
  let gateway: ClickHouseGateway;

  beforeAll(async () => {
    engine = await openTestEngine();
    gateway = engine.gateway;
    const fixture = handFixture();
    await loadEvents(gateway, 'b1', fixture.byBrand.b1);
    await loadEvents(gateway, 'b2', fixture.byBrand.b2);
  });
  afterAll(() => engine.dispose());

  const stats = async (session: string) =>
    (
      await gateway.query<Record<string, unknown>>(
        'SELECT * FROM session_stats FINAL WHERE session_id = {s:String}',
        { s: session },
        { tag: 'test' },
      )
    )[0];

  const s1Expected = {
    brand_id: 'b1',
    commercer_id: 'c1',
    commercer_name: 'Aki Tanaka',
    commercer_kind: 'professional',
    platform: 'tiktok',
    currency: 'JPY',
    started_at: '2026-11-20 11:00:00.000',
    ended_at: '2026-11-20 11:20:00.000',
    duration_seconds: 1200,
    minutes: 20,
    unique_viewers: 4,
    peak_concurrent: 2,
    avg_concurrent: 0.55,
    total_watch_seconds: 750,
    comments: 3,
    commenters: 3,
    likes: 15,
    likers: 2,
    engaged_viewers: 4,
    cart_adds: 2,
    cart_adders: 2,
    cart_buyers: 1,
    orders: 2,
    buyers: 2,
    revenue: 4400,
    late_joiners: 2,
    answered_comments: 2,
    median_response_s: 35,
  };

  it('computes every session column of S1 as worked out by hand', async () => {
    expect(await stats('S1')).toMatchObject(s1Expected);
  });

  it('keeps S1 exact when every event is delivered again and the rollups are rebuilt', async () => {
    await loadEvents(gateway, 'b1', handFixture().byBrand.b1);
    expect(await stats('S1')).toMatchObject(s1Expected);
    const [{ n }] = await gateway.query<{ n: number }>(
      "SELECT count() AS n FROM events WHERE session_id = 'S1'",
      {},
      { tag: 'test' },
    );
    expect(n).toBe(2 * 23); // both deliveries are stored; FINAL reads collapse them
  });

  it('builds the minute series: watchers, likes by stamp, orders and revenue per minute', async () => {
    const [{ version }] = await gateway.query<{ version: number }>(
      "SELECT version FROM session_stats FINAL WHERE session_id = 'S1'",
      {},
      { tag: 'test' },
    );
    const minutes = await gateway.query<{
      minute: number;
      watching: number;
      likes_by_stamp: Record<string, number>;
      orders: number;
      revenue: number;
    }>(
      `SELECT minute, watching, likes_by_stamp, orders, revenue FROM session_minutes
       WHERE session_id = 'S1' AND version = {v:UInt64} ORDER BY minute`,
      { v: version },
      { tag: 'test' },
    );
    // Minutes 5 (v1 leaves) and 12 (a host reply) have events but nobody watching.
    const watching = Object.fromEntries(minutes.filter((m) => m.watching > 0).map((m) => [m.minute, m.watching]));
    expect(watching).toEqual({ 0: 2, 1: 2, 2: 1, 3: 1, 10: 1, 11: 1, 15: 1, 18: 1, 19: 1 });
    expect(minutes.find((m) => m.minute === 1)?.likes_by_stamp).toEqual({ heart: 10, like: 5 });
    expect(minutes.filter((m) => m.orders > 0).map((m) => [m.minute, m.orders, m.revenue])).toEqual([
      [3, 1, 2900],
      [18, 1, 1500],
    ]);
  });

  it("records each viewer's first session per brand (v1 first seen in S0 for b1, in S2 for b2)", async () => {
    const rows = await gateway.query<{ brand_id: string; viewer_id: string; first: string }>(
      `SELECT brand_id, viewer_id, min(first_started_at) AS first FROM viewer_first_session
       GROUP BY brand_id, viewer_id ORDER BY brand_id, viewer_id`,
      {},
      { tag: 'test' },
    );
    expect(rows).toEqual([
      { brand_id: 'b1', viewer_id: 'v1', first: '2026-11-19 11:00:00.000' },
      { brand_id: 'b1', viewer_id: 'v2', first: '2026-11-20 11:00:00.000' },
      { brand_id: 'b1', viewer_id: 'v3', first: '2026-11-20 11:00:00.000' },
      { brand_id: 'b1', viewer_id: 'v4', first: '2026-11-20 11:00:00.000' },
      { brand_id: 'b1', viewer_id: 'v9', first: '2026-11-19 11:00:00.000' },
      { brand_id: 'b2', viewer_id: 'v1', first: '2026-11-18 11:00:00.000' },
    ]);
  });

  it('treats a session without session_end as live: duration runs to its last event', async () => {
    expect(await stats('S2')).toMatchObject({
      ended_at: null,
      duration_seconds: 15,
      minutes: 1,
      unique_viewers: 1,
      likes: 7,
    });
  });

  it("writes session_stats last, publishing and on up to two threads; the round's other writes on one", async () => {
    const command = jest.spyOn(gateway, 'command');
    let options: Parameters<ClickHouseGateway['command']>[2][];
    try {
      // S1's events under a brand of their own: a first rollup, so every statement runs
      await loadEvents(
        gateway,
        'b-threads',
        handFixture().byBrand.b1.filter((e) => e.sessionId === 'S1'),
      );
      options = command.mock.calls.map(([, , o]) => o);
    } finally {
      command.mockRestore();
    }
    expect(options.at(-1)).toEqual({
      tag: 'rollup.stats',
      lane: 'maintenance',
      publishes: true,
      settings: { max_threads: 2 },
    });
    const others = options.slice(0, -1);
    expect(others.length).toBeGreaterThanOrEqual(4); // viewers, minutes, first sessions, sources, … products
    for (const o of others) {
      expect(o).toMatchObject({ lane: 'maintenance' });
      expect(o.publishes).toBeUndefined();
      expect(o.settings?.max_threads).toBeUndefined();
    }
  });

  it('refreshing an empty list of sessions does nothing', async () => {
    await expect(new RollupRefresher(gateway).refreshSessions('b1', [])).resolves.toBeUndefined();
  });
});
