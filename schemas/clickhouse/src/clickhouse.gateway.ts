import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { ClickHouseLogLevel, createClient, type ClickHouseClient, type ClickHouseSettings } from '@clickhouse/client';
import { createChdbConnection, type ChdbConnection } from 'chdb/connection';
import { ClickHouseErrorCode, ClickHouseException, toClickHouseException } from './clickhouse.exception.js';

export type EngineMode = 'embedded' | 'server';

export interface GatewayConfig {
  mode: EngineMode;
  /** embedded: the data folder. */
  dataPath?: string;
  /** server: the HTTP endpoint, user, password, database. */
  url?: string;
  username?: string;
  password?: string;
  database?: string;
  /** Per-query time limit, seconds (ClickHouse `max_execution_time`). */
  maxExecutionSeconds?: number;
  /** How many times a transient (connection) failure is retried. */
  retries?: number;
  /**
   * embedded: reader connections on the data folder. Each chdb connection runs
   * one query at a time; a dashboard page asks several at once, so a few
   * readers let them run side by side on the machine's cores.
   */
  readers?: number;
}

/** Reads the engine settings from the environment: server mode when CLICKHOUSE_URL is set. */
export function gatewayConfigFromEnv(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const common = {
    maxExecutionSeconds: Number(env.CLICKHOUSE_MAX_EXECUTION_SECONDS ?? 30),
    retries: Number(env.CLICKHOUSE_RETRIES ?? 2),
    readers: Number(env.CLICKHOUSE_READERS ?? 3),
  };
  if (env.CLICKHOUSE_URL) {
    return {
      mode: 'server',
      url: env.CLICKHOUSE_URL,
      username: env.CLICKHOUSE_USER ?? 'default',
      password: env.CLICKHOUSE_PASSWORD ?? '',
      database: env.CLICKHOUSE_DATABASE ?? 'default',
      ...common,
    };
  }
  return { mode: 'embedded', dataPath: resolve(env.DATA_DIR ?? '.data/clickhouse'), ...common };
}

export type QueryParams = Record<string, unknown>;

export interface QueryOptions {
  /** Names the query in logs, errors and timings, e.g. `session.metrics`. */
  tag: string;
  settings?: ClickHouseSettings;
  /**
   * Which write connection runs a command: `write` (default; inserts and DDL)
   * or `maintenance` (rollup rebuilds), so rebuilds never hold up an insert
   * behind them. The same connection in server mode.
   */
  lane?: 'write' | 'maintenance';
}

/** Observes every call: for logs and Prometheus histograms. */
export type QueryObserver = (event: {
  tag: string;
  kind: 'query' | 'command' | 'insert';
  ms: number;
  error?: ClickHouseException;
}) => void;

/**
 * Numbers come back as JSON numbers in both modes: the server quotes 64-bit
 * integers and decimals by default, chdb does not. These settings make both
 * agree, and `normalizeNumbers` is the one place that repairs anything left.
 */
const OUTPUT_SETTINGS: ClickHouseSettings = {
  output_format_json_quote_64bit_integers: 0,
  output_format_json_quote_decimals: 0,
  output_format_json_quote_64bit_floats: 0,
};

export function normalizeNumbers<T>(row: T, numericColumns: readonly string[]): T {
  const record = row as Record<string, unknown>;
  for (const column of numericColumns) {
    const value = record[column];
    if (typeof value === 'string' && value !== '') record[column] = Number(value);
  }
  return row;
}

type ClientConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>['connection']>;
/** chdb types its connection against its own copy of @clickhouse/client-common; the shapes are the same. */
function asClientConnection(connection: ChdbConnection): ClientConnection {
  return connection as unknown as ClientConnection;
}

/**
 * The one way into ClickHouse. Embedded mode opens two chdb connections on the
 * same folder — one for writes, one for reads — because each runs its queries
 * one at a time and dashboard reads must not queue behind ingest inserts.
 */
export class ClickHouseGateway {
  private observers: QueryObserver[] = [];
  private closed = false;

  private readonly busy: number[];

  private constructor(
    readonly config: GatewayConfig,
    private readonly readers: ClickHouseClient[],
    private readonly writer: ClickHouseClient,
    private readonly maintenance: ClickHouseClient,
    private readonly writerConnection: ChdbConnection | undefined,
  ) {
    this.busy = readers.map(() => 0);
  }

  /** The reader with the fewest queries in flight (chdb runs one at a time per connection). */
  private async withReader<T>(call: (client: ClickHouseClient) => Promise<T>): Promise<T> {
    let index = 0;
    for (let i = 1; i < this.readers.length; i++) if (this.busy[i] < this.busy[index]) index = i;
    this.busy[index]++;
    try {
      return await call(this.readers[index]);
    } finally {
      this.busy[index]--;
    }
  }

