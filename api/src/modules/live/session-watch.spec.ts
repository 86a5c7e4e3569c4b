import { jest } from '@jest/globals';
import type { LiveEventInput } from '@lc/contract';
import { sessionStartEvent } from '@lc/contract/testing';
import { BrandRepository, RollupRefresher } from '@lc/clickhouse';
import { openTestEngine, loadEvents, eventRows } from '@lc/clickhouse/testing';
import { LiveRepository, RECENT_MINUTES_TAG } from '../../repositories/live.repository.js';
import { RollupStateRepository } from '../../repositories/rollup-state.repository.js';
import { SessionRepository } from '../../repositories/session.repository.js';
import { BrandScope } from '../auth/principal.js';
import { BrandAccessService } from '../brands/brand-access.service.js';
import type { SessionDto } from '../sessions/dtos/session.dto.js';
import { LiveSumsAhead } from '../sessions/live-ahead.js';
import { SessionService } from '../sessions/session.service.js';
import { SessionWatch } from './session-watch.js';

/**
 * The watch learns of a rebuild that ran on its own gateway at once, not at its next poll. The poll
 * timer is held back here (setInterval does nothing), so only the end of the rebuild can start the
 * read that pushes; the values pushed are the hand-counted likes of the events below.
 */
describe('SessionWatch', () => {
  let engine: Awaited<ReturnType<typeof openTestEngine>>;
  let watch: SessionWatch;
  let ahead: LiveSumsAhead;
  const at = (second: number) => new Date(Date.parse('2026-11-30T10:00:00Z') + second * 1000).toISOString();
  const like = (id: string, second: number, count: number, sessionId = 'W1', viewerId = 'v1'): LiveEventInput => ({
    eventId: id,
    type: 'like',
    occurredAt: at(second),
    sessionId,
    viewerId,
    count,
    stamp: 'heart',
  });

  beforeAll(async () => {
    engine = await openTestEngine();
    await new BrandRepository(engine.gateway).upsert({
      id: 'bw',
      name: 'Watch',
      timeZone: 'Asia/Tokyo',
      currency: 'JPY',
    });
    await loadEvents(engine.gateway, 'bw', [
      {
        eventId: 'start',
        type: 'session_start',
        occurredAt: at(0),
        sessionId: 'W1',
        commercerId: 'c1',
        commercerName: 'Host',
        commercerKind: 'in_house',
        title: 'Watched',
        platform: 'app',
      },
      like('l1', 10, 2),
    ]);
    const repository = new SessionRepository(engine.gateway);
    const service = new SessionService(repository, new BrandAccessService(engine.gateway));
    ahead = new LiveSumsAhead(new LiveRepository(engine.gateway), service, engine.gateway);
    watch = new SessionWatch(repository, service, new RollupStateRepository(engine.gateway), ahead, engine.gateway);
  });
  afterAll(async () => {
    watch.onModuleDestroy();
    ahead.onModuleDestroy();
    await engine.dispose();
  });
  afterEach(() => jest.restoreAllMocks());

  it('reads and pushes as soon as a rebuild on the same gateway ends, without waiting for its poll', async () => {
    const timers = jest.spyOn(global, 'setInterval').mockImplementation((() => 0) as unknown as typeof setInterval);
    const pushed: SessionDto[] = [];
    const arrived = new Promise<void>((resolve) => {
      const stop = watch.watch({ brandId: 'bw', id: 'W1' }, 0, (session) => {
        pushed.push(session);
        stop();
        resolve();
      });
    });
    expect(timers).toHaveBeenCalledTimes(1); // the poll was asked for, and held back
    // 2 likes already rolled up + 3 + 4 arriving now = 9
    await loadEvents(engine.gateway, 'bw', [like('l2', 20, 3), like('l3', 30, 4)]);
    await arrived;
    expect(pushed.map((s) => s.metrics.likes)).toEqual([9]);
  });

  it('stays quiet for a rebuild that changed nothing it watches (a duplicate delivery)', async () => {
    jest.spyOn(global, 'setInterval').mockImplementation((() => 0) as unknown as typeof setInterval);
    const current = await new SessionRepository(engine.gateway).versions(BrandScope.of({ kind: 'admin' }), [
      { brandId: 'bw', id: 'W1' },
    ]);
    const pushed: SessionDto[] = [];
    const stop = watch.watch({ brandId: 'bw', id: 'W1' }, Number(current[0].version), (session) =>
      pushed.push(session),
    );
    // l3 again: the rebuild is skipped (same number of distinct events), no version moves
    await loadEvents(engine.gateway, 'bw', [like('l3', 30, 4)]);
    stop();
    expect(pushed).toEqual([]);
  });

  describe('between rounds', () => {
    const start = (sessionId: string) => sessionStartEvent(sessionId, at(0), 'Watched between rounds');
    /** Events as the ingest inserts them: into the engine, no round after them. */
    const ingest = (events: LiveEventInput[]) =>
      engine.gateway.insert('events', eventRows('bw', events), { tag: 'ingest.events' });
    const session = async (id: string) => {
      const repository = new SessionRepository(engine.gateway);
      const found = await new SessionService(repository, new BrandAccessService(engine.gateway)).byId(
        { kind: 'admin' },
        id,
      );
      if (!found) throw new Error(`no session ${id}`);
      return found;
    };
    /** The next `n` pushes of the watch on `id`. */
    const pushes = (id: string, base: SessionDto, n: number) => {
      const pushed: SessionDto[] = [];
      let stop = () => {};
      const done = new Promise<SessionDto[]>((resolve) => {
        stop = watch.watch(
          { brandId: 'bw', id },
          base.version,
          (s) => {
            pushed.push(s);
            if (pushed.length === n) resolve(pushed);
          },
          base,
        );
      });
      return { done: done.finally(() => stop()), pushed };
    };
    const series = async (s: SessionDto) => {
      const repository = new SessionRepository(engine.gateway);
      const [points] = await new SessionService(repository, new BrandAccessService(engine.gateway)).minuteSeries(
        { kind: 'admin' },
        [s],
      );
      return points.map((m) => [m.minute, m.watching, m.comments, m.likes]);
    };

    it('pushes the newest minutes read from the events after an insert, each event once', async () => {
      jest.spyOn(global, 'setInterval').mockImplementation((() => 0) as unknown as typeof setInterval);
      // rolled up: the start and 2 likes at 10 s (minute 0); the session has 1 minute
      await loadEvents(engine.gateway, 'bw', [start('W2'), like('w2-l1', 10, 2, 'W2')]);
      const base = await session('W2');
      expect([base.minutes, base.metrics.likes]).toEqual([1, 2]);
      const { done } = pushes('W2', base, 1);
      // then, with no round: 3 + 4 likes in minute 1 (v1), a comment by v2 at 80 s, and three
      // repeated deliveries (w2-l2 twice in the batch, w2-l1 already rolled up) that count nothing
      await ingest([
        like('w2-l2', 70, 3, 'W2'),
        like('w2-l2', 70, 3, 'W2'),
        like('w2-l3', 75, 4, 'W2'),
        like('w2-l1', 10, 2, 'W2'),
        {
          eventId: 'w2-c1',
          type: 'comment',
          occurredAt: at(80),
          sessionId: 'W2',
          viewerId: 'v2',
          author: 'viewer',
          text: 'hi',
        },
      ]);
      const [pushed] = await done;
      // the version did not move: the push comes from the events, not a round
      expect(pushed.version).toBe(base.version);
      // last event at 80 s: 2 minutes; minute 0 = v1's 2 likes; minute 1 = v1 and v2 watching, 3 + 4 likes, 1 comment
      expect(pushed.minutes).toBe(2);
      expect(await series(pushed)).toEqual([
        [0, 1, 0, 2],
        [1, 2, 1, 7],
      ]);
      expect([pushed.metrics.likes, pushed.metrics.comments, pushed.metrics.cartAdds]).toEqual([9, 1, 0]);
      // the KPIs read on demand still find their session (the metrics object keeps it)
      expect(pushed.metrics).not.toBe(base.metrics);
    });

    it('never shows less after the next round, and counts an event that came late for an older minute at that round', async () => {
      jest.spyOn(global, 'setInterval').mockImplementation((() => 0) as unknown as typeof setInterval);
      await new RollupRefresher(engine.gateway).refreshSessions('bw', ['W2']);
      const base = await session('W2');
      // the round counted what the push showed: 2 + 3 + 4 likes, 1 comment, 2 minutes
      expect([base.minutes, base.metrics.likes, base.metrics.comments]).toEqual([2, 9, 1]);
      const { done, pushed } = pushes('W2', base, 2);
      // 5 likes late for minute 0 (at 30 s) and 1 like in minute 1 (at 90 s)
      await ingest([like('w2-late', 30, 5, 'W2'), like('w2-l4', 90, 1, 'W2', 'v3')]);
      while (pushed.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      // between rounds only the newest minute is read again: 9 + 1 (the late 5 wait for the round)
      const [between] = pushed;
      expect(between.metrics.likes).toBe(10);
      expect(await series(between)).toEqual([
        [0, 1, 0, 2],
        [1, 3, 1, 8],
      ]);
      await new RollupRefresher(engine.gateway).refreshSessions('bw', ['W2']);
      const [, after] = await done;
      expect(after.version).toBeGreaterThan(base.version);
      expect(after.metrics.likes).toBe(15);
      expect(await series(after)).toEqual([
        [0, 1, 0, 7],
        [1, 3, 1, 8],
      ]);
    });

    it('shares its reading with a session page asked at the same time: one reading of the newest minutes', async () => {
      jest.spyOn(global, 'setInterval').mockImplementation((() => 0) as unknown as typeof setInterval);
      const base = await session('W2');
      expect(base.metrics.likes).toBe(15); // the round of the test above
      await new Promise((resolve) => setTimeout(resolve, 300)); // past the pace of the readings above
      const { done } = pushes('W2', base, 1);
      const tags: string[] = [];
      const stop = engine.gateway.onQuery((call) => tags.push(call.tag));
      // 2 likes of v4 at 95 s (minute 1); the insert wakes the watch, and a page asks for the session
      await ingest([like('w2-l5', 95, 2, 'W2', 'v4')]);
      const page = ahead.of({ kind: 'admin' }, base, 'minutes');
      const [pushed] = await done;
      stop();
      expect(pushed.metrics.likes).toBe(17);
      expect((await page).metrics.likes).toBe(17);
      // (any reading of the newest minutes, whatever its tag: the push and the page once read them apart)
      expect(tags.filter((tag) => tag.endsWith('recentMinutes'))).toEqual([RECENT_MINUTES_TAG]);
    });
  });
});
