import { spawnSync } from 'node:child_process';
import { jest } from '@jest/globals';
import type { ClickHouseClient } from '@clickhouse/client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClickHouseGateway } from '../src/clickhouse.gateway.js';
import { ClickHouseErrorCode, ClickHouseException } from '../src/clickhouse.exception.js';
import { readMigrations, runMigrations, splitStatements } from '../src/migrate.js';

/** A maintenance-lane query, its rows and how long it waited for the engine's turn (undefined: it took none). */
async function background<T>(
  gateway: ClickHouseGateway,
  sql: string,
  params: Record<string, unknown>,
): Promise<{ rows: T[]; turnWaitMs: number | undefined }> {
  let turnWaitMs: number | undefined;
  const stop = gateway.onQuery((e) => {
    if (e.tag === 'test.background') turnWaitMs = e.turnWaitMs;
  });
  try {
    return { rows: await gateway.query<T>(sql, params, { tag: 'test.background', lane: 'maintenance' }), turnWaitMs };
  } finally {
    stop();
  }
}

describe('migrations and the gateway on a fresh embedded engine', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lc-gateway-'));
  let gateway: ClickHouseGateway;
  beforeAll(() => {
    gateway = ClickHouseGateway.open({ mode: 'embedded', dataPath: dir, retries: 0 });
  });
  afterAll(async () => {
    await gateway.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the query parameters of a background statement unless tableFedParameters is set', async () => {
    const { rows, turnWaitMs } = await background<{ n: number }>(gateway, 'SELECT {n:UInt8} + 1 AS n', { n: 2 });
    expect(rows).toEqual([{ n: 3 }]);
    // a parameterized call takes its turn (a fed one takes none)
    expect(turnWaitMs).toEqual(expect.any(Number));
  });

  it('splits a migration file into statements, dropping comment lines', () => {
    expect(
      splitStatements(
        '-- a note\nCREATE TABLE a (x UInt8) ENGINE = Memory;\n\nCREATE TABLE b (y String) ENGINE = Memory;\n',
      ),
    ).toEqual(['CREATE TABLE a (x UInt8) ENGINE = Memory', 'CREATE TABLE b (y String) ENGINE = Memory']);
  });

  it('applies every numbered migration once, records it, and applies nothing the second time', async () => {
    const files = readMigrations().map((m) => m.name);
    expect(files[0]).toBe('0001_core.sql');
    expect(await runMigrations(gateway)).toEqual(files);
    expect(await runMigrations(gateway)).toEqual([]);
    const recorded = await gateway.query<{ version: number; name: string }>(
      'SELECT version, name FROM schema_migrations FINAL ORDER BY version',
      {},
      { tag: 'test' },
    );
    expect(recorded.map((r) => r.name)).toEqual(files);
    const tables = await gateway.query<{ name: string }>(
      'SELECT name FROM system.tables WHERE database = currentDatabase() ORDER BY name',
      {},
      { tag: 'test' },
    );
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        'annotations',
        'api_keys',
        'brands',
        'events',
        'session_minutes',
        'session_stats',
        'session_viewers',
        'viewer_first_session',
      ]),
    );
  });

  // FINAL_WITHIN_PARTITIONS (clickhouse.gateway.ts) is exact only while rows sharing a sorting key share a
  // partition: every partitioned table must be partitioned by the month of a column whose minute it sorts by.
  it('partitions every partitioned table by a month its sorting key holds (FINAL merges within partitions)', async () => {
    const partitioned = await gateway.query<{ name: string; partition_key: string; sorting_key: string }>(
      `SELECT name, partition_key, sorting_key FROM system.tables
       WHERE database = currentDatabase() AND partition_key != '' ORDER BY name`,
      {},
      { tag: 'test' },
    );
    expect(partitioned.map((t) => t.name)).toEqual(['events', 'rare_events']);
    for (const table of partitioned) {
      expect(table.partition_key).toBe('toYYYYMM(occurred_at)');
      expect(table.sorting_key).toContain('toStartOfMinute(occurred_at)');
    }
  });

  it("keeps one row per key under FINAL, repeats in other parts of the partition or in the insert's own part", async () => {
    const setting = (lane?: 'maintenance') =>
      gateway
        .query<{ v: string }>(
          "SELECT toString(getSetting('do_not_merge_across_partitions_select_final')) AS v",
          {},
          { tag: 'test', lane },
        )
        .then((rows) => rows[0].v);
    expect(await setting()).toBe('true');
    expect(await setting('maintenance')).toBe('true');
    // `copies` rows of one event in one insert, written without the insert-time merge (each insert is a part)
    const send = (id: string, at: string, likes: number, copies = 1) =>
      gateway.command(
        `INSERT INTO events (brand_id, session_id, event_id, type, occurred_at, viewer_id, like_count)
         SELECT 'fin', 'S', {id:String}, 'like', toDateTime64({at:String}, 3, 'UTC'), 'v', {likes:UInt64}
         FROM numbers({copies:UInt8})`,
        { id, at, likes, copies },
        { tag: 'test', settings: { optimize_on_insert: 0 } },
      );
    // e1 and e2 in November, e3 in December, merged; then e1 sent again twice in one part, e3 again in another
    await send('e1', '2026-11-30 23:59:00.100', 1);
    await send('e2', '2026-11-30 23:59:10.000', 2);
    await send('e3', '2026-12-01 00:00:05.000', 4);
    await gateway.command('OPTIMIZE TABLE events FINAL', {}, { tag: 'test' });
    await send('e1', '2026-11-30 23:59:00.100', 1, 2);
    await send('e3', '2026-12-01 00:00:05.000', 4);
    const [final] = await gateway.query<{ rows: number; likes: number }>(
      "SELECT count() AS rows, sum(like_count) AS likes FROM events FINAL WHERE brand_id = 'fin'",
      {},
      { tag: 'test' },
    );
    const [stored] = await gateway.query<{ rows: number }>(
      "SELECT count() AS rows FROM events WHERE brand_id = 'fin'",
      {},
      { tag: 'test' },
    );
    // e1, e2, e3 once each: 1 + 2 + 4 likes; six rows stored until merges collapse them
    expect(final).toEqual({ rows: 3, likes: 7 });
    expect(stored.rows).toBe(6);
  });

  it('round-trips rows with typed parameters, 64-bit integers and decimals as numbers', async () => {
    await gateway.insert('brands', [{ brand_id: 'b', name: "O'Brien & Co", time_zone: 'UTC', currency: 'USD' }], {
      tag: 'test',
    });
    const rows = await gateway.query<{ name: string; big: number; money: number }>(
      'SELECT name, toUInt64(9007199254740991) AS big, toDecimal64(12.5, 4) AS money FROM brands FINAL WHERE brand_id = {id:String}',
      { id: 'b' },
      { tag: 'test' },
    );
    expect(rows).toEqual([{ name: "O'Brien & Co", big: 9007199254740991, money: 12.5 }]);
  });

  it('classifies failures into typed errors and never answers a failure with rows', async () => {
    const failure = (sql: string) =>
      gateway.query(sql, {}, { tag: 'test.fail' }).then(
        () => null,
        (e: unknown) => e,
      );
    const syntax = await failure('SELEC 1');
    expect(syntax).toBeInstanceOf(ClickHouseException);
    expect(syntax).toMatchObject({ code: ClickHouseErrorCode.SYNTAX, tag: 'test.fail' });
    expect(await failure('SELECT * FROM no_such_table')).toMatchObject({ code: ClickHouseErrorCode.QUERY });
    expect(await failure('SELECT sleepEachRow(1) FROM numbers(3) SETTINGS max_execution_time = 1')).toMatchObject({
      code: ClickHouseErrorCode.TIMEOUT,
    });
  });

  it('a second process on the same data folder stops with one line saying why, not a stack trace', () => {
    // The built CLI (npm test builds first), run against the folder this suite holds open.
    const cli = fileURLToPath(new URL('../dist/migrate.cli.js', import.meta.url));
    const run = spawnSync(process.execPath, [cli], { env: { ...process.env, DATA_DIR: dir }, encoding: 'utf8' });
    expect(run.status).toBe(1);
    // The engine's own line (Code: 76 … already running) may come first; ours is last, and no stack.
    const lines = run.stderr.trim().split('\n');
    expect(lines.at(-1)).toBe(
      `cannot start: cannot open the embedded engine at ${dir}: another process is probably using it (the engine allows one process per data folder) — stop that process, or set DATA_DIR to another folder`,
    );
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('reports the timing and outcome of every call to observers', async () => {
    const seen: { tag: string; ok: boolean }[] = [];
    gateway.onQuery((e) => seen.push({ tag: e.tag, ok: e.error === undefined }));
    await gateway.query('SELECT 1', {}, { tag: 'observed.ok' });
    await gateway.query('SELEC', {}, { tag: 'observed.fail' }).catch(() => undefined);
    expect(seen).toEqual([
      { tag: 'observed.ok', ok: true },
      { tag: 'observed.fail', ok: false },
    ]);
  });
});

