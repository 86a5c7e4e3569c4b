import type { LiveEventInput } from '@lc/contract';
import { ClickHouseGateway, type QueryOptions, type QueryParams } from '@lc/clickhouse';
import { loadEvents, openTestEngine } from '@lc/clickhouse/testing';
import { RollupStateRepository } from '../src/repositories/rollup-state.repository.js';

/**
 * Issue 11 (S11R2-1): the API's one change source, on the real embedded engine. Statements are
 * counted with the gateway's own query log (`onQuery`); where a read must be caught in flight, a
 * wrapper around the REAL gateway holds a finished read's rows back until the test lets them go.
 *
 * Freshness rule (docs/ARCHITECTURE.md, "One change source for the API"): a request is answered by
 * a read that started after it arrived, or by one after which no write to session_stats or
 * annotations finished — so a rollup round that finished before a request arrived is in its state.
 */
const T0 = Date.parse('2026-11-20T10:00:00Z');
let serial = 0;
/** A session of `brand` with `viewers` joins; each call adds new events (new ids), so a new rollup version. */
function session(sessionId: string, viewers: number): LiveEventInput[] {
  serial++;
  return [
    {
      eventId: `rs-${sessionId}-start`,
      sessionId,
      occurredAt: new Date(T0).toISOString(),
      type: 'session_start',
      commercerId: 'c1',
      commercerName: 'Aki Tanaka',
      commercerKind: 'professional',
      title: 'States',
      platform: 'tiktok',
    },
    ...Array.from({ length: viewers }, (_, i) => ({
      eventId: `rs-${sessionId}-${serial}-join-${i}`,
      sessionId,
      occurredAt: new Date(T0 + (i + 1) * 1000).toISOString(),
      type: 'join' as const,
      viewerId: `v${serial}-${i}`,
    })),
  ] as LiveEventInput[];
}

/** The brand's state as the rule defines it, read straight from the engine: the sum of its sessions' current versions. */
async function stateOf(gateway: ClickHouseGateway, brandId: string): Promise<string> {
  const [row] = await gateway.query<{ state: string }>(
    'SELECT toString(sum(version)) AS state FROM session_stats FINAL WHERE brand_id = {b:String}',
    { b: brandId },
    { tag: 'test.state' },
  );
  return row.state;
}

/**
 * The real gateway, with the rows of the states statement held back (after the engine ran it) until
 * `release`, and a write mark that can be switched off (what server mode has: other processes write).
 */
function holdingGateway(real: ClickHouseGateway, options: { writeMark: boolean }) {
  let gate: Promise<void> = Promise.resolve();
  let open = () => {};
  const ran: (() => void)[] = [];
  const wrapper = {
    query: async <T>(sql: string, params: QueryParams, query: QueryOptions): Promise<T[]> => {
      const rows = await real.query<T>(sql, params, query);
      for (const done of ran.splice(0)) done();
      await gate;
      return rows;
    },
    writeMark: (tables: readonly string[]) => (options.writeMark ? real.writeMark(tables) : null),
  };
  return {
    gateway: wrapper as unknown as ClickHouseGateway,
    /** From now on a finished read waits for `release`; resolves when the next read has run in the engine. */
    hold: () => {
      gate = new Promise((resolve) => (open = resolve));
      return new Promise<void>((resolve) => ran.push(resolve));
    },
    release: () => open(),
  };
}

