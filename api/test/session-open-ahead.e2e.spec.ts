import { jest } from '@jest/globals';
import type { LiveEventInput } from '@lc/contract';
import { BrandScope } from '../src/modules/auth/principal.js';
import { SessionRepository, type SessionRow } from '../src/repositories/session.repository.js';
import { ADMIN, startApi, type ApiHarness } from './api.harness.js';

/**
 * S11R5-1 (docs/METRICS-DECISIONS.md): a sessions list reads ahead what the dashboard's session page
 * reads first — the minute rows and watch groups of its finished sessions — so a session opened from
 * the list reads nothing more. Hand fixture (docs/FIXTURE.md): b1 has S0 (2 viewers, finished) and S1
 * (4 viewers, finished); b2 has S2 (live).
 */
describe('a sessions list reads its session pages ahead (real engine, real HTTP)', () => {
  let api: ApiHarness;
  let tags: string[] = [];
  const LIST = `query($brandId: ID) { sessions(first: 10, sortBy: startedAt, filter: { brandId: $brandId }) { nodes { id } totalCount } }`;
  /** What the dashboard's session page asks for its series and panels (web SessionSeries). */
  const PANELS = `query($id: ID!) { session(id: $id) { minuteSeries { minute watching likes } retention { minute share }
    joinerComparison { early { viewers avgWatchSeconds } late { viewers } } } }`;
  const repository = () => api.app.get(SessionRepository);
  /** The list, then the reads it made ahead, finished. */
  const list = async (brandId: string, token: string) => {
    const r = await api.gql(LIST, { brandId }, token);
    expect(r.errors).toBeUndefined();
    await repository().openedAhead();
    return r.data?.sessions as { nodes: { id: string }[]; totalCount: number };
  };
  const panels = async (id: string) => {
    tags = [];
    const r = await api.gql(PANELS, { id }, api.tokens.b1);
    expect(r.errors).toBeUndefined();
    return r.data?.session as {
      minuteSeries: { minute: number; watching: number; likes: number }[];
      retention: { minute: number; share: number }[];
      joinerComparison: { early: { viewers: number; avgWatchSeconds: number }; late: { viewers: number } };
    };
  };

  beforeAll(async () => {
    api = await startApi();
    api.engine.gateway.onQuery((e) => tags.push(e.tag));
  });
  afterAll(() => api.close());

  it('reads the minute rows and watch groups of a list page in one statement each', async () => {
    tags = [];
    expect(await list('b1', api.tokens.b1)).toEqual({ nodes: [{ id: 'S1' }, { id: 'S0' }], totalCount: 2 });
    expect(tags.filter((t) => t === 'sessions.minutes')).toHaveLength(1);
    expect(tags.filter((t) => t === 'sessions.watchGroups')).toHaveLength(1);
    // started once the answer was ready: after the request's own statements (its totalCount)
    expect(tags.indexOf('sessions.count')).toBeGreaterThan(-1);
    expect(tags.indexOf('sessions.count')).toBeLessThan(tags.indexOf('sessions.minutes'));
  });

  it('opens a listed session without another statement, its numbers as a page of its own would read them', async () => {
    const s1 = await panels('S1');
    // nothing read: the row was kept by the list, the series and groups read ahead
    expect(tags.filter((t) => t.startsWith('sessions.'))).toEqual([]);
    // S1 (FIXTURE.md): minute 0 watching 2, minute 1 watching 2 with 10 + 5 = 15 likes; 20 minutes
    expect(s1.minuteSeries).toHaveLength(20);
    expect(s1.minuteSeries.slice(0, 3)).toEqual([
      { minute: 0, watching: 2, likes: 0 },
      { minute: 1, watching: 2, likes: 15 },
      { minute: 2, watching: 1, likes: 0 },
    ]);
    // watch minutes v1 120 s → 2, v2 30 s → 0, v3 600 s → 10, v4 0 s → 0, of 4 viewers
    expect(s1.retention.map((p) => p.share)).toEqual([
      1,
      0.5,
      0.5,
      ...Array<number>(8).fill(0.25),
      ...Array<number>(10).fill(0),
    ]);
    // early v1, v2: (120 + 30) / 2 = 75 s; late (first event after 600 s) v3, v4
    expect(s1.joinerComparison).toEqual({ early: { viewers: 2, avgWatchSeconds: 75 }, late: { viewers: 2 } });

    const s0 = await panels('S0');
    expect(tags.filter((t) => t.startsWith('sessions.'))).toEqual([]);
    // S0: v1 joins at 10 s (0 s watched), v9 at 20 s with a 60 s dwell; 5 minutes, m0 = 2, m1 = 1
    expect(s0.minuteSeries.map((m) => m.watching)).toEqual([2, 1, 0, 0, 0]);
    // watch minutes v1 0, v9 1 of 2 viewers; both early: (0 + 60) / 2 = 30 s
    expect(s0.retention.map((p) => p.share)).toEqual([1, 0.5, 0, 0, 0, 0]);
    expect(s0.joinerComparison).toEqual({ early: { viewers: 2, avgWatchSeconds: 30 }, late: { viewers: 0 } });
  });

  it('reads nothing ahead for a live session (its next round makes new rows)', async () => {
    tags = [];
    expect(await list('b2', api.tokens.b2)).toEqual({ nodes: [{ id: 'S2' }], totalCount: 1 });
    expect(tags).not.toContain('sessions.minutes');
    expect(tags).not.toContain('sessions.watchGroups');
  });

  it('reads nothing again for a list whose sessions were read ahead before', async () => {
    tags = [];
    await list('b1', api.tokens.b1);
    expect(tags).not.toContain('sessions.minutes');
    expect(tags).not.toContain('sessions.watchGroups');
  });

  describe('on a repository of its own', () => {
    const scope = BrandScope.of({ kind: 'reader', keyId: 'k', brandIds: ['b1'] });
    const rowsOf = async (own: SessionRepository) => own.findByIds(scope, ['S0', 'S1']);

    it('reads a series asked twice at the same time once (a page opened while its list is read ahead)', async () => {
      const own = new SessionRepository(api.engine.gateway);
      const refs = (await rowsOf(own)).map((r) => ({
        id: r.session_id,
        version: r.version,
        viewersVersion: r.viewers_version,
        brandId: r.brand_id,
      }));
      tags = [];
      const [a, b] = await Promise.all([own.minutes(scope, refs), own.minutes(scope, refs)]);
      expect(tags.filter((t) => t === 'sessions.minutes')).toHaveLength(1);
      // minutes with an event (FIXTURE.md), newest session first: S1 0–3 (to 205 s), 5 (v1 leaves at
      // 300 s), 10, 11, 12 (the host's reply at 720 s), 15, 18, 19 (1199 s; the end at 1200 s is the last
      // minute's); S0 0, 1 (dwell at 80 s) and 4 (its end at 300 s, the last of its 5 minutes)
      expect(a.map((m) => `${m.session_id}:${m.minute}`)).toEqual([
        ...[0, 1, 2, 3, 5, 10, 11, 12, 15, 18, 19].map((m) => `S1:${m}`),
        ...[0, 1, 4].map((m) => `S0:${m}`),
      ]);
      expect(b).toEqual(a);
    });

    it('reads at most OPEN_AHEAD_VIEWERS viewers and OPEN_AHEAD_SESSIONS sessions ahead, in list order', async () => {
      const own = new SessionRepository(api.engine.gateway);
      const [s1, s0] = await rowsOf(own);
      // as if S1 had 60 000 viewers and S0 50 000: S1 fits (60 000 ≤ 100 000), S0 would not (110 000)
      const big = (row: SessionRow, viewers: number) => ({
        ...row,
        metrics: { ...row.metrics, uniqueViewers: viewers },
      });
      const gateway = api.engine.gateway;
      const query = gateway.query.bind(gateway);
      const asked: unknown[] = [];
      const spy = jest.spyOn(gateway, 'query').mockImplementation((sql, params, options) => {
        if (options?.tag === 'sessions.minutes' || options?.tag === 'sessions.watchGroups') asked.push(params.ids);
        return query(sql, params, options);
      });
      try {
        own.openAhead(scope, [big(s1, 60_000), big(s0, 50_000)]);
        await own.openedAhead();
      } finally {
        spy.mockRestore();
      }
      expect(asked).toEqual([['S1'], ['S1']]);

      // and at most OPEN_AHEAD_SESSIONS (50) sessions: S1, S0 and 49 more of one viewer each → the first 50
      const more = Array.from({ length: 49 }, (_, i) => ({
        ...s0,
        session_id: `x${i}`,
        metrics: { uniqueViewers: 1 },
      }));
      asked.length = 0;
      const many = jest.spyOn(gateway, 'query').mockImplementation((sql, params, options) => {
        if (options?.tag === 'sessions.minutes') asked.push(params.ids);
        return query(sql, params, options);
      });
      try {
        own.openAhead(scope, [s1, s0, ...more]);
        await own.openedAhead();
      } finally {
        many.mockRestore();
      }
      // the first 50 are S1, S0, x0 … x47 (x48 left out); S1's minute rows were kept by the read above
      expect(asked).toEqual([['S0', ...more.slice(0, 48).map((r) => r.session_id)]]);
    });

    it('logs a failed read ahead and leaves the page to read its own rows', async () => {
      const own = new SessionRepository(api.engine.gateway);
      const rows = await rowsOf(own);
      const gateway = api.engine.gateway;
      const query = gateway.query.bind(gateway);
      let failed = 0;
      const spy = jest.spyOn(gateway, 'query').mockImplementation((sql, params, options) => {
        if (options?.tag === 'sessions.minutes' && failed++ === 0) return Promise.reject(new Error('engine gone'));
        return query(sql, params, options);
      });
      try {
        own.openAhead(scope, rows);
        await own.openedAhead(); // resolves: the failure is logged, not thrown
        const refs = rows.map((r) => ({
          id: r.session_id,
          version: r.version,
          viewersVersion: r.viewers_version,
          brandId: r.brand_id,
        }));
        tags = [];
        const minutes = await own.minutes(scope, refs);
        expect(tags).toContain('sessions.minutes'); // the failed read was not kept
        expect(minutes.filter((m) => m.session_id === 'S0').map((m) => m.watching)).toEqual([2, 1, 0]);
        expect(failed).toBe(2);
      } finally {
        spy.mockRestore();
      }
    });
  });
});