describe('connection roles on the embedded engine', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lc-gateway-roles-'));
  let gateway: ClickHouseGateway;
  beforeAll(() => {
    // background statements fed their parameters from a table (opt-in): the tests below say which statements
    // are; the others of this block run the same either way
    gateway = ClickHouseGateway.open({
      mode: 'embedded',
      dataPath: dir,
      retries: 0,
      readers: 1,
      tableFedParameters: true,
    });
  });
  afterAll(async () => {
    await gateway.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('queues reads for a free reader, first come first served, and reports the wait', async () => {
    const seen: { tag: string; waitMs?: number }[] = [];
    const stop = gateway.onQuery((e) => seen.push({ tag: e.tag, waitMs: e.waitMs }));
    const slow = 'SELECT sum(number) AS n FROM numbers(3000000)';
    const [a, b] = await Promise.all([
      gateway.query<{ n: number }>(slow, {}, { tag: 'first' }),
      gateway.query<{ n: number }>('SELECT 2 AS n', {}, { tag: 'second' }),
    ]);
    stop();
    expect(a[0].n).toBe((3_000_000 * 2_999_999) / 2);
    expect(b).toEqual([{ n: 2 }]);
    // one reader: the second read waited for the first to finish, the first did not wait
    expect(seen.map((e) => e.tag)).toEqual(['first', 'second']);
    // (an order, not a speed: the first waits only for bookkeeping, the second for the whole first read)
    expect(seen[1].waitMs).toBeGreaterThan(seen[0].waitMs!);
  });

  it('reports how long a parameterized call waited for its engine turn', async () => {
    const seen: { tag: string; turnWaitMs?: number }[] = [];
    const stop = gateway.onQuery((e) => seen.push({ tag: e.tag, turnWaitMs: e.turnWaitMs }));
    // a background command the params table cannot feed (IN with an expression on its left) keeps its
    // parameters, so it holds the engine's one parameterized turn; the read asked after it waits for it
    const background = gateway.query(
      'SELECT sum(number) AS n FROM numbers(300000000) WHERE (number % 2) IN {odd:Array(UInt64)}',
      { odd: [1] },
      { tag: 'background', lane: 'maintenance' },
    );
    // asked once the background statement has its turn (it waits out the reads' burst window first)
    await new Promise((resolve) => setTimeout(resolve, 100));
    const read = gateway.query<{ n: number }>('SELECT {x:UInt8} AS n', { x: 7 }, { tag: 'read' });
    const plain = gateway.query<{ n: number }>('SELECT 3 AS n', {}, { tag: 'plain' });
    await Promise.all([background, read, plain]);
    stop();
    expect(await read).toEqual([{ n: 7 }]);
    const byTag = Object.fromEntries(seen.map((e) => [e.tag, e.turnWaitMs]));
    // (an order, not a speed: the read waited for the whole background statement, which waited for no one)
    expect(byTag.read).toBeGreaterThan(byTag.background!);
    // without parameters a call does not take a turn
    expect(byTag.plain).toBeUndefined();
  });

  it('feeds a background statement its parameters from the params table: no turn, no value in its SQL', async () => {
    // 0 + 1 + … + 2 999 999 = 2 999 999 × 3 000 000 / 2
    const { rows, turnWaitMs } = await background<{ n: number }>(
      gateway,
      'SELECT sum(number) AS n FROM numbers({n:UInt64})',
      { n: 3_000_000 },
    );
    expect(rows).toEqual([{ n: 4_499_998_500_000 }]);
    // it took no turn: a read asked meanwhile would not have waited for it
    expect(turnWaitMs).toBeUndefined();
    // its value travelled as a row of the params table
    const [row] = await gateway.query<{ rows: number }>(
      "SELECT count() AS rows FROM lc_gateway.statement_params WHERE JSONExtract(p, 'n', 'UInt64') = 3000000",
      {},
      { tag: 'test' },
    );
    expect(row.rows).toBeGreaterThanOrEqual(1);
  });

  it('gives a background statement every kind of parameter the product sends, exactly as the parameters do', async () => {
    const sql = `SELECT {s:String} AS s, {ids:Array(String)} AS ids, {at:DateTime64(3, 'UTC')} AS at,
        {none:Nullable(DateTime64(3, 'UTC'))} AS none, {some:Nullable(String)} AS some, {neg:Int64} AS neg,
        toString({big:UInt64}) AS big, {yes:Bool} AS yes, {f:Float64} AS f, {nested:Array(Array(Int32))} AS nested,
        {u32:Array(UInt32)} AS u32, count() AS hits
      FROM numbers(10) WHERE number IN {picked:Array(UInt64)} AND number NOT IN {skipped:Array(UInt64)}`;
    const params = {
      s: "it's \\ {odd}",
      ids: ['a', "b'c", ''],
      at: '2026-11-20 11:00:00.123',
      none: null,
      some: 'x',
      neg: -1_700_000_000_123,
      big: 18_446_744_073_709_551_615n,
      yes: true,
      f: 0.1,
      nested: [[1, -2], []],
      u32: [4_294_967_295],
      picked: [1, 2, 3, 20],
      skipped: [2],
    };
    const fed = await gateway.query(sql, params, { tag: 'fed', lane: 'maintenance' });
    const kept = await gateway.query(sql, params, { tag: 'kept' });
    expect(fed).toEqual(kept);
    expect(fed).toEqual([
      {
        s: "it's \\ {odd}",
        ids: ['a', "b'c", ''],
        at: '2026-11-20 11:00:00.123',
        none: null,
        some: 'x',
        neg: -1_700_000_000_123,
        big: '18446744073709551615',
        yes: true,
        f: 0.1,
        nested: [[1, -2], []],
        u32: [4_294_967_295],
        hits: 2, // 1 and 3: 2 skipped, 20 not among 0–9
      },
    ]);
  });

  // A rebuild statement holds the engine's one turn while it runs, so it runs at the inserts' priority and
  // nice value (2, 5), not below them: a read waiting for the turn would wait for a statement the inserts
  // starve (MAINTENANCE_IN_TURN).
  it("runs each role with its settings: reads first, background work single-threaded at the inserts' level", async () => {
    const setting = (name: string, lane?: 'maintenance') =>
      gateway
        .query<{ v: string }>('SELECT toString(getSetting({name:String})) AS v', { name }, { tag: 'test', lane })
        .then((rows) => rows[0].v);
    expect(await setting('priority')).toBe('1');
    expect(await setting('os_thread_priority')).toBe('0');
    expect(await setting('max_threads')).not.toBe('1');
    expect(await setting('priority', 'maintenance')).toBe('2');
    expect(await setting('os_thread_priority', 'maintenance')).toBe('5');
    expect(await setting('max_threads', 'maintenance')).toBe('1');
    // a read is cut at 30 s, background work at 600 s (a long stream's rebuild outlasts a read)
    expect(await setting('max_execution_time')).toBe('30');
    expect(await setting('max_execution_time', 'maintenance')).toBe('600');
  });

  it("a call's own settings last for that call only, though the embedded connection keeps a SET", async () => {
    const setting = (name: string, settings?: Record<string, number>) =>
      gateway
        .query<{ v: string }>('SELECT toString(getSetting({name:String})) AS v', { name }, { tag: 'test', settings })
        .then((rows) => rows[0].v);
    const threads = await setting('max_threads');
    // one reader: the next read runs on the connection the point read used
    expect(await setting('max_threads', { max_threads: 1 })).toBe('1');
    expect(await setting('max_threads')).toBe(threads);
    // a key the gateway would not reset is refused before it reaches the engine
    await expect(setting('max_threads', { max_block_size: 10 })).rejects.toThrow(
      /setting max_block_size cannot be given per call/,
    );
  });

  it('a read sends only the settings its reader does not hold yet, and all of them after a failure', async () => {
    const reader = (gateway as unknown as { readers: ClickHouseClient[] }).readers[0];
    const query = jest.spyOn(reader, 'query');
    const sent = () => query.mock.calls.map(([call]) => call.clickhouse_settings);
    try {
      await gateway.query('SELECT 1 AS n', {}, { tag: 'test' });
      await gateway.query('SELECT 1 AS n', {}, { tag: 'test' });
      await gateway.query('SELECT 1 AS n', {}, { tag: 'test', settings: { max_threads: 1 } });
      await gateway.query('SELECT 1 AS n', {}, { tag: 'test' });
      await expect(gateway.query('SELECT no_such_column', {}, { tag: 'test' })).rejects.toThrow();
      await gateway.query('SELECT 1 AS n', {}, { tag: 'test' });
      const [, same, threads, back, failed, after] = sent();
      expect(same).toEqual({});
      expect(threads).toEqual({ max_threads: 1 });
      expect(back).toEqual({ max_threads: 0 });
      expect(failed).toEqual({});
      // after the failure nothing is assumed: every setting of a read goes again
      expect(after).toEqual({
        output_format_json_quote_64bit_integers: 0,
        output_format_json_quote_decimals: 0,
        output_format_json_quote_64bit_floats: 0,
        do_not_merge_across_partitions_select_final: 1,
        max_execution_time: 30,
        max_threads: 0,
        optimize_on_insert: 1,
        priority: '1',
      });
    } finally {
      query.mockRestore();
    }
  });
});

describe('a closed gateway', () => {
  it('fails with a CONNECTION error instead of hanging or returning nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lc-closed-'));
    const gateway = ClickHouseGateway.open({ mode: 'embedded', dataPath: dir, retries: 1 });
    await gateway.close();
    await expect(gateway.query('SELECT 1', {}, { tag: 'closed' })).rejects.toMatchObject({
      code: ClickHouseErrorCode.CONNECTION,
    });
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('closing while a query still runs', () => {
  it('returns only once the engine has let go of the folder: another folder opens straight after', async () => {
    const first = mkdtempSync(join(tmpdir(), 'lc-busy-'));
    const second = mkdtempSync(join(tmpdir(), 'lc-next-'));
    const busy = ClickHouseGateway.open({ mode: 'embedded', dataPath: first, retries: 0 });
    // a read nobody waits for when the gateway closes (an abandoned request, a background round)
    const running = busy.query('SELECT sleep(1) AS s', {}, { tag: 'busy' }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await busy.close();
    const next = ClickHouseGateway.open({ mode: 'embedded', dataPath: second, retries: 0 });
    try {
      expect(await next.query<{ n: number }>('SELECT 1 AS n', {}, { tag: 'next' })).toEqual([{ n: 1 }]);
    } finally {
      await next.close();
      await running;
      rmSync(first, { recursive: true, force: true });
      rmSync(second, { recursive: true, force: true });
    }
  });
});

describe('server mode', () => {
  it('reaches a ClickHouse server over HTTP; a server that is not there is a CONNECTION error after retries', async () => {
    // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    const gateway = ClickHouseGateway.open({
      mode: 'server',
      url: 'http://127.0.0.1:9',
      username: 'default',
      password: '',
      database: 'default',
      retries: 1,
    });
    const attempts: string[] = [];
    gateway.onQuery((e) => attempts.push(e.error?.code ?? 'ok'));
    await expect(gateway.query('SELECT 1', {}, { tag: 'server' })).rejects.toMatchObject({
      code: ClickHouseErrorCode.CONNECTION,
    });
    expect(attempts).toEqual(['CONNECTION', 'CONNECTION']);
    expect(await gateway.ping()).toBe(false);
    await gateway.close();
  });
});
