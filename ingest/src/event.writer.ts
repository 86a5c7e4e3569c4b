import type { ClickHouseGateway } from '@lc/clickhouse';
import { FlushPace } from './flush.pace.js';
import { IngestErrorCode, IngestException } from './ingest.exception.js';
import type { WriteAheadLog } from './write-ahead.log.js';

export interface WriterOptions {
  /** Flush when this many rows are buffered. */
  maxBatchRows: number;
  /** Flush when the oldest buffered row is this old. */
  maxDelayMs: number;
  /** Refuse new rows (429) beyond this many buffered + in flight. */
  maxBufferedRows: number;
  /**
   * Inserts that may run at once (default 1). With 2, rows that arrive while an insert runs go to
   * the engine once they reach the age limit, beside it, instead of waiting for it to finish: on the
   * embedded engine the second insert parses on the other core (`GatewayConfig.inserters`).
   */
  concurrentInserts?: number;
  /**
   * `INGEST_ACK=log`: answer a request once its rows are fsynced to the write-ahead log, and move the
   * log into the engine behind the answers, one insert of everything logged meanwhile at a time. The
   * inserts are then as large as the load makes them instead of the rows in flight, and an answer
   * waits for a disk write rather than an insert. Rows still in the log count as buffered (429 beyond
   * `maxBufferedRows`, and the wait by time measures the log's inserts), and a restart replays them.
   * Needs the log.
   */
  ackOnLog?: boolean;
}

/**
 * What the writer needs of the engine. The gateway retries connection errors
 * itself (`CLICKHOUSE_RETRIES`); the writer never tries an insert again.
 */
export type EventInserter = Pick<ClickHouseGateway, 'insertJsonEachRow'>;

/** brandId → session ids that received events. */
export type TouchedSessions = Map<string, Set<string>>;

export interface FlushStats {
  rows: number;
  ms: number;
  /**
   * Where the batch went: the engine, the local log (engine down, or `ackOnLog`), or nowhere
   * (refused); `replay` is a log segment moved into the engine.
   */
  target: 'engine' | 'wal' | 'failed' | 'replay';
}

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

interface Batch {
  /** One JSONEachRow piece per request, joined only at flush (a memcpy, not a re-encode). */
  pieces: Buffer[];
  bytes: number;
  rows: number;
  waiters: Waiter[];
  touched: TouchedSessions;
  /** When the first row arrived (performance.now()): the age limit counts from here. */
  since: number;
}

const emptyBatch = (): Batch => ({ pieces: [], bytes: 0, rows: 0, waiters: [], touched: new Map(), since: 0 });

/** What a log segment written by this process holds: a replay needs no parsing to count it. */
interface SegmentContents {
  rows: number;
  touched: TouchedSessions;
  /**
   * `ackOnLog`: the segment's bytes as appended, so moving it in reads nothing back from the disk
   * (held until then either way; `maxBufferedRows` bounds them).
   */
  payloads: Buffer[];
}

const emptyContents = (): SegmentContents => ({ rows: 0, touched: new Map(), payloads: [] });

/**
 * `ackOnLog`: a log segment is closed once it holds this many INGEST_FLUSH_ROWS batches, so one insert
 * moves at most about that many rows in (RSS at full load: BENCHMARKS.md, "Thirteenth session").
 */
const LOG_INSERT_BATCHES = 2;

/** The first wait before a replay while the engine is down; it doubles per failure up to 5 s. */
const FIRST_REPLAY_DELAY_MS = 250;

function addTouched(into: TouchedSessions, brandId: string, sessionId: string): void {
  let sessions = into.get(brandId);
  if (!sessions) into.set(brandId, (sessions = new Set()));
  sessions.add(sessionId);
}

/** The rows and sessions of JSONEachRow lines read back from the log. */
function contentsOf(data: Buffer): SegmentContents {
  const contents = emptyContents();
  for (const line of data.toString('utf8').split('\n')) {
    if (line === '') continue;
    const row = JSON.parse(line) as { brand_id: string; session_id: string };
    addTouched(contents.touched, row.brand_id, row.session_id);
    contents.rows += 1;
  }
  return contents;
}

/**
 * Group commit: requests append their serialised rows to one buffer and wait;
 * one insert stream flushes it by size or age, and only then are the requests
 * answered — so a 200 means committed to ClickHouse, or (engine down, or
 * `ackOnLog`) fsynced to the write-ahead log, which is replayed until the
 * engine takes it.
 */
