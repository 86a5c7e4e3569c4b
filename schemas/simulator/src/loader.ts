import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { type ClickHouseGateway, RollupRefresher, nextRowVersion, toClickHouseTime, toEventRow } from '@lc/clickhouse';
import { simulatedHostCosts } from './host-costs.js';
import { type LiveEvent, validateEvent } from '@lc/contract';
import type { SimBrand } from './catalogue.js';
import { sessionOffset, simulate, toWireEvent, type Simulation, type SimulationOptions } from './simulator.js';

/**
 * Two ways to get simulated data in: straight into the `events` table (fast,
 * for demos and benchmarks of the read side), or as NDJSON files to post to
 * `POST /v1/events` (exercises the ingest path end to end).
 */

export interface LoadOptions extends SimulationOptions {
  /** Rows per insert. Large batches make few, large parts; 100 k rows are ~20 MB of JSON. */
  batchRows?: number;
  /** Sessions per rollup rebuild (each rebuild reads its sessions' events in one query). */
  refreshChunk?: number;
  /**
   * Run every event through the ingest contract (zod) before mapping it. The
   * generator makes valid events by construction and its tests check that, so
   * this is off by default: it costs about as much as generating the events.
   */
  validate?: boolean;
}

export interface LoadProgress {
  phase: 'events' | 'rollups' | 'done';
  eventsWritten: number;
  /** Estimated before generation; the actual count lands within a few per cent. */
  eventsPlanned: number;
  sessionsGenerated: number;
  sessionsPlanned: number;
  sessionsRefreshed: number;
}

export interface LoadResult {
  brands: number;
  sessions: number;
  events: number;
  seconds: number;
  /** Generating, mapping and inserting events. */
  insertSeconds: number;
  /** Rebuilding the per-session rollups. */
  rollupSeconds: number;
  /** Demo host costs written (issue 14): monthly fees of professionals and per-session costs of in-house streams. */
  fees: number;
  sessionCosts: number;
}

const DEFAULT_BATCH_ROWS = 100_000;
const DEFAULT_REFRESH_CHUNK = 200;
const LOAD_TAG = 'simulator.load';

