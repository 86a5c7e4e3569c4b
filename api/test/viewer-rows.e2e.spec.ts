import { RollupRefresher, toEventRow } from '@lc/clickhouse';
import { validateEvent, type LiveEventInput } from '@lc/contract';
import { startApi, type ApiHarness } from './api.harness.js';

/**
 * A big live session's rounds may leave its viewer rows for later (docs/ARCHITECTURE.md "Viewer rows
 * on their own cadence", docs/METRICS-DECISIONS.md V-1): its KPIs follow every round, and what the API
 * reads per viewer follows the round its stats name in `viewers_version` — the earlier, complete rows,
 * never none. Here a round defers from 2 viewers on (`viewerRowsFrom: 2`).
 */

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 20, 12, 0, seconds)).toISOString();
const S = 'D1';
/** v1 joins from an ad and likes 2; v2 joins as a follower and comments. */
const FIRST: LiveEventInput[] = [
  {
    eventId: 'd-1',
    type: 'session_start',
    sessionId: S,
    occurredAt: at(0),
    commercerId: 'c1',
    commercerName: 'Aoi',
    commercerKind: 'professional',
    title: 'Live',
    platform: 'tiktok',
  },
  { eventId: 'd-2', type: 'join', sessionId: S, occurredAt: at(1), viewerId: 'v1', source: 'ad' },
  { eventId: 'd-3', type: 'like', sessionId: S, occurredAt: at(2), viewerId: 'v1', count: 2 },
  { eventId: 'd-4', type: 'join', sessionId: S, occurredAt: at(3), viewerId: 'v2', source: 'follower' },
  { eventId: 'd-5', type: 'comment', sessionId: S, occurredAt: at(4), viewerId: 'v2', author: 'viewer', text: 'hi' },
];
/** v3 joins from search and likes 3. */
const SECOND: LiveEventInput[] = [
  { eventId: 'd-6', type: 'join', sessionId: S, occurredAt: at(10), viewerId: 'v3', source: 'search' },
  { eventId: 'd-7', type: 'like', sessionId: S, occurredAt: at(11), viewerId: 'v3', count: 3 },
];

const QUERY = `{
  session(id: "${S}") {
    metrics { uniqueViewers likes }
    joinerComparison { early { viewers } late { viewers } }
    trafficSources { source viewers }
  }
  brandOverview(period: { from: "2026-11-20T00:00:00Z", to: "2026-11-21T00:00:00Z", timeZone: "UTC" }) {
    metrics { views uniqueViewers }
  }
}`;

describe('viewer rows left for later: what the API reads per viewer', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ bd: { timeZone: 'UTC', currency: 'JPY', events: FIRST } });
  });
  afterAll(() => api.close());

  const read = async () => {
    const result = await api.gql(QUERY, {}, api.tokens.bd);
    expect(result.errors).toBeUndefined();
    return result.data;
  };

  it('reads the earlier complete viewer rows while the KPIs move on, and the new ones once written', async () => {
    const rows = SECOND.map((input) => {
      const checked = validateEvent(input);
      if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
      return toEventRow(checked.event, 'bd');
    });
    await api.engine.gateway.insert('events', rows, { tag: 'test.insert' });
    await new RollupRefresher(api.engine.gateway, { viewerRowsFrom: 2, viewerRowsEveryMs: 3_600_000 }).refreshSessions(
      'bd',
      [S],
    );
    // KPIs: 3 viewers, 2 + 3 likes. Per viewer: round 1's rows (v1 and v2, both joined in the first 10 min).
    expect(await read()).toEqual({
      session: {
        metrics: { uniqueViewers: 3, likes: 5 },
        joinerComparison: { early: { viewers: 2 }, late: { viewers: 0 } },
        trafficSources: [
          { source: 'ad', viewers: 1 },
          { source: 'follower', viewers: 1 },
        ],
      },
      brandOverview: { metrics: { views: 3, uniqueViewers: 2 } },
    });

    // Due at once: the next round writes them.
    await new RollupRefresher(api.engine.gateway, { viewerRowsFrom: 2, viewerRowsEveryMs: 0 }).refreshSessions('bd', [
      S,
    ]);
    expect(await read()).toEqual({
      session: {
        metrics: { uniqueViewers: 3, likes: 5 },
        joinerComparison: { early: { viewers: 3 }, late: { viewers: 0 } },
        trafficSources: [
          { source: 'ad', viewers: 1 },
          { source: 'follower', viewers: 1 },
          { source: 'search', viewers: 1 },
        ],
      },
      brandOverview: { metrics: { views: 3, uniqueViewers: 3 } },
    });
  });
});
