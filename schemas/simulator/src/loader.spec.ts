import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ClickHouseGateway, runMigrations } from '@lc/clickhouse';
import { validateEvent } from '@lc/contract';
import { emitNdjson, loadDirect, type LoadProgress } from './loader.js';
import { simulate, type SimulationOptions } from './simulator.js';
import { simulatedHostCosts } from './host-costs.js';

const OPTIONS: SimulationOptions = { seed: 5, targetEvents: 5_000, endDate: '2026-11-01T00:00:00Z' };

function countGenerated(options: SimulationOptions): { events: number; sessions: number } {
  let events = 0;
  let sessions = 0;
  for (const session of simulate(options)) {
    events += session.events.length;
    sessions++;
  }
  return { events, sessions };
}

// The embedded engine holds one data folder per process, so this file opens one and closes it in afterAll.
describe('loadDirect into the embedded engine', () => {
  let dataPath: string;
  let gateway: ClickHouseGateway;

  beforeAll(async () => {
    dataPath = mkdtempSync(join(tmpdir(), 'lc-simulator-'));
    gateway = ClickHouseGateway.open({ mode: 'embedded', dataPath });
    await runMigrations(gateway);
  });
  afterAll(async () => {
    await gateway.close();
    rmSync(dataPath, { recursive: true, force: true });
  });

  it('writes every generated event, the brands and a rollup per session', async () => {
    const expected = countGenerated(OPTIONS);
    const progress: LoadProgress[] = [];
    const result = await loadDirect(gateway, { ...OPTIONS, batchRows: 2_000, validate: true }, (p) => progress.push(p));

    const [events] = await gateway.query<{ n: number; sessions: number }>(
      'SELECT count() AS n, uniqExact(session_id) AS sessions FROM events',
      {},
      { tag: 'test' },
    );
    expect(events).toEqual({ n: expected.events, sessions: expected.sessions });
    expect(result).toMatchObject({ events: expected.events, sessions: expected.sessions, brands: 3 });

    const brands = await gateway.query<{ brand_id: string; currency: string }>(
      'SELECT brand_id, currency FROM brands FINAL ORDER BY brand_id',
      {},
      { tag: 'test' },
    );
    expect(brands).toEqual([
      { brand_id: 'kumo-home', currency: 'JPY' },
      { brand_id: 'sakura-beauty', currency: 'JPY' },
      { brand_id: 'trailhead-outfitters', currency: 'USD' },
    ]);

    const [stats] = await gateway.query<{ n: number }>(
      'SELECT count() AS n FROM session_stats FINAL',
      {},
      { tag: 'test' },
    );
    expect(stats.n).toBe(expected.sessions);

    // the demo's host costs (issue 14): as many rows as simulatedHostCosts makes, none in another currency than the brand's
    const [costs] = await gateway.query<{ fees: number; sessionCosts: number; foreign: number }>(
      `SELECT (SELECT count() FROM commercer_fees FINAL) AS fees, (SELECT count() FROM session_costs FINAL) AS sessionCosts,
              (SELECT count() FROM session_costs AS c FINAL INNER JOIN brands AS b FINAL ON b.brand_id = c.brand_id WHERE c.currency != b.currency) AS foreign`,
      {},
      { tag: 'test' },
    );
    const planned = simulatedHostCosts(simulate(OPTIONS).sessions);
    expect(costs).toEqual({ fees: planned.fees.length, sessionCosts: planned.sessionCosts.length, foreign: 0 });
    expect(result).toMatchObject({ fees: planned.fees.length, sessionCosts: planned.sessionCosts.length });
    expect(planned.fees.length + planned.sessionCosts.length).toBeGreaterThan(0);

    // Several batches were written, and progress ended with everything refreshed.
    expect(progress.filter((p) => p.phase === 'events').length).toBeGreaterThan(2);
    expect(progress[progress.length - 1]).toMatchObject({
      phase: 'done',
      eventsWritten: expected.events,
      sessionsRefreshed: expected.sessions,
    });
  });

  it('is idempotent: loading the same run again adds no events', async () => {
    const expected = countGenerated(OPTIONS);
    await loadDirect(gateway, OPTIONS);
    const [events] = await gateway.query<{ n: number }>('SELECT count() AS n FROM events FINAL', {}, { tag: 'test' });
    expect(events.n).toBe(expected.events);
  });
});

describe('emitNdjson', () => {
  class Collect extends Writable {
    text = '';
    override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
      this.text += chunk.toString('utf8');
      done();
    }
  }

  it('writes one valid wire event per line, one stream per brand', async () => {
    const streams = new Map<string, Collect>();
    const result = await emitNdjson(OPTIONS, (brand) => {
      const stream = new Collect();
      streams.set(brand.brandId, stream);
      return stream;
    });
    const lines = [...streams.values()].flatMap((s) => s.text.trimEnd().split('\n'));
    expect(lines).toHaveLength(countGenerated(OPTIONS).events);
    expect(result.events).toBe(lines.length);
    for (const line of lines) {
      const event: unknown = JSON.parse(line);
      expect(validateEvent(event).ok).toBe(true);
      expect((event as { occurredAt: unknown }).occurredAt).toEqual(expect.stringMatching(/[+-]\d{2}:\d{2}$/));
    }
    for (const [brandId, stream] of streams) {
      const prefix = simulate(OPTIONS).brands.find((b) => b.brandId === brandId)!.code;
      expect(stream.text.split('\n')[0]).toContain(`"sessionId":"${prefix}-`);
    }
  });
});
