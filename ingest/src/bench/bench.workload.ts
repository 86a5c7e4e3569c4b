import { gzipSync } from 'node:zlib';
import { toEventRow } from '@lc/clickhouse';
import { sessionOffset, simulate, toWireEvent } from '@lc/simulator';

/** One pre-serialised POST body of one brand's events. */
export interface BenchRequest {
  brandId: string;
  body: Buffer;
  events: number;
}

export interface Workload {
  brandIds: string[];
  /** In send order: brands interleaved, each brand's events in time order. */
  requests: BenchRequest[];
  /** The same events as `events` rows (JSONEachRow), cut in `baselineBatchRows` pieces, for the engine baseline. */
  baselineBatches: Buffer[];
  events: number;
  /** Bytes on the wire (after gzip when chosen). */
  wireBytes: number;
  rowBytes: number;
}

export interface WorkloadOptions {
  seed: string;
  events: number;
  batch: number;
  ndjson: boolean;
  gzip: boolean;
  baselineBatchRows: number;
}

/**
 * Simulated sessions as a player SDK would post them: ISO timestamps in the
 * brand's local offset, one brand per request (the ingest key picks the brand).
 * Everything is serialised here, before the clock starts, so the load generator
 * only writes bytes. Simulator event ids are unique, so nothing is deduplicated.
 */
export function buildWorkload(options: WorkloadOptions): Workload {
  const simulation = simulate({ seed: options.seed, targetEvents: options.events });
  const perBrand = new Map<string, BenchRequest[]>();
  const baselineBatches: Buffer[] = [];
  let rows = '';
  let rowCount = 0;
  let events = 0;
  let wireBytes = 0;
  let rowBytes = 0;
  const header = options.ndjson ? '' : '{"events":[';
  const separator = options.ndjson ? '\n' : ',';
  const footer = options.ndjson ? '\n' : ']}';

  let brandId = '';
  let pending: string[] = [];
  const flushRequest = () => {
    if (pending.length === 0) return;
    const text = header + pending.join(separator) + footer;
    const raw = Buffer.from(text);
    const body = options.gzip ? gzipSync(raw) : raw;
    wireBytes += body.length;
    let list = perBrand.get(brandId);
    if (!list) perBrand.set(brandId, (list = []));
    list.push({ brandId, body, events: pending.length });
    pending = [];
  };
  const flushRows = () => {
    if (rowCount === 0) return;
    const buffer = Buffer.from(rows);
    rowBytes += buffer.length;
    baselineBatches.push(buffer);
    rows = '';
    rowCount = 0;
  };

  for (const session of simulation) {
    if (events >= options.events) break;
    if (session.brand.brandId !== brandId) {
      flushRequest();
      brandId = session.brand.brandId;
    }
    const offset = sessionOffset(session);
    for (const event of session.events) {
      pending.push(JSON.stringify(toWireEvent(event, offset)));
      if (pending.length >= options.batch) flushRequest();
      rows += JSON.stringify(toEventRow(event, brandId)) + '\n';
      if (++rowCount >= options.baselineBatchRows) flushRows();
      if (++events >= options.events) break;
    }
  }
  flushRequest();
  flushRows();

  // Round-robin over brands, so concurrent requests carry several tenants as in production.
  const queues = [...perBrand.values()];
  const total = queues.reduce((n, queue) => n + queue.length, 0);
  const requests: BenchRequest[] = [];
  for (let i = 0; requests.length < total; i++) {
    for (const queue of queues) if (i < queue.length) requests.push(queue[i]);
  }
  return { brandIds: [...perBrand.keys()], requests, baselineBatches, events, wireBytes, rowBytes };
}
