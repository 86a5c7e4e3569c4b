import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { ClickHouseLogLevel, createClient, type ClickHouseClient, type ClickHouseSettings } from '@clickhouse/client';
import { drainPending } from 'chdb';
import { createChdbConnection, type ChdbConnection } from 'chdb/connection';
import { backOff, type BackoffOptions } from 'exponential-backoff';
import { ClickHouseErrorCode, ClickHouseException, toClickHouseException } from './clickhouse.exception.js';
import { EngineTurns, type Turn } from './engine-turns.js';
import { CLUSTER_NAME } from './cluster.ddl.js';
import {
  PARAMS_ROW_SETTINGS,
  STATEMENT_PARAMS_DDL,
  STATEMENT_PARAMS_TABLE,
  feedFromTable,
  paramsRow,
} from './table-fed-params.js';

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
  /**
   * The same for background work (the maintenance lane: rollup rounds, cleanup), 600 unless set. A whole
   * rebuild of a long stream takes longer than a read may (bench:rollup: 10 s for 10 M events here, one
   * statement 3.7 s; several times that beside ingest), and a statement cut at the read limit failed again
   * every round: the session's rollup never caught up.
   */
  maintenanceMaxExecutionSeconds?: number;
  /**
   * How many times a connection failure is retried (never a query error), with
   * exponential backoff and full jitter. The only retry layer: callers do not retry again.
   */
  retries?: number;
  /**
   * embedded: reader connections on the data folder. Each chdb connection runs
   * one query at a time; a dashboard page asks several at once, so a few
   * readers let them run side by side on the machine's cores.
   */
  readers?: number;
  /**
   * embedded: connections that run inserts (the first also runs DDL and other writes). Raw inserts
   * carry no query parameters, so chdb runs them side by side on separate connections (only
   * parameterized calls share one process-wide queue): a second inserter lets an insert start while
   * the previous one is still parsing, on the other core. Default 1: on the loaded two-core machine
   * of issue 11 a second one did not measurably help (BENCHMARKS.md, S11I2-1). Server mode: the HTTP
   * client's sockets already run inserts side by side.
   */
  inserters?: number;
  /**
   * server: > 0 sends `insertJsonEachRow` through the server's async insert queue, which gathers the
   * inserts of every ingest replica into one part per this many ms (`async_insert_busy_timeout_max_ms`);
   * `wait_for_async_insert` keeps an insert's answer for after that flush, so a 200 still means committed.
   * Unset or 0: each insert is its own part (the default: the writer already batches).
   */
  asyncInsertMs?: number;
  /**
   * server: the name of the servers' cluster (`remote_servers`). Migrations then create replicated
   * `<table>_local` tables behind Distributed `<table>` ones, and queries run with `CLUSTER_SETTINGS`.
   */
  cluster?: string;
  /**
   * Benches only: FINAL merges rows across partitions as well, the engine's default (FINAL_WITHIN_PARTITIONS
   * off), so a bench can set this build against the behaviour before in one run.
   */
  finalAcrossPartitions?: boolean;
  /**
   * Embedded mode, off unless set: background statements read their values from the params table
   * (table-fed-params.ts) instead of query parameters, so they leave chdb's one line of parameterized
   * statements and reads run beside them. Measured (BENCHMARKS.md, thirty-second session): reads under
   * ingest steadier (p95 2.6–2.8× idle against 2.8–8.5×), but rounds 1.15–1.35× slower and a 500-session
   * stream's staleness worse (p95 4.0 against 3.0 s) — so not the default yet.
   */
  tableFedParameters?: boolean;
}

export type QueryParams = Record<string, unknown>;

export interface QueryOptions {
  /** Names the query in logs, errors and timings, e.g. `session.metrics`. */
  tag: string;
  settings?: ClickHouseSettings;
  /**
   * Which connection runs the call. Commands: `write` (default; inserts and DDL)
   * or `maintenance` (rollup rebuilds), so rebuilds never hold up an insert
   * behind them. Queries: the reader pool (default), or `maintenance` for the
   * reads of background work, so they neither take a reader from a dashboard
   * nor run at its priority. The same connection in server mode.
   */
  lane?: 'write' | 'maintenance';
  /**
   * A write whose end readers wait for (a rollup round's session_stats): in embedded mode the next
   * background call then waits a read burst, so the reads it wakes go first (EngineTurns).
   */
  publishes?: boolean;
}