  static open(config: GatewayConfig = gatewayConfigFromEnv()): ClickHouseGateway {
    const settings: ClickHouseSettings = { ...OUTPUT_SETTINGS, max_execution_time: config.maxExecutionSeconds ?? 30 };
    if (config.mode === 'embedded') {
      // ':memory:' is chdb's throwaway engine (schema emission, tests); anything else is a data folder.
      const path = config.dataPath === ':memory:' ? ':memory:' : resolve(config.dataPath ?? '.data/clickhouse');
      if (path !== ':memory:') mkdirSync(path, { recursive: true });
      const writerConnection = createChdbConnection({ path });
      const writer = createClient({ connection: asClientConnection(writerConnection), clickhouse_settings: settings });
      const readers = Array.from({ length: Math.max(1, config.readers ?? 3) }, () =>
        createClient({ connection: asClientConnection(createChdbConnection({ path })), clickhouse_settings: settings }),
      );
      const maintenance = createClient({
        connection: asClientConnection(createChdbConnection({ path })),
        clickhouse_settings: settings,
      });
      return new ClickHouseGateway(config, readers, writer, maintenance, writerConnection);
    }
    const client = createClient({
      url: config.url,
      username: config.username,
      password: config.password,
      database: config.database,
      clickhouse_settings: settings,
      request_timeout: ((config.maxExecutionSeconds ?? 30) + 5) * 1000,
      // Failures reach callers as typed errors (and observers); the client's own stderr log would say it twice.
      log: { level: ClickHouseLogLevel.OFF },
    });
    return new ClickHouseGateway(config, [client], client, client, undefined);
  }

  get mode(): EngineMode {
    return this.config.mode;
  }

  onQuery(observer: QueryObserver): void {
    this.observers.push(observer);
  }

  /** Runs a SELECT with typed `{name:Type}` placeholders; values travel as query parameters only. */
  async query<T>(sql: string, params: QueryParams, options: QueryOptions): Promise<T[]> {
    return this.run('query', options.tag, async () => {
      return this.withReader(async (reader) => {
        const result = await reader.query({
          query: sql,
          query_params: params,
          format: 'JSONEachRow',
          clickhouse_settings: options.settings,
          http_headers: this.config.mode === 'server' ? { 'X-ClickHouse-Query-Tag': options.tag } : undefined,
        });
        return (await result.json()) as T[];
      });
    });
  }

  /** Runs DDL or `INSERT … SELECT` (no result rows) on the writer connection. */
  async command(sql: string, params: QueryParams, options: QueryOptions): Promise<void> {
    await this.run('command', options.tag, async () => {
      const client = options.lane === 'maintenance' ? this.maintenance : this.writer;
      await client.command({ query: sql, query_params: params, clickhouse_settings: options.settings });
    });
  }

  /** Inserts rows as JSONEachRow. Embedded mode hands the bytes straight to the engine's parser. */
  async insert(table: string, rows: readonly object[], options: QueryOptions): Promise<void> {
    if (rows.length === 0) return;
    if (this.writerConnection) {
      let body = '';
      for (const row of rows) body += JSON.stringify(row) + '\n';
      return this.insertJsonEachRow(table, Buffer.from(body), options);
    }
    await this.run('insert', options.tag, async () => {
      await this.writer.insert({ table, values: rows as object[], format: 'JSONEachRow' });
    });
  }

  /** Inserts an already-serialised JSONEachRow buffer (the ingest hot path). */
  async insertJsonEachRow(table: string, body: Buffer, options: QueryOptions): Promise<void> {
    if (body.length === 0) return;
    const connection = this.writerConnection;
    await this.run('insert', options.tag, async () => {
      if (connection) {
        await connection.chdb.rawInsert({ table, values: body, format: 'JSONEachRow' });
      } else {
        // The HTTP client takes objects for JSON formats; the server path is not the hot path.
        const rows = body
          .toString('utf8')
          .split('\n')
          .filter((line) => line !== '')
          .map((line) => JSON.parse(line) as object);
        await this.writer.insert({ table, values: rows, format: 'JSONEachRow' });
      }
    });
  }

  async ping(): Promise<boolean> {
    try {
      await this.query('SELECT 1', {}, { tag: 'ping' });
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writer.close();
    if (this.maintenance !== this.writer) await this.maintenance.close();
    for (const reader of this.readers) if (reader !== this.writer) await reader.close();
  }

  private async run<T>(kind: 'query' | 'command' | 'insert', tag: string, call: () => Promise<T>): Promise<T> {
    const retries = this.config.retries ?? 2;
    for (let attempt = 0; ; attempt++) {
      const started = performance.now();
      try {
        if (this.closed) throw new ClickHouseException(ClickHouseErrorCode.CONNECTION, tag, 'gateway is closed');
        const result = await call();
        this.notify({ tag, kind, ms: performance.now() - started });
        return result;
      } catch (raw) {
        const error = toClickHouseException(raw, tag);
        this.notify({ tag, kind, ms: performance.now() - started, error });
        if (!error.transient || attempt >= retries || this.closed) throw error;
        await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
      }
    }
  }

  private notify(event: Parameters<QueryObserver>[0]): void {
    for (const observer of this.observers) observer(event);
  }
}
