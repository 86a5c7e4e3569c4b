import type { LiveEventInput } from '@lc/contract';
import { loadEvents, openTestEngine } from '@lc/clickhouse/testing';
import {
  BENCHMARK_BRANDS,
  benchmarkFixture,
  benchmarkSessionEvents,
  q5LateComments,
  type BenchmarkBrand,
  type BenchmarkSessionSpec,
} from '@lc/contract/testing';
import type { ClickHouseGateway } from '@lc/clickhouse';
import { BENCHMARK_KPIS } from '../src/metrics/benchmark.definitions.js';
import { BrandScope } from '../src/modules/auth/principal.js';
import {
  BenchmarkRepository,
  PEER_VALUES_LAYOUT,
  type SessionPercentiles,
} from '../src/repositories/benchmark.repository.js';

/**
 * S13B-1: the peer benchmark read from the stored KPI values (session_peer_values) answers exactly as
 * the formulation over session_stats did — on the hand-worked pb1–pb3 fixture (benchmark-fixture.ts)
 * and on random sessions of four brands, before and after some of them are rebuilt with late events.
 */
const close = (value: number) => expect.closeTo(value, 9);
const scopeOf = (brand: string) => BrandScope.of({ kind: 'reader', keyId: 'test', brandIds: [brand] });

let engine: { gateway: ClickHouseGateway; dispose: () => Promise<void> };
let repository: BenchmarkRepository;
beforeAll(async () => {
  engine = await openTestEngine();
  repository = new BenchmarkRepository(engine.gateway);
  const fixture = benchmarkFixture();
  for (const brand of BENCHMARK_BRANDS) await loadEvents(engine.gateway, brand, fixture.byBrand[brand]);
}, 120_000);
afterAll(() => engine.dispose());

async function storedRows(): Promise<number> {
  const [row] = await engine.gateway.query<{ n: number }>(
    'SELECT count() AS n FROM session_peer_values WHERE layout = {layout:String}',
    { layout: PEER_VALUES_LAYOUT },
    { tag: 'test.count' },
  );
  return Number(row.n);
}

const kpi = (answer: SessionPercentiles | null, name: string) => answer?.kpis.find((k) => k.kpi === name);

