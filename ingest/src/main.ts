import { createServer } from 'node:http';
import pino from 'pino';
import { gatewayConfigFromEnv, loadEnv, runMigrations, openGatewayOrExit } from '@lc/clickhouse';
import { createIngestApp } from './ingest.app.js';
import { configureKeepAlive } from './ingest.http.js';
import { ingestConfigFromEnv, ingestEnvSchema, ingestParseConfigFromEnv } from './ingest.env.js';

/** Standalone ingest server (server mode: ingest and API deployed separately against one ClickHouse). */
const env = loadEnv(ingestEnvSchema);
const log = pino({ name: 'ingest', level: env.LOG_LEVEL });
const gateway = openGatewayOrExit(gatewayConfigFromEnv(env));
await runMigrations(gateway, (line) => log.info(line));
const app = createIngestApp(gateway, { ...ingestConfigFromEnv(env), ...ingestParseConfigFromEnv(env) }, (error) =>
  log.error({ err: error }, 'ingest error'),
);
const server = createServer((req, res) => {
  const path = (req.url ?? '').split('?')[0];
  if (path === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    return;
  }
  if (path === '/metrics') {
    void app.metrics.registry.metrics().then((text) => {
      res.writeHead(200, { 'content-type': app.metrics.registry.contentType }).end(text);
    });
    return;
  }
  if (path === '/readyz') {
    void app.readiness().then(({ status, body }) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    return;
  }
  app.handler(req, res);
});
configureKeepAlive(server);
// Printed whatever LOG_LEVEL says: it is what the command did (and what scripts wait for).
server.listen(env.PORT, () =>
  console.log(`ingest listening on http://localhost:${env.PORT}/v1/events (${gateway.mode} engine)`),
);

process.once('SIGTERM', () => {
  log.info('SIGTERM: draining');
  server.close();
  void app.drain().then(async () => {
    await gateway.close();
    process.exit(0);
  });
});
