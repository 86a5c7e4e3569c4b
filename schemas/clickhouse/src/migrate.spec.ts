import type { GatewayConfig, QueryOptions } from './clickhouse.gateway.js';
import { ClickHouseErrorCode, ClickHouseException } from './clickhouse.exception.js';
import { readMigrations, runMigrations, type MigrationTarget } from './migrate.js';

/**
 * The runner against a fake engine that records every call: what it sends on a cluster, that a
 * second run sends no migration again, and that a run cut short converges when repeated. (The
 * single-node path on the real engine: test/gateway.spec.ts; each rendered statement parsed by the
 * real engine: test/cluster-ddl.spec.ts.)
 */
class RecordingEngine implements MigrationTarget {
  /** Every command's SQL and every recorded version, in the order they reached the engine. */
  readonly calls: string[] = [];
  /** Tables created so far (what a real engine would hold). */
  readonly tables = new Set<string>();
  readonly recorded = new Map<number, string>();
  /** Whether `events` has been swapped for the table sorted by minute (migration 0016's data step). */
  private eventsByMinute = false;
  private commands = 0;

  constructor(
    readonly config: GatewayConfig,
    /** The n-th command (1-based, counted over the engine's life) fails with a connection error. */
    private readonly failAt?: number,
  ) {}

  async command(sql: string, _params: object, options: QueryOptions): Promise<void> {
    this.commands++;
    if (this.commands === this.failAt)
      throw new ClickHouseException(ClickHouseErrorCode.CONNECTION, options.tag, 'connection reset');
    const created = /^CREATE TABLE IF NOT EXISTS (\w+)/.exec(sql);
    const altered = /^ALTER TABLE (\w+)/.exec(sql);
    // a migration's data step (migrate.ts DATA_STEPS) fills a table the migration created
    const filled = /^INSERT INTO (\w+)/.exec(sql);
    if (filled) {
      if (!this.tables.has(filled[1])) throw new Error(`INSERT INTO a table not created yet: ${filled[1]}`);
      this.calls.push(`data step: INSERT INTO ${filled[1]}`);
      return;
    }
    const exchanged = /^EXCHANGE TABLES (\w+) AND (\w+)/.exec(sql);
    if (exchanged) {
      for (const table of exchanged.slice(1, 3))
        if (!this.tables.has(table)) throw new Error(`EXCHANGE of a table not created yet: ${table}`);
      this.eventsByMinute = true;
      this.calls.push(`data step: EXCHANGE TABLES ${exchanged[1]} AND ${exchanged[2]}`);
      return;
    }
    const dropped = /^DROP TABLE IF EXISTS (\w+)/.exec(sql);
    if (dropped) {
      this.tables.delete(dropped[1]);
      this.calls.push(`data step: DROP TABLE ${dropped[1]}`);
      return;
    }
    const view =
      /^CREATE MATERIALIZED VIEW IF NOT EXISTS (\w+)(?: ON CLUSTER \w+)? TO (\w+) AS\s[\s\S]*\bFROM (\w+)/.exec(sql);
    if (view) {
      for (const table of view.slice(2, 4))
        if (!this.tables.has(table)) throw new Error(`a view between tables not created yet: ${table}`);
      this.calls.push(`view ${view[1]}: ${view[3]} → ${view[2]}`);
      return;
    }
    if (created) this.tables.add(created[1]);
    else if (!altered) throw new Error(`not an idempotent CREATE TABLE or ALTER TABLE: ${sql.slice(0, 60)}`);
    else if (!this.tables.has(altered[1])) throw new Error(`ALTER TABLE of a table not created yet: ${altered[1]}`);
    this.calls.push(sql);
  }

  async query<T>(sql: string): Promise<T[]> {
    // migration 0016's data step asks how events is sorted, how many it holds, and its columns
    if (sql.startsWith('SELECT sorting_key FROM system.tables'))
      return [
        {
          sorting_key: this.eventsByMinute
            ? 'brand_id, session_id, toStartOfMinute(occurred_at), event_id'
            : 'brand_id, session_id, event_id',
        },
      ] as T[];
    if (sql.startsWith('SELECT _partition_id AS partition')) return [{ partition: '202611', n: 3 }] as T[];
    if (sql.startsWith('SELECT name FROM system.columns')) return [{ name: 'brand_id' }, { name: 'event_id' }] as T[];
    // migration 0027's data step asks how many viewer-minute rows there are to copy
    if (sql.startsWith('SELECT count() AS n FROM session_viewer_minutes')) return [{ n: 2 }] as T[];
    expect(sql).toBe('SELECT version FROM schema_migrations FINAL');
    return [...this.recorded.keys()].map((version) => ({ version })) as T[];
  }

