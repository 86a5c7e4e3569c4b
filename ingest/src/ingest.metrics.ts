import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ClickHouseGateway } from '@lc/clickhouse';
import type { EventWriter } from './event.writer.js';
import type { ParsePool } from './parse.pool.js';
import type { RollupScheduler } from './rollup.scheduler.js';

const ENGINE_MEMORY_SQL = `SELECT value FROM system.metrics WHERE metric = 'MemoryTracking'`;

/** Prometheus metrics of the ingest path (and of every ClickHouse call), on their own registry. */
export class IngestMetrics {
  readonly registry = new Registry();
  readonly received = new Counter({
    name: 'ingest_events_received_total',
    help: 'Events received in request bodies',
    registers: [this.registry],
  });
  readonly accepted = new Counter({
    name: 'ingest_events_accepted_total',
    help: 'Events accepted and safe (committed or logged)',
    registers: [this.registry],
  });
  readonly duplicates = new Counter({
    name: 'ingest_events_duplicate_total',
    help: 'Events dropped as repeats of an eventId',
    registers: [this.registry],
  });
  readonly rejected = new Counter({
    name: 'ingest_events_rejected_total',
    help: 'Invalid events, by the first field in error',
    labelNames: ['field'],
    registers: [this.registry],
  });
  readonly requests = new Counter({
    name: 'ingest_requests_total',
    help: 'Ingest requests by HTTP status',
    labelNames: ['route', 'status'],
    registers: [this.registry],
  });
  readonly flushSeconds = new Histogram({
    name: 'ingest_flush_seconds',
    help: 'Time to flush one batch, by where it went',
    labelNames: ['target'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly flushedRows = new Counter({
    name: 'ingest_flush_rows_total',
    help: 'Rows flushed, by where they went (with ingest_flush_seconds_count: rows per insert)',
    labelNames: ['target'],
    registers: [this.registry],
  });
  readonly queries = new Histogram({
    name: 'clickhouse_query_seconds',
    help: 'ClickHouse calls by tag and outcome',
    labelNames: ['tag', 'kind', 'outcome'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [this.registry],
  });
  readonly turnWaits = new Counter({
    name: 'clickhouse_turn_wait_seconds_total',
    help: 'Embedded mode: seconds parameterized calls waited for their engine turn, by tag (part of clickhouse_query_seconds)',
    labelNames: ['tag'],
    registers: [this.registry],
  });

  constructor(gateway: ClickHouseGateway, writer: EventWriter) {
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: 'ingest_buffer_rows',
      help: 'Rows buffered or in flight',
      registers: [this.registry],
      collect() {
        this.set(writer.bufferedRows);
      },
    });
    new Gauge({
      name: 'ingest_wal_bytes',
      help: 'Bytes in the write-ahead log waiting for the engine',
      registers: [this.registry],
      collect() {
        this.set(writer.walBytes);
      },
    });
    new Gauge({
      name: 'clickhouse_memory_tracked_bytes',
      help: "The engine's own count of the memory its queries, inserts, merges and caches hold (system.metrics MemoryTracking)",
      registers: [this.registry],
      async collect() {
        // no parameters: in embedded mode it does not wait behind the rollups' parameterized statements
        const rows = await gateway
          .query<{ value: string }>(ENGINE_MEMORY_SQL, {}, { tag: 'metrics.engine_memory' })
          .catch(() => []);
        if (rows.length > 0) this.set(Number(rows[0].value));
      },
    });
    writer.onFlush((stats) => {
      this.flushSeconds.observe({ target: stats.target }, stats.ms / 1000);
      this.flushedRows.inc({ target: stats.target }, stats.rows);
    });
    gateway.onQuery((event) =>
      this.queries.observe(
        { tag: event.tag, kind: event.kind, outcome: event.error ? event.error.code : 'ok' },
        event.ms / 1000,
      ),
    );
    gateway.onQuery((event) => {
      if (event.turnWaitMs) this.turnWaits.inc({ tag: event.tag }, event.turnWaitMs / 1000);
    });
  }

  /** Bytes of request bodies waiting for (or in) a parse worker. */
  watchPool(pool: ParsePool): void {
    new Gauge({
      name: 'ingest_parse_queue_bytes',
      help: 'Request body bytes queued for the parse workers',
      registers: [this.registry],
      collect() {
        this.set(pool.queuedBytes);
      },
    });
    new Gauge({
      name: 'ingest_parse_worker_heap_bytes',
      help: "The parse workers' V8 heaps (each worker is an isolate of its own, outside nodejs_heap_size_total_bytes)",
      registers: [this.registry],
      collect() {
        this.set(pool.heapBytes);
      },
    });
  }

  /** The rollup rounds: how long each took, and how long a new session waited for its first one. */
  watchScheduler(scheduler: RollupScheduler): void {
    const rounds = new Histogram({
      name: 'rollup_round_seconds',
      help: 'Rollup rounds (each rebuilds the sessions touched since the last)',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16],
      registers: [this.registry],
    });
    const firstWaits = new Histogram({
      name: 'rollup_first_round_wait_seconds',
      help: "From a session's first committed events to the end of its first round: when the API can first show it",
      buckets: [0.25, 0.5, 1, 2, 4, 8, 16],
      registers: [this.registry],
    });
    scheduler.onRound((round) => {
      rounds.observe(round.ms / 1000);
      for (const ms of round.firstWaitsMs) firstWaits.observe(ms / 1000);
    });
  }
}
