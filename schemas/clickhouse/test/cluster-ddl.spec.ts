import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClickHouseGateway } from '../src/clickhouse.gateway.js';
import { alterActions, shardingColumns, toClusterStatements } from '../src/cluster.ddl.js';
import { readMigrations } from '../src/migrate.js';

const cluster = { cluster: 'lc' };

/** Back to one node: what the replicated DDL asks of each replica, minus Keeper and the cluster. */
function singleNodeOf(statement: string): string {
  return statement
    .replace(/ ON CLUSTER lc/, '')
    .replace(/ENGINE = Replicated(\w+)\('[^']*', '\{replica\}'(?:, )?/, 'ENGINE = $1(')
    .replace(/ENGINE = (\w+)\(\)/, 'ENGINE = $1');
}

describe('the cluster variant of the migrations', () => {
  it('turns a table into a replicated local table and a Distributed table over it', () => {
    const ddl = toClusterStatements(
      `CREATE TABLE IF NOT EXISTS session_stats
(
    brand_id String,
    session_id String,
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (brand_id, session_id)`,
      cluster,
    );
    expect(ddl).toEqual([
      `CREATE TABLE IF NOT EXISTS session_stats_local ON CLUSTER lc
(
    brand_id String,
    session_id String,
    version UInt64
)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/session_stats_local', '{replica}', version)
ORDER BY (brand_id, session_id)`,
      `CREATE TABLE IF NOT EXISTS session_stats ON CLUSTER lc AS session_stats_local
ENGINE = Distributed(lc, currentDatabase(), session_stats_local, cityHash64(brand_id, session_id))`,
    ]);
  });

  it('keeps each dedup key on one shard: by session where the key has one, else by the whole key', () => {
    expect(shardingColumns(['brand_id', 'session_id', 'event_id'])).toEqual(['brand_id', 'session_id']);
    expect(shardingColumns(['brand_id', 'session_id', 'minute'])).toEqual(['brand_id', 'session_id']);
    expect(shardingColumns(['brand_id', 'viewer_id'])).toEqual(['brand_id', 'viewer_id']);
    expect(shardingColumns(['key_id'])).toEqual(['key_id']);
  });

  it('turns a column ALTER into the same ALTER on the local table, then on the Distributed table', () => {
    const statement = `ALTER TABLE events
    MODIFY COLUMN type Enum8('a' = 1, 'b, c' = 2),
    ADD COLUMN IF NOT EXISTS channel LowCardinality(String) AFTER source`;
    const actions = `
    MODIFY COLUMN type Enum8('a' = 1, 'b, c' = 2),
    ADD COLUMN IF NOT EXISTS channel LowCardinality(String) AFTER source`;
    expect(toClusterStatements(statement, cluster)).toEqual([
      `ALTER TABLE events_local ON CLUSTER lc${actions}`,
      `ALTER TABLE events ON CLUSTER lc${actions}`,
    ]);
    // What a rollup migration adds to a table of its own, one column at a time.
    expect(
      toClusterStatements('ALTER TABLE session_stats ADD COLUMN IF NOT EXISTS refunds UInt32 AFTER revenue', cluster),
    ).toEqual([
      'ALTER TABLE session_stats_local ON CLUSTER lc ADD COLUMN IF NOT EXISTS refunds UInt32 AFTER revenue',
      'ALTER TABLE session_stats ON CLUSTER lc ADD COLUMN IF NOT EXISTS refunds UInt32 AFTER revenue',
    ]);
    // A column that joins the sorting key (0025): the key on the local table, the column on both.
    expect(
      toClusterStatements(
        'ALTER TABLE session_minutes ADD COLUMN IF NOT EXISTS slot UInt8, MODIFY ORDER BY (brand_id, session_id, minute, slot)',
        cluster,
      ),
    ).toEqual([
      'ALTER TABLE session_minutes_local ON CLUSTER lc ADD COLUMN IF NOT EXISTS slot UInt8, MODIFY ORDER BY (brand_id, session_id, minute, slot)',
      'ALTER TABLE session_minutes ON CLUSTER lc ADD COLUMN IF NOT EXISTS slot UInt8',
    ]);
  });

  it('splits an ALTER into its actions at commas outside parentheses, quotes and comments', () => {
    expect(
      alterActions(` MODIFY COLUMN t Enum8('x,y' = 1, 'z' = 2), -- a note, with a comma
      ADD COLUMN IF NOT EXISTS m Map(String, UInt64) DEFAULT map('a(', 1),
      COMMENT COLUMN c 'it''s, here'`),
    ).toEqual([
      "MODIFY COLUMN t Enum8('x,y' = 1, 'z' = 2)",
      "ADD COLUMN IF NOT EXISTS m Map(String, UInt64) DEFAULT map('a(', 1)",
      "COMMENT COLUMN c 'it''s, here'",
    ]);
  });

  it('renders every real migration, with the sharding each table needs', () => {
    const shardKeys: Record<string, string> = {};
    const altered: string[] = [];
    const views: string[] = [];
    for (const migration of readMigrations())
      for (const statement of migration.statements) {
        if (statement.startsWith('ALTER TABLE')) {
          const [local, distributed, ...more] = toClusterStatements(statement, cluster);
          const [, name] = /^ALTER TABLE (\w+)_local ON CLUSTER lc\s/.exec(local) ?? [];
          // a sorting key grown by a new column (0025) is the local table's only
          expect(distributed).toBe(local.replace(`${name}_local`, name).replace(/, MODIFY ORDER BY \([^)]*\)$/, ''));
          expect(more).toEqual([]);
          altered.push(`${migration.name}: ${name}`);
          continue;
        }
        if (statement.startsWith('CREATE MATERIALIZED VIEW')) {
          const rendered = toClusterStatements(statement, cluster);
          expect(rendered).toHaveLength(1);
          // each node's view reads its own shard's rows and writes its own shard's table
          const [, name, target, source] =
            /^CREATE MATERIALIZED VIEW IF NOT EXISTS (\w+)_local ON CLUSTER lc TO (\w+)_local AS\n[\s\S]*\bFROM (\w+)_local\b/.exec(
              rendered[0],
            ) ?? [];
          views.push(`${name}: ${source} → ${target}`);
          continue;
        }
        const [local, distributed] = toClusterStatements(statement, cluster);
        expect(local).toMatch(/^CREATE TABLE IF NOT EXISTS \w+_local ON CLUSTER lc\n/);
        expect(local).toMatch(
          /ENGINE = Replicated\w*MergeTree\('\/clickhouse\/tables\/\{shard\}\/\{database\}\/\w+_local', '\{replica\}'/,
        );
        const [, name, key] = /^CREATE TABLE IF NOT EXISTS (\w+) .*cityHash64\(([^)]*)\)\)$/s.exec(distributed) ?? [];
        shardKeys[name] = key;
      }
    expect(shardKeys).toEqual({
      brands: 'brand_id',
      api_keys: 'key_id',
      events: 'brand_id, session_id',
      events_by_minute: 'brand_id, session_id',
      session_stats: 'brand_id, session_id',
      session_viewer_minutes: 'brand_id, session_id',
      live_viewer_rows: 'brand_id, session_id',
      viewer_prefix_rows: 'brand_id, session_id',
      viewer_prefixes: 'brand_id, session_id',
      product_prefix_rows: 'brand_id, session_id',
      live_viewer_minutes: 'brand_id, session_id',
      live_prefix_rows: 'brand_id, session_id',
      live_prefixes: 'brand_id, session_id',
      session_viewers: 'brand_id, session_id',
      session_minutes: 'brand_id, session_id',
      viewer_first_session: 'brand_id, viewer_id',
      annotations: 'brand_id, annotation_id',
      session_products: 'brand_id, session_id',
      session_pin_segments: 'brand_id, session_id',
      alert_webhooks: 'brand_id, webhook_id',
      alert_deliveries: 'brand_id, webhook_id, alert_key',
      session_sources: 'brand_id, session_id',
      share_links: 'brand_id, link_id',
      // each open on its own: a retried insert of one open lands beside its twin (same whole key)
      share_link_opens: 'brand_id, link_id, opened_at, open_id',
      brand_branding: 'brand_id',
      report_schedules: 'brand_id, schedule_id',
      report_runs: 'brand_id, schedule_id, run_key',
      session_costs: 'brand_id, session_id',
      commercer_fees: 'brand_id, commercer_id, month',
      // keyed by viewer, then session: one (viewer, session) row and its replacements sit on one shard
      viewer_purchases: 'brand_id, viewer_id, session_id',
      // keyed like session_stats, whose rows it is refreshed from (0017)
      session_peer_values: 'brand_id, session_id',
      // keyed like session_peer_values, whose refresh writes it (0020)
      session_peer_percentiles: 'brand_id, session_id',
      // sharded as events, whose rows its view copies on the same node
      rare_events: 'brand_id, session_id',
    });
    expect(views).toEqual(['rare_events_copy: events → rare_events']);
    expect(altered).toEqual(
      expect.arrayContaining(['0005_events_merchandise.sql: events', '0025_rollup_slots.sql: session_viewers']),
    );
  });

  it('refuses what it cannot render, and a cluster name that is not a plain identifier', () => {
    expect(() => toClusterStatements('DROP TABLE events', cluster)).toThrow(/only CREATE TABLE IF NOT EXISTS/);
    // A view over a join or a subquery would read other shards' rows on each node.
    expect(() =>
      toClusterStatements(
        'CREATE MATERIALIZED VIEW IF NOT EXISTS v TO t AS SELECT a FROM events JOIN brands USING brand_id',
        cluster,
      ),
    ).toThrow(/must read one table/);
    expect(() =>
      toClusterStatements(
        'CREATE MATERIALIZED VIEW IF NOT EXISTS v TO t AS SELECT a FROM events WHERE a IN (SELECT a FROM brands)',
        cluster,
      ),
    ).toThrow(/must read one table/);
    // Not safe to run again after a cut-short run:
    expect(() => toClusterStatements('ALTER TABLE events ADD COLUMN x UInt8', cluster)).toThrow(
      /may only ADD COLUMN IF NOT EXISTS/,
    );
    expect(() => toClusterStatements('ALTER TABLE events DROP COLUMN x', cluster)).toThrow(/DROP COLUMN IF EXISTS/);
    // What a Distributed table does not take: mutations, indexes, partitions.
    expect(() => toClusterStatements("ALTER TABLE events DELETE WHERE brand_id = 'b'", cluster)).toThrow(
      /got: DELETE WHERE/,
    );
    expect(() =>
      toClusterStatements('ALTER TABLE events ADD COLUMN IF NOT EXISTS x UInt8, ADD INDEX i x TYPE minmax', cluster),
    ).toThrow(/got: ADD INDEX/);
    expect(() =>
      toClusterStatements('ALTER TABLE events ON CLUSTER other ADD COLUMN IF NOT EXISTS x UInt8', cluster),
    ).toThrow(/without ON CLUSTER/);
    expect(() =>
      toClusterStatements('CREATE TABLE IF NOT EXISTS a (x UInt8) ENGINE = MergeTree ORDER BY x', {
        cluster: "lc'; DROP TABLE events; --",
      }),
    ).toThrow(/CLICKHOUSE_CLUSTER/);
  });

  describe('on the real engine', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lc-cluster-ddl-'));
    let gateway: ClickHouseGateway;
    beforeAll(() => {
      gateway = ClickHouseGateway.open({ mode: 'embedded', dataPath: dir, retries: 0 });
    });
    afterAll(async () => {
      await gateway.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('parses every rendered statement, replicated and distributed alike', async () => {
      for (const migration of readMigrations())
        for (const statement of migration.statements)
          for (const ddl of toClusterStatements(statement, cluster)) {
            const [row] = await gateway.query<{ formatted: string }>(
              'SELECT formatQuery({ddl:String}) AS formatted',
              { ddl },
              { tag: 'test.cluster.parse' },
            );
            expect(row.formatted).toMatch(
              /^(CREATE TABLE IF NOT EXISTS|ALTER TABLE \w+ ON CLUSTER lc|CREATE MATERIALIZED VIEW IF NOT EXISTS \w+_local ON CLUSTER lc TO \w+_local)/,
            );
          }
    });

    it('creates each local table without Keeper, with the columns of the single-node table', async () => {
      for (const migration of readMigrations())
        for (const statement of migration.statements) {
          const [local] = toClusterStatements(statement, cluster);
          await gateway.command(singleNodeOf(local), {}, { tag: 'test.cluster.local' });
          await gateway.command(statement, {}, { tag: 'test.cluster.single' });
        }
      const columns = await gateway.query<{ table: string; names: string }>(
        `SELECT table, arrayStringConcat(groupArray(concat(name, ' ', type)), ', ') AS names
         FROM (SELECT table, name, type FROM system.columns WHERE database = currentDatabase() ORDER BY table, position)
         GROUP BY table ORDER BY table`,
        {},
        { tag: 'test.cluster.columns' },
      );
      const byTable = new Map(columns.map((c) => [c.table, c.names]));
      const singles = [...byTable.keys()].filter((t) => !t.endsWith('_local'));
      // 13 tables up to 0009, + share_links, share_link_opens and brand_branding (0010), report_schedules and
      // report_runs (0011), session_costs and commercer_fees (0012), viewer_purchases (0013), events_by_minute and
      // session_viewer_minutes (0016; the runner's data step swaps events_by_minute for events, which needs the
      // very same columns), session_peer_values (0017), rare_events and the view that fills it, rare_events_copy (0019),
      // session_peer_percentiles (0020), live_viewer_rows (0022), viewer_prefix_rows and viewer_prefixes (0023),
      // product_prefix_rows (0024), live_viewer_minutes, live_prefix_rows and live_prefixes (0027)
      expect(singles.length).toBe(34);
      expect(byTable.get('live_viewer_minutes')).toBe(byTable.get('session_viewer_minutes'));
      expect(byTable.get('rare_events_copy')).toBe(byTable.get('rare_events'));
      expect(byTable.get('events_by_minute')).toBe(byTable.get('events'));
      for (const table of singles) expect(byTable.get(`${table}_local`)).toBe(byTable.get(table));
      // 0005 reached the local table like the single-node one: the new columns where they were placed.
      expect(byTable.get('events_local')).toContain(
        ', source LowCardinality(String), channel LowCardinality(String), ',
      );
      expect(byTable.get('events_local')).toContain(', product_id String, product_name String, ');
      expect(byTable.get('events_local')).toContain(
        "'purchase' = 9, 'refund' = 10, 'follow' = 11, 'share' = 12, 'product_pin' = 13, 'product_unpin' = 14, 'product_impression' = 15, 'product_click' = 16, 'recap' = 17)",
      );
    });

    it('runs every ALTER again after it was applied (a cut-short run repeated) and changes nothing', async () => {
      const columns = () =>
        gateway.query<{ table: string; name: string; type: string }>(
          `SELECT table, name, type FROM system.columns WHERE database = currentDatabase() ORDER BY table, position`,
          {},
          { tag: 'test.cluster.columns' },
        );
      const before = await columns();
      const alters = readMigrations().flatMap((m) => m.statements.filter((s) => s.startsWith('ALTER TABLE')));
      expect(alters.length).toBeGreaterThan(0);
      for (const statement of alters) {
        await gateway.command(
          singleNodeOf(toClusterStatements(statement, cluster)[0]),
          {},
          { tag: 'test.cluster.again' },
        );
        await gateway.command(statement, {}, { tag: 'test.cluster.again' });
      }
      expect(await columns()).toEqual(before);
    });
  });
});
