import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ClickHouseGateway } from './clickhouse.gateway.js';

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

/**
 * Applies forward-only migrations not yet recorded in `schema_migrations`, in
 * order. Statements are idempotent (`IF NOT EXISTS`), so a run cut short and
 * repeated converges; a version is recorded only after all its statements ran.
 */
export async function runMigrations(
  gateway: ClickHouseGateway,
  log: (line: string) => void = () => undefined,
  dir: string = MIGRATIONS_DIR,
): Promise<string[]> {
  await gateway.command(
    `CREATE TABLE IF NOT EXISTS schema_migrations
     (version UInt32, name String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3))
     ENGINE = ReplacingMergeTree ORDER BY version`,
    {},
    { tag: 'migrate.table' },
  );
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
    for (const statement of migration.statements) {
      await gateway.command(statement, {}, { tag: `migrate.${migration.version}` });
    }
    await gateway.insert('schema_migrations', [{ version: migration.version, name: migration.name }], {
      tag: 'migrate.record',
    });
    log(`applied migration ${migration.name} (${migration.statements.length} statements)`);
    done.push(migration.name);
  }
  return done;
}