export class SimulatedEventError extends Error {
  constructor(
    readonly eventId: string | null,
    readonly errors: readonly { field: string; message: string }[],
  ) {
    super(
      `simulated event ${eventId ?? '(no id)'} breaks the ingest contract: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
    );
    this.name = 'SimulatedEventError';
  }
}

function checked(event: LiveEvent): LiveEvent {
  const result = validateEvent(event);
  if (!result.ok) throw new SimulatedEventError(result.eventId, result.errors);
  return result.event;
}

/** The brands a run writes: all of them, or those named in `onlyBrands`. */
function brandsOf(simulation: Simulation, options: SimulationOptions): readonly SimBrand[] {
  if (!options.onlyBrands) return simulation.brands;
  const only = new Set(options.onlyBrands);
  return simulation.brands.filter((brand) => only.has(brand.brandId));
}

/**
 * Generates a run and writes it straight into ClickHouse: brands, raw events
 * (JSONEachRow, `toEventRow` mapping — the same rows the ingest writer makes),
 * then the rollups of every session. Re-running the same options is
 * idempotent: event ids repeat and the tables collapse them.
 */
export async function loadDirect(
  gateway: ClickHouseGateway,
  options: LoadOptions,
  onProgress: (progress: LoadProgress) => void = () => undefined,
): Promise<LoadResult> {
  const started = performance.now();
  const simulation = simulate(options);
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;
  const refreshChunk = options.refreshChunk ?? DEFAULT_REFRESH_CHUNK;
  const brands = brandsOf(simulation, options);
  const progress: LoadProgress = {
    phase: 'events',
    eventsWritten: 0,
    eventsPlanned: Math.round(simulation.estimatedEvents),
    sessionsGenerated: 0,
    sessionsPlanned: simulation.sessions.length,
    sessionsRefreshed: 0,
  };
  onProgress({ ...progress });

  await gateway.insert(
    'brands',
    brands.map((brand) => ({
      brand_id: brand.brandId,
      name: brand.name,
      time_zone: brand.timeZone,
      currency: brand.currency,
    })),
    { tag: LOAD_TAG },
  );

  // The engine parses and writes a batch on its own thread while this one
  // builds the next: at most one insert in flight keeps memory bounded.
  let body = '';
  let rows = 0;
  let inFlight: Promise<void> | undefined;
  const flush = async (): Promise<void> => {
    if (rows === 0) return;
    const batch = Buffer.from(body);
    const count = rows;
    body = '';
    rows = 0;
    if (inFlight) await inFlight;
    const insert = gateway.insertJsonEachRow('events', batch, { tag: LOAD_TAG }).then(() => {
      progress.eventsWritten += count;
      onProgress({ ...progress });
    });
    // Handled when awaited; until then a failure must not count as an unhandled rejection.
    insert.catch(() => undefined);
    inFlight = insert;
  };

  const sessionIds = new Map<string, string[]>();
  for (const { brand, plan, events } of simulation) {
    const brandId = brand.brandId;
    for (const event of events) {
      body += JSON.stringify(toEventRow(options.validate ? checked(event) : event, brandId)) + '\n';
    }
    rows += events.length;
    let ids = sessionIds.get(brandId);
    if (!ids) sessionIds.set(brandId, (ids = []));
    ids.push(plan.sessionId);
    progress.sessionsGenerated++;
    if (rows >= batchRows) await flush();
  }
  await flush();
  if (inFlight) await inFlight;
  const inserted = performance.now();

  progress.phase = 'rollups';
  onProgress({ ...progress });
  const refresher = new RollupRefresher(gateway);
  for (const [brandId, ids] of sessionIds) {
    for (let i = 0; i < ids.length; i += refreshChunk) {
      const chunk = ids.slice(i, i + refreshChunk);
      await refresher.refreshSessions(brandId, chunk);
      progress.sessionsRefreshed += chunk.length;
      onProgress({ ...progress });
    }
  }
  // sessions rolled up before (a load into a folder that has them) keep only this load's rounds
  await refresher.removeSuperseded(Infinity);
  const costs = await writeHostCosts(gateway, simulation.sessions);
  const finished = performance.now();
  progress.phase = 'done';
  onProgress({ ...progress });

  return {
    brands: brands.length,
    sessions: progress.sessionsGenerated,
    events: progress.eventsWritten,
    seconds: (finished - started) / 1000,
    insertSeconds: (inserted - started) / 1000,
    rollupSeconds: (finished - inserted) / 1000,
    fees: costs.fees,
    sessionCosts: costs.sessionCosts,
  };
}

/** The demo's host costs (host-costs.ts), written as the API's setCommercerFee / setSessionCost would. */
async function writeHostCosts(
  gateway: ClickHouseGateway,
  sessions: Simulation['sessions'],
): Promise<{ fees: number; sessionCosts: number }> {
  const { fees, sessionCosts } = simulatedHostCosts(sessions);
  const updatedAt = toClickHouseTime(new Date());
  if (fees.length > 0)
    await gateway.insert(
      'commercer_fees',
      fees.map((f) => ({
        brand_id: f.brandId,
        commercer_id: f.commercerId,
        month: f.month,
        amount: f.amount,
        currency: f.currency,
        updated_at: updatedAt,
        deleted: 0,
        version: nextRowVersion(),
      })),
      { tag: LOAD_TAG },
    );
  if (sessionCosts.length > 0)
    await gateway.insert(
      'session_costs',
      sessionCosts.map((c) => ({
        brand_id: c.brandId,
        session_id: c.sessionId,
        amount: c.amount,
        currency: c.currency,
        updated_at: updatedAt,
        deleted: 0,
        version: nextRowVersion(),
      })),
      { tag: LOAD_TAG },
    );
  return { fees: fees.length, sessionCosts: sessionCosts.length };
}

export interface NdjsonProgress {
  eventsWritten: number;
  eventsPlanned: number;
  sessionsWritten: number;
  sessionsPlanned: number;
}

export interface NdjsonResult {
  brands: readonly SimBrand[];
  sessions: number;
  events: number;
  seconds: number;
}

/**
 * Where NDJSON goes: one stream for everything, or one stream per brand —
 * the ingest route takes the brand from the ingest key, so a file to post
 * must hold a single brand's events.
 */
export type NdjsonTarget = Writable | ((brand: SimBrand) => Writable);

async function write(stream: Writable, chunk: string): Promise<void> {
  // Respect backpressure: a 100 M-event run must not buffer the file in memory.
  if (!stream.write(chunk)) await once(stream, 'drain');
}

/**
 * Writes the run as wire events, one JSON object per line, with `occurredAt`
 * as ISO-8601 in the brand's local offset — what a player SDK would send.
 * Streams returned by a per-brand target are ended here; a single stream is
 * left open for the caller.
 */
export async function emitNdjson(
  options: SimulationOptions,
  target: NdjsonTarget,
  onProgress: (progress: NdjsonProgress) => void = () => undefined,
): Promise<NdjsonResult> {
  const started = performance.now();
  const simulation = simulate(options);
  const progress: NdjsonProgress = {
    eventsWritten: 0,
    eventsPlanned: Math.round(simulation.estimatedEvents),
    sessionsWritten: 0,
    sessionsPlanned: simulation.sessions.length,
  };
  onProgress({ ...progress });
  const perBrand = typeof target === 'function' ? target : undefined;
  const single = typeof target === 'function' ? undefined : target;
  let current: { brandId: string; stream: Writable } | undefined;
  const finishBrand = async (): Promise<void> => {
    if (!current || !perBrand) return;
    const stream = current.stream;
    stream.end();
    await once(stream, 'finish');
  };

  for (const session of simulation) {
    if (perBrand && current?.brandId !== session.brand.brandId) {
      await finishBrand();
      current = { brandId: session.brand.brandId, stream: perBrand(session.brand) };
    }
    const stream = single ?? current?.stream;
    if (!stream) throw new Error('emitNdjson: no output stream');
    const offset = sessionOffset(session);
    let chunk = '';
    for (const event of session.events) chunk += JSON.stringify(toWireEvent(event, offset)) + '\n';
    await write(stream, chunk);
    progress.eventsWritten += session.events.length;
    progress.sessionsWritten++;
    onProgress({ ...progress });
  }
  await finishBrand();
  return {
    brands: brandsOf(simulation, options),
    sessions: progress.sessionsWritten,
    events: progress.eventsWritten,
    seconds: (performance.now() - started) / 1000,
  };
}
