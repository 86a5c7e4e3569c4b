import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { jest } from '@jest/globals';
import type { ClickHouseClient } from '@clickhouse/client';
import { ClickHouseErrorCode, ClickHouseException } from './clickhouse.exception.js';
import { ClickHouseGateway, ROLE_SETTINGS } from './clickhouse.gateway.js';

/**
 * The retry layer, without an engine: a server-mode gateway (its HTTP client
 * connects only when asked) whose client calls are replaced, under fake timers.
 */
interface Clients {
  readers: ClickHouseClient[];
  writer: ClickHouseClient;
}

function openGateway(retries?: number): { gateway: ClickHouseGateway; clients: Clients } {
  const gateway = ClickHouseGateway.open({ mode: 'server', url: 'http://127.0.0.1:9', retries });
  return { gateway, clients: gateway as unknown as Clients };
}

const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
/** Shaped like @clickhouse/client's ClickHouseError: the engine's numeric code as a string. */
const engineError = (code: string, message: string) => Object.assign(new Error(message), { code });
const rows = (data: unknown[]) => ({ json: async () => data }) as never;

/** A client call that always fails with `error`, noting when (fake clock, ms from now) each attempt came. */
function alwaysFailing(error: Error): { at: number[]; call: () => Promise<never> } {
  const start = Date.now();
  const at: number[] = [];
  return {
    at,
    call: async () => {
      at.push(Date.now() - start);
      throw error;
    },
  };
}

/** Settles `promise` by running every timer, as the clock would; returns its outcome. */
async function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  const outcome = promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await jest.runAllTimersAsync();
  return outcome;
}

