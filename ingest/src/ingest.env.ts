import { join } from 'node:path';
import { z } from 'zod';
import { clickhouseEnvSchema, envVar } from '@lc/clickhouse/env';
import type { IngestConfig } from './ingest.app.js';

const GiB = 1024 * 1024 * 1024;

/** The standalone ingest server's environment: the engine's settings plus its own. Defaults as documented in README. */
export const ingestEnvSchema = clickhouseEnvSchema.extend({
  PORT: envVar.port(4001),
  LOG_LEVEL: envVar.logLevel(),
  INGEST_MAX_BODY_BYTES: envVar.wholeNumber(10 * 1024 * 1024, { min: 1, max: GiB, unit: 'bytes, after gunzip' }),
  INGEST_MAX_EVENTS: envVar.wholeNumber(10_000, { min: 1, max: 1_000_000, unit: 'events per request' }),
  INGEST_FLUSH_ROWS: envVar.wholeNumber(20_000, { min: 1, max: 10_000_000, unit: 'rows' }),
  // Short: under load inserts chain back to back anyway, and a request waits this long before its insert starts.
  INGEST_FLUSH_MS: envVar.wholeNumber(20, { min: 1, max: 60_000, unit: 'milliseconds' }),
  INGEST_MAX_BUFFERED_ROWS: envVar.wholeNumber(500_000, { min: 1, max: 100_000_000, unit: 'rows' }),
  // Worker threads that parse and validate /v1/events bodies, so the event loop stays free for answers.
  INGEST_PARSE_WORKERS: envVar.wholeNumber(1, { min: 0, max: 64, unit: 'threads' }),
  INGEST_MAX_QUEUED_BYTES: envVar.wholeNumber(64 * 1024 * 1024, { min: 1, max: 64 * GiB, unit: 'bytes' }),
  // Backpressure by time: 429 while the buffered rows would wait longer than this for their commit.
  INGEST_MAX_WAIT_MS: envVar.wholeNumber(1_000, { min: 1, max: 3_600_000, unit: 'milliseconds' }),
  INGEST_MAX_AGE_DAYS: envVar.wholeNumber(400, { min: 1, max: 100_000, unit: 'days' }),
  INGEST_MAX_FUTURE_SECONDS: envVar.wholeNumber(300, { min: 0, max: 31_536_000, unit: 'seconds' }),
  // `log`: answer once the events are fsynced to the write-ahead log; they reach the engine right after.
  INGEST_ACK: envVar.oneOf(['engine', 'log'], 'engine'),
  /** Unset: `wal` beside the data folder. */
  INGEST_WAL_DIR: envVar.optionalText(),
  // 0: always full, so an engine outage answers 503 at once.
  INGEST_WAL_MAX_BYTES: envVar.wholeNumber(GiB, { min: 0, max: 1024 * GiB, unit: 'bytes' }),
  ROLLUP_INTERVAL_MS: envVar.wholeNumber(250, { min: 1, max: 86_400_000, unit: 'milliseconds' }),
});

export type IngestEnv = z.output<typeof ingestEnvSchema>;

/** What the ingest pieces take from the (parsed) environment; the all-in-one passes its own, a superset. */
export function ingestConfigFromEnv(env: IngestEnv): IngestConfig {
  return {
    maxBodyBytes: env.INGEST_MAX_BODY_BYTES,
    maxEvents: env.INGEST_MAX_EVENTS,
    writer: {
      maxBatchRows: env.INGEST_FLUSH_ROWS,
      maxDelayMs: env.INGEST_FLUSH_MS,
      maxBufferedRows: env.INGEST_MAX_BUFFERED_ROWS,
      ackOnLog: env.INGEST_ACK === 'log',
    },
    rollupIntervalMs: env.ROLLUP_INTERVAL_MS,
    walDir: env.INGEST_WAL_DIR ?? join(env.DATA_DIR, '..', 'wal'),
    walMaxBytes: env.INGEST_WAL_MAX_BYTES,
    maxAgeMs: env.INGEST_MAX_AGE_DAYS * 86_400_000,
    maxFutureMs: env.INGEST_MAX_FUTURE_SECONDS * 1000,
  };
}

/** The parse workers' and backpressure settings (kept apart from `ingestConfigFromEnv`, whose shape other callers compare). */
export function ingestParseConfigFromEnv(
  env: IngestEnv,
): Pick<IngestConfig, 'parseWorkers' | 'maxQueuedBodyBytes' | 'maxWaitMs'> {
  return {
    parseWorkers: env.INGEST_PARSE_WORKERS,
    maxQueuedBodyBytes: env.INGEST_MAX_QUEUED_BYTES,
    maxWaitMs: env.INGEST_MAX_WAIT_MS,
  };
}
