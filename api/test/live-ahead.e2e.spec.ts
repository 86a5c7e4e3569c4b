import type { LiveEventInput } from '@lc/contract';
import { sessionStartEvent } from '@lc/contract/testing';
import { RollupRefresher } from '@lc/clickhouse';
import { eventRows } from '@lc/clickhouse/testing';
import { RECENT_MINUTES_TAG } from '../src/repositories/live.repository.js';
import { startApi, type ApiHarness } from './api.harness.js';

/**
 * S11R6-2 (docs/METRICS-DECISIONS.md): a live session read over HTTP between rounds shows the likes,
 * comments, cart adds and minute series of its newest minutes as its events hold them now — read as
 * the live console's push reads them — not as the last round left them. Real engine, real HTTP. Events
 * are inserted as the ingest inserts them, with no round after them; every count is by hand.
 */
describe('a live session read between rounds (real engine, real HTTP)', () => {
  let api: ApiHarness;
  let tags: string[] = [];
  const at = (second: number) => new Date(Date.parse('2026-11-30T10:00:00Z') + second * 1000).toISOString();
  const like = (eventId: string, second: number, count: number, viewerId = 'v1'): LiveEventInput => ({
    eventId,
    type: 'like',
    occurredAt: at(second),
    sessionId: 'L1',
    viewerId,
    count,
    stamp: 'heart',
  });
  /** Events as the ingest inserts them: into the engine, no round after them. */
  const ingest = (events: LiveEventInput[]) =>
    api.engine.gateway.insert('events', eventRows('bl', events), { tag: 'ingest.events' });
  const PAGE = `{ session(id: "L1") { countedUntil metrics { likes comments cartAdds } minuteSeries { likes watching } } }`;
  type Page = {
    countedUntil: string;
    metrics: { likes: number; comments: number; cartAdds: number };
    minuteSeries: { likes: number; watching: number }[];
  };
  const read = async (query = PAGE) => {
    const r = await api.gql(query, {}, api.tokens.bl);
    expect(r.errors).toBeUndefined();
    return r.data?.session as Page;
  };

  beforeAll(async () => {
    // rolled up by the harness: the start and 2 likes of v1 at 10 s (minute 0); no end: live
    api = await startApi({
      bl: {
        timeZone: 'UTC',
        currency: 'JPY',
        events: [sessionStartEvent('L1', at(0), 'Live between rounds'), like('l1', 10, 2)],
      },
    });
    api.engine.gateway.onQuery((e) => tags.push(e.tag));
  });
  afterAll(() => api.close());

  it('shows the likes and minutes inserted since the round, each event once, before the next round', async () => {
    const before = await read();
    expect(before.metrics).toEqual({ likes: 2, comments: 0, cartAdds: 0 });
    expect(before.minuteSeries).toEqual([{ likes: 2, watching: 1 }]);
    // with no round: 3 + 4 likes of v1 in minute 1, a comment and a cart add of v2 at 80 s, and repeated
    // deliveries (l2 twice in the batch, l1 already rolled up) that count nothing
    await ingest([
      like('l2', 70, 3),
      like('l2', 70, 3),
      like('l3', 75, 4),
      like('l1', 10, 2),
      {
        eventId: 'c1',
        type: 'comment',
        occurredAt: at(80),
        sessionId: 'L1',
        viewerId: 'v2',
        author: 'viewer',
        text: 'hi',
      },
      {
        eventId: 'a1',
        type: 'cart_add',
        occurredAt: at(80),
        sessionId: 'L1',
        viewerId: 'v2',
        productId: 'p1',
        quantity: 1,
        unitPrice: '1200',
        currency: 'JPY',
      },
    ] as LiveEventInput[]);
    // a reading of the session is made at most every RECENT_MIN_GAP_MS (100 ms): ask until it is new —
    // first the counters alone (a reading of the newest minutes' counts), then with the series (whole)
    const askUntilNew = async (query: string) => {
      let page = await read(query);
      for (let i = 0; i < 100 && page.metrics.likes === 2; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        page = await read(query);
      }
      return page;
    };
    const counts = await askUntilNew('{ session(id: "L1") { countedUntil metrics { likes comments cartAdds } } }');
    // 2 + 3 + 4 = 9 likes; 1 comment; 1 cart add
    expect(counts.metrics).toEqual({ likes: 9, comments: 1, cartAdds: 1 });
    expect(counts.countedUntil).toBe(before.countedUntil);
    const page = await askUntilNew(PAGE);
    // the same counters; minute 0: v1's 2 likes; minute 1: v1 and v2, 3 + 4 likes
    expect(page.metrics).toEqual({ likes: 9, comments: 1, cartAdds: 1 });
    expect(page.minuteSeries).toEqual([
      { likes: 2, watching: 1 },
      { likes: 7, watching: 2 },
    ]);
    // no round ran: the numbers run ahead of what the rollup counted up to
    expect(page.countedUntil).toBe(before.countedUntil);
  });

  it('reads the newest minutes once for the aliases of a request, and not for a request without sums', async () => {
    await new Promise((resolve) => setTimeout(resolve, 300)); // past the pace of the reading above
    tags = [];
    const aliases = (
      await api.gql(
        `{ a: session(id: "L1") { metrics { likes } minuteSeries { likes } } b: session(id: "L1") { minuteSeries { likes } } }`,
        {},
        api.tokens.bl,
      )
    ).data;
    expect(aliases).toEqual({
      a: { metrics: { likes: 9 }, minuteSeries: [{ likes: 2 }, { likes: 7 }] },
      b: { minuteSeries: [{ likes: 2 }, { likes: 7 }] },
    });
    expect(tags.filter((t) => t === RECENT_MINUTES_TAG)).toHaveLength(1);
    // three requests at once: the reading one began, and at most one after it for those that came later
    await new Promise((resolve) => setTimeout(resolve, 300));
    tags = [];
    await Promise.all([read(), read(), read()]);
    expect(tags.filter((t) => t === RECENT_MINUTES_TAG).length).toBeLessThanOrEqual(2);
    tags = [];
    // the counters alone are a reading of their own (fewer columns), shared the same way
    const COUNTS = '{ session(id: "L1") { metrics { likes } } }';
    expect(await Promise.all([read(COUNTS), read(COUNTS)])).toEqual([
      { metrics: { likes: 9 } },
      { metrics: { likes: 9 } },
    ]);
    expect(tags.filter((t) => t === RECENT_MINUTES_TAG)).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    tags = [];
    expect(await read('{ session(id: "L1") { title metrics { uniqueViewers } } }')).toEqual({
      title: 'Live between rounds',
      metrics: { uniqueViewers: 1 },
    });
    expect(tags).not.toContain(RECENT_MINUTES_TAG);
  });

  it("answers a request that comes within the last reading's pace with the next reading, not the last", async () => {
    const COUNTS = '{ session(id: "L1") { metrics { likes } } }';
    expect(await read(COUNTS)).toEqual({ metrics: { likes: 9 } });
    // at once after that reading: 1 more like of v3 at 90 s; the request waits for the pace, then reads
    await ingest([like('l4', 90, 1, 'v3')]);
    expect(await read(COUNTS)).toEqual({ metrics: { likes: 10 } });
  });

  it('reads two live sessions of one request together; shows the counters of one whose end arrived since the round', async () => {
    const l2 = (eventId: string, second: number, fields: Partial<LiveEventInput>): LiveEventInput =>
      ({ eventId, occurredAt: at(second), sessionId: 'L2', ...fields }) as LiveEventInput;
    const l2Like = (eventId: string, second: number, count: number, viewerId: string) =>
      l2(eventId, second, { type: 'like', viewerId, count, stamp: 'heart' });
    await ingest([sessionStartEvent('L2', at(0), 'Ending between rounds'), l2Like('m1', 10, 2, 'v1')]);
    const refresher = new RollupRefresher(api.engine.gateway);
    await refresher.refreshSessions('bl', ['L2']);
    // both live sessions in one request: one reading of their newest minutes, each with its own numbers
    await new Promise((resolve) => setTimeout(resolve, 300)); // past the pace of L1's last reading
    tags = [];
    const both = await api.gql(
      '{ a: session(id: "L1") { metrics { likes } } b: session(id: "L2") { metrics { likes } } }',
      {},
      api.tokens.bl,
    );
    expect(both.data).toEqual({ a: { metrics: { likes: 10 } }, b: { metrics: { likes: 2 } } });
    expect(tags.filter((t) => t === RECENT_MINUTES_TAG)).toHaveLength(1);
    const Q = '{ session(id: "L2") { isLive metrics { likes } minuteSeries { likes } } }';
    expect(await read(Q)).toEqual({ isLive: true, metrics: { likes: 2 }, minuteSeries: [{ likes: 2 }] });
    // with no round: 3 likes of v1 at 70 s, the end at 80 s, and 1 like of v2 at 85 s, after the end
    await ingest([l2Like('m2', 70, 3, 'v1'), l2('m-end', 80, { type: 'session_end' }), l2Like('m3', 85, 1, 'v2')]);
    // every like of the session counts (2 + 3 + 1 = 6); the series stays the round's until it ends it
    expect(await read(Q)).toEqual({ isLive: true, metrics: { likes: 6 }, minuteSeries: [{ likes: 2 }] });
    await refresher.refreshSessions('bl', ['L2']);
    // ended at 80 s: two minutes, the like after the end in no minute, but in the likes
    expect(await read(Q)).toEqual({ isLive: false, metrics: { likes: 6 }, minuteSeries: [{ likes: 2 }, { likes: 3 }] });
  });

  it('reads nothing ahead for a finished session', async () => {
    tags = [];
    const r = await api.gql('{ session(id: "S1") { metrics { likes } } }', {}, api.tokens.b1);
    // S1 (FIXTURE.md): 10 + 5 likes
    expect(r.data).toEqual({ session: { metrics: { likes: 15 } } });
    expect(tags).not.toContain(RECENT_MINUTES_TAG);
  });
});
