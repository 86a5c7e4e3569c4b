import pino from 'pino';
import { ClickHouseGateway, gatewayConfigFromEnv, runMigrations } from '@lc/clickhouse';
import { createApiApp } from './api.app.js';

/** Standalone API server (server mode: ingest and API deployed separately against one ClickHouse). */
const log = pino({ name: 'api' });
const gateway = ClickHouseGateway.open(gatewayConfigFromEnv());
await runMigrations(gateway, (line) => log.info(line));
const app = await createApiApp({ gateway });
const port = Number(process.env.PORT ?? 4002);
await app.listen(port);
log.info(`api listening on http://localhost:${port}/graphql (${gateway.mode} engine)`);