  async insert(table: string, rows: readonly object[]): Promise<void> {
    expect(table).toBe('schema_migrations');
    for (const row of rows as { version: number; name: string }[]) {
      this.recorded.set(row.version, row.name);
      this.calls.push(`recorded ${row.name}`);
    }
  }
}

const cluster: GatewayConfig = { mode: 'server', url: 'http://ch:8123', cluster: 'lc' };
const files = readMigrations().map((m) => m.name);
/**
 * Every table of the migrations, by hand: 0001 brands, api_keys; 0002 events; 0003 four rollups; 0004 annotations;
 * 0005 alters events; 0006 alters two rollups and adds two; 0007 alters three rollups; 0008 alert webhooks and deliveries; 0009 session sources;
 * 0010 share links, their opens, brand branding; 0011 report schedules and runs;
 * 0012 session costs and commercer fees; 0013 viewer purchases; 0016 session viewer minutes (and events_by_minute,
 * which its data step swaps for events and drops); 0017 session peer values; 0019 rare events (and the view
 * that fills it); 0020 session peer percentiles; 0021 alters session_stats; 0022 live viewer rows; 0023 viewer prefix rows and
 * the list of viewer prefixes; 0024 product prefix rows (and alters the list); 0025 alters six rollups' sorting keys; 0026 alters
 * the list of viewer prefixes; 0027 live viewer minutes (which its data step fills
 * from session viewer minutes), live prefix rows and the list of live prefixes.
 */
const TABLES = [
  'brands',
  'api_keys',
  'events',
  'session_stats',
  'session_viewers',
  'session_minutes',
  'viewer_first_session',
  'annotations',
  'session_products',
  'session_pin_segments',
  'alert_webhooks',
  'alert_deliveries',
  'session_sources',
  'share_links',
  'share_link_opens',
  'brand_branding',
  'report_schedules',
  'report_runs',
  'session_costs',
  'commercer_fees',
  'viewer_purchases',
  'session_viewer_minutes',
  'session_peer_values',
  'rare_events',
  'session_peer_percentiles',
  'live_viewer_rows',
  'viewer_prefix_rows',
  'viewer_prefixes',
  'product_prefix_rows',
  'live_viewer_minutes',
  'live_prefix_rows',
  'live_prefixes',
];

