import { clickhouseEnvSchema, gatewayConfigFromEnv, loadEnv } from './clickhouse.env.js';
import { openGatewayOrExit } from './clickhouse.gateway.js';
import { runMigrations } from './migrate.js';

/** `npm run migrate`: applies pending migrations to the configured engine (embedded folder or CLICKHOUSE_URL). */
const config = gatewayConfigFromEnv(loadEnv(clickhouseEnvSchema));
const gateway = openGatewayOrExit(config);
try {
  const target =
    config.mode === 'embedded'
      ? `embedded engine at ${config.dataPath}`
      : `server ${config.url}${config.cluster ? ` (cluster ${config.cluster}: replicated tables ON CLUSTER)` : ''}`;
  console.log(`migrating ${target}`);
  const applied = await runMigrations(gateway, (line) => console.log(line));
  console.log(applied.length === 0 ? 'schema is up to date' : `applied ${applied.length} migration(s)`);
} catch (error) {
  console.error(`migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await gateway.close();
}
