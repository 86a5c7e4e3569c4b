/**
 * The cluster variant of the migrations (CLICKHOUSE_CLUSTER set). The numbered .sql files are written
 * once, for one node; this turns each `CREATE TABLE` into what a sharded, replicated deployment needs:
 *
 *   - `<name>_local ON CLUSTER`, engine `Replicated<Engine>` with its Keeper path and replica macro,
 *     on every node — replicas of a shard hold the same rows;
 *   - `<name> ON CLUSTER AS <name>_local ENGINE = Distributed(…)` — the table every query and insert
 *     names, so the product's SQL is the same in both deployments.
 *
 * Sharding keeps each ReplacingMergeTree key on one shard (a duplicate can only be collapsed by FINAL
 * where its twin lives): tables keyed by session shard by (brand_id, session_id), so one session's
 * events and rollups sit together and a rebuild reads one shard; the others shard by their whole key.
 * Every statement stays `IF NOT EXISTS`, so the runner can apply a migration again after a cut-short run.
 */

export interface ClusterDdlOptions {
  /** The cluster's name in the servers' `remote_servers` (docker/clickhouse/cluster.xml). */
  cluster: string;
}

/** Operators name the cluster; it still never reaches SQL unchecked. */
export const CLUSTER_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

const CREATE_TABLE =
  /^CREATE TABLE IF NOT EXISTS (?<name>[a-z_][a-z0-9_]*)\s*(?<columns>\([\s\S]*\))\s*ENGINE\s*=\s*(?<engine>[A-Za-z]+MergeTree)(?:\((?<args>[^)]*)\))?(?<rest>[\s\S]*)$/;
const ORDER_BY = /ORDER BY\s+(\([^)]*\)|[a-z_][a-z0-9_]*)/;

/** The columns a table is sharded by: up to session_id when its key has one, else its whole key. */
export function shardingColumns(orderBy: readonly string[]): string[] {
  const session = orderBy.indexOf('session_id');
  return session >= 0 ? orderBy.slice(0, session + 1) : [...orderBy];
}

function orderByColumns(rest: string, table: string): string[] {
  const match = ORDER_BY.exec(rest);
  if (!match) throw new Error(`cluster DDL: table ${table} has no ORDER BY`);
  return match[1]
    .replace(/[()]/g, '')
    .split(',')
    .map((column) => column.trim())
    .filter((column) => column !== '');
}

/**
 * One statement of a migration → the statements the cluster runs instead. Statements other than
 * `CREATE TABLE` are refused: a new kind of migration must be taught here before it can ship.
 */
export function toClusterStatements(statement: string, { cluster }: ClusterDdlOptions): string[] {
  if (!CLUSTER_NAME.test(cluster))
    throw new Error(`CLICKHOUSE_CLUSTER "${cluster}" must be letters, digits and _ (starting with a letter)`);
  const match = CREATE_TABLE.exec(statement.trim());
  if (!match?.groups)
    throw new Error(
      `cluster DDL: only CREATE TABLE IF NOT EXISTS … ENGINE = *MergeTree is supported, got: ${statement.slice(0, 80)}`,
    );
  const { name, columns, engine, args, rest } = match.groups;
  const local = `${name}_local`;
  const keeperPath = `'/clickhouse/tables/{shard}/{database}/${local}'`;
  const engineArgs = [keeperPath, `'{replica}'`, ...(args?.trim() ? [args.trim()] : [])].join(', ');
  const shardBy = shardingColumns(orderByColumns(rest, name));
  return [
    `CREATE TABLE IF NOT EXISTS ${local} ON CLUSTER ${cluster}\n${columns}\nENGINE = Replicated${engine}(${engineArgs})${rest}`,
    `CREATE TABLE IF NOT EXISTS ${name} ON CLUSTER ${cluster} AS ${local}\n` +
      `ENGINE = Distributed(${cluster}, currentDatabase(), ${local}, cityHash64(${shardBy.join(', ')}))`,
  ];
}

/** The runner's own bookkeeping table, replicated on every node so any node knows what was applied. */
export function migrationsTableStatements(options: ClusterDdlOptions | undefined): string[] {
  const single = `CREATE TABLE IF NOT EXISTS schema_migrations
(version UInt32, name String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3))
ENGINE = ReplacingMergeTree ORDER BY version`;
  return options ? toClusterStatements(single, options) : [single];
}
