import type { LiveEventInput } from '@lc/contract';
import type { ClickHouseGateway } from '../src/clickhouse.gateway.js';
import { runMigrations } from '../src/migrate.js';
import { RollupRefresher } from '../src/rollup.repository.js';
import { openTestEngine } from '../src/testing/engine.js';
import { eventRows, migrateBefore } from './migration-fixture.js';

const at = (minute: number, second = 0) => new Date(Date.UTC(2026, 10, 2, 10, minute, second)).toISOString();

/**
 * Migration 0019 on the real engine: the rare events stored before it are copied into rare_events,
 * those inserted after it arrive through its view, and nothing else does; the rollups that now read
 * them give the hand-computed values, repeats included.
 */
describe('migration 0019: rare events apart', () => {
  let engine: Awaited<ReturnType<typeof openTestEngine>>;
  let gateway: ClickHouseGateway;
  beforeAll(async () => {
    engine = await openTestEngine({ migrate: false });
    gateway = engine.gateway;
  });
  afterAll(() => engine.dispose());

  const base = { sessionId: 'R1' };
  /**
   * Stored before the upgrade: a start, a join, v1 seeing p1, a viewer comment and the host's reply
   * 90 s later, a greeting of the host (no reply), an order.
   */
  const stored: LiveEventInput[] = [
    {
      ...base,
      eventId: 'r-start',
      type: 'session_start',
      occurredAt: at(0),
      commercerId: 'c1',
      commercerName: 'Host',
      commercerKind: 'in_house',
      title: 'Rare',
      platform: 'app',
    },
    { ...base, eventId: 'r-join', type: 'join', viewerId: 'v1', occurredAt: at(1) },
    { ...base, eventId: 'r-seen', type: 'product_impression', viewerId: 'v1', productId: 'p1', occurredAt: at(1, 30) },
    {
      ...base,
      eventId: 'r-ask',
      type: 'comment',
      viewerId: 'v1',
      author: 'viewer',
      text: 'size?',
      occurredAt: at(2, 50),
    },
    {
      ...base,
      eventId: 'r-reply',
      type: 'comment',
      author: 'host',
      text: 'M',
      replyTo: 'r-ask',
      occurredAt: at(4, 20),
    },
    { ...base, eventId: 'r-hello', type: 'comment', author: 'host', text: 'hello all', occurredAt: at(4, 30) },
    {
      ...base,
      eventId: 'r-buy',
      type: 'purchase',
      viewerId: 'v1',
      occurredAt: at(5),
      orderId: 'o1',
      items: [{ productId: 'p1', quantity: 2, unitPrice: '1500' }],
      currency: 'JPY',
    },
  ];
  /** After the upgrade: a like, a refund of 1000, a recap, v1 clicking p1, and the order delivered again. */
  const later: LiveEventInput[] = [
    { ...base, eventId: 'r-like', type: 'like', viewerId: 'v1', count: 3, occurredAt: at(6) },
    {
      ...base,
      eventId: 'r-refund',
      type: 'refund',
      orderId: 'o1',
      amount: '1000',
      currency: 'JPY',
      occurredAt: at(7),
    },
    { ...base, eventId: 'r-recap', type: 'recap', occurredAt: at(8) },
    { ...base, eventId: 'r-click', type: 'product_click', viewerId: 'v1', productId: 'p1', occurredAt: at(8, 10) },
    stored.find((e) => e.eventId === 'r-buy')!,
  ];
  const rows = (events: LiveEventInput[]) => eventRows(events, 'br');

  it('copies the stored rare events, receives the later ones through the view, and nothing else', async () => {
    await migrateBefore(gateway, '0019');
    await gateway.insert('events', rows(stored), { tag: 'test.insert' });

    const log: string[] = [];
    expect(await runMigrations(gateway, (line) => log.push(line))).toEqual([
      '0019_rare_events.sql',
      '0020_session_peer_percentiles.sql',
      '0021_viewer_rows_version.sql',
      '0022_live_viewer_rows.sql',
      '0023_viewer_prefixes.sql',
      '0024_product_prefixes.sql',
      '0025_rollup_slots.sql',
      '0026_product_snapshots_live.sql',
      '0027_live_prefixes.sql',
    ]);
    expect(log[0]).toBe('migration 0019: copying the rare events among 7 stored events…');
    await gateway.insert('events', rows(later), { tag: 'test.insert' });

    const copied = await gateway.query<{ event_id: string; n: number }>(
      'SELECT event_id, count() AS n FROM rare_events GROUP BY event_id ORDER BY event_id',
      {},
      { tag: 'test.rare' },
    );
    // Not the join, the viewer's comment, the host's greeting (no reply_to) or the like; the order twice
    // (stored, then delivered again after the upgrade).
    expect(copied.map((r) => [r.event_id, Number(r.n)])).toEqual([
      ['r-buy', 2],
      ['r-click', 1],
      ['r-recap', 1],
      ['r-refund', 1],
      ['r-reply', 1],
      ['r-seen', 1],
      ['r-start', 1],
    ]);
  });

  it('gives the hand-computed KPIs that read them, the repeat counted once', async () => {
    await new RollupRefresher(gateway).refreshSessions('br', ['R1']);
    const [stats] = await gateway.query<Record<string, unknown>>(
      `SELECT orders, revenue, refunds, recaps, answered_comments, median_response_s, commercer_name, currency
       FROM session_stats FINAL WHERE brand_id = 'br' AND session_id = 'R1'`,
      {},
      { tag: 'test.stats' },
    );
    // one order of 2 × 1500 = 3000 (its repeat is the same order); 1000 of it refunded; one recap;
    // the viewer's question answered 90 s later (2:50 → 4:20), within the 120 s window
    expect({ ...stats, revenue: Number(stats.revenue), refunds: Number(stats.refunds) }).toEqual({
      orders: 1,
      revenue: 3000,
      refunds: 1000,
      recaps: 1,
      answered_comments: 1,
      median_response_s: 90,
      commercer_name: 'Host',
      currency: 'JPY',
    });
    const products = await gateway.query<Record<string, unknown>>(
      `SELECT product_id, impressed, clickers, orders, units, toFloat64(revenue) AS revenue, buyers
       FROM session_products FINAL WHERE brand_id = 'br' AND session_id = 'R1'`,
      {},
      { tag: 'test.products' },
    );
    // p1: seen and clicked by v1 (one viewer each), bought once as 2 × 1500 by v1
    expect(products).toEqual([
      { product_id: 'p1', impressed: 1, clickers: 1, orders: 1, units: 2, revenue: 3000, buyers: 1 },
    ]);
  });
});
