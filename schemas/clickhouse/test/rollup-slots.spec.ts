import type { LiveEventInput } from '@lc/contract';
import type { ClickHouseGateway } from '../src/clickhouse.gateway.js';
import { RollupRefresher } from '../src/rollup.repository.js';
import { eventRows, openTestEngine } from '../src/testing/index.js';

/**
 * Readers take a session's rollup rows of the round its stats row points at, and a round writes its new
 * rows before it moves the pointer. A background merge of the new rows with the pointed-at ones must not
 * take the pointed-at ones away (docs/ARCHITECTURE.md, "Two slots per rollup key"): each round here is
 * stopped just before its stats statement, every rollup table is merged (`OPTIMIZE … FINAL`, what a
 * background merge may do at any moment), and the rows at the old pointer are counted.
 */
describe('the rows a session stats row points at, while a round rewrites them', () => {
  let engine: Awaited<ReturnType<typeof openTestEngine>>;
  let gateway: ClickHouseGateway;
  beforeAll(async () => {
    engine = await openTestEngine();
    gateway = engine.gateway;
  });
  afterAll(() => engine.dispose());

  const BRAND = 'slots';
  const SESSION = 's1';
  const T0 = Date.UTC(2026, 10, 20, 12, 0, 0);
  const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
  const base = { sessionId: SESSION };
  const round1: LiveEventInput[] = [
    {
      ...base,
      eventId: 'e1',
      type: 'session_start',
      occurredAt: at(0),
      commercerId: 'c1',
      commercerName: 'Aoi',
      commercerKind: 'in_house',
      title: 'Coats',
      platform: 'app',
    },
    { ...base, eventId: 'e2', type: 'product_pin', occurredAt: at(1), productId: 'p1', productName: 'Coat' },
    { ...base, eventId: 'e3', type: 'join', occurredAt: at(5), viewerId: 'v1', source: 'feed' },
    { ...base, eventId: 'e4', type: 'like', occurredAt: at(10), viewerId: 'v1', count: 1, stamp: 'heart' },
    { ...base, eventId: 'e5', type: 'product_click', occurredAt: at(12), viewerId: 'v1', productId: 'p1' },
    {
      ...base,
      eventId: 'e6',
      type: 'purchase',
      occurredAt: at(20),
      viewerId: 'v1',
      orderId: 'o1',
      currency: 'JPY',
      items: [{ productId: 'p1', quantity: 1, unitPrice: '9800' }],
    },
    { ...base, eventId: 'e7', type: 'join', occurredAt: at(65), viewerId: 'v2', source: 'search' },
    { ...base, eventId: 'e8', type: 'like', occurredAt: at(70), viewerId: 'v2', count: 2, stamp: 'heart' },
  ] as LiveEventInput[];
  // a third viewer in the third minute
  const round2: LiveEventInput[] = [
    { ...base, eventId: 'e9', type: 'join', occurredAt: at(125), viewerId: 'v3', source: 'feed' },
    { ...base, eventId: 'e10', type: 'like', occurredAt: at(130), viewerId: 'v3', count: 1, stamp: 'heart' },
  ] as LiveEventInput[];
  // one more like of v1: no new viewer, source, minute or product
  const round3: LiveEventInput[] = [
    { ...base, eventId: 'e11', type: 'like', occurredAt: at(140), viewerId: 'v1', count: 1, stamp: 'heart' },
  ] as LiveEventInput[];

  /** Each table that follows a pointer of session_stats, with the pointer. */
  const TABLES = {
    session_minutes: 'version',
    session_products: 'version',
    session_pin_segments: 'version',
    session_viewers: 'viewers_version',
    session_sources: 'viewers_version',
  } as const;
  type Counts = Record<keyof typeof TABLES, number>;
  /** The stats row's two pointers now. */
  const pointers = async (): Promise<{ version: number; viewersVersion: number }> => {
    const [row] = await gateway.query<{ current: number; viewers: number }>(
      `SELECT max(version) AS current, argMax(viewers_version, version) AS viewers
       FROM session_stats WHERE brand_id = {b:String} AND session_id = {s:String}`,
      { b: BRAND, s: SESSION },
      { tag: 'test.pointers' },
    );
    return { version: Number(row.current), viewersVersion: Number(row.viewers) };
  };

  /** The rows of each table at its pointer (the stats row's now, or `at`), read as the API reads them. */
  const atPointers = async (at?: { version: number; viewersVersion: number }): Promise<Counts> => {
    const { version, viewersVersion } = at ?? (await pointers());
    const counts = {} as Counts;
    for (const [table, pointer] of Object.entries(TABLES) as [keyof typeof TABLES, string][]) {
      const [row] = await gateway.query<{ n: number }>(
        `SELECT count() AS n FROM ${table} AS t
         WHERE t.brand_id = {b:String} AND t.session_id = {s:String} AND t.version = {v:UInt64}`,
        { b: BRAND, s: SESSION, v: pointer === 'version' ? version : viewersVersion },
        { tag: 'test.pointer' },
      );
      counts[table] = Number(row.n);
    }
    return counts;
  };
  /**
   * The purchase timeline as its readers take it (FINAL, no pointer: the later-purchase figures): one row
   * per viewer and session bought in, whatever the rounds written.
   */
  const timeline = async (): Promise<number> => {
    const [row] = await gateway.query<{ n: number }>(
      `SELECT count() AS n FROM viewer_purchases FINAL WHERE brand_id = {b:String} AND session_id = {s:String}`,
      { b: BRAND, s: SESSION },
      { tag: 'test.timeline' },
    );
    return Number(row.n);
  };
  const mergeAll = async () => {
    for (const table of [...Object.keys(TABLES), 'viewer_purchases'])
      await gateway.command(`OPTIMIZE TABLE ${table} FINAL`, {}, { tag: 'test.merge' });
  };
  /** The versions each table holds for the session after a merge. */
  const generations = async (table: keyof typeof TABLES): Promise<number> => {
    const [row] = await gateway.query<{ n: number }>(
      `SELECT uniqExact(version) AS n FROM ${table} WHERE brand_id = {b:String} AND session_id = {s:String}`,
      { b: BRAND, s: SESSION },
      { tag: 'test.generations' },
    );
    return Number(row.n);
  };

  /** A round whose stats statement first merges every table and reads the counts at the old pointers. */
  const roundMergedBeforeItsStats = async (refresher: RollupRefresher): Promise<Counts[]> => {
    const seen: Counts[] = [];
    const command = gateway.command;
    gateway.command = async (...args: Parameters<ClickHouseGateway['command']>) => {
      if (args[2].tag === 'rollup.stats') {
        await mergeAll();
        seen.push(await atPointers());
      }
      return command.apply(gateway, args);
    };
    try {
      await refresher.refreshSessions(BRAND, [SESSION]);
    } finally {
      gateway.command = command;
    }
    return seen;
  };

  it('keeps the pointed-at rows through a merge until the pointer moves, two generations at most, one a while after the end', async () => {
    const refresher = new RollupRefresher(gateway);
    await gateway.insert('events', eventRows(BRAND, round1), { tag: 'test.insert' });
    await refresher.refreshSessions(BRAND, [SESSION]);
    // 70 s: two minutes; v1 and v2; feed and search; the coat, pinned once; v1's order
    const first: Counts = {
      session_minutes: 2,
      session_products: 1,
      session_pin_segments: 1,
      session_viewers: 2,
      session_sources: 2,
    };
    expect(await atPointers()).toEqual(first);
    // v1's order, once
    expect(await timeline()).toBe(1);

    await gateway.insert('events', eventRows(BRAND, round2), { tag: 'test.insert' });
    // while the second round writes, the first round's rows stay where the pointers are
    expect(await roundMergedBeforeItsStats(refresher)).toEqual([first]);
    // 130 s: three minutes; v3 joins from the feed (still two sources)
    const second: Counts = { ...first, session_minutes: 3, session_viewers: 3 };
    expect(await atPointers()).toEqual(second);

    await gateway.insert('events', eventRows(BRAND, round3), { tag: 'test.insert' });
    expect(await roundMergedBeforeItsStats(refresher)).toEqual([second]);
    expect(await atPointers()).toEqual(second);
    // merged once more, each table keeps the last two rounds' rows, not the first round's
    await mergeAll();
    for (const table of Object.keys(TABLES) as (keyof typeof TABLES)[])
      expect([table, await generations(table)]).toEqual([table, 2]);
    // the timeline is read without a pointer: still v1's one order, not one per round kept
    expect(await timeline()).toBe(1);

    // the session ends at 150 s (still three minutes)
    const beforeEnd = await pointers();
    await gateway.insert(
      'events',
      eventRows(BRAND, [{ ...base, eventId: 'e12', type: 'session_end', occurredAt: at(150) } as LiveEventInput]),
      { tag: 'test.insert' },
    );
    await refresher.refreshSessions(BRAND, [SESSION]);
    expect(await atPointers()).toEqual(second);
    // a reader that took the stats row just before the last round still finds its rows, for a while
    expect(await atPointers(beforeEnd)).toEqual(second);
    expect(refresher.supersededDueInMs()).toBeGreaterThan(50_000);
    await refresher.removeSuperseded(); // not yet due: nothing goes
    expect(await atPointers(beforeEnd)).toEqual(second);
    // a minute later the last round's rows are all the session keeps
    expect(refresher.supersededDueInMs(Date.now() + 60_000)).toBe(0);
    await refresher.removeSuperseded(Date.now() + 60_000);
    expect(refresher.supersededDueInMs()).toBeNull();
    await mergeAll();
    for (const table of Object.keys(TABLES) as (keyof typeof TABLES)[])
      expect([table, await generations(table)]).toEqual([table, 1]);
    expect(await atPointers()).toEqual(second);
    expect(await timeline()).toBe(1);
  });
});
