import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiKeyRepository } from '@lc/clickhouse';
import { readBody, type BodyLimits } from './body.parser.js';
import { unwrapOutcome } from './body.prepare.js';
import { IngestErrorCode, IngestException, httpStatusOf } from './ingest.exception.js';
import type { IngestMetrics } from './ingest.metrics.js';
import type { IngestResult, IngestService, RejectedEvent } from './ingest.service.js';
import type { ParsePool } from './parse.pool.js';
import { mapSegmentMessage, segmentFieldOf } from './segment.mapper.js';

export interface IngestHttpDeps {
  service: IngestService;
  keys: ApiKeyRepository;
  limits: BodyLimits;
  /** Where `/v1/events` bodies are parsed and validated (worker threads, or in line with none). */
  pool: ParsePool;
  /**
   * Refuses a body (429) before any parsing when the work already queued is enough:
   * returns the reason, or null to go ahead. Checked after the body is read, so the
   * connection stays usable for the client's retry.
   */
  admit?: (bodyBytes: number) => string | null;
  metrics?: IngestMetrics;
  onError?: (error: Error) => void;
}

export type NodeHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

/**
 * A refusal with Retry-After also closes the connection (the body has been read in full, so the close
 * is clean). The client sleeps before its retry; a keep-alive socket left idle meanwhile could be
 * closed by the server's keep-alive timer just as the retry is written on it (EPIPE / ECONNRESET on the
 * client, which cannot tell whether the batch was kept). A fresh connection for the retry avoids that.
 */
const CLOSE_AFTER_REFUSAL = { connection: 'close' } as const;

/** Idle keep-alive sockets stay open this long: longer than any client's pause between batches. */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/**
 * Keep-alive settings for a server that takes ingest traffic: the server closing an idle socket at the
 * moment a client reuses it is a lost request to the client, so idle sockets live longer than client
 * pauses (`Retry-After`, batching intervals), and the headers timeout stays above it as Node requires.
 */
export function configureKeepAlive(server: { keepAliveTimeout: number; headersTimeout: number }): void {
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
}

const ROUTES = new Set(['/v1/events', '/v1/batch', '/v1/track']);

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** The secret of `Bearer <key>`, or of Segment's Basic auth (write key as user name, empty password). */
function secretOf(req: IncomingMessage): string | null {
  const header = req.headers.authorization ?? '';
  const bearer = /^Bearer\s+(\S+)$/i.exec(header);
  if (bearer) return bearer[1];
  const basic = /^Basic\s+(\S+)$/i.exec(header);
  if (basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const user = decoded.split(':')[0];
    return user === '' ? null : user;
  }
  return null;
}

/** The brand an ingest key writes to. The body never chooses the brand. */
async function authenticate(req: IncomingMessage, keys: ApiKeyRepository): Promise<string> {
  const secret = secretOf(req);
  if (!secret) {
    throw new IngestException(
      IngestErrorCode.UNAUTHENTICATED,
      'missing "Authorization: Bearer <ingest key>" (or Basic with the key as user name)',
    );
  }
  const key = await keys.verify(secret);
  if (!key) throw new IngestException(IngestErrorCode.UNAUTHENTICATED, 'ingest key is unknown or revoked');
  if (key.scope !== 'INGEST' || key.brandIds.length !== 1) {
    throw new IngestException(
      IngestErrorCode.FORBIDDEN,
      'this key cannot write events; use an INGEST key of one brand',
    );
  }
  return key.brandIds[0];
}

/** Segment bodies: `/v1/batch` → `{batch:[…]}`, `/v1/track` → one message. */
async function ingestSegment(
  path: string,
  body: Buffer,
  brandId: string,
  deps: IngestHttpDeps,
): Promise<IngestResult & { success: true }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new IngestException(IngestErrorCode.BAD_BODY, `body is not valid JSON: ${(error as Error).message}`);
  }
  let messages: unknown[];
  if (path === '/v1/track') {
    messages = [parsed];
  } else {
    const batch = (parsed as { batch?: unknown } | null)?.batch;
    if (!Array.isArray(batch))
      throw new IngestException(IngestErrorCode.BAD_BODY, 'body must be a JSON object with a "batch" array');
    if (batch.length > deps.limits.maxEvents) {
      throw new IngestException(
        IngestErrorCode.TOO_MANY_EVENTS,
        `batch has more than the limit of ${deps.limits.maxEvents} events; split the batch`,
      );
    }
    messages = batch;
  }
  const rejected: RejectedEvent[] = [];
  const events: unknown[] = [];
  const originalIndex: number[] = [];
  messages.forEach((message, index) => {
    const mapped = mapSegmentMessage(message, path === '/v1/track' ? 'track' : undefined);
    if (mapped.ok) {
      events.push(mapped.event);
      originalIndex.push(index);
    } else {
      rejected.push({ index, eventId: mapped.eventId, errors: mapped.errors });
    }
  });
  const result = await deps.service.ingest(brandId, events);
  for (const r of result.rejected) {
    rejected.push({
      index: originalIndex[r.index],
      eventId: r.eventId,
      errors: r.errors.map((e) => ({ ...e, field: segmentFieldOf(e.field) })),
    });
  }
  rejected.sort((a, b) => a.index - b.index);
  return { success: true, accepted: result.accepted, duplicates: result.duplicates, rejected };
}

/**
 * Node-style handler for the ingest routes, usable alone (node:http) or mounted
 * in front of the API's Express app in the all-in-one process. Other paths go to `next`.
 */
export function createIngestHandler(deps: IngestHttpDeps): NodeHandler {
  return (req, res, next) => {
    const path = (req.url ?? '').split('?')[0];
    if (!ROUTES.has(path)) {
      if (next) return next();
      return sendJson(res, 404, {
        error: { code: IngestErrorCode.NOT_FOUND, message: `no route ${req.method} ${path}` },
      });
    }
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      deps.metrics?.requests.inc({ route: path, status: String(status) });
      sendJson(res, status, body, headers);
    };
    if (req.method !== 'POST')
      return reply(405, { error: { code: 'METHOD_NOT_ALLOWED', message: 'use POST' } }, { allow: 'POST' });
    void (async () => {
      try {
        const brandId = await authenticate(req, deps.keys);
        const body = await readBody(req, deps.limits);
        if (path === '/v1/events') {
          const refusal = deps.admit?.(body.length) ?? null;
          if (refusal !== null) throw new IngestException(IngestErrorCode.OVERLOADED, refusal, 1);
          const outcome = await deps.pool.prepare({
            body,
            contentType: req.headers['content-type'],
            limits: deps.limits,
            brandId,
            bounds: deps.service.boundsAt(Date.now()),
          });
          reply(200, await deps.service.commit(brandId, unwrapOutcome(outcome)));
        } else {
          reply(200, await ingestSegment(path, body, brandId, deps));
        }
      } catch (error) {
        if (error instanceof IngestException) {
          const headers: Record<string, string> = error.retryAfterSeconds
            ? { 'retry-after': String(error.retryAfterSeconds), ...CLOSE_AFTER_REFUSAL }
            : {};
          return reply(httpStatusOf(error.code), { error: { code: error.code, message: error.message } }, headers);
        }
        deps.onError?.(error as Error);
        reply(
          503,
          { error: { code: IngestErrorCode.UNAVAILABLE, message: 'storage is unavailable; retry shortly' } },
          { 'retry-after': '5', ...CLOSE_AFTER_REFUSAL },
        );
      }
    })();
  };
}
