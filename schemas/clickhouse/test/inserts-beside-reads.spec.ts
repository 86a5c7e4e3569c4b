import { jest } from '@jest/globals';
import { ROLE_SETTINGS, WRITE_BESIDE_READS } from '../src/clickhouse.gateway.js';
import { openTestEngine } from '../src/testing/engine.js';

/**
 * Issue 11 (S11R2-4), on the real embedded engine: an insert that starts while a dashboard read runs
 * parses on one thread, so the read keeps a core; with no read about it keeps the write role's
 * settings (every core). The engine takes both: the rows land either way.
 */
describe('inserts make room for reads (real embedded engine)', () => {
  let engine: Awaited<ReturnType<typeof openTestEngine>>;
  const settingsSent: unknown[] = [];
  beforeAll(async () => {
    engine = await openTestEngine();
    await engine.gateway.command('CREATE TABLE ibr (x UInt32) ENGINE = MergeTree ORDER BY x', {}, { tag: 'test' });
    const chdb = (engine.gateway as unknown as { writerConnection: { chdb: { rawInsert: (p: never) => unknown } } })
      .writerConnection.chdb;
    const original = chdb.rawInsert.bind(chdb);
    jest.spyOn(chdb, 'rawInsert').mockImplementation(((p: { settings: unknown }) => {
      settingsSent.push(p.settings);
      return original(p as never);
    }) as never);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await engine.dispose();
  });

  it('inserts with the write settings when no read runs', async () => {
    settingsSent.length = 0;
    await new Promise((resolve) => setTimeout(resolve, 50)); // past the read burst of the migrations' reads
    await engine.gateway.insert('ibr', [{ x: 1 }, { x: 2 }], { tag: 'test.insert' });
    expect(settingsSent).toEqual([ROLE_SETTINGS.write]);
  });

  it('inserts on one parsing thread while a read runs, and the rows still land', async () => {
    settingsSent.length = 0;
    // a read that takes a while (no parameters: it runs beside the insert, not in turn with it)
    const read = engine.gateway.query('SELECT sleep(0.5) AS s', {}, { tag: 'test.slowRead' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await engine.gateway.insert('ibr', [{ x: 3 }, { x: 4 }, { x: 5 }], { tag: 'test.insert' });
    await read;
    expect(settingsSent).toEqual([WRITE_BESIDE_READS]);
    expect(WRITE_BESIDE_READS).toMatchObject({ ...ROLE_SETTINGS.write, max_threads: 1 });
    // 1 + 2 + 3 + 4 + 5 = 15 over both inserts
    const [row] = await engine.gateway.query<{ n: number; total: number }>(
      'SELECT count() AS n, sum(x) AS total FROM ibr',
      {},
      { tag: 'test.count' },
    );
    expect(row).toEqual({ n: 5, total: 15 });
  });
});
