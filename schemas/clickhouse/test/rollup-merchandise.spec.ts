import { M1_EXPECTED, M1_PIN_SEGMENTS, M1_PRODUCTS, R_EXPECTED, merchFixture } from '@lc/contract/testing';
import { loadEvents, openTestEngine } from '../src/testing/index.js';
import type { ClickHouseGateway } from '../src/clickhouse.gateway.js';

// Expected values are worked out by hand in docs/FIXTURE.md ("Brand b5").
describe('merchandise rollups of the b5 fixture on the embedded engine', () => {
  let engine: Awaited<ReturnType<typeof openTestEngine>>;
  let gateway: ClickHouseGateway;

  beforeAll(async () => {
    engine = await openTestEngine();
    gateway = engine.gateway;
    await loadEvents(gateway, 'b5', merchFixture().byBrand.b5);
  });
  afterAll(() => engine.dispose());

  const current = async <T>(table: string, session: string, columns: string, orderBy: string): Promise<T[]> =>
    gateway.query<T>(
      `SELECT ${columns} FROM ${table} AS t
       WHERE t.session_id = {s:String}
         AND t.version = (SELECT max(version) FROM session_stats WHERE session_id = {s:String})
       ORDER BY ${orderBy}`,
      { s: session },
      { tag: 'test' },
    );
  const stats = async (session: string) =>
    (
      await current<Record<string, number>>(
        'session_stats',
        session,
        `unique_viewers, follows, shares, sharers, product_clickers, toFloat64(revenue) AS revenue,
         toFloat64(refunds) AS refunds, unmatched_refunds, orders, buyers, engaged_viewers`,
        'session_id',
      )
    )[0];

  it('counts follows, shares, product clickers and refunds of M1 as worked out by hand', async () => {
    expect(await stats('M1')).toEqual({
      unique_viewers: M1_EXPECTED.uniqueViewers,
      follows: M1_EXPECTED.follows,
      shares: M1_EXPECTED.shares,
      sharers: M1_EXPECTED.sharers,
      product_clickers: M1_EXPECTED.productClickers,
      revenue: M1_EXPECTED.revenue,
      // o1 partly (3000) + o5 capped at its 2500; the refund of R2's order o6 is not M1's
      refunds: M1_EXPECTED.refunds,
      unmatched_refunds: M1_EXPECTED.unmatchedRefunds,
      orders: M1_EXPECTED.orders,
      buyers: M1_EXPECTED.buyers,
      engaged_viewers: M1_EXPECTED.engagedViewers,
    });
  });

  it('matches a refund to the order of its own session only (R2)', async () => {
    expect(await stats('R2')).toMatchObject({
      revenue: R_EXPECTED.R2.revenue,
      refunds: R_EXPECTED.R2.refunds,
      unmatched_refunds: R_EXPECTED.R2.unmatchedRefunds,
    });
  });

  const products = () =>
    current<Record<string, number | string>>(
      'session_products',
      'M1',
      `product_id AS productId, product_name AS productName, pins, pinned_seconds AS pinnedSeconds, impressed, clickers,
       cart_adds AS cartAdds, cart_adders AS cartAdders, orders, units, toFloat64(revenue) AS revenue, buyers`,
      'product_id',
    );
  const expectedProducts = M1_PRODUCTS.map(({ clickRate: _c, orderRate: _o, ...columns }) => columns);

  it('builds one row per product of M1: pins, impressions, clicks, carts and the lines of its orders', async () => {
    expect(await products()).toEqual(expectedProducts);
  });

  const segments = () =>
    current<Record<string, number | string>>(
      'session_pin_segments',
      'M1',
      `product_id AS productId, start_s AS start, end_s AS end, watching_at_start AS watchingAtStart,
       watching_at_end AS watchingAtEnd, comments, clicks, cart_adds AS cartAdds, orders, units,
       toFloat64(revenue) AS revenue, viewers`,
      'segment',
    );
  // the SQL stores the segment's viewers; segmentGpm = revenue / viewers × 1000 is computed on read
  const expectedSegments = M1_PIN_SEGMENTS.map(({ commentsPerMinute: _c, segmentGpm, ...columns }) => ({
    ...columns,
    viewers: (columns.revenue / segmentGpm) * 1000,
  }));

  it('builds the run-sheet of M1: a row per pin, sales in the window of the latest segment of their product', async () => {
    expect(await segments()).toEqual(expectedSegments);
  });

  it('changes no merchandise number when every event is delivered again', async () => {
    await loadEvents(gateway, 'b5', merchFixture().byBrand.b5);
    expect(await products()).toEqual(expectedProducts);
    expect(await segments()).toEqual(expectedSegments);
    expect(await stats('M1')).toMatchObject({ follows: 3, shares: 2, refunds: 5500, unmatched_refunds: 1 });
  });
});
