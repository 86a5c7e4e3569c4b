import { validateEvent } from '@lc/contract';
import { parseEvents } from './body.parser.js';
import { prepareBody, prepareEvents, rowsWithout, type PreparedBatch } from './body.prepare.js';
import type { EventWriter } from './event.writer.js';
import { IngestService } from './ingest.service.js';
import { refusalOf } from './parse.pool.js';

// Hand-made batch. "now" is 2026-11-30 12:00:00 UTC; 20:59 at +09:00 is 11:59 UTC.
const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);
const BOUNDS = { now: NOW, maxFutureMs: 300_000, maxAgeMs: 400 * 86_400_000 };
const LIMITS = { maxBodyBytes: 1024 * 1024, maxEvents: 100 };
const JOIN = { eventId: 'j1', sessionId: 's1', occurredAt: '2026-11-30T20:59:00+09:00', type: 'join', viewerId: 'v1' };
const BAD_CURRENCY = {
  eventId: 'c0',
  sessionId: 's1',
  occurredAt: NOW - 120_000,
  type: 'cart_add',
  viewerId: 'v2',
  productId: 'p1',
  quantity: 1,
  unitPrice: '5',
  currency: 'jpy',
};
const CART = {
  ...BAD_CURRENCY,
  eventId: 'c1',
  occurredAt: NOW - 30_000,
  quantity: 3,
  unitPrice: '19.99',
  currency: 'JPY',
};
const NO_ORDER = {
  eventId: 'p1',
  sessionId: 's2',
  occurredAt: NOW,
  type: 'purchase',
  viewerId: 'v2',
  items: [{ productId: 'p1', quantity: 1, unitPrice: '5' }],
  currency: 'JPY',
};
// Body order: join, bad cart_add, good cart_add, purchase without orderId, a number, the join again.
const EVENTS: unknown[] = [JOIN, BAD_CURRENCY, CART, NO_ORDER, 42, JOIN];
const NDJSON = EVENTS.map((e) => JSON.stringify(e)).join('\n\n') + '\n';

const JOIN_ROW = {
  brand_id: 'brand-x',
  session_id: 's1',
  event_id: 'j1',
  type: 'join',
  occurred_at: '2026-11-30 11:59:00.000',
  viewer_id: 'v1',
  source: '',
};
// 3 × 19.99 = 59.97; 30 s before noon.
const CART_ROW = {
  brand_id: 'brand-x',
  session_id: 's1',
  event_id: 'c1',
  type: 'cart_add',
  occurred_at: '2026-11-30 11:59:30.000',
  viewer_id: 'v2',
  product_id: 'p1',
  quantity: 3,
  unit_price: '19.99',
  currency: 'JPY',
  amount: '59.97',
};

