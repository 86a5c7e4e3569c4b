import { jest } from '@jest/globals';
import type { LiveEventInput } from '@lc/contract';
import { sessionStartEvent } from '@lc/contract/testing';
import { BrandRepository } from '@lc/clickhouse';
import { openTestEngine, loadEvents } from '@lc/clickhouse/testing';
import { LiveRepository, type WaitingRow } from '../../repositories/live.repository.js';
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
   * is reused for the state now until it is older than its duration / WAITING_SHARE or a recap arrives; a
   * quick one never. The reading's duration is set on a fake clock (waitingClock), so the rule is
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
      const read = live.waitingNow.bind(live);
      jest.spyOn(live, 'waitingNow').mockImplementation(async (...args) => {
        const waiting = await read(...args);
        clock += readingTakesMs;
        return waiting;
      });
      jest.spyOn(live, 'waitingByMinute');
    });
    /** The first minute each waitingByMinute call read (0: all of them). */
    const fromMinutes = () => jest.mocked(live.waitingByMinute).mock.calls.map((call) => call[3] ?? 0);
    afterEach(() => jest.restoreAllMocks());

    it('reuses a slow reading at the next version, and reads again once it is older than its duration / WAITING_SHARE', async () => {
      readingTakesMs = WAITING_KEPT_FROM_MS * 2; // 200 ms: may be reused until 800 ms after it began
      await loadEvents(engine.gateway, 'bl', [start('S1'), join('S1', 'a', 3)]);
      expect(await waitingNow('S1')).toBe(1);
      expect(live.waitingNow).toHaveBeenCalledTimes(1);

      // a second viewer: a new version, but the reading is 200 ms old (< 800 ms), so it is reused
      await loadEvents(engine.gateway, 'bl', [join('S1', 'b', 2)]);
      expect(await waitingNow('S1')).toBe(1);
      expect(live.waitingNow).toHaveBeenCalledTimes(1);

      clock += readingTakesMs / WAITING_SHARE; // now older than 800 ms
      await loadEvents(engine.gateway, 'bl', [join('S1', 'c', 1)]);
      expect(await waitingNow('S1')).toBe(3);
      expect(live.waitingNow).toHaveBeenCalledTimes(2);

      // the second reading's minutes: from the last two the first one had (its minute in progress − 2) on
      const [first, second] = jest.mocked(live.waitingByMinute).mock.calls;
      const [scope, recaps, current, fromMinute] = second;
      expect(fromMinute).toBe(first[2] - 2);
      // and for those minutes the same counts as a reading of every minute
      const read = (await jest.mocked(live.waitingByMinute).mock.results[1].value) as WaitingRow[];
      const all = await live.waitingByMinute(scope, recaps, current);
      expect(read.length).toBeGreaterThan(0);
      expect(read).toEqual(all.filter((row) => Number(row.minute) >= (fromMinute ?? 0)));
      expect(all.filter((row) => Number(row.minute) < (fromMinute ?? 0)).length).toBeGreaterThan(0);
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
      expect(live.waitingNow).toHaveBeenCalledTimes(2);
      // the recap changes who waited at every minute after it: every minute is read again
      expect(fromMinutes()).toEqual([0, 0]);
    });

    it('never reuses a reading quicker than WAITING_KEPT_FROM_MS', async () => {
      readingTakesMs = WAITING_KEPT_FROM_MS - 1;
      await loadEvents(engine.gateway, 'bl', [start('S3'), join('S3', 'a', 3)]);
      expect(await waitingNow('S3')).toBe(1);
      await loadEvents(engine.gateway, 'bl', [join('S3', 'b', 2)]);
      expect(await waitingNow('S3')).toBe(2);
      expect(live.waitingNow).toHaveBeenCalledTimes(2);
      expect(fromMinutes()).toEqual([0, 0]);
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
