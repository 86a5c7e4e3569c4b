import { createServer } from 'node:http';
import pino from 'pino';
import { ClickHouseGateway, gatewayConfigFromEnv, runMigrations } from '@lc/clickhouse';
import { createIngestApp, ingestConfigFromEnv } from './ingest.app.js';

/** Standalone ingest server (server mode: ingest and API deployed separately against one ClickHouse). */
const log = pino({ name: 'ingest' });
const gateway = ClickHouseGateway.open(gatewayConfigFromEnv());
await runMigrations(gateway, (line) => log.info(line));
const app = createIngestApp(gateway, ingestConfigFromEnv(), (error) => log.error({ err: error }, 'ingest error'));
const server = createServer((req, res) => {
  const path = (req.url ?? '').split('?')[0];
  if (path === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    return;
  }
  if (path === '/readyz') {
    void gateway.ping().then((up) => {
      res
        .writeHead(up ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ engine: up ? 'up' : 'down' }));
    });
    return;
  }
  app.handler(req, res);
});
const port = Number(process.env.PORT ?? 4001);
server.listen(port, () => log.info(`ingest listening on http://localhost:${port}/v1/events (${gateway.mode} engine)`));

process.once('SIGTERM', () => {
  log.info('SIGTERM: draining');
  server.close();
  void app.drain().then(async () => {
    await gateway.close();
    process.exit(0);
  });
});
