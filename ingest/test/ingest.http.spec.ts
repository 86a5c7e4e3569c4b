import { gzipSync } from 'node:zlib';
import { ApiKeyRepository } from '@lc/clickhouse';
import { openTestEngine } from '@lc/clickhouse/testing';
import type { IngestApp } from '../src/ingest.app.js';
import { startIngest, type IngestHarness } from './ingest.harness.js';

const T = Date.now() - 60_000;
const ev = (eventId: string, extra: Record<string, unknown>) => ({
  eventId,
  sessionId: 'live-1',
  occurredAt: T,
  ...extra,
});

describe('POST /v1/events over real HTTP on the embedded engine', () => {
  let engine: Awaited<ReturnType<typeof openTestEngine>>;
  let ingest: IngestApp;
  let base: string;
  let keyA: string;
  let keyB: string;
  let readKey: string;
  let revokedKey: string;

  const post = async (body: string | Buffer, headers: Record<string, string> = {}, key: string | null = keyA) => {
    const res = await fetch(`${base}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
      body,
    });
    return {
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      body: (await res.json()) as Record<string, unknown>,
    };
  };
  const count = async (brand: string, session = 'live-1') =>
    Number(
      (
        await engine.gateway.query<{ n: number }>(
          'SELECT count() AS n FROM events FINAL WHERE brand_id = {b:String} AND session_id = {s:String}',
          { b: brand, s: session },
          { tag: 'test' },
        )
      )[0].n,
    );

  let h: IngestHarness;
  beforeAll(async () => {
    h = await startIngest({
      maxBodyBytes: 64 * 1024,
      maxEvents: 50,
      writer: { maxBatchRows: 1000, maxDelayMs: 20, maxBufferedRows: 10_000 },
      wal: true,
      walMaxBytes: 6 * 1024,
      // Two inserts at once (CLICKHOUSE_INSERTERS=2): every case here also runs on two lanes.
      inserters: 2,
    });
    ({ engine, ingest, base } = h);
    keyA = await h.key('INGEST', ['brand-a']);
    keyB = await h.key('INGEST', ['brand-b']);
    readKey = await h.key('READ', ['brand-a']);
    const keys = new ApiKeyRepository(engine.gateway);
    const revoked = await keys.create('INGEST', ['brand-a'], 'old');
    await keys.revoke(revoked.key.keyId);
    revokedKey = revoked.secret;
  });
  afterAll(() => h.close());

  it('keeps every valid event of a mixed batch and lists each invalid one by index, id and reason', async () => {
    const events = [
      ev('a1', {
        type: 'session_start',
        commercerId: 'c',
        commercerName: 'Aki',
        commercerKind: 'in_house',
        title: 't',
        platform: 'tiktok',
      }),
      ev('a2', { type: 'like', viewerId: 'v1', count: -1 }),
      ev('a3', { type: 'join', viewerId: 'v1' }),
      { type: 'dwell', sessionId: 'live-1', occurredAt: T, viewerId: 'v2', seconds: 999 },
      ev('a5', { type: 'teleport' }),
      ev('a6', { type: 'like', viewerId: 'v2', count: 3, stamp: 'heart' }),
    ];
    const res = await post(JSON.stringify({ events }));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      accepted: 3,
      duplicates: 0,
      rejected: [
        { index: 1, eventId: 'a2', errors: [{ field: 'count', message: 'must be at least 1' }] },
        {
          index: 3,
          eventId: null,
          errors: [
            { field: 'eventId', message: 'is required' },
            { field: 'seconds', message: 'must be at most 300' },
          ],
        },
        { index: 4, eventId: 'a5', errors: [{ field: 'type', message: expect.stringContaining('must be one of') }] },
      ],
    });
    // 200 means committed: the rows are readable right away.
    expect(await count('brand-a')).toBe(3);
  });

  it('takes the merchandise events beside invalid ones, stores each in its columns, and counts a re-post as duplicates', async () => {
    const m = (eventId: string, extra: Record<string, unknown>) => ({ ...ev(eventId, extra), sessionId: 'merch-1' });
    const events = [
      m('m0', { type: 'refund', orderId: 'o-1', amount: '1200.50', currency: 'JPY' }),
      m('m1', { type: 'refund', orderId: 'o-1', amount: 0, currency: 'JPY' }),
      m('m2', { type: 'follow', viewerId: 'v1' }),
      m('m3', { type: 'share', viewerId: 'v1', channel: 'line' }),
      m('m4', { type: 'product_click', viewerId: 'v2' }),
      m('m5', { type: 'product_pin', viewerId: 'host', productId: 'coat' }),
      m('m6', { type: 'product_pin', productId: 'coat', productName: 'Wool coat' }),
      m('m7', { type: 'product_impression', viewerId: 'v2', productId: 'coat' }),
      m('m8', { type: 'product_click', viewerId: 'v2', productId: 'coat' }),
      m('m9', { type: 'product_unpin', productId: 'coat' }),
      m('m10', { type: 'recap', text: 'The coat is 20 % off' }),
      m('m11', { type: 'share', viewerId: 'v2' }),
    ];
    const rejected = [
      { index: 1, eventId: 'm1', errors: [{ field: 'amount', message: 'must be more than 0' }] },
      { index: 4, eventId: 'm4', errors: [{ field: 'productId', message: 'is required' }] },
      { index: 5, eventId: 'm5', errors: [{ field: 'viewerId', message: 'is not a field of this event type' }] },
    ];
    const first = await post(JSON.stringify({ events }));
    expect(first).toMatchObject({ status: 200, body: { accepted: 9, duplicates: 0, rejected } });

    const rows = await engine.gateway.query<Record<string, unknown>>(
      `SELECT event_id, toString(type) AS type, viewer_id, order_id, amount, currency, channel, product_id, product_name, text
       FROM events FINAL WHERE brand_id = 'brand-a' AND session_id = 'merch-1' ORDER BY toUInt32(substring(event_id, 2))`,
      {},
      { tag: 'test' },
    );
    const none = { order_id: '', amount: 0, currency: '', channel: '', product_id: '', product_name: '', text: '' };
    expect(rows).toEqual([
      { ...none, event_id: 'm0', type: 'refund', viewer_id: '', order_id: 'o-1', amount: 1200.5, currency: 'JPY' },
      { ...none, event_id: 'm2', type: 'follow', viewer_id: 'v1' },
      { ...none, event_id: 'm3', type: 'share', viewer_id: 'v1', channel: 'line' },
      { ...none, event_id: 'm6', type: 'product_pin', viewer_id: '', product_id: 'coat', product_name: 'Wool coat' },
      { ...none, event_id: 'm7', type: 'product_impression', viewer_id: 'v2', product_id: 'coat' },
      { ...none, event_id: 'm8', type: 'product_click', viewer_id: 'v2', product_id: 'coat' },
      { ...none, event_id: 'm9', type: 'product_unpin', viewer_id: '', product_id: 'coat' },
      { ...none, event_id: 'm10', type: 'recap', viewer_id: '', text: 'The coat is 20 % off' },
      { ...none, event_id: 'm11', type: 'share', viewer_id: 'v2' },
    ]);

    // The same batch again (a client retrying): nothing new stored, the same three refused.
    const again = await post(JSON.stringify({ events }));
    expect(again).toMatchObject({ status: 200, body: { accepted: 0, duplicates: 9, rejected } });
    expect(await count('brand-a', 'merch-1')).toBe(9);
    const [stored] = await engine.gateway.query<{ n: number }>(
      "SELECT count() AS n FROM events WHERE brand_id = 'brand-a' AND session_id = 'merch-1'",
      {},
      { tag: 'test' },
    );
    expect(Number(stored.n)).toBe(9); // not even a second copy waiting for a merge
  });

  it('counts repeats in one batch and across batches as duplicates and stores them once', async () => {
    const like = ev('d1', { type: 'like', viewerId: 'v3', count: 2 });
    const first = await post(JSON.stringify({ events: [like, like] }));
    expect(first.body).toMatchObject({ accepted: 1, duplicates: 1 });
    const again = await post(JSON.stringify({ events: [like, ev('d2', { type: 'leave', viewerId: 'v3' })] }));
    expect(again.body).toMatchObject({ accepted: 1, duplicates: 1 });
    expect(await count('brand-a')).toBe(5);
  });

  it('runs inserts on two lanes and still stores each event once when concurrent posts repeat each other', async () => {
    expect(engine.gateway.insertLanes).toBe(2);
    // 6 bodies of 5 events each (30 distinct ids), each posted twice at the same moment: 12 requests in flight.
    const bodies = Array.from({ length: 6 }, (_, b) =>
      JSON.stringify({
        events: Array.from({ length: 5 }, (_, i) =>
          ev(`lane-${b}-${i}`, { sessionId: 'lanes', type: 'join', viewerId: `v${b}` }),
        ),
      }),
    );
    const answers = await Promise.all([...bodies, ...bodies].map((body) => post(body)));
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200));
    const sum = (key: 'accepted' | 'duplicates') => answers.reduce((n, a) => n + (a.body[key] as number), 0);
    // Whichever copy of a body is taken first claims its ids: 30 accepted, the other copies' 30 are duplicates.
    expect(sum('accepted')).toBe(30);
    expect(sum('duplicates')).toBe(30);
    expect(await count('brand-a', 'lanes')).toBe(30);
    // Not FINAL: no copy was written twice and collapsed later.
    const raw = await engine.gateway.query<{ n: number }>(
      'SELECT count() AS n FROM events WHERE brand_id = {b:String} AND session_id = {s:String}',
      { b: 'brand-a', s: 'lanes' },
      { tag: 'test' },
    );
    expect(Number(raw[0].n)).toBe(30);
  });

  it('reads NDJSON and gzip bodies', async () => {
    const ndjson = [ev('n1', { type: 'join', viewerId: 'v4' }), ev('n2', { type: 'leave', viewerId: 'v4' })]
      .map((e) => JSON.stringify(e))
      .join('\n');
    const plain = await post(ndjson, { 'content-type': 'application/x-ndjson' });
    expect(plain.body).toMatchObject({ accepted: 2 });
    const zipped = await post(gzipSync(JSON.stringify({ events: [ev('g1', { type: 'join', viewerId: 'v5' })] })), {
      'content-encoding': 'gzip',
    });
    expect(zipped.body).toMatchObject({ accepted: 1 });
  });

  it('rolls the session up shortly after the commit', async () => {
    await ingest.scheduler.flush();
    expect(h.errors).toEqual([]);
    const [row] = await engine.gateway.query<{ unique_viewers: number }>(
      "SELECT unique_viewers FROM session_stats FINAL WHERE brand_id = 'brand-a' AND session_id = 'live-1'",
      {},
      { tag: 'test' },
    );
    expect(row.unique_viewers).toBe(5); // v1, v2, v3, v4, v5
  });

  it('refuses missing, unknown, revoked and read-only keys', async () => {
    const body = JSON.stringify({ events: [] });
    expect((await post(body, {}, null)).status).toBe(401);
    expect((await post(body, {}, 'lci_unknown')).status).toBe(401);
    expect((await post(body, {}, revokedKey)).body).toEqual({
      error: { code: 'UNAUTHENTICATED', message: 'ingest key is unknown or revoked' },
    });
    expect((await post(body, {}, readKey)).status).toBe(403);
  });

  it("writes into the key's brand even when the body names another brand's session", async () => {
    const res = await post(JSON.stringify({ events: [ev('x1', { type: 'join', viewerId: 'intruder' })] }), {}, keyB);
    expect(res.body).toMatchObject({ accepted: 1 });
    expect(await count('brand-b')).toBe(1);
    const [row] = await engine.gateway.query<{ n: number }>(
      "SELECT count() AS n FROM events FINAL WHERE brand_id = 'brand-a' AND viewer_id = 'intruder'",
      {},
      { tag: 'test' },
    );
    expect(Number(row.n)).toBe(0);
  });

  it('answers 413 naming the limit, 400 saying where parsing failed, 415 for other media types', async () => {
    const tooMany = await post(
      JSON.stringify({ events: Array.from({ length: 51 }, (_, i) => ev(`m${i}`, { type: 'join', viewerId: 'v' })) }),
    );
    expect(tooMany).toMatchObject({
      status: 413,
      body: { error: { code: 'TOO_MANY_EVENTS', message: expect.stringContaining('limit of 50 events') } },
    });
    const tooBig = await post(JSON.stringify({ events: [], pad: 'x'.repeat(70 * 1024) }));
    expect(tooBig).toMatchObject({
      status: 413,
      body: { error: { code: 'BODY_TOO_LARGE', message: expect.stringContaining('65536 bytes') } },
    });
    const broken = await post('{"events": [ {"type": ');
    expect(broken).toMatchObject({
      status: 400,
      body: { error: { code: 'BAD_BODY', message: expect.stringContaining('not valid JSON') } },
    });
    const badLine = await post('{"a":1}\n{oops}', { 'content-type': 'application/x-ndjson' });
    expect(badLine.body).toMatchObject({ error: { message: expect.stringContaining('line 2 is not valid JSON') } });
    const xml = await post('<events/>', { 'content-type': 'application/xml' });
    expect(xml.status).toBe(415);
  });

  it('logs events while the engine is down, answers 200, replays them when it returns, and 503s once the log is full', async () => {
    await engine.gateway.command('DETACH TABLE events', {}, { tag: 'test.outage' });
    try {
      const during = await post(
        JSON.stringify({
          events: [ev('w1', { type: 'join', viewerId: 'w' }), ev('w2', { type: 'leave', viewerId: 'w' })],
        }),
      );
      expect(during.body).toMatchObject({ accepted: 2 });
      expect(ingest.writer.walBytes).toBeGreaterThan(0);
      // The log holds 6 KB: a batch of ~8 KB cannot be made safe, so it is refused whole.
      const big = Array.from({ length: 40 }, (_, i) =>
        ev(`big${i}`, { type: 'join', viewerId: `viewer-with-a-long-id-${i}` }),
      );
      const refused = await post(JSON.stringify({ events: big }));
      expect(refused).toMatchObject({ status: 503, retryAfter: '30', body: { error: { code: 'UNAVAILABLE' } } });
    } finally {
      await engine.gateway.command('ATTACH TABLE events', {}, { tag: 'test.outage' });
    }
    for (let i = 0; i < 100 && ingest.writer.walBytes > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(ingest.writer.walBytes).toBe(0);
    const [row] = await engine.gateway.query<{ n: number }>(
      "SELECT count() AS n FROM events FINAL WHERE brand_id = 'brand-a' AND event_id IN ('w1', 'w2', 'big0')",
      {},
      { tag: 'test' },
    );
    expect(Number(row.n)).toBe(2);
    // Refused events were never claimed: a retry after the outage is accepted, not a "duplicate".
    const retry = await post(JSON.stringify({ events: [ev('big0', { type: 'join', viewerId: 'x' })] }));
    expect(retry.body).toMatchObject({ accepted: 1, duplicates: 0 });
  });
});