export class EventWriter {
  private buffer = emptyBatch();
  private inFlightRows = 0;
  /** Inserts running now (at most `lanes`), with their rows. */
  private readonly flushing = new Map<Promise<void>, number>();
  private readonly lanes: number;
  private timer: NodeJS.Timeout | null = null;
  private replaying: Promise<void> | null = null;
  private replayTimer: NodeJS.Timeout | null = null;
  private replayDelayMs = FIRST_REPLAY_DELAY_MS;
  private stopped = false;
  private readonly ackOnLog: boolean;
  /** Rows and sessions of the segment being appended to, and of each closed one not yet replayed. */
  private openSegment = emptyContents();
  private readonly closedSegments = new Map<string, SegmentContents>();
  /** Segments whose rows are in the engine but whose file the file system would not delete yet. */
  private readonly movedIn = new Set<string>();
  /** `ackOnLog`: rows this process logged that the engine does not have yet, and those being inserted now. */
  private loggedRows = 0;
  private replayingRows = 0;
  private committedListeners: ((touched: TouchedSessions) => void)[] = [];
  private flushListeners: ((stats: FlushStats) => void)[] = [];
  private readonly pace: FlushPace;

  constructor(
    private readonly gateway: EventInserter,
    private readonly options: WriterOptions,
    private readonly wal?: WriteAheadLog,
    private readonly onError: (error: Error) => void = () => undefined,
  ) {
    this.ackOnLog = options.ackOnLog ?? false;
    if (this.ackOnLog && !wal)
      throw new Error('answering once events are logged (INGEST_ACK=log) needs the write-ahead log');
    this.lanes = this.ackOnLog ? 1 : Math.max(1, Math.floor(options.concurrentInserts ?? 1));
    this.pace = new FlushPace(options.maxBatchRows, { lanes: this.lanes, perRow: this.ackOnLog });
  }

  /** Rows not yet in the engine: buffered, being written, and (`ackOnLog`) logged. */
  get bufferedRows(): number {
    return this.buffer.rows + this.inFlightRows + this.loggedRows;
  }

  /** Rows waiting for the next insert (not counting the inserts running now). */
  get nextInsertRows(): number {
    return this.buffer.rows + this.loggedRows - this.replayingRows;
  }

  /** How long the rows buffered now are expected to wait for their commit, from recent inserts' length (`FlushPace`). */
  get expectedWaitMs(): number {
    return this.expectedWaitWith(0);
  }

  /** The same, with `moreRows` on their way (bodies still being parsed) counted in. */
  expectedWaitWith(moreRows: number): number {
    return this.pace.waitMs(this.bufferedRows + moreRows);
  }

  /** Bytes in the write-ahead log waiting for the engine. */
  get walBytes(): number {
    return this.wal?.bytes ?? 0;
  }

  /** False once the log is (nearly) full: new batches would be answered 503 while the engine is down. */
  get logHasRoom(): boolean {
    return !this.wal || this.wal.hasRoomFor(1024 * 1024);
  }

  onCommitted(listener: (touched: TouchedSessions) => void): void {
    this.committedListeners.push(listener);
  }

  onFlush(listener: (stats: FlushStats) => void): void {
    this.flushListeners.push(listener);
  }

  /** Replays what a previous run left in the write-ahead log. */
  start(): void {
    if (this.wal && !this.wal.isEmpty) this.scheduleReplay(0);
  }

  /** Buffers JSONEachRow lines; resolves once they are safe (committed or logged). */
  write(body: Buffer, rows: number, brandId: string, sessionIds: Iterable<string>): Promise<void> {
    if (rows === 0) return Promise.resolve();
    if (this.bufferedRows + rows > this.options.maxBufferedRows) {
      return Promise.reject(new IngestException(IngestErrorCode.OVERLOADED, 'ingest buffer is full; retry shortly', 1));
    }
    if (this.wal && !this.wal.isEmpty && !this.wal.hasRoomFor(body.length)) {
      return Promise.reject(this.logFull());
    }
    return new Promise<void>((resolve, reject) => {
      const batch = this.buffer;
      if (batch.rows === 0) batch.since = performance.now();
      batch.pieces.push(body);
      batch.bytes += body.length;
      batch.rows += rows;
      batch.waiters.push({ resolve, reject });
      for (const id of sessionIds) addTouched(batch.touched, brandId, id);
      if (batch.rows >= this.options.maxBatchRows || (this.flushing.size > 0 && this.mayStart())) this.kick();
      else this.timer ??= setTimeout(() => this.kick(), this.options.maxDelayMs);
    });
  }

  /**
   * After a flush, rows that arrived during it have already waited: send them as
   * soon as the oldest reaches the age limit, not a whole interval later. Under
   * load this chains inserts back to back (group commit), and with two lanes the
   * next insert starts beside a running one as soon as it is as large (`mayStart`);
   * when idle, the limit still gathers a trickle into one insert.
   */
  private scheduleNext(): void {
    if (this.buffer.rows === 0) return;
    const wait = this.options.maxDelayMs - (performance.now() - this.buffer.since);
    if (this.buffer.rows >= this.options.maxBatchRows || wait <= 0 || (this.flushing.size > 0 && this.mayStart()))
      this.kick();
    else this.timer ??= setTimeout(() => this.kick(), wait);
  }

