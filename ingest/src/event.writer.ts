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
  /** Where the batch went: the engine, the local log (engine down), or nowhere (refused). */
  target: 'engine' | 'wal' | 'failed';
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

function addTouched(into: TouchedSessions, brandId: string, sessionId: string): void {
  let sessions = into.get(brandId);
  if (!sessions) into.set(brandId, (sessions = new Set()));
  sessions.add(sessionId);
}

/**
 * Group commit: requests append their serialised rows to one buffer and wait;
 * one insert stream flushes it by size or age, and only then are the requests
 * answered — so a 200 means committed to ClickHouse, or (engine down) fsynced
 * to the write-ahead log, which is replayed until the engine takes it.
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
  private replayDelayMs = 250;
  private stopped = false;
  private committedListeners: ((touched: TouchedSessions) => void)[] = [];
  private flushListeners: ((stats: FlushStats) => void)[] = [];
  private readonly pace: FlushPace;

  constructor(
    private readonly gateway: EventInserter,
    private readonly options: WriterOptions,
    private readonly wal?: WriteAheadLog,
    private readonly onError: (error: Error) => void = () => undefined,
  ) {
    this.lanes = Math.max(1, Math.floor(options.concurrentInserts ?? 1));
    this.pace = new FlushPace(options.maxBatchRows, this.lanes);
  }

  get bufferedRows(): number {
    return this.buffer.rows + this.inFlightRows;
  }

  /** Rows waiting for the next insert (not counting the inserts running now). */
  get nextInsertRows(): number {
    return this.buffer.rows;
  }

  /** How long the rows buffered now are expected to wait for their commit, from recent inserts' length (`FlushPace`). */
  get expectedWaitMs(): number {
    return this.pace.waitMs(this.bufferedRows);
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
    if (this.replayTimer) {
      clearTimeout(this.replayTimer);
      this.replayTimer = null;
    }
    if (this.wal && !this.wal.isEmpty && !this.replaying) this.replaying = this.replay();
    await this.replaying;
    this.stopped = true;
    if (this.replayTimer) clearTimeout(this.replayTimer);
    this.replayTimer = null;
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
    if (this.wal && !this.wal.isEmpty) return this.toLog(batch, payload, report);
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
    this.pace.observe(performance.now() - started);
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
    report('wal');
    for (const waiter of batch.waiters) waiter.resolve();
    this.scheduleReplay(this.replayDelayMs);
  }

  private logFull(): IngestException {
    return new IngestException(
      IngestErrorCode.UNAVAILABLE,
      'the analytics store is unavailable and the local log is full; retry later',
      30,
    );
  }

  private scheduleReplay(delayMs: number): void {
    if (this.stopped || this.replaying || this.replayTimer) return;
    this.replayTimer = setTimeout(() => {
      this.replayTimer = null;
      this.replaying = this.replay().finally(() => {
        this.replaying = null;
        if (this.wal && !this.wal.isEmpty) this.scheduleReplay(this.replayDelayMs);
      });
    }, delayMs);
  }

  /** Moves logged segments into the engine, oldest first; stops at the first failure and backs off. */
  private async replay(): Promise<void> {
    const wal = this.wal as WriteAheadLog;
    wal.rotate();
    for (const segment of wal.closedSegments()) {
      const data = wal.read(segment);
      try {
        if (data.length > 0) await this.gateway.insertJsonEachRow('events', data, { tag: 'ingest.replay' });
      } catch (error) {
        this.replayDelayMs = Math.min(this.replayDelayMs * 2, 5_000);
        this.onError(error as Error);
        return;
      }
      wal.remove(segment);
      this.replayDelayMs = 250;
      const touched: TouchedSessions = new Map();
      for (const line of data.toString('utf8').split('\n')) {
        if (line === '') continue;
        const row = JSON.parse(line) as { brand_id: string; session_id: string };
        addTouched(touched, row.brand_id, row.session_id);
      }
      for (const listener of this.committedListeners) listener(touched);
    }
  }
}
