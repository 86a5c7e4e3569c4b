import { jest } from '@jest/globals';
import { validateEvent, type LiveEventInput } from '@lc/contract';
import type { ClickHouseGateway } from '../src/clickhouse.gateway.js';
import { toEventRow } from '../src/event.row.js';
import { RollupRefresher } from '../src/rollup.repository.js';
import { openTestEngine } from '../src/testing/index.js';

/**
 * The live path (docs/ARCHITECTURE.md "A live path that does not grow with the stream") must write
 * exactly the rows a whole rebuild writes. A live session is streamed in one-minute batches, with
 * repeats of earlier events and events held back and delivered minutes late, into two brands: `live`
 * is rolled up by the live path after every batch, `whole` by rebuilding each session from all its
 * events. After every batch every rollup table must hold the same rows for both — and the live
 * round must have rebuilt only the minutes that received events.
 */

/** A small deterministic random source (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type WithoutBase<T> = T extends unknown ? Omit<T, 'eventId' | 'sessionId' | 'occurredAt'> : never;
type Body = WithoutBase<LiveEventInput> & { eventId?: string };
interface Timed {
  at: number;
  event: LiveEventInput;
}

const START = Date.parse('2026-11-20T12:00:17.250Z'); // not on a minute: session minutes straddle clock minutes
const MINUTES = 9;

/** Nine minutes of one live stream with every event type, times in ms from the start. */
function stream(sessionId: string, seed: number): Timed[] {
  const rnd = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
  const out: Timed[] = [];
  let n = 0;
  const e = (at: number, body: Body) => {
    const event = {
      eventId: body.eventId ?? `${sessionId}-${++n}`,
      sessionId,
      occurredAt: new Date(START + at).toISOString(),
      ...body,
    } as LiveEventInput;
    out.push({ at, event });
    return event;
  };
  const end = MINUTES * 60_000 - 1_000;
  e(0, {
    type: 'session_start',
    commercerId: 'c1',
    commercerName: 'Aoi',
    commercerKind: 'professional',
    title: 'Live',
    platform: 'tiktok',
  });
  e(30_000, { type: 'product_pin', productId: 'p1', productName: 'Scarf' });
  // a pin without a name: its segment shows the product's latest name, which the pin at 520 s changes
  // after the segment has settled (a round carries it over, but not its name)
  e(120_000, { type: 'product_pin', productId: 'p2' });
  e(200_000, { type: 'product_pin', productId: 'p2', productName: 'Gloves' });
  e(350_000, { type: 'product_unpin', productId: 'p2' });
  e(400_000, { type: 'product_pin', productId: 'p1', productName: 'Scarf (navy)' });
  e(520_000, { type: 'product_pin', productId: 'p2', productName: 'Gloves (red)' }); // still pinned
  e(180_000, { type: 'recap', text: 'So far' });
  e(420_000, { type: 'recap', text: 'Again' });
  let order = 0;
  for (let v = 1; v <= 14; v++) {
    const viewerId = `v${v}`;
    let t = Math.floor(rnd() * 400_000);
    e(t, { type: 'join', viewerId, source: pick(['follower', 'ad', 'share', 'search']) });
    while (t < end) {
      t += 5_000 + Math.floor(rnd() * 40_000);
      if (t >= end) break;
      const r = rnd();
      if (r < 0.3) e(t, { type: 'dwell', viewerId, seconds: 20 });
      else if (r < 0.45) {
        const comment = e(t, { type: 'comment', viewerId, author: 'viewer', text: 'Is it warm?' });
        // some answered within 120 s, some too late, some never
        if (rnd() < 0.6)
          e(t + Math.floor(rnd() * 150_000), {
            type: 'comment',
            author: 'host',
            text: 'Yes',
            replyTo: comment.eventId,
          });
      } else if (r < 0.6)
        e(t, { type: 'like', viewerId, count: 1 + Math.floor(rnd() * 5), stamp: pick(['heart', 'clap']) });
      else if (r < 0.67) e(t, { type: 'product_impression', viewerId, productId: pick(['p1', 'p2']) });
      else if (r < 0.72) e(t, { type: 'product_click', viewerId, productId: pick(['p1', 'p2']) });
      else if (r < 0.77)
        e(t, {
          type: 'cart_add',
          viewerId,
          productId: pick(['p1', 'p2']),
          quantity: 1,
          unitPrice: '1200',
          currency: 'JPY',
        });
      else if (r < 0.82) {
        const orderId = `o${++order}`;
        const items = [{ productId: pick(['p1', 'p2']), quantity: 1 + Math.floor(rnd() * 2), unitPrice: '1500' }];
        e(t, { type: 'purchase', viewerId, orderId, currency: 'JPY', items });
        // the same order again under another event id, a minute later and larger: counted once, at its largest
        if (rnd() < 0.3)
          e(t + 61_000, {
            type: 'purchase',
            viewerId,
            orderId,
            currency: 'JPY',
            items: [...items, { productId: 'p1', quantity: 1, unitPrice: '700' }],
          });
        if (rnd() < 0.4) e(t + 30_000, { type: 'refund', orderId, amount: '500', currency: 'JPY' });
      } else if (r < 0.85) e(t, { type: 'follow', viewerId });
      else if (r < 0.88) e(t, { type: 'share', viewerId, channel: 'line' });
      else if (r < 0.9) e(t, { type: 'comment', author: 'host', text: 'Welcome!' });
      else if (r < 0.95) {
        e(t, { type: 'leave', viewerId });
        t += 30_000;
        if (t < end) e(t, { type: 'join', viewerId, source: 'share' });
      }
    }
  }
  e(300_000, { type: 'refund', orderId: 'unknown', amount: '100', currency: 'JPY' }); // matches no order
  return out.filter((x) => x.at < end).sort((a, b) => a.at - b.at);
}

/** Every rollup table, at the version its session_stats row points at, without brand, versions, slots (migration 0025) and events_read. */
const TABLES: Record<string, string> = {
  session_stats:
    'SELECT * EXCEPT (brand_id, version, viewers_version, events_read) FROM session_stats FINAL WHERE brand_id = {b:String}',
  session_viewers:
    'SELECT * EXCEPT (brand_id, version, slot) FROM session_viewers WHERE brand_id = {b:String} AND CURRENT',
  session_minutes:
    'SELECT * EXCEPT (brand_id, version, slot) FROM session_minutes WHERE brand_id = {b:String} AND CURRENT',
  session_products:
    'SELECT * EXCEPT (brand_id, version, slot) FROM session_products WHERE brand_id = {b:String} AND CURRENT',
  session_pin_segments:
    'SELECT * EXCEPT (brand_id, version, slot) FROM session_pin_segments WHERE brand_id = {b:String} AND CURRENT',
  session_sources:
    'SELECT * EXCEPT (brand_id, version, slot) FROM session_sources WHERE brand_id = {b:String} AND CURRENT',
  viewer_purchases:
    'SELECT * EXCEPT (brand_id, version, slot) FROM viewer_purchases WHERE brand_id = {b:String} AND CURRENT',
  viewer_first_session: 'SELECT * EXCEPT (brand_id) FROM viewer_first_session FINAL WHERE brand_id = {b:String}',
};
const CURRENT =
  '(session_id, version) IN (SELECT session_id, max(version) FROM session_stats WHERE brand_id = {b:String} GROUP BY session_id)';