/** Observes every call: for logs and Prometheus histograms. */
export type QueryObserver = (event: {
  tag: string;
  kind: 'query' | 'command' | 'insert';
  /** Whole call, from the caller's side: connection wait included. */
  ms: number;
  /**
   * Reads: how long the call waited for a free reader connection (0 when one was free). Embedded
   * inserts: for a free inserter connection.
   */
  waitMs?: number;
  /**
   * Embedded mode, parameterized calls: how long the call then waited for its engine turn (chdb runs
   * them one at a time per process: engine-turns.ts). `ms` minus both waits is the engine's time.
   */
  turnWaitMs?: number;
  error?: ClickHouseException;
}) => void;

/**
 * Numbers come back as JSON numbers in both modes: the server quotes 64-bit
 * integers and decimals by default, chdb does not. These settings make both
 * agree, so no result row needs repairing afterwards.
 */
const OUTPUT_SETTINGS: ClickHouseSettings = {
  output_format_json_quote_64bit_integers: 0,
  output_format_json_quote_decimals: 0,
  output_format_json_quote_64bit_floats: 0,
};

/**
 * Settings per connection role, so interactive reads come first when ingest and
 * rollup rebuilds compete for the same cores. `priority` (1 = highest) makes
 * the engine pause lower-priority queries while a higher one runs;
 * `os_thread_priority` is the nice value of the engine's threads for that query
 * (raising it needs no privilege; where the process lacks CAP_SYS_NICE the
 * engine ignores it). Rebuilds run on one thread: they are background work,
 * and a second thread would only take a core from a dashboard read.
 * Server mode shares one client, so these go per call there too.
 */
export const ROLE_SETTINGS = {
  read: { priority: '1' },
  write: { priority: '2', os_thread_priority: '5' },
  maintenance: {
    priority: '3',
    os_thread_priority: '19',
    max_threads: 1,
    max_insert_threads: '1',
    max_final_threads: 1,
  },
} satisfies Record<'read' | 'write' | 'maintenance', ClickHouseSettings>;

/**
 * `FINAL` merges the rows of each partition apart (docs/ARCHITECTURE.md, "FINAL within partitions"). Exact
 * here because every partitioned table (events, rare_events) is partitioned by the month of `occurred_at`
 * and sorted by its minute: rows that share a sorting key share their minute, hence their month, hence
 * their partition (test/gateway.spec.ts checks every partitioned table after the migrations). The engine
 * still merges every part that may hold repeats (a part written by an insert, level 0); it reads a
 * partition's only merged part as it is. A round's `minutes` statement over 200 small live sessions took
 * 0.4–0.6 of the time with it, the round 0.80–0.93; no change was seen end to end in bench:live-scale
 * (BENCHMARKS.md, thirty-first session).
 */
const FINAL_WITHIN_PARTITIONS: ClickHouseSettings = { do_not_merge_across_partitions_select_final: 1 };

/** What every call runs with whatever its role: numbers as JSON numbers, FINAL within partitions, and the time limit. */
function baseSettings(config: GatewayConfig): ClickHouseSettings {
  return {
    ...OUTPUT_SETTINGS,
    ...(config.finalAcrossPartitions ? {} : FINAL_WITHIN_PARTITIONS),
    max_execution_time: config.maxExecutionSeconds ?? 30,
  };
}

/**
 * Every setting a call may give beside its role's (`QueryOptions.settings`), at the value a call that
 * does not give it runs with: the engine's default unless the role says otherwise. Embedded mode needs
 * this: chdb's adapter sends settings as `SET` statements ahead of the query, and a `SET` stays on the
 * connection (server mode sends them with each request). So every call sends each of these keys, and a
 * point read's `max_threads 1` no longer stays on its reader for the next overview read (which then ran
 * on one core). A call that gives a key not listed here is refused: it would stay set the same way.
 */
export const CALL_SETTING_DEFAULTS = {
  /** 0 = the engine's own choice, one thread per core. */
  max_threads: 0,
  optimize_on_insert: 1,
} as const satisfies ClickHouseSettings;

/**
 * What a call of `role` runs with: the keys a call may give (CALL_SETTING_DEFAULTS), the role's own,
 * then the call's. `max_execution_time` may be given too: the client sends it with every call.
 */
export function callSettings(role: keyof typeof ROLE_SETTINGS, given: ClickHouseSettings = {}): ClickHouseSettings {
  for (const key of Object.keys(given))
    if (!Object.hasOwn(CALL_SETTING_DEFAULTS, key) && key !== 'max_execution_time')
      throw new Error(
        `setting ${key} cannot be given per call: an embedded connection would keep it for later calls (add it to CALL_SETTING_DEFAULTS)`,
      );
  return { ...CALL_SETTING_DEFAULTS, ...ROLE_SETTINGS[role], ...given };
}

