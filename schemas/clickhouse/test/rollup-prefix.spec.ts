import { validateEvent, type LiveEventInput } from '@lc/contract';
import type { ClickHouseGateway } from '../src/clickhouse.gateway.js';
import { toEventRow } from '../src/event.row.js';
import { RollupRefresher } from '../src/rollup.repository.js';
import { openTestEngine } from '../src/testing/index.js';

/**
 * Viewer prefixes (docs/ARCHITECTURE.md, "Viewer prefixes"), by hand: a snapshot of each viewer's
 * events before a cut, joined with the events after it. The session starts at 12:00:00; the second
 * round's last event is at 12:03:40, so its cut is 12:03:00 (the clock minute at or before 12:03:10).
 *
 *   before the cut   v1 joins (ad) 12:00:10, likes 2 at 12:00:20, buys order o1 for 1 000 at 12:00:30;
 *                    v2 joins (follower) 12:00:40, comments 12:00:50
 *   after the cut    v1 buys o1 again under another event id for 1 500 at 12:03:10 (the order counts
 *                    once, at its largest amount); v3 joins (search) 12:03:20; v1 likes 1 at 12:03:30;
 *                    v2 leaves 12:03:40 (a leave is not activity)
 *
 * So v1: likes 3, 1 order, revenue 1 500, source ad, first seen 12:00:10, last active 12:03:30;
 * v2: 1 comment, source follower, last active 12:00:50; v3: source search, seen 12:03:20 only.
 */
const START = Date.parse('2026-11-20T12:00:00.000Z');
const at = (m: number, s: number) => new Date(START + (m * 60 + s) * 1000).toISOString();
const S = 'pre';
const base = { sessionId: S };

const before: LiveEventInput[] = [
  {
    ...base,
    eventId: 'p-1',
    type: 'session_start',
    occurredAt: at(0, 0),
    commercerId: 'c1',
    commercerName: 'Aoi',
    commercerKind: 'professional',
    title: 'Live',
    platform: 'tiktok',
  },
  { ...base, eventId: 'p-2', type: 'join', occurredAt: at(0, 10), viewerId: 'v1', source: 'ad' },
  { ...base, eventId: 'p-3', type: 'like', occurredAt: at(0, 20), viewerId: 'v1', count: 2 },
  {
    ...base,
    eventId: 'p-4',
    type: 'purchase',
    occurredAt: at(0, 30),
    viewerId: 'v1',
    orderId: 'o1',
    currency: 'JPY',
    items: [{ productId: 'p1', quantity: 1, unitPrice: '1000' }],
  },
  { ...base, eventId: 'p-5', type: 'join', occurredAt: at(0, 40), viewerId: 'v2', source: 'follower' },
  { ...base, eventId: 'p-6', type: 'comment', occurredAt: at(0, 50), viewerId: 'v2', author: 'viewer', text: 'hi' },
];
const after: LiveEventInput[] = [
  {
    ...base,
    eventId: 'p-7',
    type: 'purchase',
    occurredAt: at(3, 10),
    viewerId: 'v1',
    orderId: 'o1',
    currency: 'JPY',
    items: [{ productId: 'p1', quantity: 1, unitPrice: '1500' }],
  },
  { ...base, eventId: 'p-8', type: 'join', occurredAt: at(3, 20), viewerId: 'v3', source: 'search' },
  { ...base, eventId: 'p-9', type: 'like', occurredAt: at(3, 30), viewerId: 'v1', count: 1 },
  { ...base, eventId: 'p-10', type: 'leave', occurredAt: at(3, 40), viewerId: 'v2' },
];