  /**
   * Flushes everything buffered and waits for it, makes one last attempt to move the write-ahead log
   * into the engine, then stops replaying (SIGTERM). What the engine still refuses stays logged for
   * the next start.
   */
  async drain(): Promise<void> {
    while (this.buffer.rows > 0 || this.flushing.size > 0) {
      this.kick();
      await Promise.all(this.flushing.keys());
    }
    this.stopped = true; // no replay is scheduled from here on
    if (this.replayTimer) clearTimeout(this.replayTimer);
    this.replayTimer = null;
    await this.replaying;
    // One more pass moves what the log still holds (with `ackOnLog`, what was just answered); a
    // failure leaves it for the next start.
    if (this.wal && !this.wal.isEmpty) await this.replay();
    this.wal?.close();
  }

  private kick(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (!this.mayStart()) return;
    const batch = this.buffer;
    this.buffer = emptyBatch();
    this.inFlightRows += batch.rows;
    const flushing: Promise<void> = this.flush(batch).finally(() => {
      this.inFlightRows -= batch.rows;
      this.flushing.delete(flushing);
      this.scheduleNext();
    });
    this.flushing.set(flushing, batch.rows);
  }

  /**
   * Whether the buffer may go to the engine now: a lane is free, and — beside a running insert — the
   * buffer holds as many rows as that insert (or a full batch). So at 8 connections × 1 000 events the
   * second half of the requests in flight is written while the first half still is, instead of
   * waiting a whole insert; and under overload inserts keep their size instead of splitting into ever
   * smaller ones that each pay the engine's fixed cost per insert. (Alone, the age limit decides.)
   */
  private mayStart(): boolean {
    if (this.buffer.rows === 0 || this.flushing.size >= this.lanes) return false;
    let largest = 0;
    for (const rows of this.flushing.values()) largest = Math.max(largest, rows);
    return this.buffer.rows >= Math.min(largest, this.options.maxBatchRows);
  }

  private async flush(batch: Batch): Promise<void> {
    const started = performance.now();
    const payload = Buffer.concat(batch.pieces, batch.bytes);
    const report = (target: FlushStats['target']) => {
      for (const listener of this.flushListeners)
        listener({ rows: batch.rows, ms: performance.now() - started, target });
    };
    // While the log holds older events the engine is (or just was) down: queue behind them.
    if (this.wal && (this.ackOnLog || !this.wal.isEmpty)) return this.toLog(batch, payload, report);
    try {
      // One call: the gateway has already retried a connection error by the time it fails.
      await this.gateway.insertJsonEachRow('events', payload, { tag: 'ingest.events' });
    } catch (raw) {
      const error = raw as Error;
      this.onError(error);
      if (this.wal) return this.toLog(batch, payload, report);
      report('failed');
      const failure = new IngestException(
        IngestErrorCode.UNAVAILABLE,
        `events could not be stored (${error.message}); nothing from this request was kept, retry it`,
        5,
      );
      for (const waiter of batch.waiters) waiter.reject(failure);
      return;
    }
    report('engine');
    this.pace.observe(performance.now() - started, batch.rows);
    for (const waiter of batch.waiters) waiter.resolve();
    for (const listener of this.committedListeners) listener(batch.touched);
  }

  private toLog(batch: Batch, payload: Buffer, report: (target: FlushStats['target']) => void): void {
    const wal = this.wal as WriteAheadLog;
    if (!wal.hasRoomFor(payload.length)) {
      report('failed');
      for (const waiter of batch.waiters) waiter.reject(this.logFull());
      return;
    }
    try {
      wal.append(payload);
    } catch (error) {
      report('failed');
      const failure = new IngestException(
        IngestErrorCode.UNAVAILABLE,
        `events could not be logged (${(error as Error).message}); retry`,
        5,
      );
      for (const waiter of batch.waiters) waiter.reject(failure);
      return;
    }
    this.openSegment.rows += batch.rows;
    for (const [brandId, sessions] of batch.touched)
      for (const id of sessions) addTouched(this.openSegment.touched, brandId, id);
    if (this.ackOnLog) {
      this.openSegment.payloads.push(payload);
      this.loggedRows += batch.rows;
    }
    // A segment is one insert when it is moved in: closing it at LOG_INSERT_BATCHES × INGEST_FLUSH_ROWS
    // rows bounds what an insert holds in memory when the log grows faster than the engine takes it.
    if (this.openSegment.rows >= LOG_INSERT_BATCHES * this.options.maxBatchRows) this.closeSegment();
    report('wal');
    for (const waiter of batch.waiters) waiter.resolve();
    this.scheduleReplay(this.replayDelay());
  }

