import { ApiKeyRepository, RollupRefresher, type ClickHouseGateway } from '@lc/schemas/clickhouse';
import { createIngestHandler, type NodeHandler } from './ingest.http.js';
import { DEFAULT_INGEST_SERVICE_OPTIONS, IngestService } from './ingest.service.js';
import { EventWriter, type WriterOptions } from './event.writer.js';
import { RollupScheduler } from './rollup.scheduler.js';

export interface IngestConfig {
  maxBodyBytes: number;
  maxEvents: number;
  writer: WriterOptions;
  rollupIntervalMs: number;
}

export function ingestConfigFromEnv(env: NodeJS.ProcessEnv = process.env): IngestConfig {
  const num = (name: string, fallback: number) => (env[name] === undefined ? fallback : Number(env[name]));
  return {
    maxBodyBytes: num('INGEST_MAX_BODY_BYTES', 10 * 1024 * 1024),
    maxEvents: num('INGEST_MAX_EVENTS', 10_000),
    writer: {
      maxBatchRows: num('INGEST_FLUSH_ROWS', 20_000),
      maxDelayMs: num('INGEST_FLUSH_MS', 100),
      maxBufferedRows: num('INGEST_MAX_BUFFERED_ROWS', 500_000),
      maxAttempts: num('INGEST_WRITE_ATTEMPTS', 4),
    },
    rollupIntervalMs: num('ROLLUP_INTERVAL_MS', 500),
  };
}

export interface IngestApp {
  handler: NodeHandler;
  writer: EventWriter;
  scheduler: RollupScheduler;
  /** Flushes buffered events and pending rollups (SIGTERM). */
  drain(): Promise<void>;
}

/** Wires the ingest pieces on a gateway: used by the standalone ingest server and the all-in-one process. */
export function createIngestApp(gateway: ClickHouseGateway, config: IngestConfig, onError: (error: Error) => void): IngestApp {
  const writer = new EventWriter(gateway, config.writer);
  const scheduler = new RollupScheduler(new RollupRefresher(gateway), config.rollupIntervalMs, onError);
  writer.onCommitted((touched) => scheduler.touch(touched));
  const service = new IngestService(writer, DEFAULT_INGEST_SERVICE_OPTIONS);
  const handler = createIngestHandler({
    service,
    keys: new ApiKeyRepository(gateway),
    limits: { maxBodyBytes: config.maxBodyBytes, maxEvents: config.maxEvents },
    onError,
  });
  return {
    handler,
    writer,
    scheduler,
    async drain() {
      await writer.drain();
      await scheduler.flush();
    },
  };
}