describe('the gateway retry layer', () => {
  let random: jest.SpiedFunction<typeof Math.random>;
  const opened: ClickHouseGateway[] = [];
  const open = (retries?: number) => {
    const result = openGateway(retries);
    opened.push(result.gateway);
    return result;
  };

  beforeEach(() => {
    jest.useFakeTimers();
    // The middle of the jitter range: each wait is half of 100 ms · 2^(n-1).
    random = jest.spyOn(Math, 'random').mockReturnValue(0.5);
  });
  afterEach(async () => {
    random.mockRestore();
    jest.useRealTimers();
    for (const gateway of opened.splice(0)) await gateway.close();
  });

  it('retries a connection error twice by default, after 50 and 100 ms (full jitter of 100 and 200 ms)', async () => {
    const { gateway, clients } = open();
    const attempts = alwaysFailing(refused());
    jest.spyOn(clients.readers[0], 'query').mockImplementation(attempts.call);
    const seen: string[] = [];
    gateway.onQuery((e) => seen.push(e.error?.code ?? 'ok'));

    const { error } = await settle(gateway.query('SELECT 1', {}, { tag: 't.conn' }));

    expect(error).toBeInstanceOf(ClickHouseException);
    expect(error).toMatchObject({ code: ClickHouseErrorCode.CONNECTION, tag: 't.conn' });
    expect(attempts.at).toEqual([0, 50, 150]);
    expect(seen).toEqual(['CONNECTION', 'CONNECTION', 'CONNECTION']);
  });

  it('waits no longer than 100 · 2^(n-1) ms before retry n, and never more than 5 s', async () => {
    random.mockReturnValue(1); // the top of the jitter range
    const { gateway, clients } = open(8);
    const attempts = alwaysFailing(refused());
    jest.spyOn(clients.readers[0], 'query').mockImplementation(attempts.call);

    await settle(gateway.query('SELECT 1', {}, { tag: 't.cap' }));

    const at = attempts.at;
    const waits = at.slice(1).map((t, i) => t - at[i]);
    expect(waits).toEqual([100, 200, 400, 800, 1600, 3200, 5000, 5000]);
  });

  it('answers with the rows once a retry gets through', async () => {
    const { gateway, clients } = open();
    const query = jest
      .spyOn(clients.readers[0], 'query')
      .mockRejectedValueOnce(refused())
      .mockResolvedValueOnce(rows([{ n: 7 }]));

    const { value } = await settle(gateway.query<{ n: number }>('SELECT 7 AS n', {}, { tag: 't.ok' }));

    expect(value).toEqual([{ n: 7 }]);
    expect(query).toHaveBeenCalledTimes(2);
  });

  it.each([
    ['62', 'Syntax error: failed at position 1', ClickHouseErrorCode.SYNTAX],
    ['159', 'Timeout exceeded: elapsed 30 seconds', ClickHouseErrorCode.TIMEOUT],
    ['241', 'Memory limit (total) exceeded', ClickHouseErrorCode.RESOURCE],
    ['60', 'Unknown table expression identifier events2', ClickHouseErrorCode.QUERY],
  ])('does not retry a query error (engine code %s)', async (code, message, expected) => {
    const { gateway, clients } = open(5);
    const query = jest.spyOn(clients.readers[0], 'query').mockRejectedValue(engineError(code, message));

    const promise = gateway.query('SELECT 1', {}, { tag: 't.query' });
    const outcome = promise.then(
      () => null,
      (e: unknown) => e,
    );

    expect(await outcome).toMatchObject({ code: expected });
    expect(query).toHaveBeenCalledTimes(1);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('gives up after 1 + retries attempts: 0 retries is one attempt', async () => {
    const { gateway, clients } = open(0);
    const query = jest.spyOn(clients.readers[0], 'query').mockRejectedValue(refused());
    const { error } = await settle(gateway.query('SELECT 1', {}, { tag: 't.none' }));
    expect(error).toMatchObject({ code: ClickHouseErrorCode.CONNECTION });
    expect(query).toHaveBeenCalledTimes(1);
  });

  it('treats a retry count that is not a number as the default (2), never as "forever"', async () => {
    const { gateway, clients } = open(Number('lots'));
    const query = jest.spyOn(clients.readers[0], 'query').mockRejectedValue(refused());
    await settle(gateway.query('SELECT 1', {}, { tag: 't.nan' }));
    expect(query).toHaveBeenCalledTimes(3);
  });

  it('retries commands and inserts the same way', async () => {
    const { gateway, clients } = open(1);
    const command = jest.spyOn(clients.writer, 'command').mockRejectedValue(refused());
    const insert = jest
      .spyOn(clients.writer, 'exec')
      .mockRejectedValueOnce(refused())
      .mockImplementation(async () => ({ stream: Readable.from([]) }) as never);

    const failed = await settle(gateway.command('OPTIMIZE TABLE events', {}, { tag: 't.cmd' }));
    const inserted = await settle(
      gateway.insertJsonEachRow('events', Buffer.from('{"a":1}\n{"a":2}\n'), { tag: 't.ins' }),
    );

    expect(failed.error).toMatchObject({ code: ClickHouseErrorCode.CONNECTION });
    expect(command).toHaveBeenCalledTimes(2);
    expect(inserted.error).toBeUndefined();
    expect(insert).toHaveBeenCalledTimes(2);
    expect(insert).toHaveBeenLastCalledWith({
      query: 'INSERT INTO events FORMAT JSONEachRow',
      values: expect.any(Readable),
      clickhouse_settings: ROLE_SETTINGS.write,
    });
  });

  it('stops retrying when the gateway is closed during a wait', async () => {
    const { gateway, clients } = open(5);
    const query = jest.spyOn(clients.readers[0], 'query').mockRejectedValue(refused());
    const outcome = gateway.query('SELECT 1', {}, { tag: 't.closing' }).then(
      () => null,
      (e: unknown) => e,
    );
    await jest.advanceTimersByTimeAsync(0);
    expect(query).toHaveBeenCalledTimes(1);

    await gateway.close();
    await jest.runAllTimersAsync();

    expect(await outcome).toMatchObject({ code: ClickHouseErrorCode.CONNECTION });
    expect(query).toHaveBeenCalledTimes(1);
  });
});

describe('server-mode inserts over real HTTP', () => {
  it('sends the JSONEachRow bytes as the request body, unchanged, with the INSERT in the query string', async () => {
    const seen: { method?: string; query: string | null; body: string; settings: Record<string, string | null> }[] = [];
    const server = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        seen.push({
          method: req.method,
          query: url.searchParams.get('query'),
          body: Buffer.concat(chunks).toString('utf8'),
          settings: Object.fromEntries(
            ['priority', 'async_insert', 'wait_for_async_insert', 'async_insert_busy_timeout_max_ms'].map((name) => [
              name,
              url.searchParams.get(name),
            ]),
          ),
        });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    const { port } = server.address() as AddressInfo;
    const gateway = ClickHouseGateway.open({ mode: 'server', url: `http://127.0.0.1:${port}`, retries: 0 });
    const queued = ClickHouseGateway.open({
      mode: 'server',
      url: `http://127.0.0.1:${port}`,
      retries: 0,
      asyncInsertMs: 50,
    });
    const plain = {
      priority: '2',
      async_insert: null,
      wait_for_async_insert: null,
      async_insert_busy_timeout_max_ms: null,
    };
    try {
      // A string with a quote, a backslash, a newline escape and non-ASCII text: the bytes must arrive as sent.
      const body = '{"event_id":"e1","text":"a \\"b\\" \\\\ c\\nd いいね"}\n{"event_id":"e2","text":""}\n';
      await gateway.insertJsonEachRow('events', Buffer.from(body), { tag: 't.http' });
      await gateway.insertJsonEachRow('events', Buffer.from('{"event_id":"e3"}\n'), { tag: 't.http' });
      await queued.insertJsonEachRow('events', Buffer.from('{"event_id":"e4"}\n'), { tag: 't.http' });

      expect(seen).toEqual([
        { method: 'POST', query: 'INSERT INTO events FORMAT JSONEachRow', body, settings: plain },
        {
          method: 'POST',
          query: 'INSERT INTO events FORMAT JSONEachRow',
          body: '{"event_id":"e3"}\n',
          settings: plain,
        },
        // CLICKHOUSE_ASYNC_INSERT_MS=50: the server's queue, answered after its flush.
        {
          method: 'POST',
          query: 'INSERT INTO events FORMAT JSONEachRow',
          body: '{"event_id":"e4"}\n',
          settings: {
            priority: '2',
            async_insert: '1',
            wait_for_async_insert: '1',
            async_insert_busy_timeout_max_ms: '50',
          },
        },
      ]);
    } finally {
      await gateway.close();
      await queued.close();
      await new Promise((closed) => server.close(closed));
    }
  });
});
