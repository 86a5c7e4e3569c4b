import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { jest } from '@jest/globals';
import { ClickHouseErrorCode, ClickHouseException, ClickHouseGateway } from '@lc/clickhouse';
import {
  EventWriter,
  type EventInserter,
  type FlushStats,
  type TouchedSessions,
  type WriterOptions,
} from './event.writer.js';
import { IngestErrorCode } from './ingest.exception.js';
import { WriteAheadLog } from './write-ahead.log.js';

/** JSONEachRow lines of one session's events, as the ingest service serialises them. */
function lines(brandId: string, sessionId: string, eventIds: string[]): Buffer {
  return Buffer.from(
    eventIds.map((id) => JSON.stringify({ brand_id: brandId, session_id: sessionId, event_id: id }) + '\n').join(''),
  );
}

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: Error) => void;
}
function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** The engine as the gateway leaves it to the writer after its own retries: a connection failure. */
const engineDown = () =>
  new ClickHouseException(ClickHouseErrorCode.CONNECTION, 'ingest.events', 'connect ECONNREFUSED');

interface Insert {
  table: string;
  body: string;
  tag: string;
  /** Fake clock, ms since the test began. */
  at: number;
}

/** Just what the writer calls: records every insert and answers with `respond`. */
class FakeEngine implements EventInserter {
  readonly inserts: Insert[] = [];
  private readonly start = Date.now();
  respond: (insert: Insert) => Promise<void> = async () => undefined;

  insertJsonEachRow(table: string, body: Buffer, options: { tag: string }): Promise<void> {
    const insert = { table, body: body.toString('utf8'), tag: options.tag, at: Date.now() - this.start };
    this.inserts.push(insert);
    return this.respond(insert);
  }

  tagged(tag: string): Insert[] {
    return this.inserts.filter((i) => i.tag === tag);
  }
}

/** Settles a promise without letting its rejection go unhandled while timers run. */
function outcome<T>(promise: Promise<T>): Promise<{ ok: true } | { ok: false; error: unknown }> {
  return promise.then(
    () => ({ ok: true }) as const,
    (error: unknown) => ({ ok: false, error }) as const,
  );
}

const OPTIONS: WriterOptions = { maxBatchRows: 100, maxDelayMs: 20, maxBufferedRows: 1_000 };

