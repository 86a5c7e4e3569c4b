import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiKeyRepository } from '@lc/clickhouse';
import { IngestErrorCode, IngestException } from './ingest.exception.js';
import { createIngestHandler } from './ingest.http.js';
import type { IngestService } from './ingest.service.js';

describe('the ingest route under overload', () => {
  let server: Server;
  let base: string;
  let ingested = 0;
  let full = true;

  beforeAll(async () => {
    const handler = createIngestHandler({
      service: {
        ingest: async () => {
          ingested++;
          return { accepted: 1, duplicates: 0, rejected: [] };
        },
      } as unknown as IngestService,
      keys: { verify: async () => ({ keyId: 'k', scope: 'INGEST', brandIds: ['b1'] }) } as unknown as ApiKeyRepository,
      limits: { maxBodyBytes: 10 * 1024 * 1024, maxEvents: 10_000 },
      admission: () =>
        full ? new IngestException(IngestErrorCode.OVERLOADED, 'ingest buffer is full; retry shortly', 1) : null,
    });
    server = createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (body: string) =>
    fetch(`${base}/v1/events`, {
      method: 'POST',
      headers: { authorization: 'Bearer lci_x', 'content-type': 'application/json' },
      body,
    });

  it('refuses with 429 and Retry-After before reading or parsing the body, and keeps the connection usable', async () => {
    // 2 MB of events that would take real work to parse and validate
    const big = JSON.stringify({
      events: Array.from({ length: 10_000 }, (_, i) => ({ eventId: `e${i}`, pad: 'x'.repeat(180) })),
    });
    const refused = await post(big);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.json()).toEqual({
      error: { code: 'OVERLOADED', message: 'ingest buffer is full; retry shortly' },
    });
    expect(ingested).toBe(0);
    // Once there is room the next request on the same keep-alive agent goes through.
    full = false;
    const accepted = await post('{"events":[]}');
    expect(accepted.status).toBe(200);
    expect(ingested).toBe(1);
  });
});
