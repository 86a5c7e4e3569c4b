import { ApiKeyRepository } from '../src/api-key.repository.js';
import { ClickHouseGateway, insertTarget } from '../src/clickhouse.gateway.js';
import { openTestEngine } from '../src/testing/engine.js';

/**
 * Issue 11 (S11R2-1): the gateway's write mark, on the real embedded engine. A mark over some tables
 * changes when a write to one of them — or a statement whose target is not spelt out — has finished,
 * and only then; server mode has none (other processes write there).
 */
describe('the write mark (real embedded engine)', () => {
  let engine: Awaited<ReturnType<typeof openTestEngine>>;
  beforeAll(async () => {
    engine = await openTestEngine();
    await engine.gateway.command('CREATE TABLE wm_a (x UInt8) ENGINE = MergeTree ORDER BY x', {}, { tag: 'test' });
    await engine.gateway.command('CREATE TABLE wm_b (x UInt8) ENGINE = MergeTree ORDER BY x', {}, { tag: 'test' });
  });
  afterAll(() => engine.dispose());

  it('names the table of an INSERT INTO statement, and none for any other statement', () => {
    expect(insertTarget('\n  INSERT INTO session_stats\nSELECT 1')).toBe('session_stats');
    expect(insertTarget('insert into `wm_a` (x) VALUES (1)')).toBe('wm_a');
    expect(insertTarget('INSERT INTO TABLE wm_b SELECT 1')).toBe('wm_b');
    expect(insertTarget('OPTIMIZE TABLE wm_a FINAL')).toBeUndefined();
    expect(insertTarget('ALTER TABLE wm_a DELETE WHERE 1')).toBeUndefined();
    expect(insertTarget('SELECT 1 -- INSERT INTO wm_a')).toBeUndefined();
  });

  it('moves when a write to a watched table finishes, not for reads or writes to other tables', async () => {
    const { gateway } = engine;
    const before = gateway.writeMark(['wm_a']);
    expect(before).not.toBeNull();
    await gateway.query('SELECT count() FROM wm_a WHERE x = {x:UInt8}', { x: 1 }, { tag: 'test.read' });
    await gateway.insert('wm_b', [{ x: 1 }], { tag: 'test.insert' });
    await gateway.command('INSERT INTO wm_b SELECT {x:UInt8}', { x: 2 }, { tag: 'test.command' });
    expect(gateway.writeMark(['wm_a'])).toBe(before);

    await gateway.insert('wm_a', [{ x: 1 }], { tag: 'test.insert' });
    const afterInsert = gateway.writeMark(['wm_a']);
    expect(afterInsert).not.toBe(before);
    await gateway.command('INSERT INTO wm_a SELECT {x:UInt8}', { x: 2 }, { tag: 'test.command' });
    const afterCommand = gateway.writeMark(['wm_a']);
    expect(afterCommand).not.toBe(afterInsert);
    // a statement without a named target may have written anything
    await gateway.command('OPTIMIZE TABLE wm_b FINAL', {}, { tag: 'test.optimize' });
    expect(gateway.writeMark(['wm_a'])).not.toBe(afterCommand);
  });

  it('moves for a write that failed too (an INSERT … SELECT may have written blocks before failing)', async () => {
    const { gateway } = engine;
    const before = gateway.writeMark(['wm_a']);
    await expect(
      gateway.command('INSERT INTO wm_a SELECT throwIf({x:UInt8} = 1)', { x: 1 }, { tag: 'test.fails' }),
    ).rejects.toThrow();
    expect(gateway.writeMark(['wm_a'])).not.toBe(before);
  });

  it('has moved by the time the writer resumes: a request that starts after a write sees a new mark', async () => {
    const { gateway } = engine;
    const before = gateway.writeMark(['wm_a']);
    let seen: string | null = null;
    await gateway.insert('wm_a', [{ x: 3 }], { tag: 'test.insert' }).then(() => (seen = gateway.writeMark(['wm_a'])));
    expect(seen).not.toBeNull();
    expect(seen).not.toBe(before);
  });

  it('keeps an API key lookup until a write to api_keys finishes: a revocation counts at once (S11R2-3)', async () => {
    const { gateway } = engine;
    let lookups = 0;
    const stop = gateway.onQuery((call) => {
      if (call.tag === 'api_keys.verify') lookups++;
    });
    // cacheMs 0: only the write mark can keep an answer
    const keys = new ApiKeyRepository(gateway, 0);
    const { secret, key } = await keys.create('READ', ['b1'], 'mark');
    expect((await keys.verify(secret))?.keyId).toBe(key.keyId);
    expect((await keys.verify(secret))?.keyId).toBe(key.keyId);
    expect(lookups).toBe(1);
    // revoked through another repository (its own cache): this one must not answer from its cache
    expect(await new ApiKeyRepository(gateway, 60_000).revoke(key.keyId)).toBe(true);
    expect(await keys.verify(secret)).toBeNull();
    expect(lookups).toBe(2);
    stop();
  });

  it('shares one API key lookup among the requests that come while it runs, and none across a write', async () => {
    const { gateway } = engine;
    let lookups = 0;
    const stop = gateway.onQuery((call) => {
      if (call.tag === 'api_keys.verify') lookups++;
    });
    const keys = new ApiKeyRepository(gateway, 0);
    const { secret, key } = await new ApiKeyRepository(gateway, 0).create('INGEST', ['b1'], 'burst');
    // 64 connections open at once, each verifying the same key: one lookup
    const answers = await Promise.all(Array.from({ length: 64 }, () => keys.verify(secret)));
    expect(new Set(answers.map((a) => a?.keyId))).toEqual(new Set([key.keyId]));
    expect(lookups).toBe(1);
    // a write to api_keys while a lookup runs: a request after it does not take that lookup's answer
    const first = keys.verify('lci_unknown');
    await new ApiKeyRepository(gateway, 0).revoke(key.keyId);
    const second = keys.verify('lci_unknown');
    expect(await Promise.all([first, second])).toEqual([null, null]);
    expect(lookups).toBe(3);
    stop();
  });

  it('is null in server mode, where writes of other processes are not seen', async () => {
    const server = ClickHouseGateway.open({ mode: 'server', url: 'http://127.0.0.1:9' });
    expect(server.writeMark(['wm_a'])).toBeNull();
    expect(server.longestWriteMs('wm_a')).toBeNull();
    await server.close();
  });

  it('knows the longest recent write to a table, counting one still running by how long it has run', async () => {
    const { gateway } = engine;
    await gateway.command('CREATE TABLE wm_slow (x UInt8) ENGINE = MergeTree ORDER BY x', {}, { tag: 'test' });
    expect(gateway.longestWriteMs('wm_slow')).toBe(0);
    // sleepEachRow holds the insert for 1.5 s: no timing is asserted, only bounds that hold however busy
    // the machine is (a write still running at least 300 ms after it started; a finished one ≥ its sleep)
    const calledMs = Date.now();
    const slow = gateway.command(
      'INSERT INTO wm_slow SELECT 1 FROM numbers(1) WHERE sleepEachRow(1.5) = 0',
      {},
      {
        tag: 'test.slow',
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    // counted from when the write started on its connection, a moment after the call (299 ms was seen
    // in CI 300 ms after it on a busy machine): more than 250 ms, and no more than since the call
    const running = gateway.longestWriteMs('wm_slow') ?? 0;
    expect(running).toBeGreaterThanOrEqual(250);
    expect(running).toBeLessThanOrEqual(Date.now() - calledMs);
    // a write to another table is not counted for this one
    expect(gateway.longestWriteMs('wm_c')).toBe(0);
    await slow;
    expect(gateway.longestWriteMs('wm_slow')).toBeGreaterThanOrEqual(1_500);
    // only writes that finished within the window asked for count (this one finished ≥ 50 ms ago)
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(gateway.longestWriteMs('wm_slow', 10)).toBe(0);
    expect(gateway.longestWriteMs('wm_slow', 60_000)).toBeGreaterThanOrEqual(1_500);
    // a write of unknown target counts for every table while it runs
    const untargeted = gateway.command(
      'SELECT sleepEachRow(0.6) FROM numbers(1) FORMAT Null',
      {},
      { tag: 'test.slow' },
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(gateway.longestWriteMs('wm_c')).toBeGreaterThanOrEqual(300);
    await untargeted;
    // …and not after: only a targeted write's time is kept for its table
    expect(gateway.longestWriteMs('wm_c')).toBe(0);
  });
});
