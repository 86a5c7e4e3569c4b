import type { ClickHouseGateway } from '../src/clickhouse.gateway.js';
import { sortEventsByMinute } from '../src/events-by-minute.js';
import { runMigrations } from '../src/migrate.js';
import { RollupRefresher } from '../src/rollup.repository.js';
import { openTestEngine } from '../src/testing/engine.js';
import { eventRows, migrateBefore, sessionBeforeUpgrade } from './migration-fixture.js';

/**
 * Migration 0016's data step on the real engine: a deployment from before it keeps every stored event,
 * now sorted by minute within each session, and running the step again changes nothing.
 */
describe('migration 0016: events sorted by minute', () => {
  let engine: Awaited<ReturnType<typeof openTestEngine>>;
  let gateway: ClickHouseGateway;
  beforeAll(async () => {
    engine = await openTestEngine({ migrate: false });
    gateway = engine.gateway;
  });
  afterAll(() => engine.dispose());

  const events = sessionBeforeUpgrade('Before 0016');
  const key = async () =>
    (
      await gateway.query<{ sorting_key: string }>(
        "SELECT sorting_key FROM system.tables WHERE database = currentDatabase() AND name = 'events'",
        {},
        { tag: 'test.key' },
      )
    )[0].sorting_key;

  const rawCount = async () =>
    Number((await gateway.query<{ n: number }>('SELECT count() AS n FROM events', {}, { tag: 'test.raw' }))[0].n);

  it('moves the stored events into the new table when 0016 is applied, and repeats safely', async () => {
    // A deployment from before 0016: events sorted by id, holding U1 twice (a retried delivery).
    await migrateBefore(gateway, '0016');
    const rows = eventRows(events, 'bm');
    await gateway.insert('events', rows, { tag: 'test.insert' });
    await gateway.insert('events', rows, { tag: 'test.insert' });
    expect(await key()).toBe('brand_id, session_id, event_id');
    const rawBefore = await rawCount();

    const log: string[] = [];
    expect(await runMigrations(gateway, (line) => log.push(line))).toEqual([
      '0016_live_path.sql',
      '0017_session_peer_values.sql',
      '0019_rare_events.sql',
      '0020_session_peer_percentiles.sql',
      '0021_viewer_rows_version.sql',
      '0022_live_viewer_rows.sql',
      '0023_viewer_prefixes.sql',
      '0024_product_prefixes.sql',
      '0025_rollup_slots.sql',
      '0026_product_snapshots_live.sql',
      '0027_live_prefixes.sql',
    ]);
    expect(await key()).toBe('brand_id, session_id, toStartOfMinute(occurred_at), event_id');
    expect(log[0]).toBe('migration 0016: sorting 8 stored events by minute (a one-time copy)…');
    const tables = await gateway.query<{ name: string }>(
      "SELECT name FROM system.tables WHERE database = currentDatabase() AND name LIKE 'events%'",
      {},
      { tag: 'test.tables' },
    );
    expect(tables.map((t) => t.name)).toEqual(['events']);
    expect(rawBefore).toBe(8);
    // The copy may collapse the repeats as it writes (the engine merges an inserted block of a
    // ReplacingMergeTree): never more rows than before, and FINAL still sees each event once.
    expect(await rawCount()).toBeLessThanOrEqual(rawBefore);
    const [count] = await gateway.query<{ final: number }>(
      "SELECT count() AS final FROM events FINAL WHERE brand_id = 'bm'",
      {},
      { tag: 'test.count' },
    );
    expect(count).toEqual({ final: 4 });
    // The rollups read them: U1 has no session_end, so the live path builds it — 2 viewers, 1 order of 2 × 1500.
    await new RollupRefresher(gateway).refreshSessions('bm', ['U1']);
    const [stats] = await gateway.query<{ unique_viewers: number; orders: number; revenue: number }>(
      "SELECT unique_viewers, orders, toFloat64(revenue) AS revenue FROM session_stats FINAL WHERE brand_id = 'bm'",
      {},
      { tag: 'test.stats' },
    );
    expect(stats).toEqual({ unique_viewers: 2, orders: 1, revenue: 3000 });

    // Cut short after the swap and run again: nothing is copied twice, nothing is swapped back.
    const again: string[] = [];
    await sortEventsByMinute(gateway, (line) => again.push(line));
    expect(again).toEqual([]);
    expect(await key()).toBe('brand_id, session_id, toStartOfMinute(occurred_at), event_id');
    expect(await runMigrations(gateway)).toEqual([]);
  }, 60_000);
});