describe("the overview and a commercer's page read their sessions' pages ahead (real engine, real HTTP)", () => {
  let api: ApiHarness;
  let tags: string[] = [];
  beforeAll(async () => {
    api = await startApi();
    api.engine.gateway.onQuery((e) => tags.push(e.tag));
  });
  afterAll(() => api.close());

  it("opens a session from its commercer's page without another statement", async () => {
    const page = await api.gql(
      `{ commercer(id: "c1", brandId: "b1", period: { from: "2026-11-19T00:00:00Z", to: "2026-11-21T00:00:00Z", timeZone: "UTC" }) {
         sessions { id } } }`,
      {},
      api.tokens.b1,
    );
    expect(page.errors).toBeUndefined();
    // Aki Tanaka (c1) hosts S1 (FIXTURE.md); S0 is Mei Sato's (c2)
    expect(page.data?.commercer).toEqual({ sessions: [{ id: 'S1' }] });
    await api.app.get(SessionRepository).openedAhead();
    tags = [];
    const r = await api.gql(`{ session(id: "S1") { retention { share } } }`, {}, api.tokens.b1);
    expect(r.errors).toBeUndefined();
    const shares = (r.data?.session as { retention: { share: number }[] }).retention.map((p) => p.share);
    expect(shares.slice(0, 4)).toEqual([1, 0.5, 0.5, 0.25]);
    expect(tags.filter((t) => t.startsWith('sessions.'))).toEqual([]);
  });

  it('opens a ranked session without another statement', async () => {
    const overview = await api.gql(
      `{ brandOverview(brandId: "b1", period: { from: "2026-11-19T00:00:00Z", to: "2026-11-21T00:00:00Z", timeZone: "UTC" }) {
         best { id } worst { id } } }`,
      {},
      api.tokens.b1,
    );
    expect(overview.errors).toBeUndefined();
    // by revenue: S1 4400 (FIXTURE.md), S0 0
    expect(overview.data?.brandOverview).toEqual({
      best: [{ id: 'S1' }, { id: 'S0' }],
      worst: [{ id: 'S0' }, { id: 'S1' }],
    });
    await api.app.get(SessionRepository).openedAhead();
    tags = [];
    // S0, which the commercer page above did not read ahead
    const r = await api.gql(
      `{ session(id: "S0") { minuteSeries { watching } joinerComparison { early { viewers } late { viewers } } } }`,
      {},
      api.tokens.b1,
    );
    expect(r.errors).toBeUndefined();
    const s0 = r.data?.session as { minuteSeries: { watching: number }[]; joinerComparison: unknown };
    // S0: 5 minutes, m0 = 2 (v1, v9), m1 = 1 (v9's dwell); both joined early
    expect(s0.minuteSeries.map((m) => m.watching)).toEqual([2, 1, 0, 0, 0]);
    expect(s0.joinerComparison).toEqual({ early: { viewers: 2 }, late: { viewers: 0 } });
    expect(tags.filter((t) => t.startsWith('sessions.'))).toEqual([]);
  });
});

