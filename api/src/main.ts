import type { Express } from 'express';
import pino from 'pino';
import { gatewayConfigFromEnv, loadEnv, readiness, runMigrations, openGatewayOrExit } from '@lc/clickhouse';
import { createApiApp } from './api.app.js';
import { apiEnvSchema, apiSettingsFromEnv } from './api.env.js';

/** Standalone API server (server mode: ingest and API deployed separately against one ClickHouse). */
const env = loadEnv(apiEnvSchema);
const log = pino({ name: 'api', level: env.LOG_LEVEL });
const gateway = openGatewayOrExit(gatewayConfigFromEnv(env));
await runMigrations(gateway, (line) => log.info(line));
const app = await createApiApp({ gateway, settings: apiSettingsFromEnv(env) });
// Ops endpoints, as the ingest server and the all-in-one have them: alive, and ready by the one rule (no intake here).
const http: Express = app.getHttpAdapter().getInstance();
http.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
http.get('/readyz', (_req, res) => {
  void readiness(gateway).then(({ status, body }) => res.status(status).json(body));
});
await app.listen(env.PORT);
// Printed whatever LOG_LEVEL says: it is what the command did.
console.log(`api listening on http://localhost:${env.PORT}/graphql (${gateway.mode} engine)`);
