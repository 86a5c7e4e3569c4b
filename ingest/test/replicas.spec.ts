import { setTimeout as sleep } from 'node:timers/promises';
import type { LiveEventInput } from '@lc/contract';
import { handFixture, S1_EXPECTED } from '@lc/contract/testing';
import { HAND_SESSION_STATS } from '@lc/clickhouse/testing';
import { startIngest, startIngestOn, type IngestHarness } from './ingest.harness.js';

/**
 * Two ingest replicas — each with its own dedup cache, writer and rollup scheduler — on ONE
 * engine, taking the same sessions' events interleaved, with repeats within and across them.
 * Each commits what it took and rebuilds the touched sessions on its own schedule, so the same
 * session is rebuilt by both, from different snapshots, in either order. The rollups must still
 * be the hand-computed ones (docs/ARCHITECTURE.md, "Several ingest replicas").
 */
describe('two ingest replicas on one engine', () => {
  let h: IngestHarness;
  let second: Awaited<ReturnType<typeof startIngestOn>>;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    h = await startIngest();
    second = await startIngestOn(h);
    for (const brand of ['b1', 'b2']) keys[brand] = await h.key('INGEST', [brand]);
    // The repeats stay in their own rows until the end, so the test can see they were stored (a merge
    // would collapse them, which changes no number: every read of events is FINAL or repeat-proof).
    await h.engine.gateway.command('SYSTEM STOP MERGES events', {}, { tag: 'test.merges' });
  });
  afterAll(async () => {
    await second.close();
    await h.close();
  });

  const post = async (base: string, brand: string, events: readonly LiveEventInput[]) => {
    const res = await fetch(`${base}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${keys[brand]}` },
      body: JSON.stringify({ events }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { accepted: number; duplicates: number; rejected: unknown[] };
  };
  const query = <T>(sql: string, params: Record<string, unknown> = {}) =>
    h.engine.gateway.query<T>(sql, params, { tag: 'test' });
  const stats = async (brand: string, session: string) =>
    (
      await query<Record<string, unknown> & { version: number; started_at: string; events_read: number }>(
        'SELECT * FROM session_stats FINAL WHERE brand_id = {b:String} AND session_id = {s:String}',
        { b: brand, s: session },
      )
    )[0];

  it('rolls every session up to the hand-computed values, whichever replica took and rebuilt what', async () => {
    const fixture = handFixture().byBrand;
    // Batches of three, in fixture order; each goes to one replica and every third to both, and a
    // replica sometimes gets a batch twice: repeats within a replica (its cache counts them) and
    // across replicas (both store them; FINAL collapses them).
    const deliveries: { brand: string; events: LiveEventInput[] }[] = [];
    for (const [brand, events] of Object.entries(fixture))
      for (let i = 0; i < events.length; i += 3) deliveries.push({ brand, events: events.slice(i, i + 3) });
    const bases = [h.base, second.base];
    for (const [round, { brand, events }] of deliveries.entries()) {
      const first = bases[round % 2];
      const other = bases[(round + 1) % 2];
      await Promise.all([
        post(first, brand, events),
        round % 3 === 0 ? post(other, brand, [...events].reverse()) : Promise.resolve(),
        round % 4 === 1 ? post(first, brand, events) : Promise.resolve(),
      ]);
      // Let flushes and rollup rounds (every 10 ms on each replica) run between deliveries.
      await sleep(15);
    }
    await Promise.all([h.ingest.drain(), second.app.drain()]);
    expect(h.errors).toEqual([]);

    // Both replicas stored some events twice; every read of raw events collapses them.
    const [stored] = await query<{ raw: number; distinct: number }>(
      "SELECT count() AS raw, uniqExact(brand_id, event_id) AS distinct FROM events WHERE brand_id IN ('b1', 'b2')",
    );
    expect(stored.distinct).toBe(fixture.b1.length + fixture.b2.length);
    expect(stored.raw).toBeGreaterThan(stored.distinct);

    const s0 = await stats('b1', 'S0');
    const s1 = await stats('b1', 'S1');
    expect(s0).toMatchObject(HAND_SESSION_STATS.S0);
    expect(s1).toMatchObject(HAND_SESSION_STATS.S1);
    expect(await stats('b2', 'S2')).toMatchObject({
      ended_at: null,
      duration_seconds: 15,
      unique_viewers: 1,
      likes: 7,
    });
    // The rollups readers follow were rebuilt whole from every event of the (ended) session.
    expect(s1.events_read).toBe(fixture.b1.filter((e) => e.sessionId === 'S1').length);
    expect(s0.events_read).toBe(fixture.b1.filter((e) => e.sessionId === 'S0').length);

    // The rows readers join at that version: S1's viewers, returning vs new, and its minutes.
    const viewers = await query<{ viewer_id: string; first: string }>(
      `SELECT v.viewer_id AS viewer_id, toString(f.first) AS first
       FROM session_viewers AS v
       INNER JOIN (SELECT viewer_id, min(first_started_at) AS first FROM viewer_first_session
                   WHERE brand_id = 'b1' GROUP BY viewer_id) AS f ON f.viewer_id = v.viewer_id
       WHERE v.brand_id = 'b1' AND v.session_id = 'S1' AND v.version = {v:UInt64}`,
      { v: s1.version },
    );
    expect(viewers).toHaveLength(S1_EXPECTED.uniqueViewers);
    const returning = viewers.filter((v) => v.first < s1.started_at).length;
    expect(returning).toBe(S1_EXPECTED.returningViewers);
    expect(viewers.length - returning).toBe(S1_EXPECTED.newViewers);
    const [minutes] = await query<{ likes: number; orders: number; revenue: number }>(
      `SELECT sum(likes) AS likes, sum(orders) AS orders, sum(revenue) AS revenue FROM session_minutes
       WHERE brand_id = 'b1' AND session_id = 'S1' AND version = {v:UInt64}`,
      { v: s1.version },
    );
    expect(minutes).toEqual({ likes: S1_EXPECTED.likes, orders: S1_EXPECTED.orders, revenue: S1_EXPECTED.revenue });
  });
});
