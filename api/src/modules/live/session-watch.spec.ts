import { jest } from '@jest/globals';
import type { LiveEventInput } from '@lc/contract';
import { BrandRepository } from '@lc/clickhouse';
import { openTestEngine, loadEvents } from '@lc/clickhouse/testing';
import { RollupStateRepository } from '../../repositories/rollup-state.repository.js';
import { SessionRepository } from '../../repositories/session.repository.js';
import { BrandScope } from '../auth/principal.js';
import { BrandAccessService } from '../brands/brand-access.service.js';
import type { SessionDto } from '../sessions/dtos/session.dto.js';
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
  const at = (second: number) => new Date(Date.parse('2026-11-30T10:00:00Z') + second * 1000).toISOString();
  const like = (id: string, second: number, count: number): LiveEventInput => ({
    eventId: id,
    type: 'like',
    occurredAt: at(second),
    sessionId: 'W1',
    viewerId: 'v1',
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
    watch = new SessionWatch(
      repository,
      new SessionService(repository, new BrandAccessService(engine.gateway)),
      new RollupStateRepository(engine.gateway),
      engine.gateway,
    );
  });
  afterAll(async () => {
    watch.onModuleDestroy();
    await engine.dispose();
  });
  afterEach(() => jest.restoreAllMocks());

  it('reads and pushes as soon as a rebuild on the same gateway ends, without waiting for its poll', async () => {
    const timers = jest.spyOn(global, 'setInterval').mockImplementation((() => 0) as unknown as typeof setInterval);
    const pushed: SessionDto[] = [];
    const arrived = new Promise<void>((resolve) => {
      const stop = watch.watch('W1', 0, (session) => {
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
    const current = await new SessionRepository(engine.gateway).versions(BrandScope.of({ kind: 'admin' }), ['W1']);
    const pushed: SessionDto[] = [];
    const stop = watch.watch('W1', Number(current[0].version), (session) => pushed.push(session));
    // l3 again: the rebuild is skipped (same number of distinct events), no version moves
    await loadEvents(engine.gateway, 'bw', [like('l3', 30, 4)]);
    stop();
    expect(pushed).toEqual([]);
  });
});