describe('one rollup change source for the API (real engine)', () => {
  let engine: Awaited<ReturnType<typeof openTestEngine>>;
  let statements = 0;
  beforeAll(async () => {
    engine = await openTestEngine();
    engine.gateway.onQuery((call) => {
      if (call.tag === 'rollups.brandStates') statements++;
    });
    await loadEvents(engine.gateway, 'b1', session('S1', 2));
    await loadEvents(engine.gateway, 'b2', session('S2', 1));
  });
  afterAll(() => engine.dispose());

  it('answers N requests that ask at once with one engine statement', async () => {
    const states = new RollupStateRepository(engine.gateway);
    statements = 0;
    const answers = await Promise.all(Array.from({ length: 20 }, () => states.brandStates()));
    expect(statements).toBe(1);
    expect(answers[0].rollups.get('b1')).toBe(await stateOf(engine.gateway, 'b1'));
    expect(answers[0].rollups.get('b2')).toBe(await stateOf(engine.gateway, 'b2'));
    for (const answer of answers) expect(answer).toBe(answers[0]);
  });

  it('reads nothing again while no write to session_stats or annotations finished (embedded mode)', async () => {
    const states = new RollupStateRepository(engine.gateway);
    const first = await states.brandStates();
    statements = 0;
    // an insert into events alone (no rollup yet) writes neither table
    await engine.gateway.insert(
      'events',
      [
        {
          event_id: 'rs-raw-1',
          brand_id: 'b1',
          session_id: 'S1',
          type: 'join',
          occurred_at: '2026-11-20 10:00:30.000',
          viewer_id: 'raw',
        },
      ],
      { tag: 'test.raw' },
    );
    expect(await states.brandStates()).toBe(first);
    expect(await states.changeToken()).toBe(first.token);
    expect(statements).toBe(0);
  });

  it('is never older than a rollup that finished before the request arrived', async () => {
    const states = new RollupStateRepository(engine.gateway);
    const before = await states.brandStates();
    await loadEvents(engine.gateway, 'b1', session('S1', 3)); // a rollup round of S1 finishes
    const after = await states.brandStates();
    expect(after.rollups.get('b1')).toBe(await stateOf(engine.gateway, 'b1'));
    expect(after.rollups.get('b1')).not.toBe(before.rollups.get('b1'));
    // b2 did not change: same state; the token over all brands moved with b1
    expect(after.rollups.get('b2')).toBe(before.rollups.get('b2'));
    expect(after.token).not.toBe(before.token);
  });

  it('does not hand a request a read that was under way when a rollup finished before the request arrived', async () => {
    const held = holdingGateway(engine.gateway, { writeMark: true });
    const states = new RollupStateRepository(held.gateway);
    const old = await stateOf(engine.gateway, 'b1');
    const ran = held.hold();
    statements = 0;
    const early = states.brandStates(); // its statement runs now, then its rows are held
    await ran;
    await loadEvents(engine.gateway, 'b1', session('S1', 4)); // finishes while `early` is in flight
    const fresh = await stateOf(engine.gateway, 'b1');
    expect(fresh).not.toBe(old);
    const late = states.brandStates(); // arrives after the rollup finished
    held.release();
    expect((await early).rollups.get('b1')).toBe(old);
    expect((await late).rollups.get('b1')).toBe(fresh);
    expect(statements).toBe(2);
  });

  it('joins a read under way when nothing was written since it started (embedded mode)', async () => {
    const held = holdingGateway(engine.gateway, { writeMark: true });
    const states = new RollupStateRepository(held.gateway);
    const ran = held.hold();
    statements = 0;
    const early = states.brandStates();
    await ran;
    const late = states.brandStates();
    held.release();
    expect(await late).toBe(await early);
    expect(statements).toBe(1);
  });

  it('without a write mark (server mode) reads again for every request, sharing one read among those that wait', async () => {
    const held = holdingGateway(engine.gateway, { writeMark: false });
    const states = new RollupStateRepository(held.gateway);
    statements = 0;
    const first = await states.brandStates();
    await states.brandStates(); // nothing changed, but without a mark only a new read can tell
    expect(statements).toBe(2);

    const ran = held.hold();
    const early = states.brandStates();
    await ran;
    await loadEvents(engine.gateway, 'b2', session('S2', 2)); // b2 changes while `early` is in flight
    const fresh = await stateOf(engine.gateway, 'b2');
    // three requests arrive during the read: none may take it, all share the next one
    const waiting = [states.brandStates(), states.brandStates(), states.brandStates()];
    held.release();
    expect((await early).rollups.get('b2')).toBe(first.rollups.get('b2'));
    const answers = await Promise.all(waiting);
    for (const answer of answers) {
      expect(answer).toBe(answers[0]);
      expect(answer.rollups.get('b2')).toBe(fresh);
    }
    expect(statements).toBe(4); // 2 above, `early`, and one for the three waiting
  });
});
