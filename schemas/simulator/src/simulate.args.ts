import { parseArgs } from 'node:util';
import type { SimulationOptions } from './simulator.js';

/** The command line of simulate.cli, kept apart from the CLI so it can be tested without running anything. */

export const USAGE = `Usage: node schemas/simulator/dist/simulate.cli.js [options]

Generates deterministic live-commerce demo data and loads it into ClickHouse
(running migrations first) or writes it as NDJSON for POST /v1/events.

  --seed <value>       random seed, number or text (default 42)
  --events <n>         about how many events (default 50000; 5k, 1.5M, 1e8 and 100_000 work)
  --days <n>           length of the period in days (default 28)
  --end <date>         end of the period, exclusive: 2026-03-01 (midnight UTC) or an ISO
                       timestamp (default: now, so the ingest route accepts every event)
  --brands <n>         number of brands (default 3, more when --events needs them)
  --brand <id>         only this brand's data (repeatable); the run is otherwise unchanged
  --data-dir <path>    embedded ClickHouse data folder to load into (default: DATA_DIR or
                       .data/clickhouse, or the server of CLICKHOUSE_URL when set)
  --ndjson <file>      write NDJSON instead of loading: <file> for a single brand, else
                       one <name>.<brandId>.ndjson per brand, plus <name>.brands.json
  --batch <rows>       rows per insert when loading (default 100000)
  --validate           check every event against the ingest contract while loading (slower)
  -h, --help           show this help`;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type SimulateCommand =
  | { kind: 'help' }
  | {
      kind: 'load';
      simulation: SimulationOptions;
      /** undefined: the engine named by the environment (gatewayConfigFromEnv). */
      dataDir: string | undefined;
      batchRows: number;
      validate: boolean;
    }
  | { kind: 'ndjson'; simulation: SimulationOptions; file: string };

const SUFFIX: Record<string, number> = { '': 1, k: 1e3, m: 1e6, g: 1e9 };

/** `100000`, `100_000`, `100,000`, `1e6`, `5k`, `1.5M` → a positive whole number. */
export function parseCount(text: string, option: string): number {
  const match = /^(\d+(?:\.\d+)?(?:e\d+)?)([kmg]?)$/i.exec(text.replace(/[_,]/g, ''));
  const value = match ? Number(match[1]) * SUFFIX[match[2].toLowerCase()] : Number.NaN;
  if (!Number.isFinite(value) || value < 1 || !Number.isInteger(value)) {
    throw new UsageError(`--${option} must be a positive whole number such as 50000, 5k or 1.5M (got "${text}")`);
  }
  return value;
}

function parseDays(text: string): number {
  const days = Number(text);
  if (!Number.isFinite(days) || days <= 0 || days > 3660) {
    throw new UsageError(`--days must be a number of days between 0 and 3660 (got "${text}")`);
  }
  return days;
}

function parseEnd(text: string): Date {
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text;
  const ms = Date.parse(iso);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(ms)) {
    throw new UsageError(`--end must be a date (2026-03-01) or an ISO timestamp with offset (got "${text}")`);
  }
  return new Date(ms);
}

const OPTIONS = {
  seed: { type: 'string' },
  events: { type: 'string' },
  days: { type: 'string' },
  end: { type: 'string' },
  brands: { type: 'string' },
  brand: { type: 'string', multiple: true },
  'data-dir': { type: 'string' },
  ndjson: { type: 'string' },
  batch: { type: 'string' },
  validate: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function readOptions(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], strict: true, allowPositionals: false, options: OPTIONS }).values;
  } catch (error) {
    // parseArgs explains itself ("Unknown option '--x'"); only the help hint is added.
    // Duck-typed: the error may come from another realm (jest's VM), where instanceof Error fails.
    const message =
      typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
    throw new UsageError(`${message}\nRun with --help for the options.`);
  }
}

export function parseSimulateArgs(argv: readonly string[]): SimulateCommand {
  const values = readOptions(argv);
  if (values.help) return { kind: 'help' };
  if (values['data-dir'] !== undefined && values.ndjson !== undefined) {
    throw new UsageError('--data-dir and --ndjson exclude each other: load into ClickHouse, or write NDJSON');
  }
  for (const option of ['seed', 'data-dir', 'ndjson'] as const) {
    if (values[option] === '') throw new UsageError(`--${option} must not be empty`);
  }
  if (values.ndjson !== undefined && (values.validate || values.batch !== undefined)) {
    throw new UsageError('--validate and --batch apply to loading, not to --ndjson');
  }

  const seedText = values.seed ?? '42';
  const simulation: SimulationOptions = {
    // A numeric seed stays a number, so `--seed 42` and simulate({ seed: 42 }) make the same data.
    seed: /^\d{1,9}$/.test(seedText) ? Number(seedText) : seedText,
    targetEvents: values.events === undefined ? undefined : parseCount(values.events, 'events'),
    days: values.days === undefined ? undefined : parseDays(values.days),
    endDate: values.end === undefined ? undefined : parseEnd(values.end),
    brands: values.brands === undefined ? undefined : parseCount(values.brands, 'brands'),
    onlyBrands: values.brand,
  };
  if (values.ndjson !== undefined) return { kind: 'ndjson', simulation, file: values.ndjson };
  return {
    kind: 'load',
    simulation,
    dataDir: values['data-dir'],
    batchRows: values.batch === undefined ? 100_000 : parseCount(values.batch, 'batch'),
    validate: values.validate ?? false,
  };
}
