import type { LiveEventInput } from '@lc/contract';
import { BrandRepository } from '@lc/clickhouse';
import { openTestEngine, loadEvents } from '@lc/clickhouse/testing';
import { LiveRepository } from '../../repositories/live.repository.js';
import { SessionRepository } from '../../repositories/session.repository.js';
import type { Principal } from '../auth/principal.js';
import { BrandAccessService } from '../brands/brand-access.service.js';
import { SessionService } from '../sessions/session.service.js';
import { LiveService, UNANSWERED_OTHERS_KEPT } from './live.service.js';

/**
 * The unanswered queue of a busy stream (docs/METRICS-DECISIONS.md P-3): every question, the oldest
 * unanswered other comments of the last 15 minutes, and the count of them all. Times are minutes
 * before NOW; each session starts 30 minutes before it.
 */
describe('the unanswered comment queue', () => {
  let engine: Awaited<ReturnType<typeof openTestEngine>>;
  let live: LiveRepository;
  let sessions: SessionService;
  const principal: Principal = { kind: 'admin' };
  const NOW = Date.parse('2026-12-01T12:00:00Z');
  const ago = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();
  const start = (sessionId: string): LiveEventInput => ({
    eventId: `${sessionId}-start`,
    type: 'session_start',
    occurredAt: ago(30),
    sessionId,
    commercerId: 'c1',
    commercerName: 'Host',
    commercerKind: 'in_house',
    title: 'Queue',
    platform: 'app',
  });
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

  beforeAll(async () => {
    engine = await openTestEngine();
    await new BrandRepository(engine.gateway).upsert({ id: 'bq', name: 'Queue', timeZone: 'UTC', currency: 'JPY' });
    sessions = new SessionService(new SessionRepository(engine.gateway), new BrandAccessService(engine.gateway));
    live = new LiveRepository(engine.gateway);
  });
  afterAll(() => engine.dispose());

  it('reads every question, the oldest unanswered others of the last 15 minutes, and counts the others', async () => {
    await loadEvents(engine.gateway, 'bq', [
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
    const scope = { brandId: 'bq', sessionId: 'Q1', startMs: NOW - 30 * 60_000, nowMs: NOW };
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
    await loadEvents(engine.gateway, 'bq', events);
    const session = await sessions.byId(principal, 'Q2');
    if (!session) throw new Error('no session Q2');
    const service = new LiveService(live, sessions, engine.gateway);
    const state = await service.state(principal, session, new Date(NOW));
    expect(state.unansweredCount).toBe(1 + others);
    expect(state.unansweredComments).toHaveLength(1 + UNANSWERED_OTHERS_KEPT);
    expect(state.unansweredComments[0].eventId).toBe('q');
    expect(state.unansweredComments[1].eventId).toBe('c0000');
    expect(state.unansweredComments.at(-1)?.eventId).toBe(`c${String(UNANSWERED_OTHERS_KEPT - 1).padStart(4, '0')}`);
  });
});
