import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { EVENT_TYPES } from '@lc/contract';
import { startIngest, type IngestHarness } from './ingest.harness.js';

const TYPES = [...EVENT_TYPES, 'bogus'];

/** Event-shaped objects with random values: most are invalid in some field, some are valid. */
const eventLike = fc.record(
  {
    eventId: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
    type: fc.oneof(fc.constantFrom(...TYPES), fc.string()),
    occurredAt: fc.oneof(
      fc.constant(Date.now() - 1000),
      fc.integer(),
      fc.string(),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    ),
    sessionId: fc.oneof(fc.constant('fz'), fc.string({ maxLength: 200 })),
    viewerId: fc.oneof(fc.constant('v'), fc.string()),
    count: fc.oneof(fc.integer(), fc.double()),
    seconds: fc.integer(),
    author: fc.constantFrom('viewer', 'host', 'bot'),
    text: fc.string({ maxLength: 600 }),
    items: fc.anything(),
    unitPrice: fc.oneof(fc.string(), fc.double()),
  },
  { requiredKeys: [] },
);

describe('fuzz: random bodies never crash the ingest route', () => {
  let h: IngestHarness;
  let key: string;
  let base: string;
  beforeAll(async () => {
    h = await startIngest({
      maxBodyBytes: 256 * 1024,
      maxEvents: 200,
      writer: { maxBatchRows: 5000, maxDelayMs: 5, maxBufferedRows: 100_000 },
      rollupIntervalMs: 50,
    });
    key = await h.key('INGEST', ['fuzz']);
    base = `${h.base}/v1/events`;
  });
  afterAll(() => h.close());

  const send = async (body: Uint8Array | string, headers: Record<string, string>) => {
    const res = await fetch(base, { method: 'POST', headers: { authorization: `Bearer ${key}`, ...headers }, body });
    const json = (await res.json()) as Record<string, unknown>;
    return { status: res.status, json };
  };

  const isAnswer = ({ status, json }: { status: number; json: Record<string, unknown> }) =>
    (status === 200 && typeof json.accepted === 'number' && Array.isArray(json.rejected)) ||
    ([400, 413, 415].includes(status) && typeof (json.error as { message?: unknown })?.message === 'string');

  it('answers arbitrary bytes with 200 or a clear 4xx, in every content type and encoding', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2048 }),
        fc.constantFrom('application/json', 'application/x-ndjson', 'text/plain', ''),
        fc.boolean(),
        async (bytes, type, gzip) => {
          const res = await send(gzip ? gzipSync(bytes) : bytes, {
            'content-type': type,
            ...(gzip ? { 'content-encoding': 'gzip' } : {}),
          });
          expect(isAnswer(res)).toBe(true);
        },
      ),
      { numRuns: 600 },
    );
  });

  it('accounts for every event of a random batch: accepted + duplicates + rejected = sent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(eventLike, { maxLength: 30 }), async (events) => {
        const res = await send(JSON.stringify({ events }), { 'content-type': 'application/json' });
        expect(res.status).toBe(200);
        const { accepted, duplicates, rejected } = res.json as {
          accepted: number;
          duplicates: number;
          rejected: { index: number; errors: { field: string; message: string }[] }[];
        };
        expect(accepted + duplicates + rejected.length).toBe(events.length);
        for (const r of rejected) {
          expect(r.errors.length).toBeGreaterThan(0);
          for (const e of r.errors) expect(e.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 600 },
    );
  });

  it('survives JSON nested thousands deep and huge numbers', async () => {
    const deep = '{"events":[' + '['.repeat(5000) + ']'.repeat(5000) + ']}';
    expect(isAnswer(await send(deep, { 'content-type': 'application/json' }))).toBe(true);
    const huge = JSON.stringify({
      events: [{ eventId: 'h', type: 'like', sessionId: 's', viewerId: 'v', occurredAt: 1e308, count: 1e308 }],
    });
    expect(await send(huge, { 'content-type': 'application/json' })).toMatchObject({
      status: 200,
      json: { accepted: 0 },
    });
  });
});