describe('runMigrations on a cluster (CLICKHOUSE_CLUSTER)', () => {
  it('creates the replicated schema_migrations, then each migration as local + Distributed tables, recording each version after its statements', async () => {
    const engine = new RecordingEngine(cluster);
    const lines: string[] = [];
    expect(await runMigrations(engine, (line) => lines.push(line))).toEqual(files);

    const [local, distributed] = engine.calls;
    expect(local).toMatch(/^CREATE TABLE IF NOT EXISTS schema_migrations_local ON CLUSTER lc\n/);
    expect(local).toContain(
      "ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/schema_migrations_local', '{replica}')",
    );
    expect(distributed).toBe(
      'CREATE TABLE IF NOT EXISTS schema_migrations ON CLUSTER lc AS schema_migrations_local\n' +
        'ENGINE = Distributed(lc, currentDatabase(), schema_migrations_local, cityHash64(version))',
    );
    // Per table: its replicated local table, then the Distributed table over it; a version once its tables exist.
    // An ALTER: on the local table first, then on the Distributed one.
    const created = (sql: string) =>
      /^CREATE TABLE IF NOT EXISTS (\w+) ON CLUSTER lc\b/.exec(sql)?.[1] ??
      /^(ALTER TABLE \w+) ON CLUSTER lc\s/.exec(sql)?.[1] ??
      sql;
    expect(engine.calls.slice(2).map(created)).toEqual([
      'brands_local',
      'brands',
      'api_keys_local',
      'api_keys',
      'recorded 0001_core.sql',
      'events_local',
      'events',
      'recorded 0002_events.sql',
      'session_stats_local',
      'session_stats',
      'session_viewers_local',
      'session_viewers',
      'session_minutes_local',
      'session_minutes',
      'viewer_first_session_local',
      'viewer_first_session',
      'recorded 0003_rollups.sql',
      'annotations_local',
      'annotations',
      'recorded 0004_annotations.sql',
      'ALTER TABLE events_local',
      'ALTER TABLE events',
      'recorded 0005_events_merchandise.sql',
      ...Array.from({ length: 3 }, () => ['ALTER TABLE session_viewers_local', 'ALTER TABLE session_viewers']).flat(),
      ...Array.from({ length: 7 }, () => ['ALTER TABLE session_stats_local', 'ALTER TABLE session_stats']).flat(),
      'session_products_local',
      'session_products',
      'session_pin_segments_local',
      'session_pin_segments',
      'recorded 0006_rollups_merchandise.sql',
      'ALTER TABLE session_viewers_local',
      'ALTER TABLE session_viewers',
      ...Array.from({ length: 3 }, () => ['ALTER TABLE session_stats_local', 'ALTER TABLE session_stats']).flat(),
      'ALTER TABLE session_pin_segments_local',
      'ALTER TABLE session_pin_segments',
      'recorded 0007_rollups_recaps.sql',
      'alert_webhooks_local',
      'alert_webhooks',
      'alert_deliveries_local',
      'alert_deliveries',
      'recorded 0008_alert_webhooks.sql',
      'session_sources_local',
      'session_sources',
      'recorded 0009_rollups_sources.sql',
      'share_links_local',
      'share_links',
      'share_link_opens_local',
      'share_link_opens',
      'brand_branding_local',
      'brand_branding',
      'recorded 0010_agency_share.sql',
      'report_schedules_local',
      'report_schedules',
      'report_runs_local',
      'report_runs',
      'recorded 0011_report_schedules.sql',
      'session_costs_local',
      'session_costs',
      'commercer_fees_local',
      'commercer_fees',
      'recorded 0012_host_costs.sql',
      'viewer_purchases_local',
      'viewer_purchases',
      'data step: INSERT INTO viewer_purchases',
      'recorded 0013_viewer_purchases.sql',
      'events_by_minute_local',
      'events_by_minute',
      'session_viewer_minutes_local',
      'session_viewer_minutes',
      'ALTER TABLE session_stats_local',
      'ALTER TABLE session_stats',
      'data step: INSERT INTO events_by_minute',
      'data step: EXCHANGE TABLES events_local AND events_by_minute_local',
      'data step: DROP TABLE events_by_minute',
      'data step: DROP TABLE events_by_minute_local',
      'recorded 0016_live_path.sql',
      'session_peer_values_local',
      'session_peer_values',
      'recorded 0017_session_peer_values.sql',
      'rare_events_local',
      'rare_events',
      // each node's view copies its own shard's events; then the events stored before it
      'view rare_events_copy_local: events_local → rare_events_local',
      'data step: INSERT INTO rare_events',
      'recorded 0019_rare_events.sql',
      'session_peer_percentiles_local',
      'session_peer_percentiles',
      'recorded 0020_session_peer_percentiles.sql',
      'ALTER TABLE session_stats_local',
      'ALTER TABLE session_stats',
      'recorded 0021_viewer_rows_version.sql',
      'live_viewer_rows_local',
      'live_viewer_rows',
      'recorded 0022_live_viewer_rows.sql',
      'viewer_prefix_rows_local',
      'viewer_prefix_rows',
      'viewer_prefixes_local',
      'viewer_prefixes',
      'recorded 0023_viewer_prefixes.sql',
      'product_prefix_rows_local',
      'product_prefix_rows',
      'ALTER TABLE viewer_prefixes_local',
      'ALTER TABLE viewer_prefixes',
      'recorded 0024_product_prefixes.sql',
      // each table's sorting key grows on its local table only: a Distributed table has none
      ...[
        'session_minutes',
        'session_products',
        'session_pin_segments',
        'session_viewers',
        'session_sources',
        'viewer_purchases',
      ].flatMap((table) => [`ALTER TABLE ${table}_local`, `ALTER TABLE ${table}`]),
      'recorded 0025_rollup_slots.sql',
      'ALTER TABLE viewer_prefixes_local',
      'ALTER TABLE viewer_prefixes',
      'recorded 0026_product_snapshots_live.sql',
      'live_viewer_minutes_local',
      'live_viewer_minutes',
      'live_prefix_rows_local',
      'live_prefix_rows',
      'live_prefixes_local',
      'live_prefixes',
      'data step: INSERT INTO live_viewer_minutes',
      'recorded 0027_live_prefixes.sql',
    ]);
    for (const sql of engine.calls.filter((call) => call.startsWith('CREATE')))
      expect(sql).toMatch(/^CREATE TABLE IF NOT EXISTS \w+ ON CLUSTER lc\s/);
    for (const sql of engine.calls.filter((call) => call.startsWith('ALTER')))
      expect(sql).toMatch(/^ALTER TABLE \w+ ON CLUSTER lc\s+(ADD COLUMN IF NOT EXISTS|MODIFY COLUMN) /);
    // a sorting key changes only where the rows are, and only with the column it takes in
    for (const sql of engine.calls.filter((call) => /MODIFY ORDER BY/.test(call)))
      expect(sql).toMatch(
        /^ALTER TABLE \w+_local ON CLUSTER lc ADD COLUMN IF NOT EXISTS slot UInt8, MODIFY ORDER BY \(/,
      );
    expect(lines[0]).toBe('applied migration 0001_core.sql (4 statements on cluster lc)');
  });

  it('applies nothing the second time: only the IF NOT EXISTS of its own table runs again', async () => {
    const engine = new RecordingEngine(cluster);
    await runMigrations(engine);
    const first = engine.calls.length;
    expect(await runMigrations(engine)).toEqual([]);
    expect(engine.calls.slice(first)).toEqual(engine.calls.slice(0, 2));
  });

  it('converges when a run is cut short in the middle of a migration and repeated', async () => {
    // Commands 1–2 the runner's table, 3–6 0001, 7–8 0002, 9–16 0003: the 11th is 0003's third statement.
    const engine = new RecordingEngine(cluster, 11);
    await expect(runMigrations(engine)).rejects.toMatchObject({ code: ClickHouseErrorCode.CONNECTION });
    expect([...engine.recorded.values()]).toEqual(['0001_core.sql', '0002_events.sql']);
    expect(engine.tables.has('session_viewers_local')).toBe(false);

    expect(await runMigrations(engine)).toEqual(files.slice(2));
    expect([...engine.recorded.values()].sort()).toEqual(files);
    expect([...engine.tables].sort()).toEqual(
      [...TABLES, 'schema_migrations'].flatMap((table) => [table, `${table}_local`]).sort(),
    );
    // 0003 started again from its first statement: every one of them ran once more, harmlessly.
    const reruns = engine.calls.filter((sql) => sql.startsWith('CREATE TABLE IF NOT EXISTS session_stats_local '));
    expect(reruns).toHaveLength(2);
  });

  it('runs an ALTER migration again from its start when the run stopped between the local and the Distributed table', async () => {
    // Commands 1–2 the runner's table, 3–18 0001–0004, 19 0005 on events_local: the 20th is 0005 on events.
    const engine = new RecordingEngine(cluster, 20);
    await expect(runMigrations(engine)).rejects.toMatchObject({ code: ClickHouseErrorCode.CONNECTION });
    expect(engine.recorded.has(5)).toBe(false);
    expect(engine.calls.at(-1)).toMatch(/^ALTER TABLE events_local ON CLUSTER lc\s/);

    expect((await runMigrations(engine))[0]).toBe('0005_events_merchandise.sql');
    const alters = engine.calls.filter((sql) => /^ALTER TABLE events(_local)? /.test(sql));
    expect(alters.map((sql) => sql.split(' ').slice(0, 3).join(' '))).toEqual([
      'ALTER TABLE events_local',
      'ALTER TABLE events_local', // again, harmlessly: MODIFY to the same type, ADD … IF NOT EXISTS
      'ALTER TABLE events',
    ]);
    expect([...engine.recorded.values()].sort()).toEqual(files);
  });
});

describe('runMigrations on one node', () => {
  it('sends the statements as written, without ON CLUSTER', async () => {
    const engine = new RecordingEngine({ mode: 'server', url: 'http://ch:8123' });
    expect(await runMigrations(engine)).toEqual(files);
    expect(engine.calls.some((sql) => sql.includes('ON CLUSTER') || sql.includes('Replicated'))).toBe(false);
    expect([...engine.tables].sort()).toEqual([...TABLES, 'schema_migrations'].sort());
    expect(engine.calls[0]).toMatch(/^CREATE TABLE IF NOT EXISTS schema_migrations\n/);
    expect(engine.calls.filter((sql) => sql.startsWith('ALTER TABLE events\n'))).toEqual([
      expect.stringMatching(/'purchase' = 9,\s+'refund' = 10, [^)]*'product_click' = 16,\s+'recap' = 17\)/),
    ]);
  });
});
