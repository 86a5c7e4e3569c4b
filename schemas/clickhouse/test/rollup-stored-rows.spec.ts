import type { LiveEventInput } from '@lc/contract';
import type { ClickHouseGateway } from '../src/clickhouse.gateway.js';
import { RollupRefresher } from '../src/rollup.repository.js';
import { eventRows, openTestEngine } from '../src/testing/index.js';

/**
 * A round counts each session's stored rows when it opens (which path is cheaper; a live session on the
 * whole path keeps the count as its `events_read`). The sessions its last round here counted as large are
 * counted each on its own (at most eight: the engine answers a one-session count from the primary key),
 * the others in one count grouped by session: every session must get its own count either way.
 */
describe('the stored rows a round counts per session', () => {
  let engine: Awaited<ReturnType<typeof openTestEngine>>;
  let gateway: ClickHouseGateway;
  beforeAll(async () => {
    engine = await openTestEngine();
    gateway = engine.gateway;
  });
  afterAll(() => engine.dispose());

  const BRAND = 'stored';
  const START = Date.UTC(2026, 10, 20, 12, 0, 0);
  /** Ten live sessions: S1 … S10. */
  const ids = Array.from({ length: 10 }, (_, i) => `S${i + 1}`);

  /** Session S<n>'s events numbered `from` … `to` (1: its session_start; the rest likes a second apart). */
  const eventsOf = (sessionId: string, from: number, to: number): LiveEventInput[] =>
    Array.from({ length: to - from + 1 }, (_, k) => {
      const n = from + k;
      const head = { eventId: `${sessionId}-${n}`, sessionId, occurredAt: new Date(START + n * 1000).toISOString() };
      return (
        n === 1
          ? {
              ...head,
              type: 'session_start',
              commercerId: 'c1',
              commercerName: 'Aoi',
              commercerKind: 'in_house',
              title: sessionId,
              platform: 'app',
            }
          : { ...head, type: 'like', viewerId: `v${n}`, count: 1, stamp: 'heart' }
      ) as LiveEventInput;
    });
  const insert = (events: LiveEventInput[]) =>
    gateway.insert('events', eventRows(BRAND, events), { tag: 'test.insert' });
  const eventsRead = async (): Promise<Record<string, number>> =>
    Object.fromEntries(
      (
        await gateway.query<{ session_id: string; events_read: number }>(
          `SELECT session_id, argMax(events_read, version) AS events_read FROM session_stats
           WHERE brand_id = {b:String} GROUP BY session_id`,
          { b: BRAND },
          { tag: 'test.stats' },
        )
      ).map((r) => [r.session_id, Number(r.events_read)]),
    );

  it('counts each of ten sessions alike: all grouped, then eight alone and two grouped, then all alone', async () => {
    // S<n> holds n events: its start and n − 1 likes
    await insert(ids.flatMap((id, i) => eventsOf(id, 1, i + 1)));
    // live sessions of a few events take the whole path, which keeps the count (the live path's threshold is
    // not reached); every session counted before is "large" here
    const refresher = new RollupRefresher(gateway, { storedRowsOneByOneFrom: 0 });
    await refresher.refreshSessions(BRAND, ids); // none counted before: all ten grouped
    expect(await eventsRead()).toEqual({ S1: 1, S2: 2, S3: 3, S4: 4, S5: 5, S6: 6, S7: 7, S8: 8, S9: 9, S10: 10 });

    // two more likes each; all ten again: the eight largest (S3 … S10) alone, S1 and S2 grouped
    await insert(ids.flatMap((id, i) => eventsOf(id, i + 2, i + 3)));
    await refresher.refreshSessions(BRAND, ids);
    expect(await eventsRead()).toEqual({ S1: 3, S2: 4, S3: 5, S4: 6, S5: 7, S6: 8, S7: 9, S8: 10, S9: 11, S10: 12 });

    // one more like each; rounds of three, three, three and one session: every one alone
    await insert(ids.flatMap((id, i) => eventsOf(id, i + 4, i + 4)));
    for (const chunk of [ids.slice(0, 3), ids.slice(3, 6), ids.slice(6, 9), ids.slice(9)])
      await refresher.refreshSessions(BRAND, chunk);
    expect(await eventsRead()).toEqual({ S1: 4, S2: 5, S3: 6, S4: 7, S5: 8, S6: 9, S7: 10, S8: 11, S9: 12, S10: 13 });
  });
});
