import { runMigrations } from '../src/migrate.js';
import { loadEvents, openTestEngine } from '../src/testing/index.js';
import { sessionBeforeUpgrade } from './migration-fixture.js';

/**
 * A migration's data step (migrate.ts DATA_STEPS) on the real engine: sessions rolled up before 0013
 * existed get their purchase timeline when 0013 is applied, so an upgraded deployment does not show
 * empty later-purchase figures until each old session happens to be rebuilt.
 */
describe('runMigrations data steps', () => {
  let engine: Awaited<ReturnType<typeof openTestEngine>>;
  beforeAll(async () => {
    engine = await openTestEngine();
  }, 60_000);
  afterAll(() => engine.dispose());

  const events = sessionBeforeUpgrade('Before 0013');
  const timeline = () =>
    engine.gateway.query<{ viewer_id: string; session_id: string; currency: string; orders: number; revenue: number }>(
      `SELECT viewer_id, session_id, currency, orders, toFloat64(revenue) AS revenue FROM viewer_purchases FINAL ORDER BY viewer_id`,
      {},
      { tag: 'test.timeline' },
    );

  it('fills viewer_purchases from the rollups already stored when 0013 is applied', async () => {
    await loadEvents(engine.gateway, 'bu', events);
    // v1 bought one order of 2 × 1500 in U1; v2 bought nothing, so has no row
    // (in the session's currency: the rollup's write and the backfill alike)
    const expected = [{ viewer_id: 'v1', session_id: 'U1', currency: 'JPY', orders: 1, revenue: 3000 }];
    expect(await timeline()).toEqual(expected);

    // As before the upgrade: the timeline is empty and 0013 not applied yet; the rollups are there.
    await engine.gateway.command('TRUNCATE TABLE viewer_purchases', {}, { tag: 'test.truncate' });
    await engine.gateway.command(
      'ALTER TABLE schema_migrations DELETE WHERE version = 13 SETTINGS mutations_sync = 2',
      {},
      { tag: 'test.unrecord' },
    );
    expect(await timeline()).toEqual([]);

    expect(await runMigrations(engine.gateway)).toEqual(['0013_viewer_purchases.sql']);
    expect(await timeline()).toEqual(expected);
    // applied once: a second run has nothing to do and adds nothing
    expect(await runMigrations(engine.gateway)).toEqual([]);
    expect(await timeline()).toEqual(expected);
  });
});