  /** `ackOnLog` moves the log at once unless the engine just failed; otherwise the log waits out the backoff. */
  private replayDelay(): number {
    return this.ackOnLog && this.replayDelayMs === FIRST_REPLAY_DELAY_MS ? 0 : this.replayDelayMs;
  }

  private logFull(): IngestException {
    return new IngestException(
      IngestErrorCode.UNAVAILABLE,
      'the analytics store is unavailable and the local log is full; retry later',
      30,
    );
  }

  /** Closes the log segment being appended to (if any): the next replay moves it in. */
  private closeSegment(): void {
    const closed = (this.wal as WriteAheadLog).rotate();
    if (closed === null) return;
    this.closedSegments.set(closed, this.openSegment);
    this.openSegment = emptyContents();
  }

  /** Starts a replay after `delayMs` (0: now), unless one is running or due; it chains while the log holds rows. */
  private scheduleReplay(delayMs: number): void {
    if (this.stopped || this.replaying || this.replayTimer) return;
    const run = () => {
      this.replayTimer = null;
      this.replaying = this.replay().finally(() => {
        this.replaying = null;
        if (this.wal && !this.wal.isEmpty) this.scheduleReplay(this.replayDelay());
      });
    };
    if (delayMs === 0) run();
    else this.replayTimer = setTimeout(run, delayMs);
  }

  /** Moves logged segments into the engine, oldest first; stops at the first failure and backs off. */
  private async replay(): Promise<void> {
    const wal = this.wal as WriteAheadLog;
    this.closeSegment();
    let failed = false;
    try {
      for (const segment of wal.closedSegments()) {
        if (this.movedIn.has(segment)) continue; // deleted below, never inserted twice by this process
        const known = this.closedSegments.get(segment);
        const data = known && known.payloads.length > 0 ? Buffer.concat(known.payloads) : wal.read(segment);
        // A segment a previous run left is counted from its lines.
        const contents = known ?? contentsOf(data);
        const logged = known && this.ackOnLog ? known.rows : 0;
        this.replayingRows = logged;
        const started = performance.now();
        try {
          if (data.length > 0) await this.gateway.insertJsonEachRow('events', data, { tag: 'ingest.replay' });
        } catch (error) {
          this.replayingRows = 0;
          this.replayDelayMs = Math.min(this.replayDelayMs * 2, 5_000);
          this.onError(error as Error);
          failed = true;
          return;
        }
        const ms = performance.now() - started;
        this.movedIn.add(segment);
        this.closedSegments.delete(segment);
        this.loggedRows -= logged;
        this.replayingRows = 0;
        this.replayDelayMs = FIRST_REPLAY_DELAY_MS;
        // The log's inserts are the writer's own only with `ackOnLog` (an outage's replay would skew the pace).
        if (this.ackOnLog) this.pace.observe(ms, contents.rows);
        for (const listener of this.flushListeners) listener({ rows: contents.rows, ms, target: 'replay' });
        for (const listener of this.committedListeners) listener(contents.touched);
      }
    } finally {
      // (a delete that failed before and succeeds now ends its backoff)
      if (this.deleteMovedIn(wal, failed) && !failed) this.replayDelayMs = FIRST_REPLAY_DELAY_MS;
    }
  }

  /**
   * Deletes the segments whose rows the engine has. One the file system refuses to delete stays
   * (counted in the log's bytes) and is tried again after the backoff; the rows are not inserted again
   * by this process, and a next start that moves it in again changes nothing (repeats collapse under
   * FINAL: ARCHITECTURE.md, "Duplicates never change a KPI"). The backoff grows once per pass, however
   * many deletions failed in it, and not again when the pass's insert already failed (`failed`).
   * True when none is left.
   */
  private deleteMovedIn(wal: WriteAheadLog, failed: boolean): boolean {
    const refused: [string, Error][] = [];
    for (const segment of [...this.movedIn]) {
      try {
        wal.remove(segment);
        this.movedIn.delete(segment);
      } catch (error) {
        refused.push([segment, error as Error]);
      }
    }
    if (refused.length > 0 && !failed) this.replayDelayMs = Math.min(this.replayDelayMs * 2, 5_000);
    for (const [segment, error] of refused)
      this.onError(
        new Error(
          `log segment ${segment} is in the engine but could not be deleted (${error.message}); trying again in ${this.replayDelayMs} ms`,
        ),
      );
    return this.movedIn.size === 0;
  }
}