describe('stored peer values on the hand-worked fixture (benchmark-fixture.ts)', () => {
  it('answers nothing before the first refresh, then T2 and T4 as worked out by hand', async () => {
    // nothing stored yet: the stored read knows no session
    expect(await repository.percentiles(scopeOf('pb2'), 'T2')).toBeNull();
    await repository.refreshPeerValues();
    // one row per session of the fixture: R, Q1…Q28, X49, X200, Z, T1, T2, T4, T3 = 36
    expect(await storedRows()).toBe(36);

    const t2 = await repository.percentiles(scopeOf('pb2'), 'T2');
    expect(t2?.band).toBe('from50to199');
    // 10 peers below T2's 10 comments (Q1…Q10: 0…9), R and Q11 tied, 30 peers of 3 brands
    expect(kpi(t2, 'comments')).toEqual({ kpi: 'comments', percentile: close(1100 / 30), peers: 30, brands: 3 });
    // Q1 and Q3…Q28 below 60 viewers, R and T1 tied, Q2 (199) above: 100 × (27 + 1) / 30
    expect(kpi(t2, 'uniqueViewers')?.percentile).toEqual(close(2800 / 30));
    // no order: no average order value
    expect(kpi(t2, 'averageOrderValue')).toEqual({
      kpi: 'averageOrderValue',
      percentile: null,
      peers: null,
      brands: null,
    });

    const t4 = await repository.percentiles(scopeOf('pb1'), 'T4');
    // R exactly 90 days before, Q1…Q28, T1, T2 = 31; only Q1 ties at 0 comments: 100 × 0.5 / 31
    expect(kpi(t4, 'comments')).toEqual({ kpi: 'comments', percentile: close(50 / 31), peers: 31, brands: 3 });
    // revenue: Q8 sold in USD and is left out, 30 peers; 29 at 0 below 1000 JPY, Q9 (2000) above
    expect(kpi(t4, 'revenue')).toEqual({ kpi: 'revenue', percentile: close(2900 / 30), peers: 30, brands: 3 });

    // below the thresholds (T1: 29 peers), a live session (Z), another brand's session: as before
    expect((await repository.percentiles(scopeOf('pb1'), 'T1'))?.kpis.every((k) => k.peers === null)).toBe(true);
    expect(await repository.percentiles(scopeOf('pb3'), 'Z')).toBeNull();
    expect(await repository.percentiles(scopeOf('pb2'), 'T1')).toBeNull();
  });

  it('adds nothing on a refresh when nothing changed, and one row for a rebuilt session', async () => {
    await repository.refreshPeerValues();
    expect(await storedRows()).toBe(36);
    // 20 late comments in Q5 (pb1, 4 comments): a new session_stats version, so one more stored row
    await loadEvents(engine.gateway, 'pb1', q5LateComments());
    // not refreshed yet: the stored read still has Q5 at 4 comments (below T2's 10)
    expect(kpi(await repository.percentiles(scopeOf('pb2'), 'T2'), 'comments')?.percentile).toEqual(close(1100 / 30));
    await repository.refreshPeerValues();
    expect(await storedRows()).toBe(37);
    // Q5 now has 24 comments, above T2: 9 below, 2 tied, 30 peers → 100 × (9 + 1) / 30
    expect(kpi(await repository.percentiles(scopeOf('pb2'), 'T2'), 'comments')).toEqual({
      kpi: 'comments',
      percentile: close(1000 / 30),
      peers: 30,
      brands: 3,
    });
  });

  it("stores every finished session's answer after the refresh and reads it in one point read (S13C-2)", async () => {
    await repository.refreshPeerValues();
    await repository.answersStored();
    const [counts] = await engine.gateway.query<{ finished: number; stored: number; peerless: number }>(
      `SELECT (SELECT count() FROM session_peer_values FINAL WHERE layout = {layout:String} AND ended = 1) AS finished,
              countIf(stale = 0) AS stored, countIf(stale = 0 AND has_peers = 0) AS peerless
       FROM session_peer_percentiles FINAL WHERE layout = {layout:String}`,
      { layout: PEER_VALUES_LAYOUT },
      { tag: 'test.count' },
    );
    // every finished session of the fixture (all but the live Z) has its answer; R, the earliest, has no peer
    expect(Number(counts.finished)).toBe(35);
    expect(Number(counts.stored)).toBe(35);
    expect(Number(counts.peerless)).toBeGreaterThanOrEqual(1);
    const tags: string[] = [];
    const stop = engine.gateway.onQuery((e) => tags.push(e.tag));
    try {
      const t2 = await repository.percentiles(scopeOf('pb2'), 'T2');
      expect(kpi(t2, 'comments')?.percentile).toEqual(close(1000 / 30));
      expect(tags).toEqual(['benchmark.stored']);
    } finally {
      stop();
    }
  });

  it('never reads values stored under another KPI layout', async () => {
    // a row as a build with other KPIs would write it: T2's own values, all 0, and a newer version
    await engine.gateway.command(
      `INSERT INTO session_peer_values (layout, brand_id, session_id, started_at, ended, band, currency, kpi_values, version)
       SELECT 'another-layout', brand_id, session_id, started_at, ended, band, currency, arrayMap(x -> 0, kpi_values), version + 1
       FROM session_peer_values FINAL WHERE layout = {layout:String}`,
      { layout: PEER_VALUES_LAYOUT },
      { tag: 'test.otherLayout' },
    );
    expect(kpi(await repository.percentiles(scopeOf('pb2'), 'T2'), 'comments')?.percentile).toEqual(close(1000 / 30));
    expect(await repository.percentiles(scopeOf('pb2'), 'T2')).toEqual(
      await repository.percentilesFromStats(scopeOf('pb2'), 'T2'),
    );
  });
});

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('stored peer values against the formulation over session_stats (random sessions)', () => {
  const BRANDS = ['rb1', 'rb2', 'rb3', 'rb4'];
  const next = random(20261201);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)];
  const specs: BenchmarkSessionSpec[] = [];
  const base = Date.parse('2026-03-01T09:00:00Z');
  for (let i = 0; i < 60; i++) {
    const viewers = pick([30, 48, 50, 50, 60, 80, 120, 150, 199, 200, 220, 260]);
    specs.push({
      id: `RS${i}`,
      brand: pick(BRANDS) as BenchmarkBrand, // the fixture's builder names any brand
      // over 200 days, whole hours: some starts tie, some peers fall just outside a 90-day window
      start: base + Math.floor(next() * 200 * 24) * 3_600_000,
      viewers,
      comments: Math.floor(next() * Math.min(viewers, 40)),
      unmatchedRefunds: pick([0, 0, 0, 1, 2]),
      live: next() < 0.05,
      ...(next() < 0.5
        ? { order: { amount: pick(['500', '1000', '1000', '2500']), currency: pick(['JPY', 'JPY', 'USD'] as const) } }
        : {}),
    });
  }

  beforeAll(async () => {
    for (const brand of BRANDS)
      await loadEvents(
        engine.gateway,
        brand,
        specs.filter((s) => s.brand === (brand as BenchmarkBrand)).flatMap((s) => benchmarkSessionEvents(s)),
      );
  }, 240_000);

  async function compareAll(): Promise<{ shown: number; hidden: number }> {
    await repository.refreshPeerValues();
    // the stored answers (S13C-2), not the counting at read that stands in while they are computed
    await repository.answersStored();
    let shown = 0;
    let hidden = 0;
    for (const spec of specs) {
      const scope = scopeOf(spec.brand);
      const stored = await repository.percentiles(scope, spec.id);
      const computed = await repository.percentilesFromStats(scope, spec.id);
      expect({ id: spec.id, answer: stored }).toEqual({ id: spec.id, answer: computed });
      for (const k of stored?.kpis ?? [])
        if (k.percentile === null) hidden++;
        else shown++;
    }
    return { shown, hidden };
  }

  it('gives every session the same band, percentiles and counts, shown and hidden alike', async () => {
    const { shown, hidden } = await compareAll();
    // the data reaches both sides of the thresholds: some KPIs shown, some hidden
    expect(shown).toBeGreaterThan(BENCHMARK_KPIS.length);
    expect(hidden).toBeGreaterThan(BENCHMARK_KPIS.length);
  }, 120_000);

  it('still does after a third of the sessions are rebuilt with late comments', async () => {
    const late: Record<string, LiveEventInput[]> = {};
    for (const spec of specs.filter((_, i) => i % 3 === 0)) {
      const extra = 1 + Math.floor(next() * 30);
      (late[spec.brand] ??= []).push(
        ...Array.from(
          { length: extra },
          (_, i) =>
            ({
              eventId: `${spec.id}-late-${i}`,
              sessionId: spec.id,
              occurredAt: new Date(spec.start + 90_000).toISOString(),
              type: 'comment',
              viewerId: `${spec.id}-late-viewer-${i}`,
              author: 'viewer',
              text: 'late',
            }) as LiveEventInput,
        ),
      );
    }
    for (const [brand, events] of Object.entries(late)) await loadEvents(engine.gateway, brand, events);
    await compareAll();
  }, 120_000);
});
