// Demo data and credentials for `npm start`: loads a simulated month the first time (with a
// progress bar), then makes sure there is an admin token, a read token for every demo brand and an
// ingest key per brand, saved beside the data folder so later starts print the same ones.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import cliProgress from 'cli-progress';
import { ApiKeyRepository, BrandRepository } from '@lc/clickhouse';
import { loadDirect } from '@lc/simulator';

const DEMO_EVENTS = Number(process.env.DEMO_EVENTS ?? 2_000_000);
// Eight weeks, so the default view (last 28 days) has a whole previous period to compare with.
const DEMO_DAYS = 56;

async function loadDemoData(gateway) {
  const [{ n }] = await gateway.query('SELECT count() AS n FROM events', {}, { tag: 'demo.count' });
  if (Number(n) > 0) return false;
  console.log(
    `Loading demo data: about ${DEMO_EVENTS.toLocaleString('en-US')} simulated events over ${DEMO_DAYS} days — first start only`,
  );
  const bar = new cliProgress.SingleBar(
    { format: '  {phase} |{bar}| {percentage}% · {value}/{total} {unit}', hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  let phase = '';
  const result = await loadDirect(gateway, { seed: 42, targetEvents: DEMO_EVENTS, days: DEMO_DAYS }, (p) => {
    if (p.phase === 'events') {
      if (phase !== 'events') bar.start(p.eventsPlanned, 0, { phase: 'events ', unit: 'events' });
      phase = 'events';
      bar.setTotal(Math.max(p.eventsPlanned, p.eventsWritten));
      bar.update(p.eventsWritten);
    } else if (p.phase === 'rollups') {
      if (phase !== 'rollups') {
        bar.update(p.eventsWritten);
        bar.stop();
        bar.start(p.sessionsPlanned, 0, { phase: 'rollups', unit: 'sessions' });
      }
      phase = 'rollups';
      bar.update(p.sessionsRefreshed);
    }
  });
  bar.stop();
  console.log(
    `Loaded ${result.events.toLocaleString('en-US')} events in ${result.sessions} sessions of ${result.brands} brands in ${result.seconds.toFixed(1)} s`,
  );
  return true;
}

/** Where the demo credentials live: beside the embedded data folder (or .data/ in server mode). */
function credentialsFile(config) {
  const base = config.mode === 'embedded' ? dirname(config.dataPath) : '.data';
  return join(base, 'demo-credentials.json');
}

export async function ensureDemo(gateway, config) {
  await loadDemoData(gateway);
  const file = credentialsFile(config);
  const keys = new ApiKeyRepository(gateway, 0);
  let saved = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
  const stillValid = saved && (await keys.verify(saved.readToken)) !== null;
  if (!stillValid) {
    const brands = await new BrandRepository(gateway).list();
    const brandIds = brands.map((b) => b.id);
    saved = {
      adminToken: process.env.ADMIN_TOKEN ?? saved?.adminToken ?? `lca_${randomBytes(24).toString('base64url')}`,
      readToken: (await keys.create('READ', brandIds, 'demo: all brands')).secret,
      ingestKeys: [],
    };
    for (const id of brandIds)
      saved.ingestKeys.push({ brandId: id, secret: (await keys.create('INGEST', [id], `demo: ${id}`)).secret });
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(saved, null, 2), { mode: 0o600 });
  }
  // The admin token of a demo run is the saved one unless the environment sets another.
  process.env.ADMIN_TOKEN ??= saved.adminToken;
  return { ...saved, adminToken: process.env.ADMIN_TOKEN, file };
}
