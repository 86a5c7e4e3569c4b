import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiKeyRepository } from '@lc/schemas/clickhouse';
import { parseEvents, readBody, type BodyLimits } from './body.parser.js';
import { IngestErrorCode, IngestException, httpStatusOf } from './ingest.exception.js';
import type { IngestService } from './ingest.service.js';

export interface IngestHttpDeps {
  service: IngestService;
  keys: ApiKeyRepository;
  limits: BodyLimits;
  onError?: (error: Error) => void;
}

export type NodeHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** The brand an ingest key writes to. The body never chooses the brand. */
async function authenticate(req: IncomingMessage, keys: ApiKeyRepository): Promise<string> {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new IngestException(IngestErrorCode.UNAUTHENTICATED, 'missing "Authorization: Bearer <ingest key>" header');
  const key = await keys.verify(match[1]);
  if (!key) throw new IngestException(IngestErrorCode.UNAUTHENTICATED, 'ingest key is unknown or revoked');
  if (key.scope !== 'INGEST' || key.brandIds.length !== 1) {
    throw new IngestException(IngestErrorCode.FORBIDDEN, 'this key cannot write events; use an INGEST key of one brand');
  }
  return key.brandIds[0];
}

/**
 * Node-style handler for `/v1/*`, usable alone (node:http) or mounted in front
 * of the API's Express app in the all-in-one process. Anything else is passed to `next`.
 */
export function createIngestHandler(deps: IngestHttpDeps): NodeHandler {
  return (req, res, next) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/v1/events') {
      if (next) return next();
      return sendJson(res, 404, { error: { code: IngestErrorCode.NOT_FOUND, message: `no route ${req.method} ${path}` } });
    }
    if (req.method !== 'POST') {
      return sendJson(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: 'use POST' } }, { allow: 'POST' });
    }
    void (async () => {
      try {
        const brandId = await authenticate(req, deps.keys);
        const body = await readBody(req, deps.limits);
        const events = parseEvents(body, req.headers['content-type'], deps.limits);
        const result = await deps.service.ingest(brandId, events);
        sendJson(res, 200, result);
      } catch (error) {
        if (error instanceof IngestException) {
          const headers: Record<string, string> = error.retryAfterSeconds ? { 'retry-after': String(error.retryAfterSeconds) } : {};
          return sendJson(res, httpStatusOf(error.code), { error: { code: error.code, message: error.message } }, headers);
        }
        deps.onError?.(error as Error);
        sendJson(res, 503, { error: { code: IngestErrorCode.UNAVAILABLE, message: 'storage is unavailable; retry shortly' } }, { 'retry-after': '5' });
      }
    })();
  };
}
