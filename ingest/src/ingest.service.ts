import { toEventRow } from '@lc/clickhouse';
import { DEFAULT_TIME_BOUNDS, validateEvent, type FieldError } from '@lc/contract';
import { DedupCache } from './dedup.cache.js';
import type { EventWriter } from './event.writer.js';
import type { IngestMetrics } from './ingest.metrics.js';

export interface RejectedEvent {
  index: number;
  eventId: string | null;
  errors: FieldError[];
}

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

const EMPTY = Buffer.alloc(0);

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

  async ingest(brandId: string, events: readonly unknown[], now = Date.now()): Promise<IngestResult> {
    const bounds = { now, maxFutureMs: this.options.maxFutureMs, maxAgeMs: this.options.maxAgeMs };
    const rejected: RejectedEvent[] = [];
    const keys: string[] = [];
    const sessions = new Set<string>();
    let duplicates = 0;
    const lines: string[] = [];
    for (let index = 0; index < events.length; index++) {
      const result = validateEvent(events[index], bounds);
      if (!result.ok) {
        rejected.push({ index, eventId: result.eventId, errors: result.errors });
        continue;
      }
      const key = result.event.eventId;
      if (this.dedup.has(brandId, key)) {
        duplicates++;
        continue;
      }
      // Claimed before the commit, so a concurrent retry of the same event counts as a duplicate.
      this.dedup.add(brandId, key);
      keys.push(key);
      sessions.add(result.event.sessionId);
      lines.push(JSON.stringify(toEventRow(result.event, brandId)));
    }
    // Encoded here, per request: one flat join is cheaper than flattening a batch-wide
    // string of concatenations at flush time, and it keeps that cost off the flush path.
    const body = lines.length === 0 ? EMPTY : Buffer.from(lines.join('\n') + '\n');
    try {
      await this.writer.write(body, keys.length, brandId, sessions);
    } catch (error) {
      for (const key of keys) this.dedup.delete(brandId, key);
      throw error;
    }
    if (this.metrics) {
      this.metrics.received.inc(events.length);
      this.metrics.accepted.inc(keys.length);
      this.metrics.duplicates.inc(duplicates);
      for (const r of rejected) this.metrics.rejected.inc({ field: r.errors[0]?.field ?? '(event)' });
    }
    return { accepted: keys.length, duplicates, rejected };
  }
}