/**
 * Embedded mode, rollup statements: the maintenance role's settings (one thread) with the inserts' priority
 * and nice value instead of its own lower ones. There a parameterized statement holds the engine's one turn
 * (EngineTurns) while it runs, so a dashboard read waits for the rebuild statement under way; starved
 * by the inserts under overload, that statement kept the read waiting with it — a priority inversion
 * (`bench:soak`: GraphQL read p50 1.0–1.5 s at priority 3 / nice 19 against 0.53–0.57 s; BENCHMARKS.md,
 * fifteenth session). Server mode runs reads beside rebuilds and keeps them at priority 3, nice 19.
 */
export const MAINTENANCE_IN_TURN = {
  priority: ROLE_SETTINGS.write.priority,
  os_thread_priority: ROLE_SETTINGS.write.os_thread_priority,
} as const;

/**
 * Embedded mode, an insert that starts while a dashboard read runs (or ran in the last
 * `READ_BURST_MS`): its JSONEachRow parser on one thread instead of one per core, so the read keeps
 * a core of its own (S11R2-4). With no read about, inserts parse on every core as before: ingest
 * keeps its whole share when no one reads.
 */
export const WRITE_BESIDE_READS = { ...ROLE_SETTINGS.write, max_threads: 1, max_insert_threads: '1' } as const;

/** How long after a read the engine counts as being read (a page's next round follows within it). */
const READ_BURST_MS = 25;

/**
 * On a cluster, for every query: an insert into a Distributed table returns once its shard has the
 * rows (a 200 still means committed), and each shard is read and written through its first healthy
 * replica in `remote_servers` — whichever node the client reached — so a rollup rebuild reads what
 * ingest committed and all processes see one growing set of a session's events (docs/ARCHITECTURE.md,
 * "Several ingest replicas"). The other replica follows by replication and takes over if it fails.
 */
export const CLUSTER_SETTINGS: ClickHouseSettings = {
  distributed_foreground_insert: 1,
  load_balancing: 'in_order',
  prefer_localhost_replica: 0,
};

/**
 * The writes this process has finished on its embedded engine: a count per table written by an
 * insert or an `INSERT INTO <table> …` command, and one for every other command (DDL, `OPTIMIZE`,
 * anything whose target is not spelt out), which may have changed any table. Counted when the call
 * settles, failed ones too (a failed `INSERT … SELECT` may have written blocks). The embedded engine
 * belongs to one process (one data folder per process: docs/ARCHITECTURE.md), so nothing else writes
 * to it, and these counts are the whole story of its tables' changes: see `ClickHouseGateway.writeMark`.
 * Kept per process rather than per gateway, so two gateways of one process see each other's writes.
 */
const finishedWrites = { untargeted: 0, byTable: new Map<string, number>() };