describe('EventWriter', () => {
  let dir: string;
  let engine: FakeEngine;
  let errors: Error[];
  let flushes: FlushStats['target'][];
  let committed: TouchedSessions[];
  const writers: EventWriter[] = [];

  function makeWriter(options: Partial<WriterOptions> = {}, wal?: WriteAheadLog): EventWriter {
    const writer = new EventWriter(engine, { ...OPTIONS, ...options }, wal, (e) => errors.push(e));
    writer.onFlush((stats) => flushes.push(stats.target));
    writer.onCommitted((touched) => committed.push(touched));
    writers.push(writer);
    return writer;
  }

  beforeEach(() => {
    jest.useFakeTimers();
    dir = mkdtempSync(join(tmpdir(), 'lc-writer-'));
    engine = new FakeEngine();
    errors = [];
    flushes = [];
    committed = [];
  });
  afterEach(async () => {
    engine.respond = async () => undefined;
    for (const writer of writers.splice(0)) {
      const drained = writer.drain();
      await jest.runAllTimersAsync();
      await drained;
    }
    jest.useRealTimers();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('group commit', () => {
    it('answers several concurrent writes with one insert of all their rows, once it is committed', async () => {
      const writer = makeWriter();
      const commit = deferred();
      engine.respond = () => commit.promise;
      const answered: string[] = [];
      const writes = [
        writer.write(lines('b1', 's1', ['e1', 'e2']), 2, 'b1', ['s1']).then(() => answered.push('a')),
        writer.write(lines('b1', 's2', ['e3']), 1, 'b1', ['s2']).then(() => answered.push('b')),
        writer.write(lines('b2', 's9', ['e4']), 1, 'b2', ['s9']).then(() => answered.push('c')),
      ];
      expect(writer.bufferedRows).toBe(4);

      await jest.advanceTimersByTimeAsync(20);
      expect(engine.inserts).toHaveLength(1);
      expect(engine.inserts[0]).toMatchObject({
        table: 'events',
        tag: 'ingest.events',
        body: lines('b1', 's1', ['e1', 'e2']).toString() + lines('b1', 's2', ['e3']) + lines('b2', 's9', ['e4']),
      });
      expect(answered).toEqual([]); // not before the engine has the rows

      commit.resolve();
      await Promise.all(writes);
      expect(answered.sort()).toEqual(['a', 'b', 'c']);
      expect(flushes).toEqual(['engine']);
      expect(committed).toEqual([
        new Map([
          ['b1', new Set(['s1', 's2'])],
          ['b2', new Set(['s9'])],
        ]),
      ]);
      expect(writer.bufferedRows).toBe(0);
    });

    it('flushes as soon as INGEST_FLUSH_ROWS rows are buffered, without waiting for the age limit', async () => {
      const writer = makeWriter({ maxBatchRows: 5 });
      const first = writer.write(lines('b1', 's1', ['e1', 'e2', 'e3']), 3, 'b1', ['s1']);
      await jest.advanceTimersByTimeAsync(0);
      expect(engine.inserts).toHaveLength(0);

      const second = writer.write(lines('b1', 's1', ['e4', 'e5']), 2, 'b1', ['s1']);
      await jest.advanceTimersByTimeAsync(0);
      expect(engine.inserts.map((i) => i.at)).toEqual([0]);
      expect(engine.inserts[0].body.split('\n').filter(Boolean)).toHaveLength(5);
      await Promise.all([first, second]);
    });

    it('flushes a trickle when its oldest row is INGEST_FLUSH_MS old, counting from the first row', async () => {
      const writer = makeWriter({ maxDelayMs: 20 });
      const first = writer.write(lines('b1', 's1', ['e1']), 1, 'b1', ['s1']);
      await jest.advanceTimersByTimeAsync(15);
      const second = writer.write(lines('b1', 's1', ['e2']), 1, 'b1', ['s1']);
      await jest.advanceTimersByTimeAsync(4);
      expect(engine.inserts).toHaveLength(0);

      await jest.advanceTimersByTimeAsync(1);
      expect(engine.inserts.map((i) => i.at)).toEqual([20]);
      expect(engine.inserts[0].body).toBe(lines('b1', 's1', ['e1', 'e2']).toString());
      await Promise.all([first, second]);
    });

    it('sends rows that arrived during an insert right after it once they are old enough: one insert at a time', async () => {
      const writer = makeWriter({ maxDelayMs: 20 });
      const slow = deferred();
      engine.respond = () => slow.promise;
      const first = writer.write(lines('b1', 's1', ['e1']), 1, 'b1', ['s1']);
      await jest.advanceTimersByTimeAsync(25); // the first insert starts at 20 and hangs
      const second = writer.write(lines('b1', 's1', ['e2']), 1, 'b1', ['s1']);
      await jest.advanceTimersByTimeAsync(25); // e2 is 25 ms old: older than the limit, but an insert is running
      expect(engine.inserts).toHaveLength(1);

      engine.respond = async () => undefined;
      slow.resolve();
      await jest.advanceTimersByTimeAsync(0);
      expect(engine.inserts.map((i) => i.at)).toEqual([20, 50]);
      await Promise.all([first, second]);
    });

    it('with two lanes, starts a second insert beside a running one once it is as large, and a third after the first to finish', async () => {
      const writer = makeWriter({ maxDelayMs: 20, concurrentInserts: 2 });
      const hangs = [deferred(), deferred()];
      // The first two inserts hang until resolved; later ones commit at once.
      engine.respond = async () => hangs[engine.inserts.length - 1]?.promise;
      const answered: string[] = [];
      const first = writer.write(lines('b1', 's1', ['e1', 'e2']), 2, 'b1', ['s1']).then(() => answered.push('e1'));
      await jest.advanceTimersByTimeAsync(25); // insert 1 (2 rows) starts at 20 and hangs
      const second = writer.write(lines('b1', 's2', ['e3']), 1, 'b1', ['s2']).then(() => answered.push('e3'));
      await jest.advanceTimersByTimeAsync(30); // 1 row < the 2 running: e3 waits, though due at 45
      expect(engine.inserts.map((i) => i.at)).toEqual([20]);

      const third = writer.write(lines('b1', 's3', ['e4']), 1, 'b1', ['s3']).then(() => answered.push('e4'));
      await jest.advanceTimersByTimeAsync(0); // 2 rows buffered = the 2 running: insert 2 starts at once
      expect(engine.inserts.map((i) => i.at)).toEqual([20, 55]);
      expect(engine.inserts[1].body).toBe(lines('b1', 's2', ['e3']).toString() + lines('b1', 's3', ['e4']).toString());
      expect(writer.bufferedRows).toBe(4); // 2 + 2 rows in flight

      const fourth = writer.write(lines('b1', 's4', ['e5']), 1, 'b1', ['s4']).then(() => answered.push('e5'));
      await jest.advanceTimersByTimeAsync(30); // both lanes busy: e5 waits past its age limit
      expect(engine.inserts).toHaveLength(2);

      // The second insert commits first: its requests are answered, the first's not. e5 (1 row) does
      // not start beside the 2-row insert still running, overdue as it is: it waits for that one.
      hangs[1].resolve();
      await jest.advanceTimersByTimeAsync(0);
      expect(answered).toEqual(['e3', 'e4']);
      expect(committed).toEqual([new Map([['b1', new Set(['s2', 's3'])]])]);
      expect(engine.inserts).toHaveLength(2);

      hangs[0].resolve();
      await Promise.all([first, second, third, fourth]);
      expect(answered).toEqual(['e3', 'e4', 'e1', 'e5']);
      expect(engine.inserts.map((i) => i.at)).toEqual([20, 55, 85]);
      expect(engine.inserts[2].body).toBe(lines('b1', 's4', ['e5']).toString());
      expect(writer.bufferedRows).toBe(0);
    });

    it('drain waits for every insert in flight on both lanes', async () => {
      const writer = makeWriter({ maxDelayMs: 20, concurrentInserts: 2 });
      const hangs = [deferred(), deferred()];
      engine.respond = () => hangs[engine.inserts.length - 1].promise;
      const writes = [writer.write(lines('b1', 's1', ['e1']), 1, 'b1', ['s1'])];
      await jest.advanceTimersByTimeAsync(25);
      writes.push(writer.write(lines('b1', 's1', ['e2']), 1, 'b1', ['s1']));
      await jest.advanceTimersByTimeAsync(20);
      let drained = false;
      const drain = writer.drain().then(() => (drained = true));
      hangs[0].resolve();
      await jest.advanceTimersByTimeAsync(0);
      expect(drained).toBe(false); // the second insert still runs

      hangs[1].resolve();
      await drain;
      await Promise.all(writes);
      expect(engine.inserts).toHaveLength(2);
    });

    it('refuses rows beyond INGEST_MAX_BUFFERED_ROWS with OVERLOADED (429)', async () => {
      const writer = makeWriter({ maxBufferedRows: 3 });
      const kept = writer.write(lines('b1', 's1', ['e1', 'e2']), 2, 'b1', ['s1']);
      await expect(writer.write(lines('b1', 's1', ['e3', 'e4']), 2, 'b1', ['s1'])).rejects.toMatchObject({
        code: IngestErrorCode.OVERLOADED,
        retryAfterSeconds: 1,
      });
      await jest.advanceTimersByTimeAsync(20);
      await kept;
    });
  });

  describe('when the engine fails', () => {
    it('logs the batch at once, after the single call the gateway gave up on, and answers the requests', async () => {
      const wal = new WriteAheadLog(join(dir, 'wal'), 1024 * 1024);
      const writer = makeWriter({}, wal);
      engine.respond = async () => {
        throw engineDown();
      };
      const body = lines('b1', 's1', ['e1', 'e2']);
      const written = outcome(writer.write(body, 2, 'b1', ['s1']));

      await jest.advanceTimersByTimeAsync(20);
      expect(await written).toEqual({ ok: true });
      expect(engine.inserts).toHaveLength(1); // no second retry loop above the gateway's
      expect(wal.bytes).toBe(body.length);
      expect(flushes).toEqual(['wal']);
      expect(errors).toEqual([expect.objectContaining({ code: ClickHouseErrorCode.CONNECTION })]);
      expect(committed).toEqual([]); // not in the engine yet: no rollup
    });

    it('without a log, fails the requests with UNAVAILABLE (503) after that one call', async () => {
      const writer = makeWriter();
      engine.respond = async () => {
        throw engineDown();
      };
      const written = outcome(writer.write(lines('b1', 's1', ['e1']), 1, 'b1', ['s1']));
      await jest.advanceTimersByTimeAsync(20);
      expect(await written).toEqual({
        ok: false,
        error: expect.objectContaining({ code: IngestErrorCode.UNAVAILABLE, retryAfterSeconds: 5 }),
      });
      expect(engine.inserts).toHaveLength(1);
      expect(flushes).toEqual(['failed']);
    });

    it('queues new batches behind the log while it holds events, and replays them in order when the engine returns', async () => {
      const wal = new WriteAheadLog(join(dir, 'wal'), 1024 * 1024);
      const writer = makeWriter({}, wal);
      engine.respond = async () => {
        throw engineDown();
      };
      const a = lines('b1', 's1', ['e1']);
      const b = lines('b1', 's2', ['e2']);
      await jest.advanceTimersByTimeAsync(0);
      const first = writer.write(a, 1, 'b1', ['s1']);
      await jest.advanceTimersByTimeAsync(20); // t=20: insert fails → logged; replay due at 270
      await first;
      const second = writer.write(b, 1, 'b1', ['s2']);
      await jest.advanceTimersByTimeAsync(20); // t=40: straight to the log, no insert tried
      await second;
      expect(engine.tagged('ingest.events')).toHaveLength(1);
      expect(wal.bytes).toBe(a.length + b.length);

      engine.respond = async () => undefined; // the engine is back
      await jest.advanceTimersByTimeAsync(230);
      expect(engine.tagged('ingest.replay').map((i) => ({ at: i.at, body: i.body }))).toEqual([
        { at: 270, body: a.toString() + b.toString() },
      ]);
      expect(wal.isEmpty).toBe(true);
      expect(committed).toEqual([new Map([['b1', new Set(['s1', 's2'])]])]);

      // Back to normal: the next batch goes to the engine again.
      const third = writer.write(lines('b1', 's3', ['e3']), 1, 'b1', ['s3']);
      await jest.advanceTimersByTimeAsync(20);
      await third;
      expect(engine.tagged('ingest.events')).toHaveLength(2);
    });

    it('backs off between replays while the engine stays down: 250, 500, 1000 ms', async () => {
      const wal = new WriteAheadLog(join(dir, 'wal'), 1024 * 1024);
      const writer = makeWriter({}, wal);
      engine.respond = async () => {
        throw engineDown();
      };
      await jest.advanceTimersByTimeAsync(0);
      const written = writer.write(lines('b1', 's1', ['e1']), 1, 'b1', ['s1']);
      await jest.advanceTimersByTimeAsync(20);
      await written;

      await jest.advanceTimersByTimeAsync(250 + 500 + 1000 - 1);
      expect(engine.tagged('ingest.replay').map((i) => i.at)).toEqual([270, 770]);
      engine.respond = async () => undefined;
      await jest.advanceTimersByTimeAsync(1);
      expect(engine.tagged('ingest.replay').map((i) => i.at)).toEqual([270, 770, 1770]);
      expect(wal.isEmpty).toBe(true);
    });

    it('answers 503 (UNAVAILABLE, retry in 30 s) once the log is full, and keeps what it logged', async () => {
      const wal = new WriteAheadLog(join(dir, 'wal'), 100);
      const writer = makeWriter({}, wal);
      engine.respond = async () => {
        throw engineDown();
      };
      const a = lines('b1', 's1', ['e1']); // 52 bytes
      const first = writer.write(a, 1, 'b1', ['s1']);
      await jest.advanceTimersByTimeAsync(20);
      await first;
      expect(writer.logHasRoom).toBe(false); // less than 1 MiB left

      // Refused at the door: the log holds events and has no room for these.
      await expect(writer.write(lines('b1', 's1', ['e2']), 1, 'b1', ['s1'])).rejects.toMatchObject({
        code: IngestErrorCode.UNAVAILABLE,
        retryAfterSeconds: 30,
      });
      expect(wal.bytes).toBe(a.length);
    });

    it('refuses a batch the log has no room for, even one buffered while the log was still empty', async () => {
      const wal = new WriteAheadLog(join(dir, 'wal'), 60);
      const writer = makeWriter({}, wal);
      engine.respond = async () => {
        throw engineDown();
      };
      // 52 bytes each: both pass the door (the log is empty), but the batch of 104 does not fit in 60.
      const first = outcome(writer.write(lines('b1', 's1', ['e1']), 1, 'b1', ['s1']));
      const second = outcome(writer.write(lines('b1', 's1', ['e2']), 1, 'b1', ['s1']));
      await jest.advanceTimersByTimeAsync(20);
      const logFull = {
        ok: false,
        error: expect.objectContaining({ code: IngestErrorCode.UNAVAILABLE, retryAfterSeconds: 30 }),
      };
      expect(await first).toEqual(logFull);
      expect(await second).toEqual(logFull);
      expect(flushes).toEqual(['failed']);
      expect(wal.isEmpty).toBe(true);
    });
  });

  describe('answering from the log (INGEST_ACK=log)', () => {
    const logWriter = (options: Partial<WriterOptions> = {}) =>
      makeWriter({ ackOnLog: true, ...options }, new WriteAheadLog(join(dir, 'wal'), 1024 * 1024));

    it('answers once the rows are fsynced to the log, then moves them in with one insert; the rollups hear of them only then', async () => {
      const writer = logWriter();
      const commit = deferred();
      engine.respond = () => commit.promise;
      const a = lines('b1', 's1', ['e1', 'e2']);
      const b = lines('b1', 's2', ['e3']);
      const writes = Promise.all([writer.write(a, 2, 'b1', ['s1']), writer.write(b, 1, 'b1', ['s2'])]);
      await jest.advanceTimersByTimeAsync(20);
      await writes; // answered while the insert has not even finished
      expect(engine.inserts.map((i) => ({ tag: i.tag, at: i.at, body: i.body }))).toEqual([
        { tag: 'ingest.replay', at: 20, body: a.toString() + b.toString() },
      ]);
      expect(committed).toEqual([]);
      expect(writer.bufferedRows).toBe(3); // not in the engine yet
      expect(writer.nextInsertRows).toBe(0); // all of them in the insert under way

      commit.resolve();
      await jest.advanceTimersByTimeAsync(0);
      expect(flushes).toEqual(['wal', 'replay']);
      expect(committed).toEqual([new Map([['b1', new Set(['s1', 's2'])]])]);
      expect(writer.bufferedRows).toBe(0);
      expect(new WriteAheadLog(join(dir, 'wal'), 1024 * 1024).isEmpty).toBe(true);
    });

    it('logs and answers batches while an insert runs, and moves all of them in with the next insert', async () => {
      const writer = logWriter();
      const first = deferred();
      engine.respond = () => first.promise;
      await Promise.all([
        writer.write(lines('b1', 's1', ['e1']), 1, 'b1', ['s1']),
        jest.advanceTimersByTimeAsync(20), // t=20: logged, answered, its insert starts
      ]);
      const c = lines('b1', 's2', ['e2', 'e3']);
      const d = lines('b2', 's9', ['e4']);
      await Promise.all([writer.write(c, 2, 'b1', ['s2']), jest.advanceTimersByTimeAsync(20)]); // t=40
      await Promise.all([writer.write(d, 1, 'b2', ['s9']), jest.advanceTimersByTimeAsync(20)]); // t=60
      expect(writer.bufferedRows).toBe(4);
      expect(writer.nextInsertRows).toBe(3); // c and d wait for the insert of the first batch

      engine.respond = async () => undefined;
      first.resolve();
      await jest.advanceTimersByTimeAsync(0);
      expect(engine.tagged('ingest.replay').map((i) => i.body)).toEqual([
        lines('b1', 's1', ['e1']).toString(),
        c.toString() + d.toString(),
      ]);
      expect(committed).toEqual([
        new Map([['b1', new Set(['s1'])]]),
        new Map([
          ['b1', new Set(['s2'])],
          ['b2', new Set(['s9'])],
        ]),
      ]);
      expect(writer.bufferedRows).toBe(0);
    });

    it('moves at most two INGEST_FLUSH_ROWS batches per insert when the log grows faster than the engine takes it', async () => {
      const writer = logWriter({ maxBufferedRows: 10_000 });
      const first = deferred();
      engine.respond = () => first.promise;
      const batch = (from: number, rows: number) =>
        lines(
          'b1',
          's1',
          Array.from({ length: rows }, (_, i) => `e${from + i}`),
        );
      // 100 rows = INGEST_FLUSH_ROWS: each batch is logged at once; the first one's insert starts.
      for (const [from, rows] of [
        [0, 100],
        [100, 100],
        [200, 100],
        [300, 50],
      ])
        await Promise.all([writer.write(batch(from, rows), rows, 'b1', ['s1']), jest.advanceTimersByTimeAsync(20)]);
      engine.respond = async () => undefined;
      first.resolve();
      await jest.advanceTimersByTimeAsync(0);
      const rowsPerInsert = engine.tagged('ingest.replay').map((i) => i.body.split('\n').filter(Boolean).length);
      expect(rowsPerInsert).toEqual([100, 200, 50]);
      expect(writer.bufferedRows).toBe(0);
    });

    it('counts the rows the engine does not have yet as buffered: 429 beyond INGEST_MAX_BUFFERED_ROWS', async () => {
      const writer = logWriter({ maxBufferedRows: 3 });
      const stuck = deferred();
      engine.respond = () => stuck.promise;
      await Promise.all([
        writer.write(lines('b1', 's1', ['e1', 'e2']), 2, 'b1', ['s1']),
        jest.advanceTimersByTimeAsync(20),
      ]);
      await expect(writer.write(lines('b1', 's1', ['e3', 'e4']), 2, 'b1', ['s1'])).rejects.toMatchObject({
        code: IngestErrorCode.OVERLOADED,
      });
      stuck.resolve();
      await jest.advanceTimersByTimeAsync(0);
      await Promise.all([
        writer.write(lines('b1', 's1', ['e3', 'e4']), 2, 'b1', ['s1']),
        jest.advanceTimersByTimeAsync(20),
      ]);
    });

    it('expects the log to trail by its rows, and those of bodies still being parsed, at the pace per row of its inserts', async () => {
      const writer = logWriter();
      engine.respond = () => new Promise((resolve) => setTimeout(resolve, 300));
      const batch = (prefix: string, rows: number) =>
        lines(
          'b1',
          's1',
          Array.from({ length: rows }, (_, i) => `${prefix}${i}`),
        );
      // 200 rows ≥ INGEST_FLUSH_ROWS (100): logged at once, moved in within 300 ms: 1.5 ms a row.
      await Promise.all([writer.write(batch('e', 200), 200, 'b1', ['s1']), jest.advanceTimersByTimeAsync(0)]);
      await jest.advanceTimersByTimeAsync(300);
      expect(writer.bufferedRows).toBe(0);

      const stuck = deferred();
      engine.respond = () => stuck.promise; // the next insert is under way
      await Promise.all([writer.write(batch('f', 150), 150, 'b1', ['s1']), jest.advanceTimersByTimeAsync(0)]);
      expect(writer.bufferedRows).toBe(150);
      expect(writer.expectedWaitMs).toBe(150 * 1.5);
      expect(writer.expectedWaitWith(1_000)).toBe(1_150 * 1.5);
      stuck.resolve();
    });

    it('keeps answering while the engine is down, backs off (0, 500, 1000 ms) and moves the log in order once it is back', async () => {
      const writer = logWriter();
      engine.respond = async () => {
        throw engineDown();
      };
      const a = lines('b1', 's1', ['e1']);
      const b = lines('b1', 's2', ['e2']);
      await Promise.all([writer.write(a, 1, 'b1', ['s1']), jest.advanceTimersByTimeAsync(20)]); // t=20: tried at once
      await jest.advanceTimersByTimeAsync(580);
      await Promise.all([writer.write(b, 1, 'b1', ['s2']), jest.advanceTimersByTimeAsync(20)]); // t=620: answered
      engine.respond = async () => undefined;
      await jest.advanceTimersByTimeAsync(900); // t=1520: the third try
      expect(engine.tagged('ingest.replay').map((i) => [i.at, i.body])).toEqual([
        [20, a.toString()],
        [520, a.toString()],
        [1520, a.toString()],
        [1520, b.toString()],
      ]);
      expect(errors).toHaveLength(2);
      expect(writer.bufferedRows).toBe(0);

      // Back to normal: the next batch is moved in as soon as it is logged.
      await Promise.all([writer.write(lines('b1', 's3', ['e3']), 1, 'b1', ['s3']), jest.advanceTimersByTimeAsync(20)]);
      expect(engine.tagged('ingest.replay').map((i) => i.at)).toEqual([20, 520, 1520, 1520, 1540]);
    });

    it('deletes later a segment the file system will not delete yet, and never inserts its rows twice', async () => {
      const wal = new WriteAheadLog(join(dir, 'wal'), 1024 * 1024);
      const writer = makeWriter({ ackOnLog: true }, wal);
      const remove = jest.spyOn(wal, 'remove').mockImplementationOnce(() => {
        throw new Error('EBUSY: resource busy or locked');
      });
      const a = lines('b1', 's1', ['e1']);
      await Promise.all([writer.write(a, 1, 'b1', ['s1']), jest.advanceTimersByTimeAsync(20)]); // t=20: moved in at once
      expect(engine.tagged('ingest.replay').map((i) => [i.at, i.body])).toEqual([[20, a.toString()]]);
      expect(errors.map((e) => e.message)).toEqual([
        expect.stringMatching(
          /^log segment \S+ is in the engine but could not be deleted \(EBUSY.*\); trying again in 500 ms$/,
        ),
      ]);
      expect(committed).toEqual([new Map([['b1', new Set(['s1'])]])]);
      expect(writer.bufferedRows).toBe(0); // the engine has the rows
      expect(wal.bytes).toBe(a.length); // the file still takes its room

      await jest.advanceTimersByTimeAsync(500); // t=520: deleted, and not inserted again
      expect(remove).toHaveBeenCalledTimes(2);
      expect(wal.isEmpty).toBe(true);
      expect(wal.bytes).toBe(0);
      expect(engine.tagged('ingest.replay')).toHaveLength(1);
      expect(errors).toHaveLength(1);

      // The backoff is over: the next batch is moved in as soon as it is logged.
      await Promise.all([writer.write(lines('b1', 's2', ['e2']), 1, 'b1', ['s2']), jest.advanceTimersByTimeAsync(20)]);
      expect(engine.tagged('ingest.replay').map((i) => i.at)).toEqual([20, 540]);
    });

    it('backs off once per pass when several deletions are refused in it', async () => {
      const wal = new WriteAheadLog(join(dir, 'wal'), 1024 * 1024);
      const writer = makeWriter({ ackOnLog: true }, wal);
      engine.respond = async () => {
        throw engineDown();
      };
      // t=20 a's insert fails (backoff 500 ms); b is logged in a second segment meanwhile
      await Promise.all([writer.write(lines('b1', 's1', ['e1']), 1, 'b1', ['s1']), jest.advanceTimersByTimeAsync(20)]);
      await Promise.all([writer.write(lines('b1', 's2', ['e2']), 1, 'b1', ['s2']), jest.advanceTimersByTimeAsync(20)]);
      engine.respond = async () => undefined;
      const remove = jest
        .spyOn(wal, 'remove')
        .mockImplementationOnce(() => {
          throw new Error('EBUSY: resource busy or locked');
        })
        .mockImplementationOnce(() => {
          throw new Error('EBUSY: resource busy or locked');
        });
      errors.length = 0;
      await jest.advanceTimersByTimeAsync(480); // t=520: both moved in, in one pass; neither deleted
      expect(engine.tagged('ingest.replay').map((i) => i.at)).toEqual([20, 520, 520]);
      expect(remove).toHaveBeenCalledTimes(2);
      // after the inserts the backoff was back at 250 ms: doubled once for the pass, not once per segment
      expect(errors.map((e) => e.message.replace(/segment \S+/, 'segment S'))).toEqual([
        'log segment S is in the engine but could not be deleted (EBUSY: resource busy or locked); trying again in 500 ms',
        'log segment S is in the engine but could not be deleted (EBUSY: resource busy or locked); trying again in 500 ms',
      ]);
      await jest.advanceTimersByTimeAsync(500); // t=1020: both deleted, not inserted again
      expect(wal.isEmpty).toBe(true);
      expect(engine.tagged('ingest.replay')).toHaveLength(3);
    });

    it('a process killed after answering leaves the rows in the log, and the next start moves them in', async () => {
      const wal = new WriteAheadLog(join(dir, 'wal'), 1024 * 1024);
      const hung = new FakeEngine();
      hung.respond = () => new Promise<void>(() => undefined); // the process dies before the insert ends
      const killed = new EventWriter(hung, { ...OPTIONS, ackOnLog: true }, wal);
      const a = lines('b1', 's1', ['e1', 'e2']);
      await Promise.all([killed.write(a, 2, 'b1', ['s1']), jest.advanceTimersByTimeAsync(20)]);
      expect(hung.inserts).toHaveLength(1);

      const writer = makeWriter({ ackOnLog: true }, new WriteAheadLog(join(dir, 'wal'), 1024 * 1024));
      writer.start();
      await jest.advanceTimersByTimeAsync(0);
      expect(engine.tagged('ingest.replay').map((i) => i.body)).toEqual([a.toString()]);
      expect(committed).toEqual([new Map([['b1', new Set(['s1'])]])]);
    });

    it('drain waits for the insert under way, then moves in what was logged meanwhile', async () => {
      const writer = logWriter({ maxDelayMs: 60_000 });
      const first = deferred();
      engine.respond = () => first.promise;
      const a = lines('b1', 's1', ['e1']);
      const b = lines('b1', 's2', ['e2']);
      await Promise.all([writer.write(a, 1, 'b1', ['s1']), jest.advanceTimersByTimeAsync(60_000)]);
      const buffered = writer.write(b, 1, 'b1', ['s2']);
      const draining = writer.drain();
      await jest.advanceTimersByTimeAsync(0);
      engine.respond = async () => undefined;
      first.resolve();
      await Promise.all([draining, buffered]);
      expect(engine.tagged('ingest.replay').map((i) => i.body)).toEqual([a.toString(), b.toString()]);
      expect(writer.bufferedRows).toBe(0);
      expect(jest.getTimerCount()).toBe(0);
      const next = new WriteAheadLog(join(dir, 'wal'), 1024 * 1024);
      expect(next.isEmpty).toBe(true);
      next.close();
    });

    it('needs the log', () => {
      expect(() => new EventWriter(engine, { ...OPTIONS, ackOnLog: true })).toThrow(
        'answering once events are logged (INGEST_ACK=log) needs the write-ahead log',
      );
    });
  });

  describe('start and shutdown', () => {
    it('replays what a previous run left in the log as soon as it starts', async () => {
      const previous = new WriteAheadLog(join(dir, 'wal'), 1024 * 1024);
      const left = lines('b1', 's1', ['e1', 'e2']);
      previous.append(left);
      previous.close();

      const wal = new WriteAheadLog(join(dir, 'wal'), 1024 * 1024);
      const writer = makeWriter({}, wal);
      writer.start();
      await jest.advanceTimersByTimeAsync(0);
      expect(engine.tagged('ingest.replay').map((i) => i.body)).toEqual([left.toString()]);
      expect(wal.isEmpty).toBe(true);
      expect(committed).toEqual([new Map([['b1', new Set(['s1'])]])]);
    });

    it('replays the complete records of a segment torn by a crash, and drops the torn one', async () => {
      const previous = new WriteAheadLog(join(dir, 'wal'), 1024 * 1024);
      previous.append(lines('b1', 's1', ['e1']));
      previous.append(Buffer.concat([lines('b1', 's2', ['e2']), lines('b1', 's3', ['e3']).subarray(0, 30)]));
      previous.close();

      const wal = new WriteAheadLog(join(dir, 'wal'), 1024 * 1024);
      const writer = makeWriter({}, wal);
      writer.start();
      await jest.advanceTimersByTimeAsync(0);
      expect(engine.tagged('ingest.replay').map((i) => i.body)).toEqual([
        lines('b1', 's1', ['e1']).toString() + lines('b1', 's2', ['e2']).toString(),
      ]);
      expect(wal.isEmpty).toBe(true);
      expect(committed).toEqual([new Map([['b1', new Set(['s1', 's2'])]])]);
    });

    it('drain flushes what is buffered at once, without waiting for the age limit, and leaves nothing scheduled', async () => {
      const writer = makeWriter({ maxDelayMs: 60_000 });
      const buffered = writer.write(lines('b1', 's1', ['e1']), 1, 'b1', ['s1']);
      await jest.advanceTimersByTimeAsync(10);
      await writer.drain();
      await buffered;
      expect(engine.inserts.map((i) => i.at)).toEqual([10]);
      expect(writer.bufferedRows).toBe(0);
      expect(jest.getTimerCount()).toBe(0); // the process can exit
    });

    it('drain with the engine back moves the log into it before stopping', async () => {
      const wal = new WriteAheadLog(join(dir, 'wal'), 1024 * 1024);
      const writer = makeWriter({ maxDelayMs: 60_000 }, wal);
      let down = true;
      engine.respond = async () => {
        if (down) throw engineDown();
      };
      const a = lines('b1', 's1', ['e1']);
      const logged = writer.write(a, 1, 'b1', ['s1']);
      await jest.advanceTimersByTimeAsync(60_000); // logged; a replay is due at 60 250
      await logged;
      down = false;
      await writer.drain();

      expect(engine.tagged('ingest.replay').map((i) => i.body)).toEqual([a.toString()]);
      expect(jest.getTimerCount()).toBe(0);
      const next = new WriteAheadLog(join(dir, 'wal'), 1024 * 1024);
      expect(next.isEmpty).toBe(true);
      next.close();
    });

    it('drain with the engine down logs what is buffered, tries the log once more, and keeps it for the next start', async () => {
      const wal = new WriteAheadLog(join(dir, 'wal'), 1024 * 1024);
      const writer = makeWriter({ maxDelayMs: 60_000 }, wal);
      engine.respond = async () => {
        throw engineDown();
      };
      const a = lines('b1', 's1', ['e1']);
      const b = lines('b1', 's2', ['e2']);
      const logged = writer.write(a, 1, 'b1', ['s1']);
      await jest.advanceTimersByTimeAsync(60_000); // logged; a replay is due at 60 250
      await logged;
      const buffered = writer.write(b, 1, 'b1', ['s2']);
      await writer.drain();
      await buffered;

      expect(jest.getTimerCount()).toBe(0);
      // One last attempt on the way out (the logged segment), refused; nothing scheduled after it.
      expect(engine.tagged('ingest.replay').map((i) => i.body)).toEqual([a.toString() + b.toString()]);
      const next = new WriteAheadLog(join(dir, 'wal'), 1024 * 1024);
      expect(next.closedSegments().map((segment) => next.read(segment).toString())).toEqual([
        a.toString() + b.toString(),
      ]);
      next.close();
    });

    it('drain waits for an insert in flight', async () => {
      const writer = makeWriter();
      const slow = deferred();
      engine.respond = () => slow.promise;
      const written = writer.write(lines('b1', 's1', ['e1']), 1, 'b1', ['s1']);
      await jest.advanceTimersByTimeAsync(20);
      let drained = false;
      const draining = writer.drain().then(() => (drained = true));
      await jest.advanceTimersByTimeAsync(1_000);
      expect(drained).toBe(false);
      slow.resolve();
      await draining;
      await written;
      expect(engine.inserts).toHaveLength(1);
    });
  });
});

describe('EventWriter on the real gateway: one retry layer', () => {
  it('the gateway tries a failing insert 1 + CLICKHOUSE_RETRIES times, then the writer logs the batch without trying again', async () => {
    jest.useFakeTimers();
    const random = jest.spyOn(Math, 'random').mockReturnValue(0.5); // waits of 50 and 100 ms
    const dir = mkdtempSync(join(tmpdir(), 'lc-writer-gw-'));
    // Server mode: its HTTP client connects only when asked, and the insert is replaced below.
    const gateway = ClickHouseGateway.open({ mode: 'server', url: 'http://127.0.0.1:9', retries: 2 });
    const client = (gateway as unknown as { writer: { exec: (...args: unknown[]) => Promise<unknown> } }).writer;
    const start = Date.now();
    const attempts: number[] = [];
    const insert = jest.spyOn(client, 'exec').mockImplementation(async () => {
      attempts.push(Date.now() - start);
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    });
    const wal = new WriteAheadLog(join(dir, 'wal'), 1024 * 1024);
    const errors: Error[] = [];
    const writer = new EventWriter(gateway, OPTIONS, wal, (e) => errors.push(e));
    try {
      const body = lines('b1', 's1', ['e1']);
      const written = writer.write(body, 1, 'b1', ['s1']);
      await jest.advanceTimersByTimeAsync(20 + 50 + 100);
      await written;

      expect(attempts).toEqual([20, 70, 170]);
      expect(wal.bytes).toBe(body.length);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ code: ClickHouseErrorCode.CONNECTION });

      // Nothing more until the log's replay is due (250 ms later).
      await jest.advanceTimersByTimeAsync(249);
      expect(insert).toHaveBeenCalledTimes(3);

      insert.mockImplementation(async () => ({ stream: Readable.from([]) }) as never);
      await jest.advanceTimersByTimeAsync(1);
      expect(insert).toHaveBeenCalledTimes(4);
      expect(wal.isEmpty).toBe(true);
    } finally {
      const drained = writer.drain();
      await jest.runAllTimersAsync();
      await drained;
      random.mockRestore();
      jest.useRealTimers();
      await gateway.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
