import type { ClickHouseGateway } from '../src/clickhouse.gateway.js';
import { copyViewerMinutes } from '../src/live-viewer-minutes.js';
import { RollupRefresher } from '../src/rollup.repository.js';
import { openTestEngine } from '../src/testing/engine.js';
import { eventRows, sessionBeforeUpgrade } from './migration-fixture.js';

const COLUMNS = `brand_id, session_id, start_ms, viewer_id, minute, first_seen_at, last_active_at, active, dwell_seconds,
  comments, likes, likes_by_stamp, cart_adds, order_ids, order_amounts, follows, shares, product_clicks, joins,
  first_join_at, join_source, version`;

/**
 * Migration 0027's data step on the real engine: a session streaming through the upgrade had its
 * viewer-minute rows in session_viewer_minutes; they are copied into live_viewer_minutes, and its next
 * live round — which rebuilds only the minute that changed and sums the rest from those rows — gives
 * the hand-computed KPIs, as a whole rebuild does.
 */
describe('migration 0027: viewer-minute rows sorted by minute', () => {
  let engine: Awaited<ReturnType<typeof openTestEngine>>;
  let gateway: ClickHouseGateway;
  beforeAll(async () => {
    engine = await openTestEngine();
    gateway = engine.gateway;
  });
  afterAll(() => engine.dispose());

  const count = async (sql: string) =>
    Number((await gateway.query<{ n: number }>(sql, {}, { tag: 'test.count' }))[0].n);
  const stats = async (brand: string) => {
    const [row] = await gateway.query<Record<string, number>>(
      `SELECT unique_viewers, likes, orders, toFloat64(revenue) AS revenue
       FROM session_stats FINAL WHERE brand_id = {brand:String} AND session_id = 'U1'`,
      { brand },
      { tag: 'test.stats' },
    );
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
  };

  it('copies the stored rows, and the session’s next live round sums the minutes before the upgrade from them', async () => {
    const live = new RollupRefresher(gateway, { liveMarginMs: 0, liveFromEvents: 0, liveEventsPerViewer: 0 });
    const whole = new RollupRefresher(gateway, { livePath: false });
    for (const brand of ['live', 'whole'])
      await gateway.insert('events', eventRows(sessionBeforeUpgrade('Upgrade'), brand), { tag: 'test.insert' });
    await live.refreshSessions('live', ['U1']);
    // the rows as a deployment before 0027 kept them: in session_viewer_minutes only. The start's minute 0
    // (no viewer), v1 and v2 joining in minute 1, v1's order in minute 5: four rows
    await gateway.command(
      `INSERT INTO session_viewer_minutes (${COLUMNS}) SELECT ${COLUMNS} FROM live_viewer_minutes`,
      {},
      { tag: 'test.before' },
    );
    await gateway.command('TRUNCATE TABLE live_viewer_minutes', {}, { tag: 'test.before' });

    const log: string[] = [];
    await copyViewerMinutes(gateway, (line) => log.push(line));
    expect(log[0]).toBe('migration 0027: copying 4 viewer-minute rows, sorted by minute…');
    expect(await count('SELECT count() AS n FROM live_viewer_minutes FINAL')).toBe(4);
    // run again (a start cut short): the copies collapse into the rows they repeat
    await copyViewerMinutes(gateway);
    expect(await count('SELECT count() AS n FROM live_viewer_minutes FINAL')).toBe(4);

    // after the upgrade v2 likes 3 in minute 6: the live round rebuilds that minute only
    const like = eventRows(
      [
        {
          sessionId: 'U1',
          eventId: 'u-like',
          type: 'like',
          viewerId: 'v2',
          count: 3,
          occurredAt: '2026-11-02T10:06:00.000Z',
        },
      ],
      'live',
    );
    await gateway.insert('events', like, { tag: 'test.insert' });
    await gateway.insert(
      'events',
      like.map((row) => ({ ...row, brand_id: 'whole' })),
      { tag: 'test.insert' },
    );
    await live.refreshSessions('live', ['U1']);
    await whole.refreshSessions('whole', ['U1']);
    expect(
      await count(`SELECT count() AS n FROM live_viewer_minutes
                   WHERE brand_id = 'live' AND version = (SELECT max(version) FROM session_stats WHERE brand_id = 'live')`),
    ).toBe(1);
    // two viewers (v1 and v2), v2's 3 likes, v1's one order of 2 × 1 500
    expect(await stats('live')).toEqual({ unique_viewers: 2, likes: 3, orders: 1, revenue: 3000 });
    expect(await stats('whole')).toEqual(await stats('live'));
  });
});
