import { DEFAULT_TIME_BOUNDS } from '@lc/contract';
import { prepareEvents, rowsWithout, type PreparedBatch, type RejectedEvent } from './body.prepare.js';
import { DedupCache } from './dedup.cache.js';
import type { EventWriter } from './event.writer.js';
import type { IngestMetrics } from './ingest.metrics.js';

export type { RejectedEvent } from './body.prepare.js';

export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: RejectedEvent[];
}

export interface IngestServiceOptions {
  maxFutureMs: number;
  maxAgeMs: number;
  dedupCapacity: number;
}

export const DEFAULT_INGEST_SERVICE_OPTIONS: IngestServiceOptions = {
  ...DEFAULT_TIME_BOUNDS,
  dedupCapacity: 1_000_000,
};

/** Validates a batch event by event, keeps every valid one, drops repeats, and waits for the commit. */
export class IngestService {
  private readonly dedup: DedupCache;

  constructor(
    private readonly writer: EventWriter,
    private readonly options: IngestServiceOptions = DEFAULT_INGEST_SERVICE_OPTIONS,
    private readonly metrics?: IngestMetrics,
  ) {
    this.dedup = new DedupCache(options.dedupCapacity);
  }

  /** Seeds the dedup cache (at start, from the events stored recently), so retries after a restart still count as duplicates. */
  remember(brandId: string, eventId: string): void {
    this.dedup.add(brandId, eventId);
  }

  /** The time bounds a batch received at `now` is validated against (handed to the parse workers too). */
  boundsAt(now: number) {
    return { now, maxFutureMs: this.options.maxFutureMs, maxAgeMs: this.options.maxAgeMs };
  }

  /** Validates, deduplicates and commits parsed events (the Segment routes; `/v1/events` goes through `commit`). */
  async ingest(brandId: string, events: readonly unknown[], now = Date.now()): Promise<IngestResult> {
    return this.commit(brandId, prepareEvents(events, brandId, this.boundsAt(now)));
  }

  /**
   * Drops repeats of a prepared batch (against the cache and inside the batch), buffers the rest and
   * waits for the commit. Runs on the main thread: the cache is shared by every request.
   */
  async commit(brandId: string, batch: PreparedBatch): Promise<IngestResult> {
    const keys: string[] = [];
    const sessions = new Set<string>();
    let duplicates: Set<number> | null = null;
    for (let i = 0; i < batch.eventIds.length; i++) {
      const key = batch.eventIds[i];
      if (this.dedup.has(brandId, key)) {
        (duplicates ??= new Set()).add(i);
        continue;
      }
      // Claimed before the commit, so a concurrent retry of the same event counts as a duplicate.
      this.dedup.add(brandId, key);
      keys.push(key);
      sessions.add(batch.sessionIds[i]);
    }
    const body = duplicates
      ? rowsWithout(batch, duplicates)
      : Buffer.from(batch.rows.buffer, batch.rows.byteOffset, batch.rows.byteLength);
    try {
      await this.writer.write(body, keys.length, brandId, sessions);
    } catch (error) {
      for (const key of keys) this.dedup.delete(brandId, key);
      throw error;
    }
    const duplicateCount = duplicates?.size ?? 0;
    if (this.metrics) {
      this.metrics.received.inc(batch.received);
      this.metrics.accepted.inc(keys.length);
      this.metrics.duplicates.inc(duplicateCount);
      for (const r of batch.rejected) this.metrics.rejected.inc({ field: r.errors[0]?.field ?? '(event)' });
    }
    return { accepted: keys.length, duplicates: duplicateCount, rejected: batch.rejected };
  }
}
