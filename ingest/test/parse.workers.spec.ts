import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { gzipSync } from 'node:zlib';
import { ParsePool } from '../src/parse.pool.js';
import { startIngest, type IngestHarness } from './ingest.harness.js';

// The built worker (npm test builds first): jest runs the TypeScript sources, a worker thread cannot.
const WORKER = new URL('../dist/body.worker.js', import.meta.url);

const T = Date.now() - 60_000;
const ev = (eventId: string, extra: Record<string, unknown>) => ({
  eventId,
  sessionId: 'w-1',
  occurredAt: T,
  ...extra,
});

describe('POST /v1/events parsed on a worker thread (INGEST_PARSE_WORKERS=1), real HTTP and engine', () => {
  let h: IngestHarness;
  let key: string;
  const post = async (body: string | Buffer, headers: Record<string, string> = {}) => {
    const res = await fetch(`${h.base}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${key}`, ...headers },
      body,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const stored = async () =>
    (
      await h.engine.gateway.query<{ event_id: string; like_count: number; amount: string }>(
        "SELECT event_id, like_count, toString(amount) AS amount FROM events FINAL WHERE brand_id = 'brand-w' ORDER BY event_id",
        {},
        { tag: 'test' },
      )
    ).map((r) => `${r.event_id}:${r.like_count}:${r.amount}`);

  beforeAll(async () => {
    h = await startIngest({ parseWorkers: 1, parseWorkerScript: WORKER, maxQueuedBodyBytes: 1024 * 1024 });
    key = await h.key('INGEST', ['brand-w']);
  });
  afterAll(() => h.close());

  it('runs one worker', () => {
    expect(h.ingest.pool.workers).toBe(1);
  });

  it('keeps valid NDJSON lines beside invalid ones and names each bad one', async () => {
    const lines = [
      ev('a1', { type: 'like', viewerId: 'v1', count: 2 }),
      ev('a2', { type: 'like', viewerId: 'v1', count: 0 }),
      ev('a3', { type: 'cart_add', viewerId: 'v1', productId: 'p', quantity: 2, unitPrice: '1.25', currency: 'USD' }),
      { sessionId: 'w-1', occurredAt: T, type: 'leave', viewerId: 'v1' },
    ].map((e) => JSON.stringify(e));
    const res = await post(lines.join('\n') + '\n\n');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      accepted: 2,
      duplicates: 0,
      rejected: [
        { index: 1, eventId: 'a2', errors: [{ field: 'count', message: expect.any(String) }] },
        { index: 3, eventId: null, errors: [{ field: 'eventId', message: 'is required' }] },
      ],
    });
    // like: 2 likes, no amount; cart_add: 2 × 1.25 = 2.5.
    expect(await stored()).toEqual(['a1:2:0', 'a3:0:2.5']);
  });

  it('counts repeats (in the batch and of earlier batches) as duplicates, gzip bodies too', async () => {
    const repeat = JSON.stringify(ev('a1', { type: 'like', viewerId: 'v1', count: 2 }));
    const fresh = JSON.stringify(ev('b1', { type: 'like', viewerId: 'v2', count: 5 }));
    const res = await post(gzipSync(`${repeat}\n${fresh}\n${fresh}`), { 'content-encoding': 'gzip' });
    expect(res.body).toMatchObject({ accepted: 1, duplicates: 2, rejected: [] });
    expect(await stored()).toEqual(['a1:2:0', 'a3:0:2.5', 'b1:5:0']);
  });

  it('refuses a body with a malformed line as a whole, as the in-line parser does, and stores none of it', async () => {
    const good = JSON.stringify(ev('c1', { type: 'like', viewerId: 'v3', count: 1 }));
    const res = await post(`${good}\n{"eventId": "c2",\n`);
    expect(res).toMatchObject({
      status: 400,
      body: { error: { code: 'BAD_BODY', message: expect.stringContaining('line 2 is not valid JSON') } },
    });
    expect(await stored()).toEqual(['a1:2:0', 'a3:0:2.5', 'b1:5:0']);
  });

  it('takes JSON bodies on the worker too', async () => {
    const res = await post(JSON.stringify({ events: [ev('d1', { type: 'like', viewerId: 'v4', count: 3 })] }), {
      'content-type': 'application/json',
    });
    expect(res.body).toMatchObject({ accepted: 1 });
    expect(h.errors).toEqual([]);
    expect(h.ingest.pool.queuedBytes).toBe(0);
  });
});

