import { startIngest, startIngestOn, type IngestHarness } from './ingest.harness.js';

const now = Date.now();
const join = (i: number) => ({
  eventId: `j${i}`,
  type: 'join',
  sessionId: 's',
  viewerId: `v${i}`,
  occurredAt: now - 1000,
});

describe('backpressure and Prometheus counters', () => {
  let h: IngestHarness;
  let key: string;
  const post = async (events: unknown[]) => {
    const res = await fetch(`${h.base}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events }),
    });
    return {
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      body: (await res.json()) as Record<string, unknown>,
    };
  };

  beforeAll(async () => {
    // Room for 5 buffered rows: a request of 6 valid events cannot be taken without growing past it.
    h = await startIngest({ writer: { maxBatchRows: 1000, maxDelayMs: 10, maxBufferedRows: 5 } });
    key = await h.key('INGEST', ['limits']);
  });
  afterAll(() => h.close());

  it('answers 429 with Retry-After beyond the buffer capacity, keeping nothing of that request', async () => {
    const refused = await post([1, 2, 3, 4, 5, 6].map(join));
    expect(refused).toMatchObject({ status: 429, retryAfter: '1', body: { error: { code: 'OVERLOADED' } } });
    // Nothing was claimed: the same events are accepted once they fit.
    expect((await post([1, 2, 3].map(join))).body).toMatchObject({ accepted: 3, duplicates: 0 });
  });

  it('counts received, accepted, duplicate and rejected events (by field) for /metrics', async () => {
    await post([join(1), join(9), { ...join(10), viewerId: 42 }]);
    const metric = async (name: string) =>
      (await h.ingest.metrics.registry.getSingleMetricAsString(name)).split('\n').filter((l) => !l.startsWith('#'));
    // received: 3 (second request) + 3 (this one); the refused request never reached counting
    expect(await metric('ingest_events_received_total')).toEqual(['ingest_events_received_total 6']);
    expect(await metric('ingest_events_accepted_total')).toEqual(['ingest_events_accepted_total 4']);
    expect(await metric('ingest_events_duplicate_total')).toEqual(['ingest_events_duplicate_total 1']);
    expect(await metric('ingest_events_rejected_total')).toEqual(['ingest_events_rejected_total{field="viewerId"} 1']);
    // Rows that went to the engine: the 3 of the second request + j9 (j1 repeated, the third invalid) = 4,
    // the same as accepted: every acknowledged row was flushed once.
    expect(await metric('ingest_flush_rows_total')).toEqual(['ingest_flush_rows_total{target="engine"} 4']);
  });

  it("reports each rollup round, and the one session's wait for its first, once", async () => {
    await h.ingest.scheduler.flush();
    const lines = async (name: string) =>
      (await h.ingest.metrics.registry.getSingleMetricAsString(name)).split('\n').filter((l) => !l.startsWith('#'));
    // every event so far is of session 's' of one brand: one first round, rolled up once
    expect((await lines('rollup_first_round_wait_seconds')).filter((l) => l.includes('_count'))).toEqual([
      'rollup_first_round_wait_seconds_count 1',
    ]);
    const rounds = async () =>
      Number(/^rollup_round_seconds_count (\d+)$/m.exec((await lines('rollup_round_seconds')).join('\n'))?.[1]);
    const before = await rounds();
    expect(before).toBeGreaterThanOrEqual(1);
    // the same session again: one more round, and no new session's wait
    await post([join(11)]);
    await h.ingest.scheduler.flush();
    expect(await rounds()).toBe(before + 1);
    expect((await lines('rollup_first_round_wait_seconds')).filter((l) => l.includes('_count'))).toEqual([
      'rollup_first_round_wait_seconds_count 1',
    ]);
  });

  it("reports the engine's own count of the memory it holds, as the engine's system.metrics has it", async () => {
    const line = (await h.ingest.metrics.registry.getSingleMetricAsString('clickhouse_memory_tracked_bytes'))
      .split('\n')
      .find((l) => !l.startsWith('#'));
    const [reported] = /(\d+)$/.exec(line ?? '') ?? [];
    // an engine that has stored rows holds some memory (caches, parts' indexes): never 0, never unreported
    expect(Number(reported)).toBeGreaterThan(0);
    const [after] = await h.engine.gateway.query<{ value: string }>(
      "SELECT value FROM system.metrics WHERE metric = 'MemoryTracking'",
      {},
      { tag: 'test' },
    );
    // the same counter read straight after: of the same order (it moves with every call, so not equal)
    expect(Number(reported)).toBeLessThan(Number(after.value) * 4);
    expect(Number(reported)).toBeGreaterThan(Number(after.value) / 4);
  });
});

describe('duplicates after a restart', () => {
  it('a new ingest process on the same data counts a retry of an event stored before as a duplicate', async () => {
    const h = await startIngest();
    try {
      const key = await h.key('INGEST', ['restart']);
      const post = async (base: string) =>
        (
          await fetch(`${base}/v1/events`, {
            method: 'POST',
            headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
            body: JSON.stringify({ events: [join(1), join(2)] }),
          })
        ).json();
      expect(await post(h.base)).toMatchObject({ accepted: 2, duplicates: 0 });
      // "Restart": a fresh ingest app (empty cache) on the same engine.
      const restarted = await startIngestOn(h);
      try {
        expect(await restarted.app.warmedUp).toBeGreaterThanOrEqual(2);
        expect(await post(restarted.base)).toMatchObject({ accepted: 0, duplicates: 2 });
      } finally {
        await restarted.close();
      }
    } finally {
      await h.close();
    }
  });
});
