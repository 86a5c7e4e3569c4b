import { jest } from '@jest/globals';
import type { LiveEventInput } from '@lc/contract';
import { sessionStartEvent } from '@lc/contract/testing';
import { BrandRepository } from '@lc/clickhouse';
import { openTestEngine, loadEvents } from '@lc/clickhouse/testing';
import { LiveRepository, type WaitingCounts } from '../../repositories/live.repository.js';
import { SessionRepository } from '../../repositories/session.repository.js';
import type { Principal } from '../auth/principal.js';
import { BrandAccessService } from '../brands/brand-access.service.js';
import type { SessionDto } from '../sessions/dtos/session.dto.js';
import { SessionService } from '../sessions/session.service.js';
import {
  LiveService,
  UNANSWERED_OTHERS_KEPT,
  WAITING_KEPT_FROM_MS,
  WAITING_SHARE,
  waitingClock,
} from './live.service.js';

describe('LiveService', () => {
  let engine: Awaited<ReturnType<typeof openTestEngine>>;
  let live: LiveRepository;
  let sessions: SessionService;
  const principal: Principal = { kind: 'admin' };
  const session = async (id: string): Promise<SessionDto> => {
    const found = await sessions.byId(principal, id);
    if (!found) throw new Error(`no session ${id}`);
    return found;
  };

  beforeAll(async () => {
    engine = await openTestEngine();
    await new BrandRepository(engine.gateway).upsert({ id: 'bl', name: 'Live', timeZone: 'UTC', currency: 'JPY' });
    sessions = new SessionService(new SessionRepository(engine.gateway), new BrandAccessService(engine.gateway));
    live = new LiveRepository(engine.gateway);
  });
  afterAll(() => engine.dispose());

  /**
   * The console's waiting-for-recap reading (docs/ARCHITECTURE.md, "The push between rounds"): a slow one
   * is reused for the state now until it is older than its duration / WAITING_SHARE or a recap arrives, and
   * then stands in while the next one is read (only a recap makes the state wait for a reading); a quick
   * one is never reused. The reading's duration is set on a fake clock (waitingClock), so the rule is
   * checked without depending on this machine's speed. Each session starts 20 minutes ago; a viewer whose
   * first event is after minute 10 (no recap yet) and who was active in the last 5 minutes is waiting.
   */
  describe('the waiting viewers of the state now', () => {
    let service: LiveService;
    let clock = 0;
    /** What the next waiting reading takes on the fake clock. */
    let readingTakesMs = 0;
    const startMs = Date.now() - 20 * 60_000;
    const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    const start = (sessionId: string) => sessionStartEvent(sessionId, new Date(startMs).toISOString(), 'Waiting');
    const join = (sessionId: string, viewerId: string, minutesAgo: number): LiveEventInput => ({
      eventId: `${sessionId}-${viewerId}-join`,
      type: 'join',
      occurredAt: ago(minutesAgo),
      sessionId,
      viewerId,
    });
    const waitingNow = async (id: string) =>
      (await service.stateNow(principal, await session(id))).waitingForRecap.viewers;

    beforeEach(() => {
      service = new LiveService(live, sessions, engine.gateway);
      clock = 1_000_000;
      jest.spyOn(waitingClock, 'now').mockImplementation(() => clock);
      const read = live.waiting.bind(live);
      jest.spyOn(live, 'waiting').mockImplementation(async (...args) => {
        const waiting = await read(...args);
        clock += readingTakesMs;
        return waiting;
      });
    });
    /** The first minute each waiting reading counted per minute (0: all of them). */
    const fromMinutes = () => jest.mocked(live.waiting).mock.calls.map((call) => call[3] ?? 0);
    afterEach(() => jest.restoreAllMocks());

    it('reuses a slow reading at the next version, and reads again, without waiting for it, once it is older than its duration / WAITING_SHARE', async () => {
      readingTakesMs = WAITING_KEPT_FROM_MS * 2; // 200 ms: may be reused until 800 ms after it began
      await loadEvents(engine.gateway, 'bl', [start('S1'), join('S1', 'a', 3)]);
      expect(await waitingNow('S1')).toBe(1);
      expect(live.waiting).toHaveBeenCalledTimes(1);

      // a second viewer: a new version, but the reading is 200 ms old (< 800 ms), so it is reused
      await loadEvents(engine.gateway, 'bl', [join('S1', 'b', 2)]);
      expect(await waitingNow('S1')).toBe(1);
      expect(live.waiting).toHaveBeenCalledTimes(1);

      // now older than 800 ms: a new reading starts, and the state gets the last one until it settles
      clock += readingTakesMs / WAITING_SHARE;
      await loadEvents(engine.gateway, 'bl', [join('S1', 'c', 1)]);
      expect(await waitingNow('S1')).toBe(1);
      expect(live.waiting).toHaveBeenCalledTimes(2);
      expect(((await jest.mocked(live.waiting).mock.results[1].value) as WaitingCounts).now).toBe(3);

      // the second reading's minutes: from the last two the first one had (its minute in progress − 2) on
      const [first, second] = jest.mocked(live.waiting).mock.calls;
      const [scope, recaps, current, fromMinute] = second;
      expect(fromMinute).toBe(first[2] - 2);
      // and for those minutes the same counts as a reading of every minute
      const read = ((await jest.mocked(live.waiting).mock.results[1].value) as WaitingCounts).byMinute;
      const all = (await live.waiting(scope, recaps, current)).byMinute;
      expect(read.length).toBeGreaterThan(0);
      expect(read).toEqual(all.filter((row) => Number(row.minute) >= (fromMinute ?? 0)));
      expect(all.filter((row) => Number(row.minute) < (fromMinute ?? 0)).length).toBeGreaterThan(0);

      // the next version gets the new reading (200 ms old: reused, so d is not counted yet)
      await loadEvents(engine.gateway, 'bl', [join('S1', 'd', 1)]);
      expect(await waitingNow('S1')).toBe(3);
      expect(live.waiting).toHaveBeenCalledTimes(3); // the two readings and this test's own above
    });

    it('reads again at once when a recap arrives, however young the last reading', async () => {
      readingTakesMs = WAITING_KEPT_FROM_MS * 2;
      await loadEvents(engine.gateway, 'bl', [start('S2'), join('S2', 'a', 3), join('S2', 'b', 3)]);
      expect(await waitingNow('S2')).toBe(2);
      // a recap 2 minutes ago: both joined before it, so nobody waits
      await loadEvents(engine.gateway, 'bl', [
        { eventId: 'S2-recap', type: 'recap', occurredAt: ago(2), sessionId: 'S2' },
      ]);
      expect(await waitingNow('S2')).toBe(0);
      expect(live.waiting).toHaveBeenCalledTimes(2);
      // the recap changes who waited at every minute after it: every minute is read again
      expect(fromMinutes()).toEqual([0, 0]);
    });

    it('never reuses a reading quicker than WAITING_KEPT_FROM_MS', async () => {
      readingTakesMs = WAITING_KEPT_FROM_MS - 1;
      await loadEvents(engine.gateway, 'bl', [start('S3'), join('S3', 'a', 3)]);
      expect(await waitingNow('S3')).toBe(1);
      await loadEvents(engine.gateway, 'bl', [join('S3', 'b', 2)]);
      expect(await waitingNow('S3')).toBe(2);
      expect(live.waiting).toHaveBeenCalledTimes(2);
      expect(fromMinutes()).toEqual([0, 0]);
    });
  });

  /**
   * The waiting-for-recap reading against counts worked out by hand (decisions L-6). The session starts
   * at 12:00; minute m is (12:m, 12:m+1] and its instant T is 12:m+1; now is 12:20:30 (minute 20 in
   * progress). With no recap a viewer waits when their first event is after 12:10 (start + 600 s).
   *   a: join 12:10:00 exactly (not after 12:10: never waits), dwell 12:15
   *   b: join 12:11 (minute 10): waits at 10–14 — at 12:16 the join is 300 s back, out of (T − 300 s, T]
   *   c: join 12:12:30, leave 12:13:30: waits at 12 only
   *   d: join 12:05: never
   *   e: join 12:18 (sent twice), comment 12:20:10: waits at 17–19 and now
   *   f: join 12:14, leave 12:16:00 (exactly T of minute 15), join 12:19: waits at 13, 14, 18, 19 and now
   * Per minute 10–19: 1 1 2 2 2 0 0 1 2 2; now 2. With a recap at 12:13:00, from minute 12 on only first
   * events after 12:13 count (f, e): 1 1 0 1 1 0 0 1 2 2; now 2.
   */
  describe('LiveRepository.waiting, counted by hand', () => {
    const at = (hhmmss: string) => Date.parse(`2026-12-01T${hhmmss}Z`);
    const event = (
      id: string,
      type: 'join' | 'leave' | 'dwell' | 'comment',
      time: string,
      viewerId: string,
    ): LiveEventInput => {
      const head = { eventId: `W1-${id}`, occurredAt: new Date(at(time)).toISOString(), sessionId: 'W1', viewerId };
      if (type === 'dwell') return { ...head, type, seconds: 30 };
      if (type === 'comment') return { ...head, type, author: 'viewer', text: 'hi' };
      return { ...head, type };
    };
    const scope = { brandId: 'bl', sessionId: 'W1', startMs: at('12:00:00'), nowMs: at('12:20:30') };
    /** The count at each minute 10–19 (0 where no row), and every minute before 10 at 0. */
    const counts = (rows: WaitingCounts['byMinute'], from = 0) => {
      const byMinute = new Map(rows.map((r) => [Number(r.minute), Number(r.waiting)]));
      expect([...byMinute.keys()].every((m) => m >= from && m < 20)).toBe(true);
      expect([...byMinute].filter(([m, n]) => m < 10 && n !== 0)).toEqual([]);
      return Array.from({ length: 10 }, (_, i) => byMinute.get(10 + i) ?? 0);
    };

    beforeAll(async () => {
      const join = event('e-join', 'join', '12:18:00', 'e');
      await loadEvents(engine.gateway, 'bl', [
        sessionStartEvent('W1', new Date(scope.startMs).toISOString(), 'Waiting by hand'),
        event('a-join', 'join', '12:10:00', 'a'),
        event('a-dwell', 'dwell', '12:15:00', 'a'),
        event('b-join', 'join', '12:11:00', 'b'),
        event('c-join', 'join', '12:12:30', 'c'),
        event('c-leave', 'leave', '12:13:30', 'c'),
        event('d-join', 'join', '12:05:00', 'd'),
        join,
        event('e-comment', 'comment', '12:20:10', 'e'),
        event('f-join', 'join', '12:14:00', 'f'),
        event('f-leave', 'leave', '12:16:00', 'f'),
        event('f-join-again', 'join', '12:19:00', 'f'),
      ]);
      await loadEvents(engine.gateway, 'bl', [join]); // a retried delivery: counted once
    });

    it('counts every complete minute and now', async () => {
      const read = await live.waiting(scope, [], 20);
      expect(counts(read.byMinute)).toEqual([1, 1, 2, 2, 2, 0, 0, 1, 2, 2]);
      expect(read.now).toBe(2);
    });

    it("counts from a later minute only, with the minutes before it in each viewer's window", async () => {
      const read = await live.waiting(scope, [], 20, 14);
      expect(counts(read.byMinute, 14).slice(4)).toEqual([2, 0, 0, 1, 2, 2]);
      expect(read.now).toBe(2);
    });

    it('counts from the last recap at or before each instant', async () => {
      const read = await live.waiting(scope, [at('12:13:00')], 20);
      expect(counts(read.byMinute)).toEqual([1, 1, 0, 1, 1, 0, 0, 1, 2, 2]);
      expect(read.now).toBe(2);
    });
  });

  /**
   * The unanswered queue of a busy stream (docs/METRICS-DECISIONS.md P-3): every question, the oldest
   * unanswered other comments of the last 15 minutes, and the count of them all. Times are minutes
   * before NOW; each session starts 30 minutes before it.
   */
  describe('the unanswered comment queue', () => {
    const NOW = Date.parse('2026-12-01T12:00:00Z');
    const ago = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();
    const start = (sessionId: string) => sessionStartEvent(sessionId, ago(30), 'Queue');
    const comment = (sessionId: string, id: string, minutesAgo: number, text: string): LiveEventInput => ({
      eventId: id,
      type: 'comment',
      occurredAt: ago(minutesAgo),
      sessionId,
      viewerId: `v-${id}`,
      author: 'viewer',
      text,
    });
    const reply = (sessionId: string, id: string, minutesAgo: number, replyTo: string): LiveEventInput => ({
      eventId: id,
      type: 'comment',
      occurredAt: ago(minutesAgo),
      sessionId,
      author: 'host',
      text: 'thanks!',
      replyTo,
    });

    it('reads every question, the oldest unanswered others of the last 15 minutes, and counts the others', async () => {
      await loadEvents(engine.gateway, 'bl', [
        start('Q1'),
        comment('Q1', 'q-old', 18, 'Still in stock?'), // a question: read however old
        comment('Q1', 'c-old', 17, 'hello'), // not a question, before the 15 minutes: neither read nor counted
        comment('Q1', 'c1', 10, 'nice'),
        comment('Q1', 'c2', 8, 'love it'),
        reply('Q1', 'r2', 7, 'c2'), // c2 answered: not counted
        comment('Q1', 'c3', 6, 'wow'),
        comment('Q1', 'c4', 4, 'cute'),
        comment('Q1', 'q1', 3, '色は？'),
        reply('Q1', 'r1', 2, 'q1'),
      ]);
      const scope = { brandId: 'bl', sessionId: 'Q1', startMs: NOW - 30 * 60_000, nowMs: NOW };
      const read = await live.comments(scope, 2);
      // unanswered others c1, c3, c4: the oldest two kept, three counted; the questions with their replies
      expect(read.othersUnanswered).toBe(3);
      expect(read.rows.map((r) => [r.event_id, r.answered_at_ms === null ? null : Number(r.answered_at_ms)])).toEqual([
        ['q-old', null],
        ['c1', null],
        ['c3', null],
        ['q1', NOW - 2 * 60_000],
      ]);
      await expect(live.comments(scope, 0)).rejects.toThrow('othersKept 0: 1 or more');
    });

    it('keeps UNANSWERED_OTHERS_KEPT others in the state and counts every unanswered comment', async () => {
      const others = UNANSWERED_OTHERS_KEPT + 2;
      const events: LiveEventInput[] = [start('Q2'), comment('Q2', 'q', 1, 'Is there an XL?')];
      // others 14 minutes ago and later: c0000 the oldest; ids sort in time order
      for (let i = 0; i < others; i++)
        events.push(comment('Q2', `c${String(i).padStart(4, '0')}`, 14 - (13 * i) / others, 'so good'));
      await loadEvents(engine.gateway, 'bl', events);
      const service = new LiveService(live, sessions, engine.gateway);
      const state = await service.state(principal, await session('Q2'), new Date(NOW));
      expect(state.unansweredCount).toBe(1 + others);
      expect(state.unansweredComments).toHaveLength(1 + UNANSWERED_OTHERS_KEPT);
      expect(state.unansweredComments[0].eventId).toBe('q');
      expect(state.unansweredComments[1].eventId).toBe('c0000');
      expect(state.unansweredComments.at(-1)?.eventId).toBe(`c${String(UNANSWERED_OTHERS_KEPT - 1).padStart(4, '0')}`);
    });
  });
});
