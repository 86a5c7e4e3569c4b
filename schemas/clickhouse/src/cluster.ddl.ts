/**
 * The cluster variant of the migrations (CLICKHOUSE_CLUSTER set). The numbered .sql files are written
 * once, for one node; this turns each `CREATE TABLE` into what a sharded, replicated deployment needs:
 *
 *   - `<name>_local ON CLUSTER`, engine `Replicated<Engine>` with its Keeper path and replica macro,
 *     on every node — replicas of a shard hold the same rows;
 *   - `<name> ON CLUSTER AS <name>_local ENGINE = Distributed(…)` — the table every query and insert
 *     names, so the product's SQL is the same in both deployments.
 *
 * and each `ALTER TABLE <name> <column changes>` into the same changes on `<name>_local ON CLUSTER`
 * first (where the rows live), then on `<name> ON CLUSTER`: a Distributed table copied the columns
 * of its local table when it was created and does not follow later changes by itself — without
 * its own ALTER, nobody could read a new column or insert a new Enum value through it.
 *
 * Sharding keeps each ReplacingMergeTree key on one shard (a duplicate can only be collapsed by FINAL
 * where its twin lives): tables keyed by session shard by (brand_id, session_id), so one session's
 * events and rollups sit together and a rebuild reads one shard; the others shard by their whole key.
 * Every statement stays idempotent (`IF NOT EXISTS`, `IF EXISTS`, or a MODIFY COLUMN to the type the
 * column has), so the runner can apply a migration again after a cut-short run.
 */

export interface ClusterDdlOptions {
  /** The cluster's name in the servers' `remote_servers` (docker/clickhouse/cluster.xml). */
  cluster: string;
}

/** Operators name the cluster; it still never reaches SQL unchecked. */
export const CLUSTER_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

const CREATE_TABLE =
  /^CREATE TABLE IF NOT EXISTS (?<name>[a-z_][a-z0-9_]*)\s*(?<columns>\([\s\S]*\))\s*ENGINE\s*=\s*(?<engine>[A-Za-z]*MergeTree)(?:\((?<args>[^)]*)\))?(?<rest>[\s\S]*)$/;
const ORDER_BY = /ORDER BY\s+(\([^)]*\)|[a-z_][a-z0-9_]*)/;
const MATERIALIZED_VIEW =
  /^CREATE MATERIALIZED VIEW IF NOT EXISTS (?<name>[a-z_][a-z0-9_]*) TO (?<target>[a-z_][a-z0-9_]*) AS\s+(?<select>SELECT\b[\s\S]*?\bFROM (?<source>[a-z_][a-z0-9_]*)\b(?<after>[\s\S]*))$/;
const ALTER_TABLE = /^ALTER TABLE (?<name>[a-z_][a-z0-9_]*)(?<actions>\s[\s\S]*)$/;
/**
 * The ALTER actions both tables accept (a Distributed table takes column changes only: no
 * mutations, indexes, partitions or TTL), each written so that running it again changes nothing.
 */
const IDEMPOTENT_COLUMN_ACTION = /^(ADD COLUMN IF NOT EXISTS|DROP COLUMN IF EXISTS|MODIFY COLUMN|COMMENT COLUMN)\s/;
/**
 * A sorting key grown by a column the same ALTER adds (0025): the local table's only — a Distributed
 * table has no sorting key. Running it again with the column in place changes nothing.
 */
const MODIFY_ORDER_BY = /^MODIFY ORDER BY\s/;

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
 * The top-level actions of an ALTER, split at commas outside parentheses, quotes and `--` comments
 * (an Enum's values or a type's arguments hold commas too), comments dropped.
 */
export function alterActions(actions: string): string[] {
  const parts: string[] = [];
  let current = '';
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < actions.length; i++) {
    const char = actions[i];
    if (quote !== undefined) {
      current += char;
      if (char === '\\') current += actions[++i] ?? '';
      else if (char === quote) quote = undefined;
    } else if (char === '-' && actions[i + 1] === '-') {
      while (i < actions.length && actions[i] !== '\n') i++;
      current += '\n';
    } else if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      if (char === "'" || char === '"' || char === '`') quote = char;
      else if (char === '(') depth++;
      else if (char === ')') depth--;
      current += char;
    }
  }
  parts.push(current);
  return parts.map((part) => part.trim().replace(/\s+/g, ' '));
}

