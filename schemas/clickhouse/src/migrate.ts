import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ClickHouseGateway } from './clickhouse.gateway.js';
import { migrationsTableStatements, toClusterStatements, type ClusterDdlOptions } from './cluster.ddl.js';
import { sortEventsByMinute } from './events-by-minute.js';
import { copyViewerMinutes } from './live-viewer-minutes.js';
import { copyRareEvents } from './rare-events.js';
import { backfillPurchaseTimeline } from './rollup.repository.js';

/** schemas/clickhouse/migrations, reached the same way from src/ (tests) and dist/ (built). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));

const MIGRATION_FILE = /^(\d{4})_[a-z0-9_]+\.sql$/;

export interface Migration {
  version: number;
  name: string;
  statements: string[];
}

/** Splits a migration file into statements: each ends with `;` at the end of a line. */
export function splitStatements(sql: string): string[] {
  return sql
    .split(/;[ \t]*(?:\r?\n|$)/)
    .map((statement) =>
      statement
        .split('\n')
        .filter((line) => !line.trim().startsWith('--'))
        .join('\n')
        .trim(),
    )
    .filter((statement) => statement !== '');
}

export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => MIGRATION_FILE.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 4)),
      name: file,
      statements: splitStatements(readFileSync(`${dir}/${file}`, 'utf8')),
    }));
}

/** What the runner needs of the gateway: the engine it names (one node or a cluster) and three calls. */
export type MigrationTarget = Pick<ClickHouseGateway, 'config' | 'command' | 'query' | 'insert'>;

/**
 * Data a migration's new table needs from what is already stored, filled right after its DDL and
 * before it is recorded (so a failure runs both again at the next start; each step is idempotent).
 * A `.sql` file cannot hold them: they read the rollups as the rollup code writes them.
 */
const DATA_STEPS: Readonly<Record<string, (gateway: MigrationTarget, log: (line: string) => void) => Promise<void>>> = {
  // sessions rolled up before the purchase timeline existed (issue 13)
  '0013_viewer_purchases.sql': backfillPurchaseTimeline,
  // events sorted by minute within a session, for the incremental live path (issue 11)
  '0016_live_path.sql': sortEventsByMinute,
  // the rare events stored before their view existed (issue 11)
  '0019_rare_events.sql': copyRareEvents,
  // the live path's viewer-minute rows, sorted minute first (issue 11)
  '0027_live_prefixes.sql': copyViewerMinutes,
};

/** The statements a migration runs: as written on one node, its cluster variant on a cluster. */
export function migrationStatements(migration: Migration, cluster?: ClusterDdlOptions): string[] {
  return cluster
    ? migration.statements.flatMap((statement) => toClusterStatements(statement, cluster))
    : migration.statements;
}

/**
 * Applies forward-only migrations not yet recorded in `schema_migrations`, in
 * order. On a cluster (`config.cluster`, CLICKHOUSE_CLUSTER) each table becomes
 * a replicated `<name>_local` on every node behind a Distributed `<name>`
 * (cluster.ddl.ts), and `schema_migrations` itself is replicated, so any node
 * knows what was applied. Statements are idempotent (`IF NOT EXISTS`), so a run
 * cut short and repeated converges; a version is recorded only after all its
 * statements ran.
 */
export async function runMigrations(
  gateway: MigrationTarget,
  log: (line: string) => void = () => undefined,
  dir: string = MIGRATIONS_DIR,
): Promise<string[]> {
  const cluster = gateway.config.cluster ? { cluster: gateway.config.cluster } : undefined;
  for (const statement of migrationsTableStatements(cluster))
    await gateway.command(statement, {}, { tag: 'migrate.table' });
  const applied = new Set(
    (
      await gateway.query<{ version: number }>(
        'SELECT version FROM schema_migrations FINAL',
        {},
        { tag: 'migrate.applied' },
      )
    ).map((row) => Number(row.version)),
  );
  const done: string[] = [];
  for (const migration of readMigrations(dir)) {
    if (applied.has(migration.version)) continue;
    const statements = migrationStatements(migration, cluster);
    for (const statement of statements) {
      await gateway.command(statement, {}, { tag: `migrate.${migration.version}` });
    }
    await DATA_STEPS[migration.name]?.(gateway, log);
    await gateway.insert('schema_migrations', [{ version: migration.version, name: migration.name }], {
      tag: 'migrate.record',
    });
    const where = cluster ? ` on cluster ${cluster.cluster}` : '';
    log(`applied migration ${migration.name} (${statements.length} statements${where})`);
    done.push(migration.name);
  }
  return done;
}
