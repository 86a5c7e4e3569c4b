/** Options of `npm run bench:ingest`; `--quick` shrinks the run to a smoke test of a few seconds. */
export interface BenchOptions {
  quick: boolean;
  /** Events generated (the run stops early when they are all sent). */
  events: number;
  /** Seconds of load before measuring: the engine and JIT settle first. */
  warmupSeconds: number;
  /** Seconds measured. */
  durationSeconds: number;
  /** Concurrent HTTP clients, each with one request in flight. */
  clients: number;
  /** Events per request body. */
  batch: number;
  /** Send `application/x-ndjson` instead of `{"events":[…]}`. */
  ndjson: boolean;
  /** Gzip the bodies (compressed before the timed phase, like everything else). */
  gzip: boolean;
  /** Writer settings passed to the server; unset keeps the server's defaults. */
  flushRows?: number;
  flushMs?: number;
  /** INGEST_PARSE_WORKERS for the server (0: parse on the event loop); unset keeps the server's default. */
  parseWorkers?: number;
  /** INGEST_MAX_WAIT_MS for the server; unset keeps the server's default. */
  maxWaitMs?: number;
  /** CLICKHOUSE_INSERTERS for the server (inserts at once); unset keeps the server's default. */
  inserters?: number;
  /** INGEST_ACK for the server (`engine`: answer once committed; `log`: once in the write-ahead log); unset keeps the server's default. */
  ack?: 'engine' | 'log';
  /** Turn the server's rollup rebuilds off, to see what they cost. */
  rollups: boolean;
  /** Folder for the server's `--cpu-prof` output. */
  profileDir?: string;
  seed: string;
  /** Server entry to run instead of the built ingest/dist/main.js (e.g. an older build, for before/after). */
  serverEntry?: string;
  /** Keep the temp data folders (to inspect them). */
  keep: boolean;
}

export const BENCH_USAGE = `usage: node ingest/dist/bench/ingest.bench.js [options]
  --quick              short run (600 k events, 3 s measured)
  --events N           events to generate (default 3,000,000)
  --warmup S           seconds of load before measuring (default 2)
  --duration S         seconds measured (default 15)
  --clients N          concurrent HTTP clients (default 32)
  --batch N            events per request (default 500)
  --ndjson             send application/x-ndjson bodies
  --gzip               gzip the bodies
  --flush-rows N       INGEST_FLUSH_ROWS for the server (default: the server's)
  --flush-ms N         INGEST_FLUSH_MS for the server (default: the server's)
  --parse-workers N    INGEST_PARSE_WORKERS for the server (0: parse on the event loop)
  --max-wait-ms N      INGEST_MAX_WAIT_MS for the server (429 beyond this expected commit wait)
  --inserters N        CLICKHOUSE_INSERTERS for the server (inserts at once; 1: one after another)
  --ack engine|log     INGEST_ACK for the server (answer once committed, or once in the write-ahead log)
  --no-rollups         disable the server's rollup rebuilds
  --profile DIR        run the server with --cpu-prof, profiles written to DIR
  --seed S             simulator seed (default "bench")
  --server FILE        run this server entry instead of ingest/dist/main.js
  --keep               keep the temp data folders`;

export class BenchUsageError extends Error {}

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const quick = argv.includes('--quick');
  const options: BenchOptions = {
    quick,
    events: quick ? 600_000 : 3_000_000,
    warmupSeconds: quick ? 0.5 : 2,
    durationSeconds: quick ? 3 : 15,
    clients: 32,
    batch: 500,
    ndjson: false,
    gzip: false,
    rollups: true,
    seed: 'bench',
    keep: false,
  };
  const positive = (flag: string, value: string | undefined): number => {
    const n = Number(value);
    if (value === undefined || !Number.isFinite(n) || n <= 0)
      throw new BenchUsageError(`${flag} needs a positive number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    switch (flag) {
      case '--quick':
      case '--help':
        break;
      case '--events':
        options.events = Math.round(positive(flag, argv[++i]));
        break;
      case '--warmup':
        options.warmupSeconds = positive(flag, argv[++i]);
        break;
      case '--duration':
        options.durationSeconds = positive(flag, argv[++i]);
        break;
      case '--clients':
        options.clients = Math.round(positive(flag, argv[++i]));
        break;
      case '--batch':
        options.batch = Math.round(positive(flag, argv[++i]));
        break;
      case '--ndjson':
        options.ndjson = true;
        break;
      case '--gzip':
        options.gzip = true;
        break;
      case '--flush-rows':
        options.flushRows = Math.round(positive(flag, argv[++i]));
        break;
      case '--flush-ms':
        options.flushMs = Math.round(positive(flag, argv[++i]));
        break;
      case '--parse-workers': {
        const value = Number(argv[++i]);
        if (!Number.isInteger(value) || value < 0) throw new BenchUsageError(`${flag} needs a whole number`);
        options.parseWorkers = value;
        break;
      }
      case '--inserters':
        options.inserters = Math.round(positive(flag, argv[++i]));
        break;
      case '--ack': {
        const ack = argv[++i];
        if (ack !== 'engine' && ack !== 'log') throw new BenchUsageError('--ack needs engine or log');
        options.ack = ack;
        break;
      }
      case '--max-wait-ms':
        options.maxWaitMs = Math.round(positive(flag, argv[++i]));
        break;
      case '--no-rollups':
        options.rollups = false;
        break;
      case '--profile': {
        const dir = argv[++i];
        if (dir === undefined) throw new BenchUsageError('--profile needs a folder');
        options.profileDir = dir;
        break;
      }
      case '--seed': {
        const seed = argv[++i];
        if (seed === undefined) throw new BenchUsageError('--seed needs a value');
        options.seed = seed;
        break;
      }
      case '--server': {
        const file = argv[++i];
        if (file === undefined) throw new BenchUsageError('--server needs a file');
        options.serverEntry = file;
        break;
      }
      case '--keep':
        options.keep = true;
        break;
      default:
        throw new BenchUsageError(`unknown option ${flag}`);
    }
  }
  return options;
}