function alterToCluster(name: string, actions: string, cluster: string): string[] {
  const all = alterActions(actions);
  for (const action of all)
    if (!IDEMPOTENT_COLUMN_ACTION.test(action) && !MODIFY_ORDER_BY.test(action))
      throw new Error(
        `cluster DDL: ALTER TABLE ${name} may only ADD COLUMN IF NOT EXISTS, DROP COLUMN IF EXISTS, MODIFY COLUMN, ` +
          `COMMENT COLUMN (what a Distributed table accepts, safe to run again) or MODIFY ORDER BY, got: ${action.slice(0, 80)}`,
      );
  const columns = all.filter((action) => IDEMPOTENT_COLUMN_ACTION.test(action));
  if (columns.length === all.length)
    return [
      `ALTER TABLE ${name}_local ON CLUSTER ${cluster}${actions}`,
      `ALTER TABLE ${name} ON CLUSTER ${cluster}${actions}`,
    ];
  // the sorting key on the local table (in the ALTER that adds its column), the columns on both
  return [
    `ALTER TABLE ${name}_local ON CLUSTER ${cluster} ${all.join(', ')}`,
    ...(columns.length > 0 ? [`ALTER TABLE ${name} ON CLUSTER ${cluster} ${columns.join(', ')}`] : []),
  ];
}

/**
 * One statement of a migration → the statements the cluster runs instead. Statements other than
 * `CREATE TABLE` and column `ALTER`s are refused: a new kind of migration must be taught here before
 * it can ship.
 */
export function toClusterStatements(statement: string, { cluster }: ClusterDdlOptions): string[] {
  if (!CLUSTER_NAME.test(cluster))
    throw new Error(`CLICKHOUSE_CLUSTER "${cluster}" must be letters, digits and _ (starting with a letter)`);
  const alter = ALTER_TABLE.exec(statement.trim());
  if (alter?.groups) {
    if (/^\s*ON CLUSTER\b/i.test(alter.groups.actions))
      throw new Error(`cluster DDL: write ALTER TABLE ${alter.groups.name} without ON CLUSTER; it is added here`);
    return alterToCluster(alter.groups.name, alter.groups.actions, cluster);
  }
  const view = MATERIALIZED_VIEW.exec(statement.trim());
  if (view?.groups) return [viewToCluster(view.groups, cluster)];
  const match = CREATE_TABLE.exec(statement.trim());
  if (!match?.groups)
    throw new Error(
      `cluster DDL: only CREATE TABLE IF NOT EXISTS … ENGINE = *MergeTree, ALTER TABLE … column changes and ` +
        `CREATE MATERIALIZED VIEW IF NOT EXISTS … TO … AS SELECT … FROM one table are supported, got: ${statement.slice(0, 80)}`,
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

/**
 * A materialized view copying rows of one table into another: on a cluster it watches each node's
 * local source table and writes that node's local target, so a row stays on the shard it was
 * inserted into (source and target are sharded alike: by their leading key columns).
 */
function viewToCluster({ name, target, select, source, after }: Record<string, string>, cluster: string): string {
  if (/\b(JOIN|FROM)\b/i.test(after) || /\(\s*SELECT\b/i.test(select))
    throw new Error(`cluster DDL: materialized view ${name} must read one table, without joins or subqueries`);
  const head = select.slice(0, select.length - after.length - source.length);
  return (
    `CREATE MATERIALIZED VIEW IF NOT EXISTS ${name}_local ON CLUSTER ${cluster} TO ${target}_local AS\n` +
    `${head}${source}_local${after}`
  );
}

/** The runner's own bookkeeping table, replicated on every node so any node knows what was applied. */
export function migrationsTableStatements(options: ClusterDdlOptions | undefined): string[] {
  const single = `CREATE TABLE IF NOT EXISTS schema_migrations
(version UInt32, name String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3))
ENGINE = ReplacingMergeTree ORDER BY version`;
  return options ? toClusterStatements(single, options) : [single];
}
