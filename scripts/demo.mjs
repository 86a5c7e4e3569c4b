// Demo data and credentials for `npm start`: loads simulated weeks the first time (with a progress
// bar) — or, with DEMO_EVENTS=0, only the demo brands, so the dashboard starts empty — then makes sure
// there is an admin token, a read token for every brand and an ingest key per brand, saved beside the
// data folder so later starts print the same ones.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import cliProgress from 'cli-progress';
import { ApiKeyRepository, BrandRepository } from '@lc/clickhouse';
import { loadDirect, simulate } from '@lc/simulator';

const DEMO_SEED = 42;
// Eight weeks, so the default view (last 28 days) has a whole previous period to compare with.
const DEMO_DAYS = 56;

/** DEMO_EVENTS=0: the brands the demo data would have (same ids and names), with no events. */
async function createDemoBrands(gateway) {
  const repository = new BrandRepository(gateway);
  if ((await repository.list()).length > 0) return;
  const { brands } = simulate({ seed: DEMO_SEED, days: DEMO_DAYS });
  for (const brand of brands)
    await repository.upsert({
      id: brand.brandId,
      name: brand.name,
      timeZone: brand.timeZone,
      currency: brand.currency,
    });
  console.log(
    `Starting empty (DEMO_EVENTS=0): created the demo brands ${brands.map((b) => b.brandId).join(', ')} with no events; post events with their ingest keys`,
  );
}

async function loadDemoData(gateway, events) {
  const [{ n }] = await gateway.query('SELECT count() AS n FROM events', {}, { tag: 'demo.count' });
  if (Number(n) > 0) return false;
  if (events === 0) {
    await createDemoBrands(gateway);
    return false;
  }
  console.log(
    `Loading demo data: about ${events.toLocaleString('en-US')} simulated events over ${DEMO_DAYS} days — first start only (DEMO_EVENTS=0 starts empty)`,
  );
  const bar = new cliProgress.SingleBar(
    { format: '  {phase} |{bar}| {percentage}% · {value}/{total} {unit}', hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  let phase = '';
  const result = await loadDirect(gateway, { seed: DEMO_SEED, targetEvents: events, days: DEMO_DAYS }, (p) => {
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

/**
 * @param {{ events: number, adminToken: string | undefined }} options DEMO_EVENTS and ADMIN_TOKEN
 *   from the environment: an ADMIN_TOKEN set there wins over the saved one.
 */
export async function ensureDemo(gateway, config, { events, adminToken }) {
  await loadDemoData(gateway, events);
  const file = credentialsFile(config);
  const keys = new ApiKeyRepository(gateway, 0);
  let saved = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
  const stillValid = saved && (await keys.verify(saved.readToken)) !== null;
  if (!stillValid) {
    const brands = await new BrandRepository(gateway).list();
    const brandIds = brands.map((b) => b.id);
    saved = {
      adminToken: adminToken ?? saved?.adminToken ?? `lca_${randomBytes(24).toString('base64url')}`,
      readToken: (await keys.create('READ', brandIds, 'demo: all brands')).secret,
      ingestKeys: [],
    };
    for (const id of brandIds)
      saved.ingestKeys.push({ brandId: id, secret: (await keys.create('INGEST', [id], `demo: ${id}`)).secret });
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(saved, null, 2), { mode: 0o600 });
  }
  // The admin token of a demo run is the saved one unless the environment sets another.
  return { ...saved, adminToken: adminToken ?? saved.adminToken, file };
}
