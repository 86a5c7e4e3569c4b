import { jest } from '@jest/globals';
import type { LiveEventInput } from '@lc/contract';
import { T0 } from '@lc/contract/testing';
import { loadEvents } from '@lc/clickhouse/testing';
import { BrandScope } from '../src/modules/auth/principal.js';
import { SessionRepository } from '../src/repositories/session.repository.js';
import { NOTES_LIST_LIMIT } from '../src/repositories/annotation.repository.js';
import { startApi, type ApiHarness } from './api.harness.js';

/**
 * Issue 11 (reads-11): a session page reads its rows once per rollup version. Hand fixture
 * (docs/FIXTURE.md): S1 has viewers v1–v4, likes 10 (v1, 70 s) + 5 (v2, 80 s) = 15, both in
 * minute 1; v1 also watched S0 the day before, so 1 returning viewer and 3 new ones.
 */
describe('session reads kept per rollup version (real engine, real HTTP)', () => {
  let api: ApiHarness;
  let tags: string[] = [];
  const PAGE = `{ session(id: "S1") { metrics { uniqueViewers likes returningViewers newViewers }
    minuteSeries { minute likes } retention { minute share } } }`;
  const page = async (token = api.tokens.b1) => {
    tags = [];
    const r = await api.gql(PAGE, {}, token);
    expect(r.errors).toBeUndefined();
    return r.data?.session as {
      metrics: { uniqueViewers: number; likes: number; returningViewers: number; newViewers: number };
      minuteSeries: { minute: number; likes: number }[];
      retention: { minute: number; share: number }[];
    } | null;
  };
  /** The retention and late-vs-early panels alone (S11R4-1): no returning viewers asked. */
  const panels = async () => {
    tags = [];
    const r = await api.gql(
      `{ session(id: "S1") { retention { minute share }
         joinerComparison { early { viewers avgWatchSeconds } late { viewers avgWatchSeconds } } } }`,
      {},
      api.tokens.b1,
    );
    expect(r.errors).toBeUndefined();
    return r.data?.session as {
      retention: { minute: number; share: number }[];
      joinerComparison: Record<'early' | 'late', { viewers: number; avgWatchSeconds: number }>;
    };
  };
  const event = (sessionId: string, base: number, seconds: number, rest: Record<string, unknown>) =>
    ({
      eventId: `cache-${sessionId}-${seconds}-${rest.type as string}`,
      sessionId,
      occurredAt: new Date(base + seconds * 1000).toISOString(),
      ...rest,
    }) as LiveEventInput;
  /** A hand-made session's start, by Aki Tanaka (c1) on tiktok. */
  const startOf = (sessionId: string, base: number, title: string) =>
    event(sessionId, base, 0, {
      type: 'session_start',
      commercerId: 'c1',
      commercerName: 'Aki Tanaka',
      commercerKind: 'professional',
      title,
      platform: 'tiktok',
    });

  beforeAll(async () => {
    api = await startApi();
    api.engine.gateway.onQuery((e) => tags.push(e.tag));
  });
  afterAll(() => api.close());

  it('reads the rows on the first open, then nothing while nothing was written', async () => {
    const first = await page();
    expect(first?.metrics).toEqual({ uniqueViewers: 4, likes: 15, returningViewers: 1, newViewers: 3 });
    expect(first?.minuteSeries[1]).toEqual({ minute: 1, likes: 15 });
    expect(tags).toEqual(
      expect.arrayContaining(['rollups.brandStates', 'sessions.byIds', 'sessions.minutes', 'sessions.viewerGroups']),
    );

    const again = await page();
    expect(again).toEqual(first);
    // no statement at all: no write to session_stats or annotations finished since the states were
    // read, and the embedded engine is written by this process only (S11R2-1)
    expect(tags).toEqual([]);
  });

  it("reads the retention and late-vs-early panels without the brand's first sessions when no returning viewers are asked", async () => {
    const s = await panels();
    // watch minutes (FIXTURE.md): v1 120 s → 2, v2 30 s → 0, v3 600 s → 10, v4 0 s → 0, of 4 viewers;
    // 20 minutes → shares for k = 0 … 20
    expect(s.retention.map((p) => p.share)).toEqual([
      1,
      0.5,
      0.5,
      ...Array<number>(8).fill(0.25),
      ...Array<number>(10).fill(0),
    ]);
    // early v1, v2: (120 + 30) / 2; late (first event > 600 s) v3, v4: (600 + 0) / 2
    expect(s.joinerComparison).toEqual({
      early: { viewers: 2, avgWatchSeconds: 75 },
      late: { viewers: 2, avgWatchSeconds: 300 },
    });
    expect(tags).toContain('sessions.watchGroups');
    expect(tags).not.toContain('sessions.viewerGroups');
  });

  it('never hands a row read for one brand to a reader of another', async () => {
    expect(await page(api.tokens.b2)).toBeNull();
  });

  it('shows new events of the session at once: a new rollup version is read again', async () => {
    // v5 joins S1 at 10 s and likes 3 times at 75 s (minute 1): 5 viewers, 15 + 3 = 18 likes, 18 in minute 1;
    // v5 watched no earlier session of b1, so still 1 returning viewer and now 4 new ones.
    await loadEvents(api.engine.gateway, 'b1', [
      event('S1', T0, 10, { type: 'join', viewerId: 'v5' }),
      event('S1', T0, 75, { type: 'like', viewerId: 'v5', count: 3 }),
    ]);
    const after = await page();
    expect(after?.metrics).toEqual({ uniqueViewers: 5, likes: 18, returningViewers: 1, newViewers: 4 });
    expect(after?.minuteSeries[1]).toEqual({ minute: 1, likes: 18 });
    expect(tags).toEqual(expect.arrayContaining(['sessions.byIds', 'sessions.minutes', 'sessions.viewerGroups']));
  });

  it('recounts returning viewers when another session of the brand changes, keeping the minute rows of S1', async () => {
    // A session two days before S1 (so before S0 too) where v3 watched: S1's version does not move,
    // but v3 now has an earlier session of b1, so S1 has 2 returning viewers (v1, v3) of 5, 3 new.
    const before = T0 - 2 * 86_400_000;
    const early = async () => (await api.gql('{ session(id: "S-early") { id } }', {}, api.tokens.b1)).data?.session;
    expect(await early()).toBeNull(); // not there yet: an answer kept as "none" for b1's state now
    await loadEvents(api.engine.gateway, 'b1', [
      startOf('S-early', before, 'Early'),
      event('S-early', before, 10, { type: 'join', viewerId: 'v3' }),
      event('S-early', before, 100, { type: 'session_end' }),
    ]);
    expect(await early()).toEqual({ id: 'S-early' });
    const after = await page();
    expect(after?.metrics).toEqual({ uniqueViewers: 5, likes: 18, returningViewers: 2, newViewers: 3 });
    // the brand's state moved: the session row and the viewer groups are read again; the minute rows
    // belong to S1's version alone, which did not move
    expect(tags).toEqual(expect.arrayContaining(['sessions.byIds', 'sessions.viewerGroups']));
    expect(tags).not.toContain('sessions.minutes');
  });

  it('keeps the watch groups of a viewer round whatever else of the brand changes', async () => {
    // S1 now: v5 joined at 10 s (early) beside v1, v2; late v3, v4
    const first = await panels();
    expect(first.joinerComparison.early.viewers).toBe(3);
    expect(first.joinerComparison.late.viewers).toBe(2);
    expect(first.retention[0]).toEqual({ minute: 0, share: 1 });

    // a session of b1 the day after S1: the brand's state moves, S1's viewer round does not
    const next = T0 + 86_400_000;
    await loadEvents(api.engine.gateway, 'b1', [
      startOf('S-next', next, 'Next'),
      event('S-next', next, 10, { type: 'join', viewerId: 'v2' }),
      event('S-next', next, 100, { type: 'session_end' }),
    ]);
    expect(await panels()).toEqual(first);
    // the session row is read again under the brand's new state; the watch groups are not
    expect(tags).toContain('sessions.byIds');
    expect(tags).not.toContain('sessions.watchGroups');
    // the groups with returning viewers follow the brand's state: read again (S-next is later than
    // S1, so still v1 and v3 returning of 5)
    const withReturning = await page();
    expect(withReturning?.metrics).toEqual({ uniqueViewers: 5, likes: 18, returningViewers: 2, newViewers: 3 });
    expect(tags).toContain('sessions.viewerGroups');
    expect(tags).not.toContain('sessions.watchGroups');
  });

  it('reads a session once for the three requests a dashboard page sends at the same time (S11R4-2)', async () => {
    // a viewer joins S-next: b1's state moves, so S1's row is read again — once for all three requests
    await loadEvents(api.engine.gateway, 'b1', [
      event('S-next', T0 + 86_400_000, 50, { type: 'join', viewerId: 'v7' }),
    ]);
    tags = [];
    const answers = await Promise.all(
      ['metrics { uniqueViewers likes }', 'minuteSeries { minute likes }', 'annotations { id }'].map((fields) =>
        api.gql(`{ session(id: "S1") { id ${fields} } }`, {}, api.tokens.b1),
      ),
    );
    expect(answers.map((a) => a.errors)).toEqual([undefined, undefined, undefined]);
    expect(answers[0].data?.session).toEqual({ id: 'S1', metrics: { uniqueViewers: 5, likes: 18 } });
    expect((answers[1].data?.session as { minuteSeries: unknown[] }).minuteSeries[1]).toEqual({ minute: 1, likes: 18 });
    expect(answers[2].data?.session).toEqual({ id: 'S1', annotations: [] });
    expect(tags.filter((t) => t === 'sessions.byIds')).toHaveLength(1);
  });

  it('does not keep a failed read of a session for the requests after it', async () => {
    const repository = new SessionRepository(api.engine.gateway);
    const scope = BrandScope.of({ kind: 'reader', keyId: 'k', brandIds: ['b1'] });
    const gateway = api.engine.gateway;
    const query = gateway.query.bind(gateway);
    let failed = 0;
    const spy = jest
      .spyOn(gateway, 'query')
      .mockImplementation((sql, params, options) =>
        options?.tag === 'sessions.byIds' && failed++ === 0
          ? Promise.reject(new Error('engine gone'))
          : query(sql, params, options),
      );
    try {
      // the session's read fails; the next call reads it again rather than wait on the failed one
      await expect(repository.findByIds(scope, ['S1'])).rejects.toThrow('engine gone');
      const [row] = await repository.findByIds(scope, ['S1']);
      expect([row.session_id, row.metrics.uniqueViewers, row.metrics.likes]).toEqual(['S1', 5, 18]);
      expect(failed).toBe(2);
    } finally {
      spy.mockRestore();
    }
  });

  it('asks the engine for the rollup states once for requests that ask at the same time', async () => {
    const repository = new SessionRepository(api.engine.gateway);
    const scope = BrandScope.of({ kind: 'reader', keyId: 'k', brandIds: ['b1'] });
    tags = [];
    const [a, b] = await Promise.all([repository.findByIds(scope, ['S1']), repository.findByIds(scope, ['S1'])]);
    expect(tags.filter((t) => t === 'rollups.brandStates')).toHaveLength(1);
    expect(a.map((r) => [r.session_id, r.metrics.likes])).toEqual([['S1', 18]]);
    expect(b).toEqual(a);
    // each caller gets its own copy: decorating one answer leaves the other (and the kept row) alone
    a[0].metrics.likes = -1;
    expect(b[0].metrics.likes).toBe(18);
    expect((await repository.findByIds(scope, ['S1']))[0].metrics.likes).toBe(18);
  });

  it('keeps the notes of a session until a note of its brand is written or deleted', async () => {
    const notes = async () => {
      tags = [];
      const r = await api.gql('{ session(id: "S1") { annotations { id text } } }', {}, api.tokens.b1);
      expect(r.errors).toBeUndefined();
      return (r.data?.session as { annotations: { id: string; text: string }[] }).annotations;
    };
    expect(await notes()).toEqual([]);
    expect(await notes()).toEqual([]);
    expect(tags).toEqual([]);

    const created = await api.gql(
      'mutation($i: CreateAnnotationInput!) { createAnnotation(input: $i) { id } }',
      {
        i: { brandId: 'b1', sessionId: 'S1', at: '2026-11-20T11:02:00Z', kind: 'FEATURED_PRODUCT', text: 'Navy coat' },
      },
      api.tokens.b1,
    );
    expect(created.errors).toBeUndefined();
    const id = (created.data?.createAnnotation as { id: string }).id;
    expect(await notes()).toEqual([{ id, text: 'Navy coat' }]);
    expect(tags).toEqual(expect.arrayContaining(['rollups.brandStates', 'annotations.list']));
    expect(await notes()).toEqual([{ id, text: 'Navy coat' }]);
    expect(tags).toEqual([]);

    // the brand's notes were read whole: another session of the brand needs no read of its own
    tags = [];
    const other = await api.gql('{ session(id: "S0") { annotations { id } } }', {}, api.tokens.b1);
    expect(other.errors).toBeUndefined();
    expect(other.data?.session).toEqual({ annotations: [] });
    expect(tags).not.toContain('annotations.list');

    const deleted = await api.gql('mutation($id: ID!) { deleteAnnotation(id: $id) }', { id }, api.tokens.b1);
    expect(deleted.errors).toBeUndefined();
    expect(await notes()).toEqual([]);
  });

  it('reads the notes of a brand once for two pages of the brand opened at the same time', async () => {
    // a note written: the brand's notes state moves, so both pages miss what was kept
    const created = await api.gql(
      'mutation($i: CreateAnnotationInput!) { createAnnotation(input: $i) { id } }',
      { i: { brandId: 'b1', sessionId: 'S0', at: '2026-11-20T10:01:00Z', kind: 'NOTE', text: 'Both' } },
      api.tokens.b1,
    );
    expect(created.errors).toBeUndefined();
    tags = [];
    const [s0, s1] = await Promise.all(
      ['S0', 'S1'].map((id) =>
        api.gql('query($id: ID!) { session(id: $id) { annotations { text } } }', { id }, api.tokens.b1),
      ),
    );
    expect([s0.data?.session, s1.data?.session]).toEqual([{ annotations: [{ text: 'Both' }] }, { annotations: [] }]);
    expect(tags.filter((t) => t === 'annotations.list')).toHaveLength(1);
    const id = (created.data?.createAnnotation as { id: string }).id;
    expect(
      (await api.gql('mutation($id: ID!) { deleteAnnotation(id: $id) }', { id }, api.tokens.b1)).errors,
    ).toBeUndefined();
  });

  it('reads the notes per session when the brand has more than one read returns', async () => {
    // NOTES_LIST_LIMIT notes on another session, all earlier than S1's: a read of the brand's notes
    // returns those only, so S1's note must come from a read of S1's
    await api.engine.gateway.insert(
      'annotations',
      Array.from({ length: NOTES_LIST_LIMIT }, (_, i) => ({
        brand_id: 'b1',
        annotation_id: `many-${i}`,
        session_id: 'S-many',
        at: '2026-11-01 10:00:00.000',
        kind: 'NOTE',
        text: `note ${i}`,
        created_at: '2026-11-01 10:00:00.000',
        deleted: 0,
        version: 1,
      })),
      { tag: 'test.notes' },
    );
    const created = await api.gql(
      'mutation($i: CreateAnnotationInput!) { createAnnotation(input: $i) { id } }',
      { i: { brandId: 'b1', sessionId: 'S1', at: '2026-11-20T11:03:00Z', kind: 'NOTE', text: 'Late' } },
      api.tokens.b1,
    );
    expect(created.errors).toBeUndefined();
    const read = async () =>
      (await api.gql('{ session(id: "S1") { annotations { text } } }', {}, api.tokens.b1)).data?.session;
    expect(await read()).toEqual({ annotations: [{ text: 'Late' }] });
    tags = [];
    expect(await read()).toEqual({ annotations: [{ text: 'Late' }] });
    expect(tags).toEqual([]);
  });

  it('keeps the merchandise rows of a session until its rollup changes', async () => {
    // S1 (docs/FIXTURE.md): p1 in o1 2 × 1200 = 2400; p2 in o1 1 × 500 and o2 3 × 500 = 2000, 4 units
    const MERCHANDISE = `{ session(id: "S1") { products { productId orders units revenue } } }`;
    const products = async () => {
      tags = [];
      const r = await api.gql(MERCHANDISE, {}, api.tokens.b1);
      expect(r.errors).toBeUndefined();
      return (r.data?.session as { products: unknown[] }).products;
    };
    expect(await products()).toEqual([
      { productId: 'p1', orders: 1, units: 2, revenue: 2400 },
      { productId: 'p2', orders: 2, units: 4, revenue: 2000 },
    ]);
    expect(tags).toContain('sessions.merchandise');
    await products();
    expect(tags).not.toContain('sessions.merchandise');

    // v2 buys p1 1 × 1200 at 900 s (o3): p1 2 orders, 3 units, 3600 — read again from the new version
    await loadEvents(api.engine.gateway, 'b1', [
      event('S1', T0, 900, {
        type: 'purchase',
        viewerId: 'v2',
        orderId: 'o3',
        currency: 'JPY',
        items: [{ productId: 'p1', quantity: 1, unitPrice: '1200' }],
      }),
    ]);
    expect(await products()).toEqual([
      { productId: 'p1', orders: 2, units: 3, revenue: 3600 },
      { productId: 'p2', orders: 2, units: 4, revenue: 2000 },
    ]);
    expect(tags).toContain('sessions.merchandise');
  });

  it('opens a session from the sessions list without reading its row again', async () => {
    // a new session of b1 (nothing of it read yet): v1 and v2 join, v2 likes 4 → 2 viewers, 4 likes
    const start = Date.parse('2026-11-22T09:00:00Z');
    await loadEvents(api.engine.gateway, 'b1', [
      startOf('S-list', start, 'From the list'),
      event('S-list', start, 5, { type: 'join', viewerId: 'v1' }),
      event('S-list', start, 6, { type: 'join', viewerId: 'v2' }),
      event('S-list', start, 9, { type: 'like', viewerId: 'v2', count: 4 }),
    ]);
    tags = [];
    const list = await api.gql(`{ sessions(sortBy: likes) { nodes { id } } }`, {}, api.tokens.b1);
    expect(list.errors).toBeUndefined();
    expect((list.data?.sessions as { nodes: { id: string }[] }).nodes.map((n) => n.id)).toContain('S-list');
    expect(tags).toContain('sessions.list.likes');

    tags = [];
    const opened = await api.gql(
      `{ session(id: "S-list") { title startedAt metrics { uniqueViewers likes } } }`,
      {},
      api.tokens.b1,
    );
    expect(opened.errors).toBeUndefined();
    expect(opened.data?.session).toEqual({
      title: 'From the list',
      startedAt: '2026-11-22T09:00:00.000Z',
      metrics: { uniqueViewers: 2, likes: 4 },
    });
    expect(tags).not.toContain('sessions.byIds');

    // the row kept from a list sorted by another field is the row a read by id gives, sort key included
    const scope = BrandScope.of({ kind: 'reader', keyId: 'k', brandIds: ['b1'] });
    const listed = new SessionRepository(api.engine.gateway);
    await listed.list(scope, { sortBy: 'likes', direction: 'DESC', limit: 50 });
    tags = [];
    const kept = await listed.findByIds(scope, ['S-list', 'S1']);
    expect(tags).not.toContain('sessions.byIds');
    expect(kept).toEqual(await new SessionRepository(api.engine.gateway).findByIds(scope, ['S-list', 'S1']));
  });
});