/** The table an `INSERT INTO <table>` statement writes; undefined for any other statement. */
export function insertTarget(sql: string): string | undefined {
  return /^\s*INSERT\s+INTO\s+(?:TABLE\s+)?`?([A-Za-z_][A-Za-z0-9_]*)`?[\s(]/i.exec(sql)?.[1];
}

function noteWrite(table: string | undefined): void {
  if (table === undefined) finishedWrites.untargeted++;
  else finishedWrites.byTable.set(table, (finishedWrites.byTable.get(table) ?? 0) + 1);
}

/**
 * How long this process's writes to its embedded engine take, by the wall clock (the clock the engine's
 * `now64()` and the `received_at` default read): those in flight, by when their call started, and those
 * that finished in the last WRITE_SPANS_KEPT_MS, by when they finished and how long they took, per table.
 * A row an insert writes is stamped and committed inside the call. Per process, as finishedWrites;
 * `WRITES_TRACKED_FROM_MS` is when tracking began (no write of this process is older).
 */
const writeSpans = {
  inFlight: new Map<number, { table: string | undefined; startedMs: number }>(),
  finished: new Map<string, { endedMs: number; tookMs: number }[]>(),
  next: 0,
};
export const WRITES_TRACKED_FROM_MS = Date.now();
/** How long a finished write's time is kept: the longest window `longestWriteMs` answers for. */
export const WRITE_SPANS_KEPT_MS = 120_000;

function startWrite(table: string | undefined): () => void {
  const id = writeSpans.next++;
  const startedMs = Date.now();
  writeSpans.inFlight.set(id, { table, startedMs });
  return () => {
    writeSpans.inFlight.delete(id);
    if (table === undefined) return;
    const endedMs = Date.now();
    let spans = writeSpans.finished.get(table);
    if (!spans) writeSpans.finished.set(table, (spans = []));
    spans.push({ endedMs, tookMs: endedMs - startedMs });
    // finished in call order, so nearly in end order: the front is the oldest
    while (spans.length > 0 && spans[0].endedMs < endedMs - WRITE_SPANS_KEPT_MS) spans.shift();
  };
}

/** Embedded inserter connections when the config names none (`GatewayConfig.inserters`). */
export const DEFAULT_INSERTERS = 1;

/** Retries of connection failures when the config names none. */
const DEFAULT_RETRIES = 2;

/**
 * Waits before retry n (1-based): a random time in [0, 100 ms · 2^(n-1)], at most
 * 5 s — full jitter, so clients that lost the same server do not come back in step.
 */
const RETRY_BACKOFF: Readonly<BackoffOptions> = {
  startingDelay: 100,
  timeMultiple: 2,
  maxDelay: 5_000,
  jitter: 'full',
};

/** A retry count that cannot loop forever: NaN, negatives and fractions become a whole number ≥ 0. */
function attemptsFor(retries: number | undefined): number {
  const n = retries ?? DEFAULT_RETRIES;
  return 1 + (Number.isFinite(n) ? Math.max(0, Math.floor(n)) : DEFAULT_RETRIES);
}

/**
 * The first connection on an embedded folder. The engine locks its folder to one process, so the
 * usual failure is a second `npm start` (or a test server) on the same DATA_DIR: say so, in words.
 */
function openEmbedded(path: string): ChdbConnection {
  try {
    return createChdbConnection({ path });
  } catch (error) {
    throw new ClickHouseException(
      ClickHouseErrorCode.CONNECTION,
      'open',
      `cannot open the embedded engine at ${path}: another process is probably using it (the engine allows one process per data folder) — stop that process, or set DATA_DIR to another folder`,
      undefined,
      { cause: error },
    );
  }
}

type ClientConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>['connection']>;
/** chdb types its connection against its own copy of @clickhouse/client-common; the shapes are the same. */
function asClientConnection(connection: ChdbConnection): ClientConnection {
  return connection as unknown as ClientConnection;
}

/**
 * The one way into ClickHouse. Embedded mode opens 2 + `readers` chdb connections
 * on the same folder — one for inserts and DDL, one for maintenance (rollup
 * rebuilds) and a pool of readers (3 by default) — because each connection runs
 * its queries one at a time, and dashboard reads must not queue behind ingest
 * inserts or rebuilds. Server mode shares one HTTP client (with its own socket pool)
 * among those roles.
 */
export class ClickHouseGateway {
  private observers: QueryObserver[] = [];
  private closed = false;

  /** Embedded readers not running a query; server mode's one client is never taken. */
  private readonly idle: ClickHouseClient[];
  /** Reads waiting for a reader, first come first served. */
  private readonly waiting: ((client: ClickHouseClient) => void)[] = [];

  /**
   * Embedded mode: the order in which parameterized calls reach chdb, which runs them one at a time
   * per process anyway — reads first (engine-turns.ts). Server mode runs them side by side: none.
   */
  private readonly turns: EngineTurns | undefined;

  /** Embedded inserter connections not running an insert, and inserts waiting for one. */
  private readonly idleInserters: ChdbConnection[];
  private readonly insertWaiting: ((connection: ChdbConnection) => void)[] = [];

  private constructor(
    readonly config: GatewayConfig,
    private readonly readers: ClickHouseClient[],
    private readonly writer: ClickHouseClient,
    private readonly maintenance: ClickHouseClient,
    private readonly writerConnection: ChdbConnection | undefined,
    private readonly inserters: ChdbConnection[] = [],
    /** Embedded: the maintenance client's own connection, for the params rows of its statements. */
    private readonly maintenanceConnection?: ChdbConnection,
  ) {
    this.readBase = baseSettings(config);
    this.idle = [...readers];
    this.idleInserters = [...inserters];
    this.turns = writerConnection
      ? new EngineTurns({ readBurstMs: READ_BURST_MS, maxBackgroundWaitMs: 1_000 })
      : undefined;
  }

  /**
   * Embedded readers: the settings each one holds now (a `SET` stays on its connection, see
   * CALL_SETTING_DEFAULTS), so a read sends only those that differ — none on most reads, where six
   * `SET` statements cost ~0.7 ms of a 2–7 ms point read. Readers only: `withReader` gives a reader
   * to one call at a time, so what it holds is what its last call left. Forgotten after a failure.
   */
  private readonly readerHolds = new Map<ClickHouseClient, ClickHouseSettings>();
  /** What every read runs with before its role's and its own settings (baseSettings of the config). */
  private readonly readBase: ClickHouseSettings;

  /** What a read on `reader` must send for it to run with `given` (its own settings, if any). */
  private readerSettings(reader: ClickHouseClient, given: ClickHouseSettings | undefined): ClickHouseSettings {
    const wanted = { ...this.readBase, ...callSettings('read', given) };
    if (this.config.mode !== 'embedded') return wanted;
    // every read sends the same keys (callSettings), so what a reader holds is its last read's settings
    const held = this.readerHolds.get(reader) ?? {};
    const changed = Object.fromEntries(
      Object.entries(wanted).filter(([key, value]) => held[key as keyof ClickHouseSettings] !== value),
    ) as ClickHouseSettings;
    this.readerHolds.set(reader, wanted);
    return changed;
  }

  /** Dashboard reads running now, and when the last one ended: whether inserts should make room. */
  private readsRunning = 0;
  private lastReadEnd = Number.NEGATIVE_INFINITY;

  private beingRead(): boolean {
    return this.readsRunning > 0 || performance.now() - this.lastReadEnd < READ_BURST_MS;
  }

  /**
   * A background call's settings: its role's; for the maintenance lane its time limit
   * (maintenanceMaxExecutionSeconds, unless the call gives one), with MAINTENANCE_IN_TURN where calls take turns.
   */
  private laneSettings(lane: 'write' | 'maintenance', given?: ClickHouseSettings): ClickHouseSettings {
    if (lane === 'write') return callSettings(lane, given);
    const settings = {
      max_execution_time: this.config.maintenanceMaxExecutionSeconds ?? 600,
      ...callSettings(lane, given),
    };
    // (a call may not give these two: callSettings refuses them)
    return this.turns ? { ...settings, ...MAINTENANCE_IN_TURN } : settings;
  }

  /**
   * Parameterized calls take their turn (embedded mode); calls without parameters run at once.
   * `timing.turnWaitMs` says how long the call waited for its turn; `publishes`: see QueryOptions.
   */
  private inTurn<T>(
    turn: Turn,
    params: QueryParams,
    call: () => Promise<T>,
    { timing, publishes = false }: { timing?: { turnWaitMs?: number }; publishes?: boolean } = {},
  ): Promise<T> {
    if (!this.turns || Object.keys(params).length === 0) return call();
    const asked = performance.now();
    return this.turns.run(
      turn,
      () => {
        if (timing) timing.turnWaitMs = performance.now() - asked;
        return call();
      },
      { publishes },
    );
  }

  /**
   * A free reader, or the first to free up. chdb runs one query at a time per
   * connection, so a read handed to a busy one would queue inside the engine,
   * unseen; queueing here instead lets the wait be measured (`waitMs`) and
   * gives the next free connection to the oldest read.
   */
  private async withReader<T>(call: (client: ClickHouseClient) => Promise<T>): Promise<{ result: T; waitMs: number }> {
    if (!this.writerConnection) return { result: await call(this.readers[0]), waitMs: 0 };
    const asked = performance.now();
    const client = this.idle.pop() ?? (await new Promise<ClickHouseClient>((resolve) => this.waiting.push(resolve)));
    const waitMs = performance.now() - asked;
    try {
      return { result: await call(client), waitMs };
    } finally {
      const next = this.waiting.shift();
      if (next) next(client);
      else this.idle.push(client);
    }
  }

  /** Opens the engine `config` names (from the environment: `gatewayConfigFromEnv` in clickhouse.env.ts). */
  static open(config: GatewayConfig): ClickHouseGateway {
    const settings = baseSettings(config);
    if (config.mode === 'embedded') {
      if (config.cluster) throw new Error('a ClickHouse cluster needs server mode: the embedded engine is one node');
      // ':memory:' is chdb's throwaway engine (schema emission, tests); anything else is a data folder.
      const path = config.dataPath === ':memory:' ? ':memory:' : resolve(config.dataPath ?? '.data/clickhouse');
      if (path !== ':memory:') mkdirSync(path, { recursive: true });
      const writerConnection = openEmbedded(path);
      const writer = createClient({ connection: asClientConnection(writerConnection), clickhouse_settings: settings });
      // no settings of their own: each read sends what its reader does not hold yet (readerSettings)
      const readers = Array.from({ length: Math.max(1, config.readers ?? 3) }, () =>
        createClient({ connection: asClientConnection(createChdbConnection({ path })) }),
      );
      const maintenanceConnection = createChdbConnection({ path });
      const maintenance = createClient({
        connection: asClientConnection(maintenanceConnection),
        clickhouse_settings: settings,
      });
      const inserters = [writerConnection];
      for (let i = 1; i < Math.max(1, config.inserters ?? DEFAULT_INSERTERS); i++)
        inserters.push(createChdbConnection({ path }));
      return new ClickHouseGateway(
        config,
        readers,
        writer,
        maintenance,
        writerConnection,
        inserters,
        maintenanceConnection,
      );
    }
    if (config.cluster !== undefined && !CLUSTER_NAME.test(config.cluster))
      throw new Error(`cluster name "${config.cluster}" must be letters, digits and _ (starting with a letter)`);
    const client = createClient({
      url: config.url,
      username: config.username,
      password: config.password,
      database: config.database,
      clickhouse_settings: config.cluster ? { ...settings, ...CLUSTER_SETTINGS } : settings,
      request_timeout: ((config.maxExecutionSeconds ?? 30) + 5) * 1000,
      // Failures reach callers as typed errors (and observers); the client's own stderr log would say it twice.
      log: { level: ClickHouseLogLevel.OFF },
    });
    return new ClickHouseGateway(config, [client], client, client, undefined);
  }

  get mode(): EngineMode {
    return this.config.mode;
  }

  /**
   * Embedded mode: a value that changes whenever a write this process made to one of `tables` (or a
   * command of unknown target) has finished since the value was taken. Equal marks at two instants mean
   * no write to those tables finished between them, so whatever a read of them that started at the
   * first instant saw is still what they hold at the second. Server mode: null — other processes write
   * to the server, and only a read can tell what changed.
   */
  writeMark(tables: readonly string[]): string | null {
    if (this.config.mode !== 'embedded') return null;
    return [finishedWrites.untargeted, ...tables.map((t) => finishedWrites.byTable.get(t) ?? 0)].join(':');
  }

  /**
   * Embedded mode: the longest of this process's writes to `table` that finished in the last `withinMs`
   * (at most WRITE_SPANS_KEPT_MS) took, or that one still running has run (a write of unknown target
   * running counts for every table). An insert's rows are stamped (`received_at`) and committed inside
   * its call, so a row of a table only this process writes that was not visible at an instant R, with
   * R in the last `withinMs` and after `WRITES_TRACKED_FROM_MS`, was stamped no earlier than this long
   * before R. Server mode: null — other processes write too.
   */
  longestWriteMs(table: string, withinMs = WRITE_SPANS_KEPT_MS): number | null {
    if (this.config.mode !== 'embedded') return null;
    const now = Date.now();
    const since = now - Math.min(withinMs, WRITE_SPANS_KEPT_MS);
    let longest = 0;
    for (const span of writeSpans.finished.get(table) ?? [])
      if (span.endedMs >= since) longest = Math.max(longest, span.tookMs);
    for (const write of writeSpans.inFlight.values())
      if (write.table === table || write.table === undefined) longest = Math.max(longest, now - write.startedMs);
    return longest;
  }

  /** Adds an observer; the returned function removes it. */
  onQuery(observer: QueryObserver): () => void {
    this.observers.push(observer);
    return () => {
      this.observers = this.observers.filter((o) => o !== observer);
    };
  }

  /** Numbers the params rows of this process's background statements (table-fed-params.ts). */
  private static paramsRows = 0;
  private paramsTable: Promise<void> | undefined;

  /**
   * A maintenance-lane statement as it runs: in embedded mode with its parameters read from the params
   * table, written just before on the maintenance connection (table-fed-params.ts), so it takes no
   * parameter and runs beside the reads rather than in chdb's one line of parameterized statements;
   * else (server mode, `tableFedParameters` off, no parameters, or a form `feedFromTable` cannot rewrite
   * exactly) as given. Both ways the values never enter the SQL text.
   */
  private background<T>(
    sql: string,
    params: QueryParams,
    run: (statement: { sql: string; params: QueryParams }) => Promise<T>,
  ): Promise<T> {
    const connection = this.maintenanceConnection;
    // off (the default): the parameters and the engine's turns, exactly as before the option
    if (!connection || !this.config.tableFedParameters) return run({ sql, params });
    // One at a time on the maintenance connection, a params row and its statement together, as the
    // engine's turns kept them when every one of them had parameters.
    const turn = this.backgroundLine.then(() => this.fed(connection, sql, params, run));
    this.backgroundLine = turn.catch(() => undefined);
    return turn;
  }
  /** The maintenance connection's line of statements (`background`). */
  private backgroundLine: Promise<unknown> = Promise.resolve();

  private async fed<T>(
    connection: ChdbConnection,
    sql: string,
    params: QueryParams,
    run: (statement: { sql: string; params: QueryParams }) => Promise<T>,
  ): Promise<T> {
    if (Object.keys(params).length === 0) return run({ sql, params });
    const id = ++ClickHouseGateway.paramsRows;
    const fedSql = feedFromTable(sql, id);
    if (fedSql === null) return run({ sql, params });
    this.paramsTable ??= (async () => {
      for (const ddl of STATEMENT_PARAMS_DDL) await this.maintenance.command({ query: ddl });
    })().catch((error: unknown) => {
      this.paramsTable = undefined; // the next statement tries again
      throw error;
    });
    await this.paramsTable;
    await connection.chdb.rawInsert({
      table: STATEMENT_PARAMS_TABLE,
      values: Buffer.from(paramsRow(id, params)),
      format: 'JSONEachRow',
      settings: PARAMS_ROW_SETTINGS,
    });
    return run({ sql: fedSql, params: {} });
  }

  /** Runs a SELECT with typed `{name:Type}` placeholders; values travel as query parameters only. */
  async query<T>(sql: string, params: QueryParams, options: QueryOptions): Promise<T[]> {
    if (options.lane === 'maintenance') {
      return this.run('query', options.tag, (timing) =>
        this.background(sql, params, (statement) =>
          this.inTurn(
            'background',
            statement.params,
            async () => {
              const rows = await this.maintenance.query({
                query: statement.sql,
                query_params: statement.params,
                format: 'JSONEachRow',
                clickhouse_settings: this.laneSettings('maintenance', options.settings),
              });
              return (await rows.json()) as T[];
            },
            { timing },
          ),
        ),
      );
    }
    return this.run('query', options.tag, async (timing) => {
      this.readsRunning++;
      let reading: { result: T[]; waitMs: number };
      try {
        reading = await this.withReader((reader) =>
          this.inTurn(
            'read',
            params,
            async () => {
              try {
                const rows = await reader.query({
                  query: sql,
                  query_params: params,
                  format: 'JSONEachRow',
                  clickhouse_settings: this.readerSettings(reader, options.settings),
                  http_headers: this.config.mode === 'server' ? { 'X-ClickHouse-Query-Tag': options.tag } : undefined,
                });
                return (await rows.json()) as T[];
              } catch (error) {
                this.readerHolds.delete(reader);
                throw error;
              }
            },
            { timing },
          ),
        );
      } finally {
        this.readsRunning--;
        this.lastReadEnd = performance.now();
      }
      timing.waitMs = reading.waitMs;
      return reading.result;
    });
  }

  /** Runs DDL or `INSERT … SELECT` (no result rows) on the writer connection. */
  async command(sql: string, params: QueryParams, options: QueryOptions): Promise<void> {
    await this.run(
      'command',
      options.tag,
      async (timing) => {
        const lane = options.lane ?? 'write';
        const client = lane === 'maintenance' ? this.maintenance : this.writer;
        const run = (statement: { sql: string; params: QueryParams }) =>
          this.inTurn(
            'background',
            statement.params,
            () =>
              client.command({
                query: statement.sql,
                query_params: statement.params,
                clickhouse_settings: this.laneSettings(lane, options.settings),
              }),
            { timing, publishes: options.publishes },
          );
        await (lane === 'maintenance' ? this.background(sql, params, run) : run({ sql, params }));
      },
      { table: insertTarget(sql) },
    );
  }

  /** Inserts rows as JSONEachRow. Embedded mode hands the bytes straight to the engine's parser. */
  async insert(table: string, rows: readonly object[], options: QueryOptions): Promise<void> {
    if (rows.length === 0) return;
    if (this.writerConnection) {
      let body = '';
      for (const row of rows) body += JSON.stringify(row) + '\n';
      return this.insertJsonEachRow(table, Buffer.from(body), options);
    }
    await this.run(
      'insert',
      options.tag,
      async () => {
        await this.writer.insert({
          table,
          values: rows as object[],
          format: 'JSONEachRow',
          clickhouse_settings: ROLE_SETTINGS.write,
        });
      },
      { table },
    );
  }

  /** How many inserts can run at once: embedded, the inserter connections; server mode, the client's sockets (no limit here). */
  get insertLanes(): number {
    return this.writerConnection ? this.inserters.length : Infinity;
  }

  /**
   * Inserts an already-serialised JSONEachRow buffer (the ingest hot path). Embedded mode: on a free
   * inserter connection, or the first to free up, so inserts called together run side by side.
   */
  async insertJsonEachRow(table: string, body: Buffer, options: QueryOptions): Promise<void> {
    if (body.length === 0) return;
    const embedded = this.writerConnection !== undefined;
    await this.run(
      'insert',
      options.tag,
      async (timing) => {
        if (embedded) {
          const asked = performance.now();
          const connection =
            this.idleInserters.pop() ??
            (await new Promise<ChdbConnection>((resolve) => this.insertWaiting.push(resolve)));
          timing.waitMs = performance.now() - asked;
          try {
            await connection.chdb.rawInsert({
              table,
              values: body,
              format: 'JSONEachRow',
              settings: this.beingRead() ? WRITE_BESIDE_READS : ROLE_SETTINGS.write,
            });
          } finally {
            const next = this.insertWaiting.shift();
            if (next) next(connection);
            else this.idleInserters.push(connection);
          }
        } else {
          // The bytes as they are, as the request body (`insert` would want objects for a JSON format,
          // i.e. a parse and a re-serialisation per row). `table` is always a name from the code.
          const result = await this.writer.exec({
            query: `INSERT INTO ${table} FORMAT JSONEachRow`,
            values: Readable.from([body]),
            clickhouse_settings: this.config.asyncInsertMs
              ? {
                  ...ROLE_SETTINGS.write,
                  async_insert: 1,
                  wait_for_async_insert: 1,
                  async_insert_busy_timeout_max_ms: this.config.asyncInsertMs,
                }
              : ROLE_SETTINGS.write,
          });
          // The answer of an INSERT is empty; reading it to the end frees the socket for the next call.
          await finished(result.stream.resume());
        }
      },
      { table },
    );
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
    // The first inserter is the writer's own connection, closed with it.
    for (const inserter of this.inserters.slice(1)) await inserter.close();
    if (this.maintenance !== this.writer) await this.maintenance.close();
    for (const reader of this.readers) if (reader !== this.writer) await reader.close();
    // chdb defers destroying a connection that still runs a query (a read abandoned by its caller, a
    // background round) and keeps the process's one data folder bound until it does: wait for that, so
    // a closed gateway has really let go — the next open on another folder (a test file after this one,
    // a restart) would otherwise be refused
    if (this.config.mode === 'embedded') await drainPending();
  }

  /**
   * Runs `call`, reporting every attempt to the observers. Only connection
   * errors are tried again: a query error would fail the same way, and a
   * timeout has already spent its time limit. Nothing is retried once closed.
   */
  private run<T>(
    kind: 'query' | 'command' | 'insert',
    tag: string,
    call: (timing: { waitMs?: number; turnWaitMs?: number }) => Promise<T>,
    write?: { table: string | undefined },
  ): Promise<T> {
    const attempt = async (): Promise<T> => {
      const started = performance.now();
      const timing: { waitMs?: number; turnWaitMs?: number } = {};
      const span = write && this.writerConnection ? startWrite(write.table) : undefined;
      // settled (written or failed) before anyone awaiting the call resumes: see writeMark and longestWriteMs
      const settled = () => {
        span?.();
        if (write && this.writerConnection) noteWrite(write.table);
      };
      try {
        if (this.closed) throw new ClickHouseException(ClickHouseErrorCode.CONNECTION, tag, 'gateway is closed');
        const result = await call(timing);
        settled();
        this.notify({ tag, kind, ms: performance.now() - started, ...timing });
        return result;
      } catch (raw) {
        settled();
        const error = toClickHouseException(raw, tag);
        this.notify({ tag, kind, ms: performance.now() - started, ...timing, error });
        throw error;
      }
    };
    return backOff(attempt, {
      ...RETRY_BACKOFF,
      numOfAttempts: attemptsFor(this.config.retries),
      retry: (error: ClickHouseException) => error.transient && !this.closed,
    });
  }

  private notify(event: Parameters<QueryObserver>[0]): void {
    for (const observer of this.observers) observer(event);
  }
}

/**
 * A process's start: opens the engine, or says in one line why it cannot (e.g. the data folder is
 * in use by another process) and exits with code 1 — no stack trace for an expected failure.
 */
export function openGatewayOrExit(config: GatewayConfig): ClickHouseGateway {
  try {
    return ClickHouseGateway.open(config);
  } catch (error) {
    if (!(error instanceof ClickHouseException)) throw error;
    process.stderr.write(`cannot start: ${error.message.replace(/^\[\w+\] open: /, '')}\n`);
    process.exit(1);
  }
}
