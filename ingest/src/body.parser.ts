import type { IncomingMessage } from 'node:http';
import { createGunzip } from 'node:zlib';
import { IngestErrorCode, IngestException } from './ingest.exception.js';

export interface BodyLimits {
  maxBodyBytes: number;
  maxEvents: number;
}

/** Reads the (optionally gzip) body, refusing it as soon as it passes the limit, decompressed. */
export async function readBody(req: IncomingMessage, limits: BodyLimits): Promise<Buffer> {
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip') {
    throw new IngestException(
      IngestErrorCode.UNSUPPORTED_MEDIA_TYPE,
      `Content-Encoding ${encoding} is not supported; send identity or gzip`,
    );
  }
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (encoding === 'identity' && declared > limits.maxBodyBytes) {
    req.resume();
    throw tooLarge(limits.maxBodyBytes);
  }
  const source = encoding === 'gzip' ? req.pipe(createGunzip()) : req;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of source) {
      size += (chunk as Buffer).length;
      if (size > limits.maxBodyBytes) {
        req.resume();
        throw tooLarge(limits.maxBodyBytes);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof IngestException) throw error;
    throw new IngestException(
      IngestErrorCode.BAD_BODY,
      `body could not be read: ${(error as Error).message} (is it really gzip?)`,
    );
  }
  return Buffer.concat(chunks, size);
}

function tooLarge(limit: number): IngestException {
  return new IngestException(
    IngestErrorCode.BODY_TOO_LARGE,
    `body is larger than the limit of ${limit} bytes (after decompression); split the batch`,
  );
}

/** Parses `{"events":[…]}` (JSON) or one event per line (NDJSON) into a list of unvalidated events. */
export function parseEvents(body: Buffer, contentType: string | undefined, limits: BodyLimits): unknown[] {
  const type = (contentType ?? 'application/json').split(';')[0].trim().toLowerCase();
  const text = body.toString('utf8');
  let events: unknown[];
  if (type === 'application/x-ndjson' || type === 'application/ndjson' || type === 'application/jsonl') {
    events = [];
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i].trim();
      if (line === '') continue;
      try {
        events.push(JSON.parse(line));
      } catch (error) {
        throw new IngestException(
          IngestErrorCode.BAD_BODY,
          `line ${i + 1} is not valid JSON: ${(error as Error).message}`,
        );
      }
      if (events.length > limits.maxEvents) throw tooMany(limits.maxEvents);
    }
  } else if (type === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new IngestException(IngestErrorCode.BAD_BODY, `body is not valid JSON: ${(error as Error).message}`);
    }
    const list = (parsed as { events?: unknown } | null)?.events;
    if (typeof parsed !== 'object' || parsed === null || !Array.isArray(list)) {
      throw new IngestException(IngestErrorCode.BAD_BODY, 'body must be a JSON object with an "events" array');
    }
    events = list;
  } else {
    throw new IngestException(
      IngestErrorCode.UNSUPPORTED_MEDIA_TYPE,
      `Content-Type ${type} is not supported; send application/json or application/x-ndjson`,
    );
  }
  if (events.length > limits.maxEvents) throw tooMany(limits.maxEvents);
  return events;
}

function tooMany(limit: number): IngestException {
  return new IngestException(
    IngestErrorCode.TOO_MANY_EVENTS,
    `batch has more than the limit of ${limit} events; split the batch`,
  );
}
