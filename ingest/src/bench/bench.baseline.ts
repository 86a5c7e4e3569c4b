import { ClickHouseGateway, runMigrations } from '@lc/clickhouse';

export interface BaselineResult {
  events: number;
  seconds: number;
  batches: number;
}

/**
 * The engine alone: the same rows as JSONEachRow buffers handed to the embedded
 * engine one insert at a time (as the writer does), with no HTTP, parsing or
 * validation. What the ingest server reaches is reported as a share of this.
 */
export async function runBaseline(
  dataPath: string,
  batches: readonly Buffer[],
  rowsPerBatch: number,
  maxSeconds: number,
): Promise<BaselineResult> {
  const gateway = ClickHouseGateway.open({ mode: 'embedded', dataPath, retries: 0 });
  try {
    await runMigrations(gateway);
    // One untimed insert: the first one loads the table and the parser.
    if (batches.length > 1) await gateway.insertJsonEachRow('events', batches[0], { tag: 'bench.baseline.warmup' });
    const started = performance.now();
    const deadline = started + maxSeconds * 1000;
    let events = 0;
    let count = 0;
    for (let i = batches.length > 1 ? 1 : 0; i < batches.length && performance.now() < deadline; i++) {
      await gateway.insertJsonEachRow('events', batches[i], { tag: 'bench.baseline' });
      events += countLines(batches[i], rowsPerBatch, i === batches.length - 1);
      count++;
    }
    return { events, seconds: (performance.now() - started) / 1000, batches: count };
  } finally {
    await gateway.close();
  }
}

/** Every batch but the last holds exactly `rowsPerBatch` rows; only the last is counted. */
function countLines(batch: Buffer, rowsPerBatch: number, last: boolean): number {
  if (!last) return rowsPerBatch;
  let lines = 0;
  for (let at = batch.indexOf(0x0a); at !== -1; at = batch.indexOf(0x0a, at + 1)) lines++;
  return lines;
}