describe('viewer prefixes', () => {
  let engine: Awaited<ReturnType<typeof openTestEngine>>;
  let gateway: ClickHouseGateway;
  beforeAll(async () => {
    engine = await openTestEngine();
    gateway = engine.gateway;
  });
  afterAll(() => engine.dispose());

  const deliver = (events: readonly LiveEventInput[]) =>
    gateway.insert(
      'events',
      events.map((input) => {
        const result = validateEvent(input);
        if (!result.ok) throw new Error(`event ${input.eventId}: ${JSON.stringify(result.errors)}`);
        return toEventRow(result.event, 'b');
      }),
      { tag: 'test.insert' },
    );
  const viewerRows = async (session = S) =>
    (
      await gateway.query<Record<string, string | number>>(
        `SELECT viewer_id, likes, comments, orders, toFloat64(revenue) AS revenue, join_source,
                formatDateTime(first_seen_at, '%H:%i:%S') AS first, formatDateTime(last_active_at, '%H:%i:%S') AS last
         FROM session_viewers
         WHERE brand_id = 'b' AND session_id = {s:String}
           AND version = (SELECT argMax(viewers_version, version) FROM session_stats WHERE brand_id = 'b' AND session_id = {s:String})
         ORDER BY viewer_id`,
        { s: session },
        { tag: 'test.viewers' },
      )
    ).map((r) => [
      r.viewer_id,
      Number(r.likes),
      Number(r.comments),
      Number(r.orders),
      r.revenue,
      r.join_source,
      r.first,
      r.last,
    ]);
  const stats = async () => {
    const [row] = await gateway.query<Record<string, number>>(
      `SELECT unique_viewers, likes, likers, commenters, orders, buyers, toFloat64(revenue) AS revenue, engaged_viewers
       FROM session_stats FINAL WHERE brand_id = 'b' AND session_id = {s:String}`,
      { s: S },
      { tag: 'test.stats' },
    );
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
  };
  const snapshots = async () =>
    (
      await gateway.query<{ cut: string; rows: number }>(
        `SELECT formatDateTime(fromUnixTimestamp64Milli(p.cut_ms, 'UTC'), '%H:%i:%S') AS cut,
                (SELECT count() FROM viewer_prefix_rows WHERE brand_id = 'b' AND session_id = {s:String} AND version = p.version) AS rows
         FROM viewer_prefixes AS p WHERE brand_id = 'b' AND session_id = {s:String} ORDER BY version`,
        { s: S },
        { tag: 'test.prefixes' },
      )
    ).map((r) => `${r.cut}: ${Number(r.rows)}`);

  // the whole path for a live session of at least one viewer, its viewer rows written at most every `everyMs`
  const refresher = (everyMs: number) =>
    new RollupRefresher(gateway, {
      liveMarginMs: 0,
      liveFromEvents: 1e9,
      viewerRowsFrom: 1,
      viewerRowsEveryMs: everyMs,
    });
  /** Runs `body` while `see` is shown every command on its way to the engine. */
  const watchingCommands = async (
    see: (sql: string, tag?: string, params?: Record<string, unknown>) => void,
    body: () => Promise<void>,
  ) => {
    const command = gateway.command.bind(gateway);
    gateway.command = ((sql: string, params: Record<string, unknown>, options: Parameters<typeof command>[2]) => {
      see(sql, options?.tag, params);
      return command(sql, params, options);
    }) as typeof gateway.command;
    try {
      await body();
    } finally {
      gateway.command = command;
    }
  };

  it('joins each viewer’s snapshot row with the events after the cut: an order across the cut once, at its largest amount', async () => {
    // viewer rows written every round
    const writer = refresher(0);
    await deliver(before);
    await writer.refreshSessions('b', [S]);
    expect(await snapshots()).toEqual([]); // the first round has no rollup to size the session by

    await deliver(after);
    await writer.refreshSessions('b', [S]);
    // v1 and v2 have events before 12:03:00, v3 has none
    expect(await snapshots()).toEqual(['12:03:00: 2']);
    expect(await viewerRows()).toEqual([
      ['v1', 3, 0, 1, 1500, 'ad', '12:00:10', '12:03:30'],
      ['v2', 0, 1, 0, 0, 'follower', '12:00:40', '12:00:50'],
      ['v3', 0, 0, 0, 0, 'search', '12:03:20', '12:03:20'],
    ]);
    expect(await stats()).toEqual({
      unique_viewers: 3,
      likes: 3,
      likers: 1,
      commenters: 1,
      orders: 1,
      buyers: 1,
      revenue: 1500,
      engaged_viewers: 2, // v1 (likes, an order) and v2 (a comment)
    });
  });

  it('reads the snapshot in a round that defers the viewer rows, and not once an event before the cut arrives', async () => {
    const deferrer = refresher(3_600_000);
    const read: boolean[] = [];
    const see = (sql: string, tag?: string) => {
      if (tag === 'rollup.stats') read.push(sql.includes('FROM viewer_prefix_rows'));
    };
    await watchingCommands(see, async () => {
      // v2 likes 4 after the cut: from the snapshot and the events after it
      await deliver([{ ...base, eventId: 'p-11', type: 'like', occurredAt: at(3, 50), viewerId: 'v2', count: 4 }]);
      await deferrer.refreshSessions('b', [S]);
      expect(await stats()).toMatchObject({ unique_viewers: 3, likes: 7, likers: 2 });
      // v3 likes 5 at 12:01:00, before the cut, arriving only now: the snapshot lacks it
      await deliver([{ ...base, eventId: 'p-12', type: 'like', occurredAt: at(1, 0), viewerId: 'v3', count: 5 }]);
      await deferrer.refreshSessions('b', [S]);
      expect(await stats()).toMatchObject({ unique_viewers: 3, likes: 12, likers: 3 });
    });
    expect(read).toEqual([true, false]);
  });

  it('chains the next snapshot from the last readable one: its rows, the events between the two cuts', async () => {
    // after the test above the 12:03:00 snapshot is stale (v3's like at 12:01:00 arrived after it), so the
    // snapshot at 12:04:00 reads every event before its cut; the one at 12:05:00 is chained from it
    const writer = refresher(0);
    const taken: string[] = [];
    const see = (sql: string, tag?: string) => {
      if (tag === 'rollup.prefix' && sql.includes('INSERT INTO viewer_prefix_rows'))
        taken.push(sql.includes('next_cut_ms') ? 'chained' : 'from events');
    };
    const prefixRows = async (cut: string) =>
      (
        await gateway.query<Record<string, string | number>>(
          `SELECT viewer_id, formatDateTime(first_seen_at, '%H:%i:%S') AS first,
                  formatDateTime(last_active_at, '%H:%i:%S') AS last, likes, comments, joins,
                  formatDateTime(first_join_at, '%H:%i:%S') AS first_join, join_source,
                  arraySort(arrayMap((k, v) -> concat(k, '=', toString(toFloat64(v))), mapKeys(order_amounts), mapValues(order_amounts))) AS orders
           FROM viewer_prefix_rows
           WHERE brand_id = 'b' AND session_id = {s:String}
             AND version = (SELECT version FROM viewer_prefixes WHERE brand_id = 'b' AND session_id = {s:String}
                              AND formatDateTime(fromUnixTimestamp64Milli(cut_ms, 'UTC'), '%H:%i:%S') = {cut:String})
           ORDER BY viewer_id`,
          { s: S, cut },
          { tag: 'test.prefix-rows' },
        )
      ).map((r) => [
        r.viewer_id,
        r.first,
        r.last,
        Number(r.likes),
        Number(r.comments),
        Number(r.joins),
        r.first_join,
        r.join_source,
        (r.orders as unknown as string[]).join(' '),
      ]);
    await watchingCommands(see, async () => {
      // last event 12:04:40: cut 12:04:00, a minute after the stale snapshot's
      await deliver([{ ...base, eventId: 'p-13', type: 'like', occurredAt: at(4, 40), viewerId: 'v3', count: 2 }]);
      await writer.refreshSessions('b', [S]);
      // between the cuts: v4 joins; v1 buys o1 again for less (it keeps 1 500) and o2 for 300. From 12:05:00 on
      // (the second cut, exactly): v1 comments; v2 likes 1 at 12:06:10, the last event (cut 12:05:00)
      await deliver([
        { ...base, eventId: 'p-14', type: 'join', occurredAt: at(4, 50), viewerId: 'v4', source: 'live' },
        ...(['o1', 'o2'] as const).map((orderId, i) => ({
          ...base,
          eventId: `p-15-${orderId}`,
          type: 'purchase' as const,
          occurredAt: at(4, 55),
          viewerId: 'v1',
          orderId,
          currency: 'JPY',
          items: [{ productId: 'p1', quantity: 1, unitPrice: ['1200', '300'][i] }],
        })),
        {
          ...base,
          eventId: 'p-16',
          type: 'comment',
          occurredAt: at(5, 0),
          viewerId: 'v1',
          author: 'viewer',
          text: 'q',
        },
        { ...base, eventId: 'p-17', type: 'like', occurredAt: at(6, 10), viewerId: 'v2', count: 1 },
      ]);
      await writer.refreshSessions('b', [S]);
    });
    expect(taken).toEqual(['from events', 'chained']);
    expect(await snapshots()).toEqual(['12:03:00: 2', '12:04:00: 3', '12:05:00: 4']);
    // every event before 12:05:00: v1's comment at the cut is after it; v2's leave (12:03:40) is no activity
    expect(await prefixRows('12:05:00')).toEqual([
      ['v1', '12:00:10', '12:04:55', 3, 0, 1, '12:00:10', 'ad', 'o1=1500 o2=300'],
      ['v2', '12:00:40', '12:03:50', 4, 1, 1, '12:00:40', 'follower', ''],
      ['v3', '12:01:00', '12:04:40', 7, 0, 1, '12:03:20', 'search', ''],
      ['v4', '12:04:50', '12:04:50', 0, 0, 1, '12:04:50', 'live', ''],
    ]);
    // and the round's own rows, from that snapshot and the events after it
    expect(await stats()).toEqual({
      unique_viewers: 4,
      likes: 15, // v1 3, v2 5, v3 7
      likers: 3,
      commenters: 2, // v1 (12:05:00) and v2
      orders: 2,
      buyers: 1,
      revenue: 1800, // o1 at its largest, 1 500, and o2
      engaged_viewers: 3, // v1, v2, v3; v4 only joined
    });
  });

  const productEvent = (
    sessionId: string,
    id: string,
    type: 'product_impression' | 'product_click' | 'cart_add',
    m: number,
    s: number,
    viewerId: string,
    productId: string,
  ): LiveEventInput => {
    const shown = { sessionId, eventId: id, occurredAt: at(m, s), viewerId, productId };
    return type === 'cart_add'
      ? { ...shown, type, quantity: 1, unitPrice: '500', currency: 'JPY' }
      : ({ ...shown, type } as LiveEventInput);
  };
  /** A session's session_products rows of its latest round: product, name, impressed, clickers, cart adds, adders. */
  const productsOf = async (sessionId: string) =>
    (
      await gateway.query<Record<string, string | number>>(
        `SELECT product_id, product_name, impressed, clickers, cart_adds, cart_adders FROM session_products
         WHERE brand_id = 'b' AND session_id = {s:String}
           AND version = (SELECT max(version) FROM session_stats WHERE brand_id = 'b' AND session_id = {s:String})
         ORDER BY product_id`,
        { s: sessionId },
        { tag: 'test.products' },
      )
    ).map((r) => [r.product_id, r.product_name, ...[r.impressed, r.clickers, r.cart_adds, r.cart_adders].map(Number)]);
  /** Sees which product snapshots a round takes and where its products statement reads from. */
  const merchandiseStatements = (into: string[]) => (sql: string, tag?: string) => {
    if (tag === 'rollup.prefix' && sql.includes('INSERT INTO product_prefix_rows'))
      into.push(sql.includes('next_cut_ms') ? 'snapshot chained' : 'snapshot from events');
    if (tag === 'rollup.products')
      into.push(sql.includes('FROM product_prefix_rows') ? 'products from snapshot' : 'products from events');
  };

  /**
   * Product prefixes (docs/ARCHITECTURE.md, "Product prefixes"), by hand, in a session of their own that
   * starts at 12:00:00 (`P`, no pins: a product's name is its id):
   *
   *   round 1          v1 sees p1 12:00:10, v2 sees p1 12:00:20, v1 clicks p1 12:00:30, v1 carts p1 12:00:40
   *                    (c-1), v3 sees p2 12:00:50 — the session's first rollup, no snapshot
   *   round 2          c-1 again; v1 sees p1 again 12:03:10, v4 sees p1 12:03:20, v2 carts p1 12:03:30 (c-2),
   *                    v3 clicks p2 12:03:40: last event 12:03:40, cut 12:03:00
   *   round 3          v1 carts p1 12:03:50 (c-3), c-2 again, v1 sees p2 12:04:40: cut 12:04:00, chained
   *   round 4          v5 sees p2 at 12:01:00, arriving only now: before the cut, so the snapshot is stale
   */
  it('counts each product’s distinct viewers and cart adds from its snapshot and the events after the cut', async () => {
    const P = 'prod';
    const event = (...args: Parameters<typeof productEvent> extends [string, ...infer R] ? R : never) =>
      productEvent(P, ...args);
    const start: LiveEventInput = { ...before[0], sessionId: P, eventId: 'q-0' };
    const c1 = event('c-1', 'cart_add', 0, 40, 'v1', 'p1');
    const c2 = event('c-2', 'cart_add', 3, 30, 'v2', 'p1');
    const products = () => productsOf(P);
    const snapshotOf = async (cut: string) =>
      (
        await gateway.query<Record<string, string | number>>(
          `SELECT product_id, finalizeAggregation(impressed) AS impressed, finalizeAggregation(clickers) AS clickers,
                  finalizeAggregation(cart_adds) AS cart_adds, finalizeAggregation(cart_adders) AS cart_adders
           FROM product_prefix_rows
           WHERE brand_id = 'b' AND session_id = {s:String}
             AND version = (SELECT version FROM viewer_prefixes WHERE brand_id = 'b' AND session_id = {s:String} AND products = 1
                              AND formatDateTime(fromUnixTimestamp64Milli(cut_ms, 'UTC'), '%H:%i:%S') = {cut:String})
           ORDER BY product_id`,
          { s: P, cut },
          { tag: 'test.product-prefix-rows' },
        )
      ).map((r) => [r.product_id, ...[r.impressed, r.clickers, r.cart_adds, r.cart_adders].map(Number)]);
    const statements: string[] = [];
    const see = merchandiseStatements(statements);
    const writer = refresher(0);
    await watchingCommands(see, async () => {
      await deliver([
        start,
        event('i-1', 'product_impression', 0, 10, 'v1', 'p1'),
        event('i-2', 'product_impression', 0, 20, 'v2', 'p1'),
        event('k-1', 'product_click', 0, 30, 'v1', 'p1'),
        c1,
        event('i-3', 'product_impression', 0, 50, 'v3', 'p2'),
      ]);
      await writer.refreshSessions('b', [P]);
      expect(await products()).toEqual([
        ['p1', 'p1', 2, 1, 1, 1],
        ['p2', 'p2', 1, 0, 0, 0],
      ]);

      await deliver([
        c1,
        event('i-4', 'product_impression', 3, 10, 'v1', 'p1'),
        event('i-5', 'product_impression', 3, 20, 'v4', 'p1'),
        c2,
        event('k-2', 'product_click', 3, 40, 'v3', 'p2'),
      ]);
      await writer.refreshSessions('b', [P]);
      // c-1's two copies are one cart add; v1 saw p1 on both sides of the cut: one viewer
      expect(await snapshotOf('12:03:00')).toEqual([
        ['p1', 2, 1, 1, 1],
        ['p2', 1, 0, 0, 0],
      ]);
      expect(await products()).toEqual([
        ['p1', 'p1', 3, 1, 2, 2], // seen by v1, v2, v4; carted by v1 (c-1) and v2 (c-2)
        ['p2', 'p2', 1, 1, 0, 0],
      ]);

      await deliver([
        c2,
        event('c-3', 'cart_add', 3, 50, 'v1', 'p1'),
        event('i-6', 'product_impression', 4, 40, 'v1', 'p2'),
      ]);
      await writer.refreshSessions('b', [P]);
      // between the cuts: c-2 twice, c-3; v1's impression of p2 is after 12:04:00
      expect(await snapshotOf('12:04:00')).toEqual([
        ['p1', 3, 1, 3, 2],
        ['p2', 1, 1, 0, 0],
      ]);
      expect(await products()).toEqual([
        ['p1', 'p1', 3, 1, 3, 2],
        ['p2', 'p2', 2, 1, 0, 0], // v3 and v1
      ]);

      // a round that defers its viewer rows takes no snapshot; the stale one is not read
      await deliver([event('i-7', 'product_impression', 1, 0, 'v5', 'p2')]);
      await refresher(3_600_000).refreshSessions('b', [P]);
      expect(await products()).toEqual([
        ['p1', 'p1', 3, 1, 3, 2],
        ['p2', 'p2', 3, 1, 0, 0], // v3, v1 and v5
      ]);
    });
    expect(statements).toEqual([
      'products from events',
      'snapshot from events',
      'products from snapshot',
      'snapshot chained',
      'products from snapshot',
      'products from events',
    ]);
  });

  /**
   * Product prefixes on the live path (docs/ARCHITECTURE.md, "Product prefixes on the live path"), by hand,
   * in a session of its own that starts at 12:00:00 (`L`, no pins), rolled up by the live path:
   *
   *   round 1   v1 sees p1 12:00:10, v2 clicks p1 12:00:20, v1 carts p1 12:00:30 (c-1): last event 12:00:30,
   *             cut 12:00:00, not after the start: no snapshot
   *   round 2   v3 sees p1 12:02:10, c-1 again, v2 carts p1 12:02:20 (c-2), v1 sees p2 12:02:40: cut 12:02:00,
   *             a snapshot of product rows alone from every event before it
   *   round 3   v4 clicks p2 12:03:10, v2 carts p1 12:03:20 (c-3): cut 12:02:00 still, the snapshot read
   *   round 4   v1 clicks p1 12:04:10: cut 12:03:00, chained from the last one (c-3 and v4's click after it)
   *   round 5   v5 sees p2 at 12:01:00, arriving only now: the snapshot is stale, a new one from the events
   *   round 6   v6 sees p1 12:04:40, rolled up by the whole path with viewer prefixes: the last snapshot has
   *             no viewer rows, so its viewer rows come from the events; its product rows chain from it
   */
  it('counts a live session’s products from a snapshot of product rows alone, which a whole rebuild reads for products only', async () => {
    const L = 'prod-live';
    const event = (...args: Parameters<typeof productEvent> extends [string, ...infer R] ? R : never) =>
      productEvent(L, ...args);
    const c1 = event('c-1', 'cart_add', 0, 30, 'v1', 'p1');
    const statements: string[] = [];
    const viewerSnapshots: string[] = [];
    const see = (sql: string, tag?: string) => {
      merchandiseStatements(statements)(sql, tag);
      if (tag === 'rollup.prefix' && sql.includes('INSERT INTO viewer_prefix_rows'))
        viewerSnapshots.push(sql.includes('next_cut_ms') ? 'chained' : 'from events');
    };
    const listed = async () =>
      (
        await gateway.query<{ cut: string; viewers: number; rows: number }>(
          `SELECT formatDateTime(fromUnixTimestamp64Milli(p.cut_ms, 'UTC'), '%H:%i:%S') AS cut, p.viewers AS viewers,
                  (SELECT count() FROM viewer_prefix_rows WHERE brand_id = 'b' AND session_id = {s:String} AND version = p.version) AS rows
           FROM viewer_prefixes AS p WHERE brand_id = 'b' AND session_id = {s:String} ORDER BY version`,
          { s: L },
          { tag: 'test.prefixes' },
        )
      ).map((r) => `${r.cut}: viewers ${Number(r.viewers)}, ${Number(r.rows)} viewer rows`);
    const live = new RollupRefresher(gateway, { liveMarginMs: 0, liveFromEvents: 0, liveEventsPerViewer: 0 });
    await watchingCommands(see, async () => {
      await deliver([
        { ...before[0], sessionId: L, eventId: 'l-0' },
        event('li-1', 'product_impression', 0, 10, 'v1', 'p1'),
        event('lk-1', 'product_click', 0, 20, 'v2', 'p1'),
        c1,
      ]);
      await live.refreshSessions('b', [L]);
      expect(await productsOf(L)).toEqual([['p1', 'p1', 1, 1, 1, 1]]);

      await deliver([
        event('li-2', 'product_impression', 2, 10, 'v3', 'p1'),
        c1,
        event('c-2', 'cart_add', 2, 20, 'v2', 'p1'),
        event('li-3', 'product_impression', 2, 40, 'v1', 'p2'),
      ]);
      await live.refreshSessions('b', [L]);
      expect(await productsOf(L)).toEqual([
        ['p1', 'p1', 2, 1, 2, 2], // seen by v1 and v3; c-1 (twice) and c-2, by v1 and v2
        ['p2', 'p2', 1, 0, 0, 0],
      ]);

      await deliver([event('lk-2', 'product_click', 3, 10, 'v4', 'p2'), event('c-3', 'cart_add', 3, 20, 'v2', 'p1')]);
      await live.refreshSessions('b', [L]);
      expect(await productsOf(L)).toEqual([
        ['p1', 'p1', 2, 1, 3, 2],
        ['p2', 'p2', 1, 1, 0, 0],
      ]);

      await deliver([event('lk-3', 'product_click', 4, 10, 'v1', 'p1')]);
      await live.refreshSessions('b', [L]);
      expect(await productsOf(L)).toEqual([
        ['p1', 'p1', 2, 2, 3, 2], // clicked by v2 and v1
        ['p2', 'p2', 1, 1, 0, 0],
      ]);

      await deliver([event('li-4', 'product_impression', 1, 0, 'v5', 'p2')]);
      await live.refreshSessions('b', [L]);
      expect(await productsOf(L)).toEqual([
        ['p1', 'p1', 2, 2, 3, 2],
        ['p2', 'p2', 2, 1, 0, 0], // seen by v1 and v5
      ]);

      await deliver([event('li-5', 'product_impression', 4, 40, 'v6', 'p1')]);
      await refresher(0).refreshSessions('b', [L]);
      expect(await productsOf(L)).toEqual([
        ['p1', 'p1', 3, 2, 3, 2], // seen by v1, v3 and v6
        ['p2', 'p2', 2, 1, 0, 0],
      ]);
    });
    expect(statements).toEqual([
      'products from events',
      'snapshot from events',
      'products from snapshot',
      'products from snapshot',
      'snapshot chained',
      'products from snapshot',
      'snapshot from events', // an event before the cut arrived after the last one
      'products from snapshot',
      'snapshot chained', // the whole rebuild's product rows, from the live round's
      'products from snapshot',
    ]);
    expect(viewerSnapshots).toEqual(['from events']);
    // the whole rebuild's snapshot: every viewer with an event before 12:04:00 (v1 to v5)
    expect(await listed()).toEqual([
      '12:02:00: viewers 0, 0 viewer rows',
      '12:03:00: viewers 0, 0 viewer rows',
      '12:03:00: viewers 0, 0 viewer rows',
      '12:04:00: viewers 1, 5 viewer rows',
    ]);
  });

  it('counts the products from the events while the last snapshot has no product rows (taken before migration 0024)', async () => {
    // start 12:00:00; v1 sees p1 12:00:10; round 2: v2 sees p1 12:03:40 (cut 12:03:00), and the snapshot's listing is
    // then made as one from before the migration; round 3 (v1 sees p1 again 12:03:50) defers its viewer rows; round 4: v3 sees p1 12:04:40
    const P = 'prod-old';
    const start: LiveEventInput = { ...before[0], sessionId: P, eventId: 'r-0' };
    const statements: string[] = [];
    const chainedViewers: boolean[] = [];
    const see = (sql: string, tag?: string) => {
      merchandiseStatements(statements)(sql, tag);
      if (tag === 'rollup.prefix' && sql.includes('INSERT INTO viewer_prefix_rows'))
        chainedViewers.push(sql.includes('next_cut_ms'));
    };
    const writer = refresher(0);
    await watchingCommands(see, async () => {
      await deliver([start, productEvent(P, 'r-1', 'product_impression', 0, 10, 'v1', 'p1')]);
      await writer.refreshSessions('b', [P]);
      await deliver([productEvent(P, 'r-2', 'product_impression', 3, 40, 'v2', 'p1')]);
      await writer.refreshSessions('b', [P]);
      await gateway.command(
        `ALTER TABLE viewer_prefixes UPDATE products = 0 WHERE brand_id = 'b' AND session_id = {s:String}
         SETTINGS mutations_sync = 2`,
        { s: P },
        { tag: 'test.as-before-0024' },
      );
      await gateway.command(
        `ALTER TABLE product_prefix_rows DELETE WHERE brand_id = 'b' AND session_id = {s:String} SETTINGS mutations_sync = 2`,
        { s: P },
        { tag: 'test.as-before-0024' },
      );
      await deliver([productEvent(P, 'r-2b', 'product_impression', 3, 50, 'v1', 'p1')]);
      await refresher(3_600_000).refreshSessions('b', [P]);
      expect(await productsOf(P)).toEqual([['p1', 'p1', 2, 0, 0, 0]]);
      await deliver([productEvent(P, 'r-3', 'product_impression', 4, 40, 'v3', 'p1')]);
      await writer.refreshSessions('b', [P]);
      expect(await productsOf(P)).toEqual([['p1', 'p1', 3, 0, 0, 0]]);
    });
    expect(chainedViewers).toEqual([false, true]);
    expect(statements).toEqual([
      'products from events',
      'snapshot from events',
      'products from snapshot',
      'products from events', // the listing says the snapshot has no product rows
      'snapshot from events', // the viewer rows chained, the product rows from every event before 12:04:00
      'products from snapshot',
    ]);
  });
  /**
   * Viewer totals snapshots on the live path (docs/ARCHITECTURE.md, "Viewer totals snapshots on the live path"),
   * by hand, in a session of its own that starts at 12:00:00 (`T`), rolled up by the live path (summing only the
   * touched viewers' totals where it sums them). A snapshot's minute is the session minute at or before the last
   * event less 30 s.
   *
   *   round 1   v1 joins (ad) 12:00:10, likes 2 at 12:00:20, buys o1 for 1 000 at 12:00:30: minute 0, no snapshot
   *   round 2   v2 joins (follower) 12:01:10, comments 12:01:20; v1 likes 1 at 12:02:40: a snapshot of the
   *             minutes before 2 from every viewer-minute row (v1, v2), and the totals from it and minute 2
   *   round 3   v1 buys o1 again for 1 500 at 12:02:50 (after the cut: once, at 1 500); v3 joins (search)
   *             12:02:55: minute 2 still, the snapshot read
   *   round 4   v2 likes 4 at 12:03:40: minute 3, chained from the last one (its rows and minute 2)
   *   round 5   v4 likes 5 at 12:01:30, arriving only now: the snapshot is stale, a new one of minute 3 from
   *             every viewer-minute row
   *   round 6   v3 likes 2 at 12:03:50, a round that defers its viewer rows: the stats from the snapshot
   *   round 7   v1 likes 1 at 12:03:55, a round without snapshots: every viewer's totals summed from the rows
   *
   * A round that reads a snapshot writes no per-viewer totals (live_viewer_rows): its viewer rows, or its stats,
   * are worked out from the snapshot in place.
   */
  it('sums a live session’s viewer totals from a snapshot of the minutes before a cut and the minutes after it', async () => {
    const T = 'tot-live';
    const tat = (m: number, sec: number) => at(m, sec);
    const statements: string[] = [];
    const see = (sql: string, tag?: string, params?: Record<string, unknown>) => {
      if (tag === 'rollup.live_prefix' && sql.includes('INSERT INTO live_prefix_rows'))
        statements.push((params?.spanVersions as number[])[0] === 0 ? 'snapshot from minutes' : 'snapshot chained');
      if (tag === 'rollup.live_rows')
        statements.push(sql.includes('{touchedViewers') ? 'touched totals' : 'every total');
      if (tag === 'rollup.viewers')
        statements.push(sql.includes('live_prefix_rows') ? 'viewer rows from snapshot' : 'viewer rows from totals');
      if (tag === 'rollup.stats' && sql.includes('live_prefix_rows')) statements.push('stats from snapshot');
    };
    const listed = async () =>
      (
        await gateway.query<{ minute: number; rows: number }>(
          `SELECT p.minute AS minute,
                  (SELECT count() FROM live_prefix_rows WHERE brand_id = 'b' AND session_id = {s:String} AND version = p.version) AS rows
           FROM live_prefixes AS p WHERE brand_id = 'b' AND session_id = {s:String} ORDER BY version`,
          { s: T },
          { tag: 'test.prefixes' },
        )
      ).map((r) => `minute ${Number(r.minute)}: ${Number(r.rows)} viewers`);
    const o1 = (eventId: string, second: [number, number], price: string): LiveEventInput => ({
      sessionId: T,
      eventId,
      type: 'purchase',
      occurredAt: tat(...second),
      viewerId: 'v1',
      orderId: 'o1',
      currency: 'JPY',
      items: [{ productId: 'p1', quantity: 1, unitPrice: price }],
    });
    const live = new RollupRefresher(gateway, {
      liveMarginMs: 0,
      liveFromEvents: 0,
      liveEventsPerViewer: 0,
      livePrefixFrom: 0,
      liveRowsAllFromShare: Infinity,
    });
    await watchingCommands(see, async () => {
      await deliver([
        { ...before[0], sessionId: T, eventId: 't-0' },
        { sessionId: T, eventId: 't-1', type: 'join', occurredAt: tat(0, 10), viewerId: 'v1', source: 'ad' },
        { sessionId: T, eventId: 't-2', type: 'like', occurredAt: tat(0, 20), viewerId: 'v1', count: 2 },
        o1('t-3', [0, 30], '1000'),
      ]);
      await live.refreshSessions('b', [T]);
      expect(await viewerRows(T)).toEqual([['v1', 2, 0, 1, 1000, 'ad', '12:00:10', '12:00:30']]);

      await deliver([
        { sessionId: T, eventId: 't-4', type: 'join', occurredAt: tat(1, 10), viewerId: 'v2', source: 'follower' },
        {
          sessionId: T,
          eventId: 't-5',
          type: 'comment',
          occurredAt: tat(1, 20),
          viewerId: 'v2',
          author: 'viewer',
          text: 'hi',
        },
        { sessionId: T, eventId: 't-6', type: 'like', occurredAt: tat(2, 40), viewerId: 'v1', count: 1 },
      ]);
      await live.refreshSessions('b', [T]);
      expect(await viewerRows(T)).toEqual([
        ['v1', 3, 0, 1, 1000, 'ad', '12:00:10', '12:02:40'],
        ['v2', 0, 1, 0, 0, 'follower', '12:01:10', '12:01:20'],
      ]);

      await deliver([
        o1('t-7', [2, 50], '1500'),
        { sessionId: T, eventId: 't-8', type: 'join', occurredAt: tat(2, 55), viewerId: 'v3', source: 'search' },
      ]);
      await live.refreshSessions('b', [T]);
      expect(await viewerRows(T)).toEqual([
        ['v1', 3, 0, 1, 1500, 'ad', '12:00:10', '12:02:50'],
        ['v2', 0, 1, 0, 0, 'follower', '12:01:10', '12:01:20'],
        ['v3', 0, 0, 0, 0, 'search', '12:02:55', '12:02:55'],
      ]);

      await deliver([{ sessionId: T, eventId: 't-9', type: 'like', occurredAt: tat(3, 40), viewerId: 'v2', count: 4 }]);
      await live.refreshSessions('b', [T]);
      expect(await viewerRows(T)).toEqual([
        ['v1', 3, 0, 1, 1500, 'ad', '12:00:10', '12:02:50'],
        ['v2', 4, 1, 0, 0, 'follower', '12:01:10', '12:03:40'],
        ['v3', 0, 0, 0, 0, 'search', '12:02:55', '12:02:55'],
      ]);

      await deliver([
        { sessionId: T, eventId: 't-10', type: 'like', occurredAt: tat(1, 30), viewerId: 'v4', count: 5 },
      ]);
      await live.refreshSessions('b', [T]);
      expect(await viewerRows(T)).toEqual([
        ['v1', 3, 0, 1, 1500, 'ad', '12:00:10', '12:02:50'],
        ['v2', 4, 1, 0, 0, 'follower', '12:01:10', '12:03:40'],
        ['v3', 0, 0, 0, 0, 'search', '12:02:55', '12:02:55'],
        ['v4', 5, 0, 0, 0, '', '12:01:30', '12:01:30'],
      ]);

      // round 6 defers its viewer rows: its stats from the snapshot in place (v3 likes 2 at 12:03:50)
      await deliver([
        { sessionId: T, eventId: 't-11', type: 'like', occurredAt: tat(3, 50), viewerId: 'v3', count: 2 },
      ]);
      await new RollupRefresher(gateway, {
        liveMarginMs: 0,
        liveFromEvents: 0,
        liveEventsPerViewer: 0,
        livePrefixFrom: 0,
        viewerRowsFrom: 1,
        viewerRowsEveryMs: 3_600_000,
      }).refreshSessions('b', [T]);
      // round 7 without snapshots (v1 likes 1 at 12:03:55): v2, v3 and v4 have no totals of their own yet (their
      // rounds read snapshots), so the round sums every viewer's, not only v1's — even once the snapshots' listing
      // has expired (two hours; removed here)
      // minute 2: v1 and v2; minute 3 chained: and v3; minute 3 again, from the minutes: and v4
      expect(await listed()).toEqual(['minute 2: 2 viewers', 'minute 3: 3 viewers', 'minute 3: 4 viewers']);
      await gateway.command('TRUNCATE TABLE live_prefixes', {}, { tag: 'test.expire' });
      await deliver([
        { sessionId: T, eventId: 't-12', type: 'like', occurredAt: tat(3, 55), viewerId: 'v1', count: 1 },
      ]);
      await new RollupRefresher(gateway, {
        liveMarginMs: 0,
        liveFromEvents: 0,
        liveEventsPerViewer: 0,
        liveRowsAllFromShare: Infinity,
        viewerPrefixes: false,
      }).refreshSessions('b', [T]);
      expect(await viewerRows(T)).toEqual([
        ['v1', 4, 0, 1, 1500, 'ad', '12:00:10', '12:03:55'],
        ['v2', 4, 1, 0, 0, 'follower', '12:01:10', '12:03:40'],
        ['v3', 2, 0, 0, 0, 'search', '12:02:55', '12:03:50'],
        ['v4', 5, 0, 0, 0, '', '12:01:30', '12:01:30'],
      ]);
    });
    expect(statements).toEqual([
      'every total',
      'viewer rows from totals',
      'snapshot from minutes',
      'viewer rows from snapshot',
      'viewer rows from snapshot',
      'snapshot chained',
      'viewer rows from snapshot',
      'snapshot from minutes', // a like from 12:01:30 arrived after the last one was taken
      'viewer rows from snapshot',
      'stats from snapshot',
      'every total',
      'viewer rows from totals',
    ]);
    const [sessionStats] = await gateway.query<Record<string, number>>(
      `SELECT unique_viewers, likes, commenters, orders, toFloat64(revenue) AS revenue
       FROM session_stats FINAL WHERE brand_id = 'b' AND session_id = {s:String}`,
      { s: T },
      { tag: 'test.stats' },
    );
    // likes 4 + 4 + 2 + 5, one commenter (v2), one order at its largest amount
    expect(Object.fromEntries(Object.entries(sessionStats).map(([k, v]) => [k, Number(v)]))).toEqual({
      unique_viewers: 4,
      likes: 15,
      commenters: 1,
      orders: 1,
      revenue: 1500,
    });
  });
  /**
   * A big session rolled up whole while it was small, then by the live path: its first live round rebuilds
   * every minute and takes a viewer totals snapshot (so it keeps no per-viewer totals), and its next rounds
   * stay on the live path, rebuilding only the minute that changed. Start 12:00:00; v1 joins 12:00:10, v2
   * likes 2 at 12:01:10, v1 likes 1 at 12:02:40 (whole); v3 likes 3 at 12:02:50 (live, all minutes: a snapshot
   * of minutes before 2); v1 likes 1 at 12:02:55 (live, minute 2 only).
   */
  it('keeps a session that reads snapshots on the live path, though it keeps no per-viewer totals', async () => {
    const W = 'tot-whole-first';
    const rebuilt: string[] = [];
    const see = (sql: string, tag?: string, params?: Record<string, unknown>) => {
      if (tag === 'rollup.viewer_minutes') rebuilt.push(JSON.stringify(params?.touched));
      if (tag === 'rollup.live_prefix' && sql.includes('INSERT INTO live_prefix_rows')) rebuilt.push('snapshot');
    };
    const options = { liveMarginMs: 0, liveEventsPerViewer: 0, livePrefixFrom: 0 };
    const like = (eventId: string, m: number, sec: number, viewerId: string, count: number): LiveEventInput => ({
      sessionId: W,
      eventId,
      type: 'like',
      occurredAt: at(m, sec),
      viewerId,
      count,
    });
    const likes = async () =>
      Number(
        (
          await gateway.query<{ n: number }>(
            `SELECT likes AS n FROM session_stats FINAL WHERE brand_id = 'b' AND session_id = {s:String}`,
            { s: W },
            { tag: 'test.stats' },
          )
        )[0].n,
      );
    await watchingCommands(see, async () => {
      await deliver([
        { ...before[0], sessionId: W, eventId: 'w-0' },
        { sessionId: W, eventId: 'w-1', type: 'join', occurredAt: at(0, 10), viewerId: 'v1', source: 'ad' },
        like('w-2', 1, 10, 'v2', 2),
        like('w-3', 2, 40, 'v1', 1),
      ]);
      await new RollupRefresher(gateway, { ...options, liveFromEvents: 1e9 }).refreshSessions('b', [W]);
      const live = new RollupRefresher(gateway, { ...options, liveFromEvents: 0 });
      await deliver([like('w-4', 2, 50, 'v3', 3)]);
      await live.refreshSessions('b', [W]);
      expect(await likes()).toBe(6);
      await deliver([like('w-5', 2, 55, 'v1', 1)]);
      await live.refreshSessions('b', [W]);
      expect(await likes()).toBe(7);
    });
    expect(rebuilt).toEqual(['[[]]', 'snapshot', '[[2]]']);
    expect(
      Number(
        (
          await gateway.query<{ n: number }>(
            `SELECT countIf(viewer_id != '') AS n FROM live_viewer_rows WHERE brand_id = 'b' AND session_id = {s:String}`,
            { s: W },
            { tag: 'test.count' },
          )
        )[0].n,
      ),
    ).toBe(0);
  });

  it('keeps snapshots for a small audience once its stream holds enough events (many such streams are rolled up together)', async () => {
    // the events above in sessions of their own: two viewers by the second round (fewer than viewerRowsFrom),
    // 10 events stored at its opening
    const copy = (session: string, events: readonly LiveEventInput[]) =>
      events.map((e) => ({ ...e, sessionId: session, eventId: `${session}-${e.eventId}` }));
    const cutsOf = async (session: string) =>
      (
        await gateway.query<{ cut: string }>(
          `SELECT formatDateTime(fromUnixTimestamp64Milli(cut_ms, 'UTC'), '%H:%i:%S') AS cut
           FROM viewer_prefixes WHERE brand_id = 'b' AND session_id = {s:String} ORDER BY version`,
          { s: session },
          { tag: 'test.prefixes' },
        )
      ).map((r) => r.cut);
    const small = (prefixFromEvents: number) =>
      new RollupRefresher(gateway, { liveMarginMs: 0, liveFromEvents: 1e9, viewerRowsFrom: 1_000, prefixFromEvents });
    for (const [session, prefixFromEvents, cuts] of [
      ['small-10', 10, ['12:03:00']],
      ['small-11', 11, []],
    ] as const) {
      const read: boolean[] = [];
      await deliver(copy(session, before));
      await small(prefixFromEvents).refreshSessions('b', [session]);
      await deliver(copy(session, after));
      await watchingCommands(
        (sql, tag) => {
          if (tag === 'rollup.viewers') read.push(sql.includes('FROM viewer_prefix_rows'));
        },
        () => small(prefixFromEvents).refreshSessions('b', [session]),
      );
      expect(await cutsOf(session)).toEqual(cuts);
      expect(read).toEqual([cuts.length > 0]);
      // the same rows either way, as worked out by hand at the top
      expect(await viewerRows(session)).toEqual([
        ['v1', 3, 0, 1, 1500, 'ad', '12:00:10', '12:03:30'],
        ['v2', 0, 1, 0, 0, 'follower', '12:00:40', '12:00:50'],
        ['v3', 0, 0, 0, 0, 'search', '12:03:20', '12:03:20'],
      ]);
    }
  });
});
