import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClickHouseGateway } from '../src/clickhouse.gateway.js';
import { shardingColumns, toClusterStatements } from '../src/cluster.ddl.js';
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

  it('renders every real migration, with the sharding each table needs', () => {
    const shardKeys: Record<string, string> = {};
    for (const migration of readMigrations())
      for (const statement of migration.statements) {
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
      session_stats: 'brand_id, session_id',
      session_viewers: 'brand_id, session_id',
      session_minutes: 'brand_id, session_id',
      viewer_first_session: 'brand_id, viewer_id',
      annotations: 'brand_id, annotation_id',
    });
  });

  it('refuses what it cannot render, and a cluster name that is not a plain identifier', () => {
    expect(() => toClusterStatements('ALTER TABLE events ADD COLUMN x UInt8', cluster)).toThrow(
      /only CREATE TABLE IF NOT EXISTS/,
    );
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
            expect(row.formatted).toMatch(/^CREATE TABLE IF NOT EXISTS/);
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
      expect(singles.length).toBe(8);
      for (const table of singles) expect(byTable.get(`${table}_local`)).toBe(byTable.get(table));
    });
  });
});