const linesOf = (rows: Uint8Array) =>
  Buffer.from(rows)
    .toString('utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);

function prepared(body: string, contentType: string): PreparedBatch {
  const outcome = prepareBody({
    body: Buffer.from(body),
    contentType,
    limits: LIMITS,
    brandId: 'brand-x',
    bounds: BOUNDS,
  });
  if (!outcome.ok) throw new Error(`refused: ${outcome.message}`);
  return outcome.batch;
}

describe('prepareBody (what a parse worker does with one body)', () => {
  it('keeps valid NDJSON lines beside invalid ones, naming index, eventId, field and reason', () => {
    const batch = prepared(NDJSON, 'application/x-ndjson');
    expect(batch.received).toBe(6); // blank lines are not events
    expect(batch.rejected).toEqual([
      {
        index: 1,
        eventId: 'c0',
        errors: [{ field: 'currency', message: 'must be an ISO-4217 code of three capital letters, e.g. JPY' }],
      },
      { index: 3, eventId: 'p1', errors: [{ field: 'orderId', message: 'is required' }] },
      { index: 4, eventId: null, errors: [{ field: '(event)', message: 'must be a JSON object' }] },
    ]);
    // Repeats inside the batch are the commit's business (the dedup cache), not the parser's.
    expect(batch.eventIds).toEqual(['j1', 'c1', 'j1']);
    expect(batch.sessionIds).toEqual(['s1', 's1', 's1']);
    expect(linesOf(batch.rows)).toEqual([JOIN_ROW, CART_ROW, JOIN_ROW]);
  });

  it('answers exactly what the contract answers for each event, in JSON and NDJSON alike', () => {
    const json = prepared(JSON.stringify({ events: EVENTS }), 'application/json');
    expect(json).toEqual(prepared(NDJSON, 'application/x-ndjson'));
    const contract = EVENTS.map((e, index) => ({ index, result: validateEvent(e, BOUNDS) }));
    expect(json.rejected).toEqual(
      contract
        .filter(({ result }) => !result.ok)
        .map(({ index, result }) => (result.ok ? null : { index, eventId: result.eventId, errors: result.errors })),
    );
    expect(json).toEqual(
      prepareEvents(parseEvents(Buffer.from(NDJSON), 'application/x-ndjson', LIMITS), 'brand-x', BOUNDS),
    );
  });

  it('refuses a body with a malformed NDJSON line as a whole, saying which line (blank lines counted)', () => {
    const body = `${JSON.stringify(JOIN)}\n\n{oops}\n${JSON.stringify(CART)}`;
    const outcome = prepareBody({
      body: Buffer.from(body),
      contentType: 'application/x-ndjson',
      limits: LIMITS,
      brandId: 'brand-x',
      bounds: BOUNDS,
    });
    expect(outcome).toMatchObject({
      ok: false,
      code: 'BAD_BODY',
      message: expect.stringContaining('line 3 is not valid JSON'),
    });
  });

  it('refuses too many events and unknown media types as the parser does', () => {
    const job = { limits: { maxBodyBytes: 1024, maxEvents: 2 }, brandId: 'b', bounds: BOUNDS };
    expect(prepareBody({ ...job, body: Buffer.from(NDJSON), contentType: 'application/x-ndjson' })).toMatchObject({
      ok: false,
      code: 'TOO_MANY_EVENTS',
    });
    expect(prepareBody({ ...job, body: Buffer.from('<a/>'), contentType: 'text/xml' })).toMatchObject({
      ok: false,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
  });

  it('takes a plain Uint8Array (what arrives from another thread)', () => {
    const bytes = new Uint8Array(Buffer.from(JSON.stringify(JOIN)));
    const outcome = prepareBody({
      body: bytes,
      contentType: 'application/x-ndjson',
      limits: LIMITS,
      brandId: 'brand-x',
      bounds: BOUNDS,
    });
    expect(outcome.ok && linesOf(outcome.batch.rows)).toEqual([JOIN_ROW]);
  });

  it('rowsWithout drops exactly the lines asked for', () => {
    const batch = prepared(NDJSON, 'application/x-ndjson');
    expect(linesOf(rowsWithout(batch, new Set([2])))).toEqual([JOIN_ROW, CART_ROW]);
    expect(linesOf(rowsWithout(batch, new Set([0, 2])))).toEqual([CART_ROW]);
    expect(rowsWithout(batch, new Set([0, 1, 2])).length).toBe(0);
  });
});

describe('IngestService.commit (main thread: dedup, then the writer)', () => {
  const written: { body: string; rows: number; brandId: string; sessions: string[] }[] = [];
  const writer = {
    write(body: Buffer, rows: number, brandId: string, sessions: Iterable<string>) {
      written.push({ body: body.toString('utf8'), rows, brandId, sessions: [...sessions] });
      return Promise.resolve();
    },
  } as unknown as EventWriter;

  it('drops repeats inside a batch and across batches, and writes the rest once', async () => {
    const service = new IngestService(writer);
    const batch = prepared(NDJSON, 'application/x-ndjson');
    // j1, c1 accepted; the second j1 is a repeat; the three invalid events are reported.
    const first = await service.commit('brand-x', batch);
    expect(first).toEqual({ accepted: 2, duplicates: 1, rejected: batch.rejected });
    expect(written[0].rows).toBe(2);
    expect(written[0].sessions).toEqual(['s1']);
    expect(linesOf(Buffer.from(written[0].body))).toEqual([JOIN_ROW, CART_ROW]);
    // The same body again: all three valid events are repeats now, nothing new is written.
    const again = await service.commit('brand-x', prepared(NDJSON, 'application/x-ndjson'));
    expect(again).toMatchObject({ accepted: 0, duplicates: 3 });
    expect(written[1].rows).toBe(0);
    // Another brand's cache is its own.
    expect(await service.commit('brand-y', prepared(JSON.stringify(JOIN), 'application/x-ndjson'))).toMatchObject({
      accepted: 1,
      duplicates: 0,
    });
  });

  it('releases its claims when the writer refuses, so a retry is not a duplicate', async () => {
    let refuse = true;
    const flaky = {
      write: () => (refuse ? Promise.reject(new Error('full')) : Promise.resolve()),
    } as unknown as EventWriter;
    const service = new IngestService(flaky);
    await expect(service.commit('b', prepared(JSON.stringify(JOIN), 'application/x-ndjson'))).rejects.toThrow('full');
    refuse = false;
    expect(await service.commit('b', prepared(JSON.stringify(JOIN), 'application/x-ndjson'))).toMatchObject({
      accepted: 1,
      duplicates: 0,
    });
  });
});

describe('refusalOf (429 before any parsing)', () => {
  const state = {
    bufferedRows: 0,
    maxBufferedRows: 100,
    queuedBytes: 0,
    maxQueuedBytes: 1000,
    waitMs: 0,
    maxWaitMs: 1000,
    nextInsertRows: 0,
    maxBatchRows: 20,
  };
  it('lets a body through while the buffer has room and the parse queue is short', () => {
    expect(refusalOf(state, 10)).toBeNull();
    expect(refusalOf({ ...state, bufferedRows: 99, queuedBytes: 990 }, 10)).toBeNull(); // 990 + 10 = 1000, not over
  });
  it('refuses once the buffer is full', () => {
    expect(refusalOf({ ...state, bufferedRows: 100 }, 10)).toBe('ingest buffer is full; retry shortly');
  });
  it('refuses while the buffered rows would wait longer than the limit and the next insert is full', () => {
    const behind = { ...state, bufferedRows: 60, nextInsertRows: 20 };
    expect(refusalOf({ ...behind, waitMs: 1000 }, 10)).toBeNull();
    expect(refusalOf({ ...behind, waitMs: 1200 }, 10)).toBe('ingest is 1200 ms behind (limit 1000 ms); retry shortly');
  });
  it('never refuses for the wait while the next insert has room (one slow insert must not idle the engine)', () => {
    expect(refusalOf({ ...state, bufferedRows: 39, nextInsertRows: 19, waitMs: 5000 }, 10)).toBeNull();
  });
  it('refuses when the queued bytes would pass the limit, but never a body arriving at an empty queue', () => {
    expect(refusalOf({ ...state, queuedBytes: 991 }, 10)).toBe('ingest is busy parsing earlier batches; retry shortly');
    expect(refusalOf(state, 5000)).toBeNull();
  });
});
