// The row mapping alone: the package's main entry would load the engine (a native addon) into the worker.
import { toEventRow } from '@lc/clickhouse/row';
import { validateEvent, type FieldError, type TimeBounds } from '@lc/contract';
import { parseEvents, type BodyLimits } from './body.parser.js';
import { IngestErrorCode, IngestException } from './ingest.exception.js';

export interface RejectedEvent {
  index: number;
  eventId: string | null;
  errors: FieldError[];
}

/**
 * A batch after the per-event work that needs no shared state: every event validated against the
 * contract (`validateEvent`, zod) and every valid one serialised as its `events` row. What is left
 * for the request's own turn on the main thread is the dedup cache and the writer.
 */
export interface PreparedBatch {
  /** Events in the body. */
  received: number;
  rejected: RejectedEvent[];
  /** eventId of each valid event, in body order. */
  eventIds: string[];
  /** sessionId of each valid event, in body order. */
  sessionIds: string[];
  /** The valid events' JSONEachRow lines, in body order, each ending in `\n`. */
  rows: Uint8Array;
}

/** A refused body travels between threads as plain data, not as an exception. */
export type PrepareOutcome = { ok: true; batch: PreparedBatch } | { ok: false; code: IngestErrorCode; message: string };

/** What a parse worker is asked to do with one request body (already gunzipped). */
export interface PrepareJob {
  body: Uint8Array;
  contentType: string | undefined;
  limits: BodyLimits;
  brandId: string;
  bounds: TimeBounds;
}

/** Validates and serialises already-parsed events (the Segment route, tests, and `prepareBody`). */
export function prepareEvents(events: readonly unknown[], brandId: string, bounds: TimeBounds): PreparedBatch {
  const rejected: RejectedEvent[] = [];
  const eventIds: string[] = [];
  const sessionIds: string[] = [];
  const lines: string[] = [];
  for (let index = 0; index < events.length; index++) {
    const result = validateEvent(events[index], bounds);
    if (!result.ok) {
      rejected.push({ index, eventId: result.eventId, errors: result.errors });
      continue;
    }
    eventIds.push(result.event.eventId);
    sessionIds.push(result.event.sessionId);
    lines.push(JSON.stringify(toEventRow(result.event, brandId)));
  }
  // One flat join and one encode per request: cheaper than re-encoding at flush time.
  const rows = lines.length === 0 ? new Uint8Array(0) : Buffer.from(lines.join('\n') + '\n');
  return { received: events.length, rejected, eventIds, sessionIds, rows };
}

/** Parses a `/v1/events` body (JSON or NDJSON) and prepares its events; a refused body is an outcome, never a throw. */
export function prepareBody(job: PrepareJob): PrepareOutcome {
  let events: unknown[];
  try {
    const body = Buffer.isBuffer(job.body)
      ? job.body
      : Buffer.from(job.body.buffer, job.body.byteOffset, job.body.byteLength);
    events = parseEvents(body, job.contentType, job.limits);
  } catch (error) {
    if (error instanceof IngestException) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
  return { ok: true, batch: prepareEvents(events, job.brandId, job.bounds) };
}

/** The rows of `batch` without the lines at `skip` (indexes into `eventIds`): duplicates are rare, so this is the slow path. */
export function rowsWithout(batch: PreparedBatch, skip: ReadonlySet<number>): Buffer {
  const lines = Buffer.from(batch.rows.buffer, batch.rows.byteOffset, batch.rows.byteLength)
    .toString('utf8')
    .split('\n');
  const kept: string[] = [];
  for (let i = 0; i < batch.eventIds.length; i++) if (!skip.has(i)) kept.push(lines[i]);
  return kept.length === 0 ? Buffer.alloc(0) : Buffer.from(kept.join('\n') + '\n');
}

/** Turns a refused outcome back into the exception the HTTP layer answers with. */
export function unwrapOutcome(outcome: PrepareOutcome): PreparedBatch {
  if (!outcome.ok) throw new IngestException(outcome.code, outcome.message);
  return outcome.batch;
}
