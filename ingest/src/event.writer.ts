import type { ClickHouseGateway } from '@lc/schemas/clickhouse';
import { IngestErrorCode, IngestException } from './ingest.exception.js';

export interface WriterOptions {
  /** Flush when this many rows are buffered. */
  maxBatchRows: number;
  /** Flush when the oldest buffered row is this old. */
  maxDelayMs: number;
  /** Refuse new rows (429) beyond this many buffered + in flight. */
  maxBufferedRows: number;
  /** Attempts per flush before the waiting requests are answered 503. */
  maxAttempts: number;
}

export interface TouchedSessions {
  brandId: string;
  sessionIds: Set<string>;
}

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

interface Batch {
  body: string;
  rows: number;
  waiters: Waiter[];
  touched: Map<string, Set<string>>;
  startedAt: number;
}

const emptyBatch = (): Batch => ({ body: '', rows: 0, waiters: [], touched: new Map(), startedAt: 0 });

/**
 * Group commit: requests append their serialised rows to one buffer and wait;
 * one insert stream flushes the buffer by size or age, retrying with backoff,
 * and only then are the requests answered — so a 200 means committed.
 */
export class EventWriter {
  private buffer = emptyBatch();
  private inFlightRows = 0;
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private committedListeners: ((touched: Map<string, Set<string>>) => void)[] = [];
  private flushListeners: ((stats: { rows: number; ms: number; ok: boolean }) => void)[] = [];

  constructor(
    private readonly gateway: ClickHouseGateway,
    private readonly options: WriterOptions,
  ) {}

  get bufferedRows(): number {
    return this.buffer.rows + this.inFlightRows;
  }

  onCommitted(listener: (touched: Map<string, Set<string>>) => void): void {
    this.committedListeners.push(listener);
  }

  onFlush(listener: (stats: { rows: number; ms: number; ok: boolean }) => void): void {
    this.flushListeners.push(listener);
  }

  /** Buffers JSONEachRow lines; resolves once they are committed to ClickHouse. */
  write(body: string, rows: number, brandId: string, sessionIds: Iterable<string>): Promise<void> {
    if (rows === 0) return Promise.resolve();
    if (this.bufferedRows + rows > this.options.maxBufferedRows) {
      return Promise.reject(
        new IngestException(IngestErrorCode.OVERLOADED, 'ingest buffer is full; retry shortly', 1),
      );
    }
    return new Promise<void>((resolve, reject) => {
      const batch = this.buffer;
      if (batch.rows === 0) batch.startedAt = Date.now();
      batch.body += body;
      batch.rows += rows;
      batch.waiters.push({ resolve, reject });
      let sessions = batch.touched.get(brandId);
      if (!sessions) batch.touched.set(brandId, (sessions = new Set()));
      for (const id of sessionIds) sessions.add(id);
      if (batch.rows >= this.options.maxBatchRows) this.kick();
      else this.timer ??= setTimeout(() => this.kick(), this.options.maxDelayMs);
    });
  }

  /** Flushes everything buffered and waits for it (shutdown). */
  async drain(): Promise<void> {
    while (this.buffer.rows > 0 || this.flushing) {
      this.kick();
      await this.flushing;
    }
  }

  private kick(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.flushing || this.buffer.rows === 0) return;
    const batch = this.buffer;
    this.buffer = emptyBatch();
    this.inFlightRows = batch.rows;
    this.flushing = this.flush(batch).finally(() => {
      this.inFlightRows = 0;
      this.flushing = null;
      // Rows that arrived during the flush go next, without waiting for the timer.
      if (this.buffer.rows >= this.options.maxBatchRows) this.kick();
      else if (this.buffer.rows > 0) this.timer ??= setTimeout(() => this.kick(), this.options.maxDelayMs);
    });
  }

  private async flush(batch: Batch): Promise<void> {
    const started = performance.now();
    const payload = Buffer.from(batch.body);
    for (let attempt = 1; ; attempt++) {
      try {
        await this.gateway.insertJsonEachRow('events', payload, { tag: 'ingest.events' });
        break;
      } catch (error) {
        if (attempt >= this.options.maxAttempts) {
          for (const listener of this.flushListeners) listener({ rows: batch.rows, ms: performance.now() - started, ok: false });
          const failure = new IngestException(
            IngestErrorCode.UNAVAILABLE,
            `events could not be stored (${(error as Error).message}); nothing from this request was kept, retry it`,
            5,
          );
          for (const waiter of batch.waiters) waiter.reject(failure);
          return;
        }
        await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      }
    }
    for (const listener of this.flushListeners) listener({ rows: batch.rows, ms: performance.now() - started, ok: true });
    for (const waiter of batch.waiters) waiter.resolve();
    for (const listener of this.committedListeners) listener(batch.touched);
  }
}
