import { validateEvent, type LiveEventInput } from '@lc/contract';
import { handFixture } from '@lc/contract/testing';
import type { ClickHouseGateway } from '../src/clickhouse.gateway.js';
import { toEventRow } from '../src/event.row.js';
import { RollupRefresher } from '../src/rollup.repository.js';
import { roundStartOfVersion } from '../src/row-version.js';
import { HAND_SESSION_STATS, openTestEngine } from '../src/testing/index.js';

/**
 * Several ingest processes rebuild rollups on one engine, each on its own schedule: the same
 * session may be rebuilt by two of them at once, from different snapshots of its events. Readers
 * follow the highest version, so the round that started last (and so saw every event committed
 * before it) must carry it — whichever finishes last. (docs/ARCHITECTURE.md, "Several ingest replicas".)
 */
describe('rollup rebuilds racing each other on one engine', () => {
  let engine: Awaited<ReturnType<typeof openTestEngine>>;
  let gateway: ClickHouseGateway;
  beforeAll(async () => {
    engine = await openTestEngine();
    gateway = engine.gateway;
  });
  afterAll(() => engine.dispose());

  /** The hand fixture's brand b1 (S0, then S1) under another brand id, so each test starts empty. */
  const fixtureRows = (brandId: string, events: readonly LiveEventInput[]) =>
    events.map((input) => {
      const result = validateEvent(input);
      if (!result.ok) throw new Error(`fixture event ${input.eventId} is invalid`);
      return toEventRow(result.event, brandId);
    });
  const insert = (rows: object[]) => gateway.insert('events', rows, { tag: 'test.insert' });

  const stats = async (brandId: string, sessionId: string) =>
    (
      await gateway.query<Record<string, unknown> & { version: number; events_read: number }>(
        'SELECT * FROM session_stats FINAL WHERE brand_id = {b:String} AND session_id = {s:String}',
        { b: brandId, s: sessionId },
        { tag: 'test.stats' },
      )
    )[0];
  const statsRows = async (brandId: string, sessionId: string) =>
    (
      await gateway.query<{ n: number }>(
        'SELECT count() AS n FROM session_stats WHERE brand_id = {b:String} AND session_id = {s:String}',
        { b: brandId, s: sessionId },
        { tag: 'test.stats' },
      )
    )[0].n;

  /** A gateway whose `rollup.frame` reads wait for `release()`: a round paused after it read the session's frame. */
  function pausedAfterFirstRead(): { gateway: ClickHouseGateway; read: Promise<void>; release: () => void } {
    let release!: () => void;
    let markRead!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const read = new Promise<void>((resolve) => (markRead = resolve));
    const paused = {
      query: async (...args: Parameters<ClickHouseGateway['query']>) => {
        const rows = await gateway.query(...args);
        if (args[2].tag === 'rollup.frame') {
          markRead();
          await gate;
        }
        return rows;
      },
      command: (...args: Parameters<ClickHouseGateway['command']>) => gateway.command(...args),
      longestWriteMs: (...args: Parameters<ClickHouseGateway['longestWriteMs']>) => gateway.longestWriteMs(...args),
    };
    return { gateway: paused as unknown as ClickHouseGateway, read, release };
  }

  it('keeps the rebuild that saw every event when one that saw fewer finishes after it', async () => {
    const s1 = handFixture().byBrand.b1.filter((e) => e.sessionId === 'S1');
    const rows = fixtureRows('race', s1);
    const late = rows.slice(-5); // the last host reply, v3's last dwell, v4's purchase and session_end
    await insert(rows.slice(0, -5));

    // Process A starts a rebuild and reads S1 before the last events are committed…
    const a = pausedAfterFirstRead();
    const stale = new RollupRefresher(a.gateway).refreshSessions('race', ['S1']);
    await a.read;
    // …process B commits them and rebuilds S1 from every event…
    await insert(late);
    await new RollupRefresher(gateway).refreshSessions('race', ['S1']);
    const fresh = await stats('race', 'S1');
    expect(fresh).toMatchObject(HAND_SESSION_STATS.S1);
    // …then A writes its rows, computed from the older read, last.
    a.release();
    await stale;

    const current = await stats('race', 'S1');
    expect(current).toMatchObject(HAND_SESSION_STATS.S1);
    expect(current.version).toBe(fresh.version);
    expect(current.events_read).toBe(s1.length);
    expect(roundStartOfVersion(current.version)).not.toBeNull();
    expect(await statsRows('race', 'S1')).toBe(2); // A's row is there, and loses
  });

  it('gives the same rollup when two processes rebuild from every event at once, and skips a rebuild with nothing new', async () => {
    const s0 = handFixture().byBrand.b1.filter((e) => e.sessionId === 'S0');
    await insert(fixtureRows('twice', s0));
    await Promise.all([
      new RollupRefresher(gateway).refreshSessions('twice', ['S0']),
      new RollupRefresher(gateway).refreshSessions('twice', ['S0']),
    ]);
    const built = await stats('twice', 'S0');
    expect(built).toMatchObject(HAND_SESSION_STATS.S0);
    expect(built.events_read).toBe(s0.length);
    const rows = await statsRows('twice', 'S0');
    expect(rows).toBeLessThanOrEqual(2);

    // Delivered again: no new event id, so no new rollup rows either.
    await insert(fixtureRows('twice', s0));
    await new RollupRefresher(gateway).refreshSessions('twice', ['S0']);
    expect(await statsRows('twice', 'S0')).toBe(rows);
    expect((await stats('twice', 'S0')).version).toBe(built.version);
  });
});
