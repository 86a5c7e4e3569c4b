// The all-in-one process: ingest routes, GraphQL API, dashboard and ops endpoints on one port,
// sharing one ClickHouse gateway. Embedded mode needs this: the engine allows one process per
// data folder. (Plain ESM so it composes the built packages without the apps importing each other.)
//
//   node scripts/serve.mjs [--demo]     env: see serve.env.mjs (README, Configuration)
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import express from 'express';
import pino from 'pino';
import { gatewayConfigFromEnv, loadEnv, runMigrations, openGatewayOrExit } from '@lc/clickhouse';
import { configureKeepAlive, createIngestApp, ingestConfigFromEnv, ingestParseConfigFromEnv } from '@lc/ingest';
import {
  alertSettingsFromEnv,
  createApiApp,
  reportSettingsFromEnv,
  ShareLinkRepository,
  shareLinkHttpStatus,
} from '@lc/api';
import { serveEnvSchema } from './serve.env.mjs';

const { values: flags } = parseArgs({ options: { demo: { type: 'boolean', default: false } } });
const env = loadEnv(serveEnvSchema);
const log = pino({ name: 'live-commerce', level: env.LOG_LEVEL });
const webDist = fileURLToPath(new URL('../web/dist/', import.meta.url));

const config = gatewayConfigFromEnv(env);
const gateway = openGatewayOrExit(config);
log.info(config.mode === 'embedded' ? `embedded ClickHouse at ${config.dataPath}` : `ClickHouse server ${config.url}`);
await runMigrations(gateway, (line) => log.info(line));
// Demo data needs the simulator, a development package: loaded only for `--demo` (npm start), so a
// production image pruned of dev packages still serves.
const credentials = flags.demo
  ? await (
      await import('./demo.mjs')
    ).ensureDemo(gateway, config, { events: env.DEMO_EVENTS, adminToken: env.ADMIN_TOKEN })
  : null;
// A demo run's admin token is the saved one unless the environment sets another.
const adminToken = env.ADMIN_TOKEN ?? credentials?.adminToken;
if (!adminToken)
  log.warn('ADMIN_TOKEN is not set: the admin mutations (createBrand, createApiKey, revokeApiKey) are disabled');

const app = express();
app.disable('x-powered-by');
const ingest = createIngestApp(gateway, { ...ingestConfigFromEnv(env), ...ingestParseConfigFromEnv(env) }, (error) =>
  log.error({ err: error }, 'ingest error'),
);
// Before Nest's body parsers: the ingest route reads (and gunzips) its own body under its own limits.
app.use(ingest.handler);
app.get('/healthz', (_req, res) => res.json({ status: 'ok' }));
app.get('/readyz', async (_req, res) => {
  const { status, body } = await ingest.readiness();
  res.status(status).json(body);
});
app.get('/metrics', async (_req, res) => {
  res.setHeader('content-type', ingest.metrics.registry.contentType);
  res.end(await ingest.metrics.registry.metrics());
});
const shareLinks = new ShareLinkRepository(gateway);
if (existsSync(webDist)) {
  app.use(express.static(webDist, { index: false, maxAge: '1h' }));
  // The dashboard routes in the browser: every other GET page is its index.html.
  app.use((req, res, next) => {
    if (req.method !== 'GET' || req.path.startsWith('/graphql') || req.path.startsWith('/v1/')) return next();
    if (!(req.headers.accept ?? '').includes('text/html')) return next();
    // A share link's page: the same dashboard, with 410 for an expired or revoked link (the page explains).
    const share = /^\/share\/([^/]+)$/.exec(req.path);
    if (!share) return res.sendFile(`${webDist}index.html`);
    shareLinkHttpStatus(shareLinks, share[1]).then(
      (status) => res.status(status).setHeader('referrer-policy', 'no-referrer').sendFile(`${webDist}index.html`),
      next,
    );
  });
} else {
  log.warn(`no dashboard build at ${webDist}: run npm run build`);
}

const api = await createApiApp({
  gateway,
  express: app,
  settings: {
    adminToken,
    logLevel: env.LOG_LEVEL,
    alerts: alertSettingsFromEnv(env),
    reports: { ...reportSettingsFromEnv(env), webDir: env.REPORT_WEB_DIR ?? webDist },
  },
});
await api.listen(env.PORT, env.HOST);
// Idle keep-alive sockets outlive client pauses (a retry after 429 must not meet a closing socket).
configureKeepAlive(api.getHttpServer());
const url = `http://localhost:${env.PORT}/`;
log.info(`listening on ${url}`);
console.log(`\n  Dashboard:  ${url}\n  GraphQL:    ${url}graphql\n  Ingest:     POST ${url}v1/events`);
if (credentials) {
  console.log(`\n  Demo credentials (also in ${credentials.file}):`);
  console.log(`    admin token:       ${credentials.adminToken}`);
  console.log(`    read token:        ${credentials.readToken}   (all demo brands — paste it into the dashboard)`);
  for (const key of credentials.ingestKeys) console.log(`    ingest key ${key.brandId.padEnd(8)} ${key.secret}`);
}
console.log('');

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  log.info(`${signal}: draining ingest buffer and closing`);
  try {
    await ingest.drain();
    await api.close();
  } finally {
    await gateway.close();
    process.exit(0);
  }
}
process.once('SIGTERM', () => void stop('SIGTERM'));
process.once('SIGINT', () => void stop('SIGINT'));