describe('a token of several brands: the list reads the session rows ahead too (real engine, real HTTP)', () => {
  let api: ApiHarness;
  let tags: string[] = [];
  const at = (s: number) => new Date(Date.UTC(2026, 10, 1, 9, 0, s)).toISOString();
  // b3 has a finished session named S0 too, as b1 has (FIXTURE.md), started earlier (1 November; b1's S0
  // on 20 November is the newer, the one `session(id: "S0")` answers): one id, two sessions of the scope
  const b3: LiveEventInput[] = [
    {
      eventId: 'b3-start',
      sessionId: 'S0',
      type: 'session_start',
      occurredAt: at(0),
      commercerId: 'c30',
      commercerName: 'Rin',
      commercerKind: 'in_house',
      title: 'Another S0',
      platform: 'app',
    },
    { eventId: 'b3-j1', sessionId: 'S0', type: 'join', occurredAt: at(5), viewerId: 'z1' },
    { eventId: 'b3-end', sessionId: 'S0', type: 'session_end', occurredAt: at(120) },
  ] as LiveEventInput[];

  beforeAll(async () => {
    api = await startApi({ b3: { timeZone: 'UTC', currency: 'JPY', events: b3 } });
    api.engine.gateway.onQuery((e) => tags.push(e.tag));
  });
  afterAll(() => api.close());

  it('reads the rows by id, and the series and groups of every listed session, two of one id too; opens S1 without a statement', async () => {
    const gateway = api.engine.gateway;
    const query = gateway.query.bind(gateway);
    const asked: Record<string, unknown[]> = {};
    const spy = jest.spyOn(gateway, 'query').mockImplementation((sql, params, options) => {
      if (options?.tag) (asked[options.tag] ??= []).push(params.ids);
      return query(sql, params, options);
    });
    try {
      // the admin token without a brand: every brand's sessions
      const r = await api.gql(`{ sessions(first: 10, sortBy: startedAt) { nodes { id } } }`, {}, ADMIN);
      expect(r.errors).toBeUndefined();
      const ids = (r.data?.sessions as { nodes: { id: string }[] }).nodes.map((n) => n.id);
      expect(ids.filter((id) => id === 'S0')).toHaveLength(2);
      expect(ids).toContain('S1');
      await api.app.get(SessionRepository).openedAhead();
    } finally {
      spy.mockRestore();
    }
    // S1, S0 (b1) and S0 (b3) are finished and listed; the live S2 is not asked
    expect((asked['sessions.byIds']?.[0] as string[] | undefined)?.slice().sort()).toEqual(['S0', 'S1']);
    // rows are told apart by brand and id (S11R6-1): both sessions named S0 are read ahead, in list order
    expect(asked['sessions.minutes']).toEqual([['S1', 'S0', 'S0']]);
    expect(asked['sessions.watchGroups']).toEqual([['S1', 'S0', 'S0']]);

    tags = [];
    const s1 = await api.gql(
      `{ session(id: "S1") { minuteSeries { minute watching likes } retention { share } } }`,
      {},
      ADMIN,
    );
    expect(s1.errors).toBeUndefined();
    expect(tags.filter((t) => t.startsWith('sessions.'))).toEqual([]);
    const page = s1.data?.session as {
      minuteSeries: { watching: number; likes: number }[];
      retention: { share: number }[];
    };
    // S1 (FIXTURE.md): minute 1 watching 2 with 10 + 5 = 15 likes; retention 1, 0.5, 0.5, 0.25 …
    expect(page.minuteSeries[1]).toEqual({ minute: 1, watching: 2, likes: 15 });
    expect(page.retention.slice(0, 4).map((p) => p.share)).toEqual([1, 0.5, 0.5, 0.25]);
  });

  it("keeps a brand's notes whole for a token of several brands, and never shows another brand's note of the same id", async () => {
    const note = async (brandId: string, sessionId: string, text: string) => {
      const r = await api.gql(
        'mutation($i: CreateAnnotationInput!) { createAnnotation(input: $i) { id } }',
        { i: { brandId, sessionId, at: '2026-11-20T10:02:00Z', kind: 'NOTE', text } },
        ADMIN,
      );
      expect(r.errors).toBeUndefined();
      return (r.data?.createAnnotation as { id: string }).id;
    };
    const notesOf = async (id: string) => {
      const r = await api.gql('query($id: ID!) { session(id: $id) { brandId annotations { text } } }', { id }, ADMIN);
      expect(r.errors).toBeUndefined();
      return r.data?.session;
    };
    const ids = [await note('b3', 'S0', "b3's S0"), await note('b1', 'S1', "b1's S1")];
    tags = [];
    // S0 names b1's (newer) and b3's session: b1's page shows b1's notes only — none on its S0
    expect(await notesOf('S0')).toEqual({ brandId: 'b1', annotations: [] });
    expect(tags.filter((t) => t === 'annotations.list')).toHaveLength(1);
    tags = [];
    // b1's notes were read whole: S1 of b1 needs no read of its own
    expect(await notesOf('S1')).toEqual({ brandId: 'b1', annotations: [{ text: "b1's S1" }] });
    expect(tags).not.toContain('annotations.list');
    for (const id of ids)
      expect((await api.gql('mutation($id: ID!) { deleteAnnotation(id: $id) }', { id }, ADMIN)).errors).toBeUndefined();
  });

  it("shows each of two sessions of one id in a list with its own series, retention and viewers, not the other's", async () => {
    // the rows kept by the first test's read ahead, or read now: either way each session's own
    const r = await api.gql(
      `{ sessions(first: 10, sortBy: startedAt) { nodes { id brandId minuteSeries { watching } retention { share }
          metrics { uniqueViewers returningViewers benchmark(kpi: gpm) { percentile } } } } }`,
      {},
      ADMIN,
    );
    expect(r.errors).toBeUndefined();
    const nodes = (r.data?.sessions as { nodes: { id: string; brandId: string }[] }).nodes;
    const s0 = (brandId: string) => nodes.find((n) => n.id === 'S0' && n.brandId === brandId);
    // b1's S0 (FIXTURE.md): 5 minutes, m0 = 2 (v1, v9), m1 = 1 (v9's dwell); v1 watched 0 s, v9 60 s →
    // retention 1, 0.5 then 0; 2 viewers, none returning; no peer benchmark in a band of so few sessions
    // (which failed in a scope of several brands before: the session's own row was read by id alone)
    expect(s0('b1')).toEqual({
      id: 'S0',
      brandId: 'b1',
      minuteSeries: [2, 1, 0, 0, 0].map((watching) => ({ watching })),
      retention: [1, 0.5, 0, 0, 0, 0].map((share) => ({ share })),
      metrics: { uniqueViewers: 2, returningViewers: 0, benchmark: null },
    });
    // b3's S0: 120 s → 2 minutes, z1 joins at 5 s (m0 = 1) and watches 0 s → retention 1, 0, 0; 1 viewer
    expect(s0('b3')).toEqual({
      id: 'S0',
      brandId: 'b3',
      minuteSeries: [1, 0].map((watching) => ({ watching })),
      retention: [1, 0, 0].map((share) => ({ share })),
      metrics: { uniqueViewers: 1, returningViewers: 0, benchmark: null },
    });
  });

  it("opens the session of the brand asked by `session(id, brandId)`; without it the newest; another reader's brand is null", async () => {
    const ask = async (args: string, token = ADMIN) => {
      const r = await api.gql(`{ session(${args}) { brandId title minuteSeries { watching } } }`, {}, token);
      expect(r.errors).toBeUndefined();
      return r.data?.session as { brandId: string; title: string; minuteSeries: { watching: number }[] } | null;
    };
    const b3 = await ask('id: "S0", brandId: "b3"');
    expect(b3).toEqual({ brandId: 'b3', title: 'Another S0', minuteSeries: [{ watching: 1 }, { watching: 0 }] });
    // without a brand: b1's S0 (20 November) is newer than b3's (1 November)
    expect((await ask('id: "S0"'))?.brandId).toBe('b1');
    expect((await ask('id: "S0", brandId: "b1"'))?.minuteSeries.map((m) => m.watching)).toEqual([2, 1, 0, 0, 0]);
    // b1's reader: b3's S0 is not theirs, and b2 has no S0
    expect(await ask('id: "S0", brandId: "b3"', api.tokens.b1)).toBeNull();
    expect(await ask('id: "S0", brandId: "b2"')).toBeNull();
  });

  it('sets and clears the host cost of the session of the brand asked, not the newest of the id', async () => {
    const costs = async (brandId: string) => {
      const r = await api.gql(
        `{ sessionCosts(brandId: "${brandId}", sessionIds: ["S0"]) { sessionId amount currency } }`,
        {},
        ADMIN,
      );
      expect(r.errors).toBeUndefined();
      return r.data?.sessionCosts;
    };
    const set = await api.gql(
      'mutation { setSessionCost(sessionId: "S0", brandId: "b3", amount: 5000, currency: "JPY") { sessionId amount } }',
      {},
      ADMIN,
    );
    expect(set.errors).toBeUndefined();
    expect(await costs('b3')).toEqual([{ sessionId: 'S0', amount: 5000, currency: 'JPY' }]);
    // b1's S0 — the newest of the id, which a call without the brand names — has none
    expect(await costs('b1')).toEqual([]);
    const cleared = await api.gql('mutation { clearSessionCost(sessionId: "S0", brandId: "b3") }', {}, ADMIN);
    expect(cleared.data).toEqual({ clearSessionCost: true });
    expect(await costs('b3')).toEqual([]);
  });
});