describe('refusals close the connection (a retry after Retry-After never meets a closing keep-alive socket)', () => {
  let h: IngestHarness;
  let key: string;
  beforeAll(async () => {
    // Room for 2 buffered rows: a batch of 3 is refused by the writer.
    h = await startIngest({ writer: { maxBatchRows: 1000, maxDelayMs: 10, maxBufferedRows: 2 } });
    key = await h.key('INGEST', ['brand-r']);
  });
  afterAll(() => h.close());

  const rawPost = (body: string) =>
    new Promise<{ status: number; headers: IncomingHttpHeaders }>((resolve, reject) => {
      const url = new URL(`${h.base}/v1/events`);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          agent: new Agent({ keepAlive: true }),
          headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${key}` },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  it('answers 429 with Retry-After and Connection: close, and keeps 200s alive', async () => {
    const like = (id: string) => JSON.stringify(ev(id, { type: 'like', viewerId: 'v', count: 1 }));
    const refused = await rawPost([like('r1'), like('r2'), like('r3')].join('\n'));
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.headers.connection).toBe('close');
    const accepted = await rawPost(like('r4'));
    expect(accepted.status).toBe(200);
    expect(accepted.headers.connection).toBe('keep-alive');
  });
});

describe('ParsePool on a real worker thread', () => {
  const bounds = { now: Date.now(), maxFutureMs: 300_000, maxAgeMs: 86_400_000 };
  const job = (lines: string[]) => ({
    body: Buffer.from(lines.join('\n')),
    contentType: 'application/x-ndjson',
    limits: { maxBodyBytes: 1 << 20, maxEvents: 100 },
    brandId: 'brand-p',
    bounds,
  });
  const likes = (n: number, prefix: string) =>
    Array.from({ length: n }, (_, i) => JSON.stringify(ev(`${prefix}${i}`, { type: 'like', viewerId: 'v', count: 1 })));

  it('counts the queued bytes and estimates their events from the bodies parsed so far', async () => {
    const pool = new ParsePool({ workers: 1, script: WORKER });
    try {
      expect(pool.queuedEvents).toBe(0); // nothing learned, nothing queued
      const first = job(likes(4, 'q'));
      const outcome = await pool.prepare(first);
      expect(outcome.ok && outcome.batch.eventIds).toEqual(['q0', 'q1', 'q2', 'q3']);
      expect(pool.queuedBytes).toBe(0);
      // Learned: first.body.length / 4 bytes per event. A second body of 8 such lines is queued
      // while the worker parses it: its estimate is second.body.length / (first.body.length / 4).
      const second = job(likes(8, 'r'));
      const pending = pool.prepare(second);
      expect(pool.queuedBytes).toBe(second.body.length);
      expect(pool.queuedEvents).toBeCloseTo(second.body.length / (first.body.length / 4), 6);
      await pending;
      expect(pool.queuedBytes).toBe(0);
      expect(pool.queuedEvents).toBe(0);
    } finally {
      await pool.close();
    }
  });

  it("reports the worker's own V8 heap once it has answered (not part of the main thread's heap)", async () => {
    const pool = new ParsePool({ workers: 1, script: WORKER });
    try {
      expect(pool.heapBytes).toBe(0); // no reply yet
      await pool.prepare(job(likes(4, 'h')));
      // an isolate with its modules loaded holds at least a megabyte, and far less than a gigabyte here
      expect(pool.heapBytes).toBeGreaterThan(1 << 20);
      expect(pool.heapBytes).toBeLessThan(1 << 30);
    } finally {
      await pool.close();
    }
  });
});
