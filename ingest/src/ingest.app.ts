import {
  ApiKeyRepository,
  DEFAULT_INSERTERS,
  RollupRefresher,
  type ClickHouseGateway,
  readiness,
  type Readiness,
} from '@lc/clickhouse';
import { createIngestHandler, type NodeHandler } from './ingest.http.js';
import { IngestMetrics } from './ingest.metrics.js';
import { DEFAULT_INGEST_SERVICE_OPTIONS, IngestService } from './ingest.service.js';
import { EventWriter, type WriterOptions } from './event.writer.js';
import { RollupScheduler } from './rollup.scheduler.js';
import { recentEventKeys } from './recent-events.repository.js';
import { WriteAheadLog } from './write-ahead.log.js';
import { ParsePool, refusalOf } from './parse.pool.js';

export interface IngestConfig {
  maxBodyBytes: number;
  maxEvents: number;
  writer: WriterOptions;
  rollupIntervalMs: number;
  /** Write-ahead log folder; none disables it (then an engine outage answers 503 at once). */
  walDir?: string;
  walMaxBytes: number;
  /** Oldest and furthest-future event timestamps accepted. */
  maxAgeMs?: number;
  maxFutureMs?: number;
  /** Worker threads parsing and validating `/v1/events` bodies; unset or 0: on the event loop. */
  parseWorkers?: number;
  /** The parse worker's entry file (default: `body.worker.js` beside the ingest modules). */
  parseWorkerScript?: URL;
  /** Refuse new bodies (429) while this many body bytes wait for a parse worker; unset: no limit. */
  maxQueuedBodyBytes?: number;
  /** Refuse new bodies (429) while buffered rows are expected to wait longer than this for their commit; unset: no limit. */
  maxWaitMs?: number;
}

export interface IngestApp {
  handler: NodeHandler;
  writer: EventWriter;
  scheduler: RollupScheduler;
  metrics: IngestMetrics;
  pool: ParsePool;
  /** Resolves with how many recent event ids seeded the dedup cache (start-up, in the background). */
  warmedUp: Promise<number>;
  /** Flushes buffered events and pending rollups (SIGTERM). */
  drain(): Promise<void>;
  /** `/readyz` of a process that takes events: the one rule (`readiness` in @lc/clickhouse) with this write path. */
  readiness(): Promise<Readiness>;
}

/** Wires the ingest pieces on a gateway: used by the standalone ingest server and the all-in-one process. */
export function createIngestApp(
  gateway: ClickHouseGateway,
  config: IngestConfig,
  onError: (error: Error) => void,
): IngestApp {
  const wal = config.walDir ? new WriteAheadLog(config.walDir, config.walMaxBytes) : undefined;
  // As many inserts at once as the gateway runs side by side (embedded: its inserter connections).
  const lanes = Number.isFinite(gateway.insertLanes) ? gateway.insertLanes : DEFAULT_INSERTERS;
  const writer = new EventWriter(
    gateway,
    { ...config.writer, concurrentInserts: config.writer.concurrentInserts ?? lanes },
    wal,
    onError,
  );
  const scheduler = new RollupScheduler(new RollupRefresher(gateway), config.rollupIntervalMs, onError);
  writer.onCommitted((touched) => scheduler.touch(touched));
  const metrics = new IngestMetrics(gateway, writer);
  metrics.watchScheduler(scheduler);
  const service = new IngestService(
    writer,
    {
      ...DEFAULT_INGEST_SERVICE_OPTIONS,
      maxAgeMs: config.maxAgeMs ?? DEFAULT_INGEST_SERVICE_OPTIONS.maxAgeMs,
      maxFutureMs: config.maxFutureMs ?? DEFAULT_INGEST_SERVICE_OPTIONS.maxFutureMs,
    },
    metrics,
  );
  const pool = new ParsePool({ workers: config.parseWorkers ?? 0, script: config.parseWorkerScript }, onError);
  metrics.watchPool(pool);
  const maxQueued = config.maxQueuedBodyBytes ?? Infinity;
  const handler = createIngestHandler({
    service,
    keys: new ApiKeyRepository(gateway),
    limits: { maxBodyBytes: config.maxBodyBytes, maxEvents: config.maxEvents },
    pool,
    // Cheap refusals: a full buffer or a long parse queue answers 429 before the body costs any parsing.
    admit: (bytes) =>
      refusalOf(
        {
          bufferedRows: writer.bufferedRows,
          maxBufferedRows: config.writer.maxBufferedRows,
          queuedBytes: pool.queuedBytes,
          maxQueuedBytes: maxQueued,
          // Bodies still with a parse worker land in the buffer next: they count as buffered rows.
          waitMs: writer.expectedWaitWith(pool.queuedEvents),
          maxWaitMs: config.maxWaitMs ?? Infinity,
          nextInsertRows: writer.nextInsertRows + pool.queuedEvents,
          maxBatchRows: config.writer.maxBatchRows,
        },
        bytes,
      ),
    metrics,
    onError,
  });
  writer.start();
  // Retries that arrive after a restart still count as duplicates (KPIs never depended on it).
  const warmedUp = recentEventKeys(gateway, DEFAULT_INGEST_SERVICE_OPTIONS.dedupCapacity / 2).then(
    (rows) => {
      for (const row of rows) service.remember(row.brand_id, row.event_id);
      return rows.length;
    },
    (error: unknown) => {
      onError(error as Error);
      return 0;
    },
  );
  return {
    handler,
    writer,
    scheduler,
    metrics,
    pool,
    warmedUp,
    async drain() {
      await writer.drain();
      await scheduler.flush();
      await pool.close();
    },
    readiness: () =>
      readiness(gateway, {
        bufferedEvents: writer.bufferedRows,
        walBytes: writer.walBytes,
        logHasRoom: writer.logHasRoom,
      }),
  };
}