/** Rows in one order with object keys sorted, so Map columns compare by content. */
function canonical(rows: unknown[]): string[] {
  const sortKeys = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sortKeys)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value as Record<string, unknown>)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, v]) => [k, sortKeys(v)]),
          )
        : value;
  return rows.map((row) => JSON.stringify(sortKeys(row))).sort();
}

/** Events of one hand-made session: ids `<session>-1`, `-2`, …, `at` in ms from START. */
function eventMaker(sessionId: string): (at: number, body: Body) => LiveEventInput {
  let n = 0;
  return (at, body) =>
    ({
      eventId: `${sessionId}-${++n}`,
      sessionId,
      occurredAt: new Date(START + at).toISOString(),
      ...body,
    }) as LiveEventInput;
}

/** A hand-made session's session_start. */
const startOf = (title: string, platform = 'app'): Body => ({
  type: 'session_start',
  commercerId: 'c1',
  commercerName: 'Aoi',
  commercerKind: 'in_house',
  title,
  platform,
});

describe('the live path writes what a whole rebuild writes', () => {
  let engine: Awaited<ReturnType<typeof openTestEngine>>;
  let gateway: ClickHouseGateway;
  beforeAll(async () => {
    engine = await openTestEngine();
    gateway = engine.gateway;
  });
  afterAll(() => engine.dispose());

  const rowsOf = (brandId: string, events: readonly LiveEventInput[]) =>
    events.map((input) => {
      const result = validateEvent(input);
      if (!result.ok) throw new Error(`event ${input.eventId} is invalid: ${JSON.stringify(result.errors)}`);
      return toEventRow(result.event, brandId);
    });
  /** Every rollup table of the brand (`only`: those tables). */
  const snapshot = async (brandId: string, only?: readonly string[]) => {
    const out: Record<string, string[]> = {};
    for (const [table, sql] of Object.entries(TABLES).filter(([t]) => !only || only.includes(t)))
      out[table] = canonical(
        await gateway.query(sql.replace('CURRENT', CURRENT), { b: brandId }, { tag: 'test.snap' }),
      );
    return out;
  };
  /**
   * A batch delivered alike to brand 'live' (rolled up by `live`) and brand 'whole' (by `whole`), both
   * rolled up, and every rollup table of the two compared (`label` names the step in a failure).
   */
  const deliverAndCompare = async (
    label: Record<string, number>,
    batch: readonly LiveEventInput[],
    sessionId: string,
    live: RollupRefresher,
    whole: RollupRefresher,
    only?: readonly string[],
  ) => {
    for (const brand of ['live', 'whole']) await gateway.insert('events', rowsOf(brand, batch), { tag: 'test.insert' });
    await live.refreshSessions('live', [sessionId]);
    await whole.refreshSessions('whole', [sessionId]);
    expect({ ...label, ...(await snapshot('live', only)) }).toEqual({ ...label, ...(await snapshot('whole', only)) });
  };
  /** One number the engine answers (`n`), for the checks of a round's path. */
  const count = async (sql: string) =>
    Number((await gateway.query<{ n: number }>(sql, {}, { tag: 'test.count' }))[0].n);
  /** The session minutes (from its start) whose viewer-minute rows the session's latest round wrote. */
  const rebuiltMinutes = async (sessionId: string) =>
    (
      await gateway.query<{ minute: number }>(
        `SELECT DISTINCT minute FROM live_viewer_minutes
         WHERE brand_id = 'live' AND session_id = {s:String}
           AND version = (SELECT max(version) FROM session_stats WHERE brand_id = 'live' AND session_id = {s:String})`,
        { s: sessionId },
        { tag: 'test.rebuilt' },
      )
    )
      .map((r) => Number(r.minute))
      .sort((a, b) => a - b);

  // D1's rounds after the first defer its viewer rows (viewerRowsFrom 1, due after an hour): its stats
  // come from the viewers' latest totals (live_viewer_rows), and every table but the per-viewer ones
  // (which stay the first round's) must equal a whole rebuild's after every batch. L2 and D1 sum only the
  // touched viewers' totals however many they are (a one-minute batch touches most of 14 viewers, so L1's
  // rounds mostly sum every viewer's)
  it.each([
    ['L1', 7, false, undefined],
    ['L2', 1234, false, Infinity],
    ['D1', 99, true, Infinity],
  ])(
    'session %s (seed %d, viewer rows deferred: %s, every total summed from a share of %s): equal rows after every one-minute batch, rebuilding only the minutes that changed',
    async (sessionId, seed, defer, liveRowsAllFromShare) => {
      const rnd = random(seed + 1);
      const events = stream(sessionId, seed);
      const live = new RollupRefresher(gateway, {
        liveMarginMs: 0,
        liveFromEvents: 0,
        liveEventsPerViewer: 0,
        // viewer totals snapshots whatever the audience (each round's repeats of earlier events make most stale)
        livePrefixFrom: 0,
        ...(defer ? { viewerRowsFrom: 1, viewerRowsEveryMs: 3_600_000 } : {}),
        ...(liveRowsAllFromShare === undefined ? {} : { liveRowsAllFromShare }),
      });
      const only = defer ? ['session_stats', 'session_minutes', 'session_products', 'session_pin_segments'] : undefined;
      const whole = new RollupRefresher(gateway, { livePath: false });
      const minuteOf = (at: number) => Math.floor(at / 60_000);
      const held: Timed[] = [];
      let previous: number[] = [];
      let rounds = 0;
      for (let minute = 0; minute < MINUTES; minute++) {
        const due = events.filter((x) => minuteOf(x.at) === minute);
        // hold one event back for two minutes; send two earlier ones again
        const late = minute < MINUTES - 2 && due.length > 3 ? due.splice(Math.floor(rnd() * due.length), 1) : [];
        const released = held.filter((x) => minuteOf(x.at) <= minute - 2);
        const sent = events.filter((x) => minuteOf(x.at) < minute);
        const repeats =
          sent.length > 0 ? [sent[Math.floor(rnd() * sent.length)], sent[Math.floor(rnd() * sent.length)]] : [];
        held.push(...late);
        held.splice(0, held.length, ...held.filter((x) => !released.includes(x)));
        const batch = [...due, ...released, ...repeats];
        if (minute === MINUTES - 1) batch.push(...held); // everything held back arrives before the end
        await deliverAndCompare(
          { minute },
          batch.map((x) => x.event),
          sessionId,
          live,
          whole,
          only,
        );
        rounds++;

        // The round rebuilt the minutes its batch touched (and, at most, the previous batch's, which
        // arrived in the same millisecond as the round before started).
        const touched = [...new Set(batch.map((x) => minuteOf(x.at)))].sort((a, b) => a - b);
        const rebuilt = await rebuiltMinutes(sessionId);
        expect(rebuilt).toEqual(expect.arrayContaining(touched));
        for (const m of rebuilt) expect([...touched, ...previous]).toContain(m);
        previous = touched;
      }
      expect(rounds).toBe(MINUTES);
      // the deferring rounds did defer: the stats point at the first round's viewer rows
      if (defer)
        expect(
          await count(
            `SELECT countIf(viewers_version < version) AS n FROM session_stats FINAL WHERE brand_id = 'live' AND session_id = '${sessionId}'`,
          ),
        ).toBe(1);
      if (defer) {
        // written when asked (shutdown): then every table equals a whole rebuild's, the per-viewer ones too
        await live.refreshSessions('live', [sessionId], { viewerRows: true });
        expect(await snapshot('live')).toEqual(await snapshot('whole'));
      }
      // sanity: the stream is not trivial
      const [stats] = await gateway.query<{ unique_viewers: number; orders: number; answered_comments: number }>(
        "SELECT unique_viewers, orders, answered_comments FROM session_stats FINAL WHERE brand_id = 'live' AND session_id = {s:String}",
        { s: sessionId },
        { tag: 'test.stats' },
      );
      expect(stats.unique_viewers).toBe(14);
      expect(stats.orders).toBeGreaterThan(0);
      expect(stats.answered_comments).toBeGreaterThan(0);
    },
    // a round per one-minute batch, two whole rebuilds and a snapshot of every table after each: minutes
    // on a loaded machine (a guard against hangs, not a speed check)
    300_000,
  );

  it('rebuilds a small live session whole, then takes the live path in all its minutes once it grows past the threshold', async () => {
    const sessionId = 'L3';
    const events = stream(sessionId, 99);
    const minuteOf = (at: number) => Math.floor(at / 60_000);
    // the live path from the events of the first four minutes and one more: the batch of minute 4 crosses it
    const threshold = events.filter((x) => minuteOf(x.at) < 4).length + 1;
    const live = new RollupRefresher(gateway, { liveMarginMs: 0, liveFromEvents: threshold, liveEventsPerViewer: 0 });
    const whole = new RollupRefresher(gateway, { livePath: false });
    const viewerMinuteRows = () =>
      count("SELECT count() AS n FROM live_viewer_minutes WHERE brand_id = 'live' AND session_id = 'L3'");
    for (let minute = 0; minute < MINUTES; minute++) {
      const batch = events.filter((x) => minuteOf(x.at) === minute).map((x) => x.event);
      await deliverAndCompare({ minute }, batch, sessionId, live, whole);
      // whole rebuilds write no viewer-minute rows; the first live round writes every minute's
      if (minute < 4) expect(await viewerMinuteRows()).toBe(0);
      else expect(await viewerMinuteRows()).toBeGreaterThan(0);
    }
  }, 300_000);

  it('rebuilds a live session whole while its audience is large beside its events', async () => {
    const sessionId = 'A1';
    const at = (ms: number) => new Date(START + ms).toISOString();
    // a like from a new viewer every 2 s: one event per viewer, far below 20 per viewer
    const minute = (m: number): LiveEventInput[] =>
      Array.from({ length: 30 }, (_, k) => ({
        eventId: `A1-${m}-${k}`,
        type: 'like',
        sessionId,
        occurredAt: at(m * 60_000 + k * 2_000),
        viewerId: `v${m * 30 + k}`,
        count: 1,
      })) as LiveEventInput[];
    const live = new RollupRefresher(gateway, { liveMarginMs: 0, liveFromEvents: 10, liveEventsPerViewer: 20 });
    const whole = new RollupRefresher(gateway, { livePath: false });
    const eventsRead = () =>
      count("SELECT events_read AS n FROM session_stats FINAL WHERE brand_id = 'live' AND session_id = 'A1'");
    for (const m of [0, 1, 2]) {
      await deliverAndCompare({ m }, minute(m), sessionId, live, whole);
      // the first round knows no audience yet and takes the live path (it counts no events); from the
      // second on, 30 viewers with 60 events (then 60 with 90) mean a whole rebuild, which counts them
      expect(await eventsRead()).toBe(m === 0 ? 0 : 30 * (m + 1));
    }
  }, 120_000);

  // A live session rebuilt whole (below the live path's size) rebuilds only the minutes that received
  // events and carries the others over (docs/ARCHITECTURE.md, "Minutes carried on the whole path too").
  it.each([
    ['W1', 7],
    ['W2', 1234],
  ])(
    'session %s (seed %d) on the whole path: equal rows after every one-minute batch, the minutes carried over',
    async (sessionId, seed) => {
      const rnd = random(seed + 1);
      const events = stream(sessionId, seed);
      const wholeLive = new RollupRefresher(gateway, { liveMarginMs: 0, liveFromEvents: 1e9 });
      const whole = new RollupRefresher(gateway, { livePath: false });
      const minuteOf = (at: number) => Math.floor(at / 60_000);
      for (let minute = 0; minute < MINUTES; minute++) {
        const due = events.filter((x) => minuteOf(x.at) === minute);
        // an earlier event again, and one of two minutes ago delivered late
        const sent = events.filter((x) => minuteOf(x.at) < minute);
        const extra = sent.length > 0 ? [sent[Math.floor(rnd() * sent.length)]] : [];
        const late = events.filter((x) => minuteOf(x.at) === minute - 2).slice(0, 1);
        const batch = [...due, ...extra, ...late].map((x) => x.event);
        await deliverAndCompare({ minute }, batch, sessionId, wholeLive, whole);
        // whole rebuilds: no viewer-minute rows
        expect(
          await count(
            `SELECT count() AS n FROM live_viewer_minutes WHERE brand_id = 'live' AND session_id = '${sessionId}'`,
          ),
        ).toBe(0);
      }
    },
    300_000,
  );

  // Viewer prefixes (docs/ARCHITECTURE.md, "Viewer prefixes"): rounds that write the viewer rows (minutes
  // 0, 2, 4, 5, 8) take a snapshot of each viewer's events before a cut; the rounds between read it and the
  // events after the cut. Minute 4's is chained from minute 2's (that snapshot and the events between). A like held back from minute 1 arrives in minute 6, before every cut from
  // minute 2 on: the snapshot of minute 5 is stale from then on, and the rounds must notice (without the
  // check, minute 6's stats miss that like). A repeat in minute 5 makes the snapshot of minute 2 stale.
  it.each([
    ['V1', 7],
    ['V2', 1234],
  ])(
    'session %s (seed %d) on the whole path with viewer prefixes: equal rows after every batch, the prefix read until an event before its cut arrives',
    async (sessionId, seed) => {
      const rnd = random(seed + 1);
      const events = stream(sessionId, seed);
      const options = { liveMarginMs: 0, liveFromEvents: 1e9, viewerRowsFrom: 1 };
      const writer = new RollupRefresher(gateway, { ...options, viewerRowsEveryMs: 0 });
      const deferrer = new RollupRefresher(gateway, { ...options, viewerRowsEveryMs: 3_600_000 });
      const whole = new RollupRefresher(gateway, { livePath: false });
      const perViewer = ['session_stats', 'session_minutes', 'session_products', 'session_pin_segments'];
      // which statements read a prefix (the real statements, observed on their way to the engine)
      const statements: { tag: string; prefix: boolean }[] = [];
      const command = gateway.command.bind(gateway);
      gateway.command = ((sql: string, params: Record<string, unknown>, options: Parameters<typeof command>[2]) => {
        if (params.brandId === 'live' && options?.tag !== undefined)
          statements.push({ tag: options.tag, prefix: sql.includes('FROM viewer_prefix_rows') });
        return command(sql, params, options);
      }) as typeof gateway.command;
      try {
        const minuteOf = (at: number) => Math.floor(at / 60_000);
        const likes = events.filter((x) => minuteOf(x.at) === 1 && x.event.type === 'like');
        const held = likes[Math.floor(rnd() * likes.length)];
        const readsBy: Record<number, string[]> = {};
        for (let minute = 0; minute < MINUTES; minute++) {
          const due = events.filter((x) => minuteOf(x.at) === minute && x !== held);
          const sent = events.filter((x) => minuteOf(x.at) < minute - 2);
          const extra = minute === 5 ? [sent[Math.floor(rnd() * sent.length)]] : minute === 6 ? [held] : [];
          const writes = [0, 2, 4, 5, 8].includes(minute);
          statements.length = 0;
          await deliverAndCompare(
            { minute },
            [...due, ...extra].map((x) => x.event),
            sessionId,
            writes ? writer : deferrer,
            whole,
            writes ? undefined : perViewer,
          );
          readsBy[minute] = statements.filter((s) => s.prefix).map((s) => s.tag);
        }
        expect(readsBy).toEqual({
          0: [], // no cut before the start yet
          1: [],
          2: ['rollup.viewers'], // a snapshot taken, this round's viewer rows from it
          3: ['rollup.stats'],
          4: ['rollup.prefix', 'rollup.viewers'], // a snapshot chained from minute 2's, the viewer rows from it
          5: ['rollup.viewers'], // the repeat made the snapshot stale: a new one, from all events
          6: [], // the held like is before its cut: stats from all events
          7: [],
          8: ['rollup.viewers'],
        });
        const snapshots = await count(
          `SELECT count() AS n FROM viewer_prefixes WHERE brand_id = 'live' AND session_id = '${sessionId}'`,
        );
        expect(snapshots).toBe(4);
      } finally {
        gateway.command = command;
      }
    },
    300_000,
  );

  // Two ingest replicas on one engine, each with its own cadence, rolling the same session up at once
  // after every batch (their statements interleave on the engine): one writes the viewer rows (and takes
  // snapshots) every round, the other defers them (and reads whichever snapshot is listed when it
  // starts). Readers follow the round that started last; after every batch its stats, minutes, products
  // and pin segments equal a whole rebuild's.
  it('keeps viewer prefixes exact with two replicas rolling the same session up at once', async () => {
    const sessionId = 'V3';
    const events = stream(sessionId, 4321);
    const options = { liveMarginMs: 0, liveFromEvents: 1e9, viewerRowsFrom: 1 };
    const a = new RollupRefresher(gateway, { ...options, viewerRowsEveryMs: 0 });
    const b = new RollupRefresher(gateway, { ...options, viewerRowsEveryMs: 3_600_000 });
    const whole = new RollupRefresher(gateway, { livePath: false });
    const both = {
      refreshSessions: async (brandId: string, ids: readonly string[]) => {
        await Promise.all([a.refreshSessions(brandId, ids), b.refreshSessions(brandId, ids)]);
      },
    } as unknown as RollupRefresher;
    const minuteOf = (at: number) => Math.floor(at / 60_000);
    const held = events.filter((x) => minuteOf(x.at) === 2 && x.event.type === 'like').slice(0, 1);
    for (let minute = 0; minute < MINUTES; minute++) {
      const due = events.filter((x) => minuteOf(x.at) === minute && !held.includes(x));
      const batch = minute === 6 ? [...due, ...held] : due;
      await deliverAndCompare(
        { minute },
        batch.map((x) => x.event),
        sessionId,
        both,
        whole,
        ['session_stats', 'session_minutes', 'session_products', 'session_pin_segments'],
      );
    }
    expect(
      await count(`SELECT count() AS n FROM viewer_prefixes WHERE brand_id = 'live' AND session_id = '${sessionId}'`),
    ).toBeGreaterThan(0);
    // the viewer rows written when asked (shutdown): then every table equals a whole rebuild's
    await b.refreshSessions('live', [sessionId], { viewerRows: true });
    expect(await snapshot('live')).toEqual(await snapshot('whole'));
  });

  /** Brand 'slow': a session's start and a like of 1 by v1 at 5 s. */
  const startSlow = (e: ReturnType<typeof eventMaker>) =>
    gateway.insert(
      'events',
      rowsOf('slow', [e(0, startOf('Slow')), e(5_000, { type: 'like', viewerId: 'v1', count: 1 })]),
      {
        tag: 'test.insert',
      },
    );
  /** Brand 'slow': the likes of a session's latest rollup. */
  const likesOf = async (sessionId: string) =>
    Number(
      (
        await gateway.query<{ likes: number }>(
          `SELECT likes FROM session_stats WHERE brand_id = 'slow' AND session_id = {s:String} ORDER BY version DESC LIMIT 1`,
          { s: sessionId },
          { tag: 'test.likes' },
        )
      )[0].likes,
    );
  /**
   * A like of 4 by v2 at 20 s, stamped (received_at) now and committed 2 s later: first in a table of its own
   * (`table`), then copied into events by a statement that sleeps, with the arrival stamp of the moment that
   * statement was sent. Resolves when the statement is sent; the promise it gives resolves at the commit.
   */
  const slowLike = async (e: ReturnType<typeof eventMaker>, table: string): Promise<Promise<void>> => {
    await gateway.command(`CREATE TABLE ${table} AS events`, {}, { tag: 'test.ddl' });
    await gateway.insert(table, rowsOf('slow', [e(20_000, { type: 'like', viewerId: 'v2', count: 4 })]), {
      tag: 'test.insert',
    });
    const stampedMs = Date.now();
    return gateway.command(
      `INSERT INTO events SELECT * REPLACE (fromUnixTimestamp64Milli(toInt64(${stampedMs}), 'UTC') AS received_at)
       FROM ${table} WHERE sleepEachRow(2) = 0`,
      {},
      { tag: 'test.slow_insert' },
    );
  };

  it('finds an event stamped before a round but committed after it, looking back as long as the longest insert', async () => {
    // docs/ARCHITECTURE.md, "The look-back from the inserts": a like stamped (received_at) when its insert
    // started, and committed 2 s later (sleepEachRow), while a round ran in between. The next round looks
    // back from that round's start as long as the longest insert into events (≥ 2 s, with this one), so it
    // finds the like. Looking back less (the slack alone) it would find nothing new and skip the session.
    const sessionId = 'L9';
    const e = eventMaker(sessionId);
    const live = new RollupRefresher(gateway, { liveFromEvents: 0, liveEventsPerViewer: 0 });
    await startSlow(e);
    await live.refreshSessions('slow', [sessionId]);
    expect(await likesOf(sessionId)).toBe(1);

    // the late like (4 likes in minute 0), stamped now and committed 2 s later
    const committed = await slowLike(e, 'slow_like');
    // a round that starts well after the stamp, while the insert runs: it cannot see the like
    await new Promise((resolve) => setTimeout(resolve, 600));
    await live.refreshSessions('slow', [sessionId]);
    await committed;
    // (had the round above run after the commit, it would have found the like itself: nothing is shown then)
    expect([1, 5]).toContain(await likesOf(sessionId));
    await live.refreshSessions('slow', [sessionId]);
    expect(await likesOf(sessionId)).toBe(5);
  });

  it('looks back the whole margin from a round older than the window of inserts it keeps', async () => {
    // The same late like, but its insert finished longer ago than the window (0.5 s here) when the next round
    // runs, so its time no longer counts: that round looks back LIVE_MARGIN_MS from the earlier round, and
    // finds it. Looking back the slack alone (the window's inserts) it would skip the session.
    const sessionId = 'L10';
    const e = eventMaker(sessionId);
    const live = new RollupRefresher(gateway, { liveFromEvents: 0, liveEventsPerViewer: 0, lookBackWindowMs: 500 });
    await startSlow(e);
    const committed = await slowLike(e, 'slow_like_2');
    await new Promise((resolve) => setTimeout(resolve, 600));
    await live.refreshSessions('slow', [sessionId]);
    await committed;
    // the insert's end leaves the window; so does the round above (it is 1.4 s older than the end at least)
    await new Promise((resolve) => setTimeout(resolve, 700));
    await live.refreshSessions('slow', [sessionId]);
    expect(await likesOf(sessionId)).toBe(5);
  });

  it('carries a minute that received nothing since the last round over as it was, on the whole path', async () => {
    // An event stored with an arrival older than the last round (which no real insert has) is not seen
    // by a round that carries its minute over, and is seen by a rebuild from all events: this fails if
    // the whole path rebuilt every minute. (Brand 'carry': the other tests compare brand 'live' whole.)
    const sessionId = 'W3';
    const e = eventMaker(sessionId);
    const wholeLive = new RollupRefresher(gateway, { liveMarginMs: 0, liveFromEvents: 1e9 });
    const first = [
      e(0, startOf('Carry')),
      e(10_000, { type: 'like', viewerId: 'v1', count: 1 }),
      e(70_000, { type: 'like', viewerId: 'v1', count: 1 }),
    ];
    await gateway.insert('events', rowsOf('carry', first), { tag: 'test.insert' });
    await wholeLive.refreshSessions('carry', [sessionId]);
    // planted in minute 0 with an arrival a minute before the round above; then a like in minute 2
    const planted = rowsOf('carry', [e(20_000, { type: 'like', viewerId: 'v2', count: 5 })]).map((row) => ({
      ...row,
      received_at: new Date(Date.now() - 60_000).toISOString().replace('T', ' ').replace('Z', ''),
    }));
    await gateway.insert('events', planted, { tag: 'test.insert' });
    await gateway.insert('events', rowsOf('carry', [e(130_000, { type: 'like', viewerId: 'v1', count: 1 })]), {
      tag: 'test.insert',
    });
    await wholeLive.refreshSessions('carry', [sessionId]);
    const likesByMinute = async () =>
      (
        await gateway.query<{ minute: number; likes: number }>(
          `SELECT minute, likes FROM session_minutes
           WHERE brand_id = 'carry' AND session_id = 'W3' AND ${CURRENT.replaceAll('{b:String}', "'carry'")} ORDER BY minute`,
          {},
          { tag: 'test.minutes' },
        )
      ).map((m) => [Number(m.minute), Number(m.likes)]);
    // minute 0 carried over (1 like, not the planted 5); minute 1 is the last minute before, rebuilt; minute 2 new
    expect(await likesByMinute()).toEqual([
      [0, 1],
      [1, 1],
      [2, 1],
    ]);
    await new RollupRefresher(gateway, { livePath: false }).refreshSessions('carry', [sessionId]);
    expect(await likesByMinute()).toEqual([
      [0, 6],
      [1, 1],
      [2, 1],
    ]);
  }, 120_000);

  // The last event on a minute boundary closes the last minute; when the stream resumes after a pause,
  // it belongs to the next minute, which receives nothing new: both paths must rebuild it.
  it.each([
    ['whole path', 'G1', { liveMarginMs: 0, liveFromEvents: 1e9 }],
    ['live path', 'G2', { liveMarginMs: 0, liveFromEvents: 0, liveEventsPerViewer: 0 }],
  ])(
    'on the %s, moves the last event on a minute boundary to its own minute after a pause',
    async (_, sessionId, options) => {
      const e = eventMaker(sessionId);
      const batches: LiveEventInput[][] = [
        [
          e(0, startOf('Pause')),
          e(0, { type: 'join', viewerId: 'v1', source: 'ad' }),
          e(60_000, { type: 'like', viewerId: 'v1', count: 2 }),
        ],
        [e(200_000, { type: 'like', viewerId: 'v2', count: 1 })],
      ];
      const rolled = new RollupRefresher(gateway, options);
      const whole = new RollupRefresher(gateway, { livePath: false });
      for (const [i, batch] of batches.entries())
        await deliverAndCompare({ batch: i }, batch, sessionId, rolled, whole);
      // By hand (200 s: 4 minutes): minute 0 [0, 60 s) v1's join; minute 1 [60, 120 s) v1's 2 likes at
      // 60 s; minute 2 nothing; minute 3 [180, 240 s) v2's like.
      const minutes = await gateway.query<{ minute: number; watching: number; likes: number }>(
        `SELECT minute, watching, likes FROM session_minutes
       WHERE brand_id = 'live' AND session_id = {s:String} AND ${CURRENT.replaceAll('{b:String}', "'live'")} ORDER BY minute`,
        { s: sessionId },
        { tag: 'test.minutes' },
      );
      expect(minutes.map((m) => [Number(m.minute), Number(m.watching), Number(m.likes)])).toEqual([
        [0, 1, 0],
        [1, 1, 2],
        [3, 1, 1],
      ]);
    },
    120_000,
  );

  it.each([
    ['S1', 'the whole path', { liveMarginMs: 0, liveFromEvents: 1e9 }],
    ['S2', 'the live path', { liveMarginMs: 0, liveFromEvents: 0, liveEventsPerViewer: 0 }],
  ] as const)(
    'session %s without a session_start, on %s: an earlier event arriving late moves the start',
    async (sessionId, _path, options) => {
      const e = eventMaker(sessionId);
      const rolled = new RollupRefresher(gateway, options);
      const whole = new RollupRefresher(gateway, { livePath: false });
      // the rollup starts at its first event (60 s)…
      await deliverAndCompare(
        { batch: 0 },
        [
          e(60_000, { type: 'like', viewerId: 'v1', count: 1 }),
          e(90_000, { type: 'join', viewerId: 'v2', source: 'ad' }),
        ],
        sessionId,
        rolled,
        whole,
      );
      // …until one at 20 s arrives: the instants of a round-built rollup widened by what arrived since
      await deliverAndCompare(
        { batch: 1 },
        [e(20_000, { type: 'like', viewerId: 'v3', count: 2 }), e(150_000, { type: 'like', viewerId: 'v1', count: 1 })],
        sessionId,
        rolled,
        whole,
      );
      // By hand (START + …): start 20 s, last event 150 s (130 s: 3 minutes); minute 0 [20, 80 s) the likes at 20 s
      // and 60 s (2 + 1), minute 1 [80, 140 s) v2's join, minute 2 [140, 200 s) the like at 150 s.
      const [stats] = await gateway.query<{ started_at: string; duration_seconds: number; likes: number }>(
        `SELECT toString(started_at) AS started_at, duration_seconds, likes FROM session_stats FINAL
         WHERE brand_id = 'live' AND session_id = {s:String}`,
        { s: sessionId },
        { tag: 'test.stats' },
      );
      expect([stats.started_at, Number(stats.duration_seconds), Number(stats.likes)]).toEqual([
        '2026-11-20 12:00:37.250',
        130,
        4,
      ]);
      const minutes = await gateway.query<{ minute: number; likes: number }>(
        `SELECT minute, likes FROM session_minutes
         WHERE brand_id = 'live' AND session_id = {s:String} AND ${CURRENT.replaceAll('{b:String}', "'live'")} ORDER BY minute`,
        { s: sessionId },
        { tag: 'test.minutes' },
      );
      expect(minutes.map((m) => [Number(m.minute), Number(m.likes)])).toEqual([
        [0, 3],
        [1, 0],
        [2, 1],
      ]);
    },
    120_000,
  );

  it('rolls a live session up in all its minutes once when its rollup kept no viewer totals (written before migration 0022)', async () => {
    const sessionId = 'U1';
    const e = eventMaker(sessionId);
    const live = new RollupRefresher(gateway, { liveMarginMs: 0, liveFromEvents: 0, liveEventsPerViewer: 0 });
    const whole = new RollupRefresher(gateway, { livePath: false });
    await deliverAndCompare(
      { batch: 0 },
      [
        e(0, startOf('Upgrade')),
        e(1_000, { type: 'join', viewerId: 'v1', source: 'ad' }),
        e(2_000, { type: 'join', viewerId: 'v2', source: 'ad' }),
      ],
      sessionId,
      live,
      whole,
    );
    // as if that round had run before 0022: the session's rollup is a live one, its totals are not there
    await gateway.command(
      `DELETE FROM live_viewer_rows WHERE brand_id = 'live' AND session_id = {s:String}`,
      { s: sessionId },
      { tag: 'test.delete' },
    );
    // only v1 has a new event: v2's row must come from its events again, not from totals that are gone
    await deliverAndCompare(
      { batch: 1 },
      [e(70_000, { type: 'like', viewerId: 'v1', count: 2 })],
      sessionId,
      live,
      whole,
    );
    expect(await rebuiltMinutes(sessionId)).toEqual([0, 1]);
    // and from then on incrementally: the viewer-minute rows of the minute its event fell in only
    await deliverAndCompare(
      { batch: 2 },
      [e(130_000, { type: 'like', viewerId: 'v2', count: 1 })],
      sessionId,
      live,
      whole,
    );
    expect(await rebuiltMinutes(sessionId)).toEqual([2]);
  });

  it("sums again only the touched viewers' totals when a few have new events, every viewer's when many do", async () => {
    const sessionId = 'T1';
    const e = eventMaker(sessionId);
    const viewers = ['v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v7', 'v8'];
    const live = new RollupRefresher(gateway, { liveMarginMs: 0, liveFromEvents: 0, liveEventsPerViewer: 0 });
    const whole = new RollupRefresher(gateway, { livePath: false });
    // which way each round summed the totals, and what its viewer-minute rows were written with
    const command = jest.spyOn(gateway, 'command');
    const totals = () =>
      command.mock.calls
        .filter(([, params, o]) => o?.tag === 'rollup.live_rows' && (params as { brandId?: string }).brandId === 'live')
        .map(([sql]) => (sql.includes('FROM touched') ? 'touched' : 'every viewer'));
    const likesOf = async () =>
      Object.fromEntries(
        (
          await gateway.query<{ viewer_id: string; likes: number }>(
            `SELECT viewer_id, likes FROM live_viewer_rows FINAL WHERE brand_id = 'live' AND session_id = {s:String} ORDER BY viewer_id`,
            { s: sessionId },
            { tag: 'test.totals' },
          )
        ).map((r) => [r.viewer_id, Number(r.likes)]),
      );
    try {
      // the first live round rolls the session up in all its minutes: every viewer's totals
      await deliverAndCompare(
        { batch: 0 },
        [e(0, startOf('Share')), ...viewers.map((v, i) => e(1_000 + i, { type: 'join', viewerId: v, source: 'ad' }))],
        sessionId,
        live,
        whole,
      );
      expect(totals()).toEqual(['every viewer']);
      // one viewer of eight (below a quarter): only its totals are summed again
      await deliverAndCompare(
        { batch: 1 },
        [e(20_000, { type: 'like', viewerId: 'v1', count: 2 })],
        sessionId,
        live,
        whole,
      );
      expect(totals()).toEqual(['every viewer', 'touched']);
      // four of eight: every viewer's
      await deliverAndCompare(
        { batch: 2 },
        ['v1', 'v2', 'v3', 'v4'].map((v, i) => e(70_000 + i, { type: 'like', viewerId: v, count: 3 })),
        sessionId,
        live,
        whole,
      );
      expect(totals()).toEqual(['every viewer', 'touched', 'every viewer']);
      // by hand: v1 2 + 3 likes, v2–v4 3 each, the others none
      expect(await likesOf()).toEqual({ v1: 5, v2: 3, v3: 3, v4: 3, v5: 0, v6: 0, v7: 0, v8: 0 });
      // the viewer-minute rows on two threads, without the insert-time merge
      const writes = command.mock.calls.filter(([, , o]) => o?.tag === 'rollup.viewer_minutes').map(([, , o]) => o);
      expect(writes.length).toBeGreaterThanOrEqual(3);
      for (const o of writes) expect(o?.settings).toEqual({ optimize_on_insert: 0, max_threads: 2 });
    } finally {
      command.mockRestore();
    }
  }, 120_000);

  it('agrees at the edges: the last event on a minute boundary, a leave alone in its minute, a repeat, an event before the start', async () => {
    const sessionId = 'E1';
    const e = eventMaker(sessionId);
    const like = e(60_000, { type: 'like', viewerId: 'v1', count: 2 }); // exactly 1 min: the last event closes minute 0
    const batches: LiveEventInput[][] = [
      [e(0, startOf('Edges', 'shopify')), e(0, { type: 'join', viewerId: 'v1', source: 'ad' }), like],
      // now minute 1 exists and takes the like at 60 s; x2 only ever leaves; v1's leave is alone in minute 2
      [
        e(90_000, { type: 'like', viewerId: 'v1', count: 1, stamp: 'heart' }),
        e(100_000, { type: 'leave', viewerId: 'x2' }),
        e(130_000, { type: 'leave', viewerId: 'v1' }),
      ],
      // a late dwell makes v1 watching in minute 2 after all; the first like again
      [e(125_000, { type: 'dwell', viewerId: 'v1', seconds: 200 }), like],
      // an event before the start: minute -1 (every minute is rebuilt)
      [e(-5_000, { type: 'join', viewerId: 'v3', source: 'share' })],
      // a question and its answer 30 s later, across a minute boundary
      [
        e(170_000, { type: 'comment', viewerId: 'v3', author: 'viewer', text: '?', eventId: 'q1' }),
        e(200_000, { type: 'comment', author: 'host', text: '!', replyTo: 'q1' }),
      ],
    ];
    const live = new RollupRefresher(gateway, { liveMarginMs: 0, liveFromEvents: 0, liveEventsPerViewer: 0 });
    const whole = new RollupRefresher(gateway, { livePath: false });
    for (const [i, batch] of batches.entries()) {
      await deliverAndCompare({ batch: i }, batch, sessionId, live, whole);
    }
    // By hand (duration 200 s, the host's answer being the last event: 4 minutes): minute 0 [0, 60 s)
    // holds v1's join; minute 1 [60, 120 s) both likes (2 + 1) and x2's leave, which is not watching;
    // minute 2 [120, 180 s) v1's dwell and leave and v3's question; minute 3 only the host's answer.
    // v3's join 5 s before the start is in no minute.
    const minutes = await gateway.query<{ minute: number; watching: number; likes: number; comments: number }>(
      `SELECT minute, watching, likes, comments FROM session_minutes
       WHERE brand_id = 'live' AND session_id = 'E1' AND ${CURRENT.replaceAll('{b:String}', "'live'")} ORDER BY minute`,
      {},
      { tag: 'test.minutes' },
    );
    expect(minutes.map((m) => [Number(m.minute), Number(m.watching), Number(m.likes), Number(m.comments)])).toEqual([
      [0, 1, 0, 0],
      [1, 1, 3, 0],
      [2, 2, 0, 1],
      [3, 0, 0, 0],
    ]);
  }, 120_000);

  it("keeps a viewer-minute's likes per stamp, each order once at its largest amount, and empty ones where there are none", async () => {
    const sessionId = 'M1';
    const e = eventMaker(sessionId);
    const first = e(20_000, {
      type: 'purchase',
      viewerId: 'v1',
      orderId: 'o1',
      currency: 'JPY',
      items: [{ productId: 'p1', quantity: 1, unitPrice: '1000' }],
    });
    const batches: LiveEventInput[][] = [
      [
        e(0, startOf('Maps')),
        e(1_000, { type: 'join', viewerId: 'v1', source: 'ad' }),
        e(10_000, { type: 'join', viewerId: 'v2', source: 'share' }),
        e(11_000, { type: 'like', viewerId: 'v1', count: 2, stamp: 'heart' }),
        e(12_000, { type: 'like', viewerId: 'v1', count: 1, stamp: 'heart' }),
        e(13_000, { type: 'like', viewerId: 'v1', count: 4, stamp: 'star' }),
        first,
        // the same order under another event id, larger; and a second order
        e(40_000, {
          type: 'purchase',
          viewerId: 'v1',
          orderId: 'o1',
          currency: 'JPY',
          items: [
            { productId: 'p1', quantity: 1, unitPrice: '1000' },
            { productId: 'p2', quantity: 1, unitPrice: '500' },
          ],
        }),
        e(50_000, {
          type: 'purchase',
          viewerId: 'v1',
          orderId: 'o2',
          currency: 'JPY',
          items: [{ productId: 'p2', quantity: 1, unitPrice: '700' }],
        }),
        e(70_000, { type: 'like', viewerId: 'v1', count: 1, stamp: 'star' }),
      ],
      // minute 0 rebuilt: a repeat of the first purchase (same event id) and one more heart; a star in minute 1
      [
        first,
        e(30_000, { type: 'like', viewerId: 'v1', count: 1, stamp: 'heart' }),
        e(75_000, { type: 'like', viewerId: 'v1', count: 1, stamp: 'star' }),
      ],
    ];
    const live = new RollupRefresher(gateway, { liveMarginMs: 0, liveFromEvents: 0, liveEventsPerViewer: 0 });
    const whole = new RollupRefresher(gateway, { livePath: false });
    for (const [i, batch] of batches.entries()) await deliverAndCompare({ batch: i }, batch, sessionId, live, whole);
    const rows = await gateway.query<{
      viewer_id: string;
      minute: number;
      likes: number;
      stamps: [string, number][];
      amounts: [string, number][];
      order_ids: string[];
    }>(
      `SELECT viewer_id, minute, likes, arraySort(arrayZip(mapKeys(likes_by_stamp), mapValues(likes_by_stamp))) AS stamps,
              arraySort(arrayZip(mapKeys(order_amounts), arrayMap(a -> toFloat64(a), mapValues(order_amounts)))) AS amounts,
              arraySort(order_ids) AS order_ids
       FROM live_viewer_minutes FINAL
       WHERE brand_id = 'live' AND session_id = 'M1' AND viewer_id != '' ORDER BY viewer_id, minute`,
      {},
      { tag: 'test.viewerMinutes' },
    );
    // By hand: v1's minute 0 has hearts 2 + 1 + 1 and a star of 4; o1 at its larger amount (1 000 + 500), o2 700;
    // minute 1 two stars; v2 joined only
    expect(rows.map((r) => [r.viewer_id, Number(r.minute), Number(r.likes), r.stamps, r.amounts, r.order_ids])).toEqual(
      [
        [
          'v1',
          0,
          8,
          [
            ['heart', 4],
            ['star', 4],
          ],
          [
            ['o1', 1500],
            ['o2', 700],
          ],
          ['o1', 'o2'],
        ],
        ['v1', 1, 2, [['star', 2]], [], []],
        ['v2', 0, 0, [], [], []],
      ],
    );
    // and the whole rebuild (compared above) counts v1's orders once each: 2 orders, 2 200
    const [viewer] = await gateway.query<{ orders: number; revenue: number; likes: number }>(
      `SELECT orders, toFloat64(revenue) AS revenue, likes FROM session_viewers FINAL
       WHERE brand_id = 'whole' AND session_id = 'M1' AND viewer_id = 'v1'
       ORDER BY version DESC LIMIT 1`,
      {},
      { tag: 'test.viewer' },
    );
    expect([Number(viewer.orders), Number(viewer.revenue), Number(viewer.likes)]).toEqual([2, 2200, 10]);
  }, 120_000);

  it('carries a settled pin segment over, renamed when its product is, and measures the others afresh', async () => {
    const sessionId = 'P1';
    const e = eventMaker(sessionId);
    const minute = (m: number, extra: LiveEventInput[] = []) => [
      e(m * 60_000 + 5_000, { type: 'dwell', viewerId: 'v1', seconds: 30 }),
      e(m * 60_000 + 15_000, { type: 'dwell', viewerId: 'v2', seconds: 30 }),
      ...extra,
    ];
    const batches: LiveEventInput[][] = [
      [
        e(0, startOf('Pins')),
        // segment 0: p2, pinned without a name, from 10 s to 40 s
        e(10_000, { type: 'product_pin', productId: 'p2' }),
        e(20_000, { type: 'product_click', viewerId: 'v1', productId: 'p2' }),
        // order o1: two p2 at 30 s (1 800), in segment 0
        e(30_000, {
          type: 'purchase',
          viewerId: 'v1',
          orderId: 'o1',
          currency: 'JPY',
          items: [{ productId: 'p2', quantity: 2, unitPrice: '900' }],
        }),
        e(40_000, { type: 'product_pin', productId: 'p1', productName: 'Scarf' }), // segment 1: p1 from 40 s
        ...minute(0),
      ],
      minute(1),
      // v2 adds p2 to the cart 115 s after segment 0 ended: within its 120 s sale window, in a round
      // that rebuilds minutes 1 and 2 only
      minute(2, [
        e(155_000, {
          type: 'cart_add',
          viewerId: 'v2',
          productId: 'p2',
          quantity: 1,
          unitPrice: '900',
          currency: 'JPY',
        }),
      ]),
      minute(3),
      // the rounds from here rebuild minutes 3 and on: segment 0's window (40 + 120 = 160 s) closed
      // before them, so its row is carried over; p2 pinned again with a name, which segment 0 (no name
      // of its own) now shows
      minute(4, [
        e(250_000, { type: 'product_pin', productId: 'p2', productName: 'Gloves' }),
        // o1 again, smaller (one p2, 900), in segment 2: the order counts once, at its largest, in
        // segment 0 — a round measuring segment 2 afresh must still choose o1's purchase from all of them
        e(260_000, {
          type: 'purchase',
          viewerId: 'v1',
          orderId: 'o1',
          currency: 'JPY',
          items: [{ productId: 'p2', quantity: 1, unitPrice: '900' }],
        }),
      ]),
      minute(5),
    ];
    const live = new RollupRefresher(gateway, { liveMarginMs: 0, liveFromEvents: 0, liveEventsPerViewer: 0 });
    const whole = new RollupRefresher(gateway, { livePath: false });
    for (const [i, batch] of batches.entries()) {
      await deliverAndCompare({ batch: i }, batch, sessionId, live, whole);
    }
    // By hand: segment 0 is p2 from 10 to 40 s, named after p2's latest named pin (Gloves), v1's click
    // and v2's cart add at 155 s (< 40 + 120 s), and o1 (2 units, 1 800) at its largest purchase (30 s);
    // segment 1 is p1 from 40 to 250 s; segment 2 p2 from 250 s to the last event (5 min 15 s = 315 s),
    // still pinned, without o1's smaller purchase at 260 s.
    const segments = await gateway.query<{
      segment: number;
      product_name: string;
      end_s: number;
      clicks: number;
      cart_adds: number;
      orders: number;
      units: number;
      revenue: string;
    }>(
      `SELECT segment, product_name, end_s, clicks, cart_adds, orders, units, revenue FROM session_pin_segments
       WHERE brand_id = 'live' AND session_id = 'P1' AND ${CURRENT.replaceAll('{b:String}', "'live'")} ORDER BY segment`,
      {},
      { tag: 'test.segments' },
    );
    expect(
      segments.map((g) => [
        Number(g.segment),
        g.product_name,
        Number(g.end_s),
        Number(g.clicks),
        Number(g.cart_adds),
        Number(g.orders),
        Number(g.units),
        Number(g.revenue),
      ]),
    ).toEqual([
      [0, 'Gloves', 40, 1, 1, 1, 2, 1800],
      [1, 'Scarf', 250, 0, 0, 0, 0, 0],
      [2, 'Gloves', 315, 0, 0, 0, 0, 0],
    ]);
  }, 120_000);
});
