import { resolve } from 'node:path';
import { z } from 'zod';
import type { GatewayConfig } from './clickhouse.gateway.js';
import { CLUSTER_NAME } from './cluster.ddl.js';

/**
 * Configuration is a schema: each process declares its environment as one zod
 * object (this engine part, composed into the ingest, API and all-in-one
 * schemas), parses it once at start with `loadEnv` and passes the typed result
 * down. The field helpers below make every variable fail the same way, naming
 * the variable, the value and what is allowed.
 */

export type EnvSource = Readonly<Record<string, string | undefined>>;

/** Unset or blank counts as not set: compose files pass `${X}` as an empty string when X is unset. */
function isBlank(raw: string | undefined): raw is undefined | '' {
  return raw === undefined || raw.trim() === '';
}

interface WholeNumberLimits {
  min: number;
  max?: number;
  /** Shown in the error, e.g. `milliseconds`. */
  unit?: string;
}

/** pino's levels, most to least severe, and `silent`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Field types of environment schemas. Each parses a raw `string | undefined` and explains a refusal. */
export const envVar = {
  /** A whole number within limits; `fallback` when unset. Refuses `1e3`, `2.5`, `20ms`. */
  wholeNumber(fallback: number, { min, max, unit }: WholeNumberLimits) {
    const range = max === undefined ? `≥ ${min}` : `from ${min} to ${max}`;
    const expected = `expected a whole number ${range}${unit ? ` (${unit})` : ''}`;
    return z
      .string()
      .optional()
      .transform((raw, ctx) => {
        if (isBlank(raw)) return fallback;
        const digits = raw.trim();
        const value = Number(digits);
        const inRange = value >= min && (max === undefined || value <= max);
        if (!/^\d+$/.test(digits) || !Number.isSafeInteger(value) || !inRange) {
          ctx.addIssue({ code: 'custom', message: expected });
          return z.NEVER;
        }
        return value;
      });
  },

  /** A TCP port to listen on. */
  port(fallback: number) {
    return envVar.wholeNumber(fallback, { min: 1, max: 65_535 });
  },

  /** Free text; `fallback` when unset. */
  text(fallback: string) {
    return z
      .string()
      .optional()
      .transform((raw): string => (isBlank(raw) ? fallback : raw));
  },

  /** Free text, or undefined when unset. */
  optionalText() {
    return z
      .string()
      .optional()
      .transform((raw): string | undefined => (isBlank(raw) ? undefined : raw));
  },

  /** One of `values`; `fallback` when unset. */
  oneOf<const T extends string>(values: readonly T[], fallback: NoInfer<T>) {
    const expected = `expected one of ${values.join(', ')}`;
    return z
      .string()
      .optional()
      .transform((raw, ctx): T => {
        if (isBlank(raw)) return fallback;
        const value = raw.trim();
        if (!(values as readonly string[]).includes(value)) {
          ctx.addIssue({ code: 'custom', message: expected });
          return z.NEVER;
        }
        return value as T;
      });
  },

  /** One of pino's levels. */
  logLevel(fallback: LogLevel = 'info') {
    return envVar.oneOf(LOG_LEVELS, fallback);
  },

  /** Text matching `pattern`, or undefined when unset; `expected` says what is allowed. */
  optionalMatching(pattern: RegExp, expected: string) {
    return z
      .string()
      .optional()
      .transform((raw, ctx): string | undefined => {
        if (isBlank(raw)) return undefined;
        const value = raw.trim();
        if (!pattern.test(value)) {
          ctx.addIssue({ code: 'custom', message: expected });
          return z.NEVER;
        }
        return value;
      });
  },

  /** An http(s) URL, or undefined when unset. */
  httpUrl() {
    const expected = 'expected an http(s) URL such as http://localhost:8123';
    return z
      .string()
      .optional()
      .transform((raw, ctx): string | undefined => {
        if (isBlank(raw)) return undefined;
        const url = raw.trim();
        const protocol = URL.canParse(url) ? new URL(url).protocol : '';
        if (protocol !== 'http:' && protocol !== 'https:') {
          ctx.addIssue({ code: 'custom', message: expected });
          return z.NEVER;
        }
        return url;
      });
  },
};

/** The engine's settings, shared by every process that opens the gateway. Defaults as documented in README. */
export const clickhouseEnvSchema = z.object({
  /** Embedded engine data folder (one process per folder). */
  DATA_DIR: envVar.text('.data/clickhouse'),
  /** Set: a ClickHouse server instead of the embedded engine. */
  CLICKHOUSE_URL: envVar.httpUrl(),
  CLICKHOUSE_USER: envVar.text('default'),
  CLICKHOUSE_PASSWORD: envVar.text(''),
  CLICKHOUSE_DATABASE: envVar.text('default'),
  CLICKHOUSE_MAX_EXECUTION_SECONDS: envVar.wholeNumber(30, { min: 1, max: 86_400, unit: 'seconds' }),
  /** Background work's limit (rollup rounds, cleanup): a long stream's rebuild outlasts a read's. */
  CLICKHOUSE_ROLLUP_MAX_EXECUTION_SECONDS: envVar.wholeNumber(600, { min: 1, max: 86_400, unit: 'seconds' }),
  CLICKHOUSE_RETRIES: envVar.wholeNumber(2, { min: 0, max: 10 }),
  CLICKHOUSE_READERS: envVar.wholeNumber(3, { min: 1, max: 64, unit: 'connections' }),
  /** Embedded: connections running inserts side by side (the writer's and the ingest writer's lanes). */
  CLICKHOUSE_INSERTERS: envVar.wholeNumber(1, { min: 1, max: 16, unit: 'connections' }),
  /** Server mode: > 0 sends ingest inserts through the server's async insert queue, flushed within this many ms. */
  CLICKHOUSE_ASYNC_INSERT_MS: envVar.wholeNumber(0, { min: 0, max: 60_000, unit: 'milliseconds' }),
  /** Set (with CLICKHOUSE_URL): the servers' cluster; migrations make replicated tables behind Distributed ones. */
  CLICKHOUSE_CLUSTER: envVar.optionalMatching(
    CLUSTER_NAME,
    "expected the cluster's name in the servers' remote_servers: a letter, then letters, digits or _ (64 at most)",
  ),
});

export type ClickHouseEnv = z.output<typeof clickhouseEnvSchema>;

/**
 * The gateway settings the (parsed) environment names: server mode when CLICKHOUSE_URL is set. A
 * cluster without a server is refused (`EnvError`, naming CLICKHOUSE_CLUSTER).
 */
export function gatewayConfigFromEnv(env: ClickHouseEnv): GatewayConfig {
  const common = {
    maxExecutionSeconds: env.CLICKHOUSE_MAX_EXECUTION_SECONDS,
    maintenanceMaxExecutionSeconds: env.CLICKHOUSE_ROLLUP_MAX_EXECUTION_SECONDS,
    retries: env.CLICKHOUSE_RETRIES,
    readers: env.CLICKHOUSE_READERS,
    inserters: env.CLICKHOUSE_INSERTERS,
  };
  if (env.CLICKHOUSE_URL) {
    return {
      mode: 'server',
      url: env.CLICKHOUSE_URL,
      username: env.CLICKHOUSE_USER,
      password: env.CLICKHOUSE_PASSWORD,
      database: env.CLICKHOUSE_DATABASE,
      ...(env.CLICKHOUSE_CLUSTER ? { cluster: env.CLICKHOUSE_CLUSTER } : {}),
      ...(env.CLICKHOUSE_ASYNC_INSERT_MS > 0 ? { asyncInsertMs: env.CLICKHOUSE_ASYNC_INSERT_MS } : {}),
      ...common,
    };
  }
  if (env.CLICKHOUSE_CLUSTER)
    throw new EnvError([
      `CLICKHOUSE_CLUSTER=${JSON.stringify(env.CLICKHOUSE_CLUSTER)}: needs CLICKHOUSE_URL (the embedded engine is one node, not a cluster)`,
    ]);
  if (env.CLICKHOUSE_ASYNC_INSERT_MS > 0) throw new EnvError([asyncInsertProblem(env.CLICKHOUSE_ASYNC_INSERT_MS)]);
  return { mode: 'embedded', dataPath: resolve(env.DATA_DIR), ...common };
}

function asyncInsertProblem(ms: number): string {
  return `CLICKHOUSE_ASYNC_INSERT_MS="${ms}": needs CLICKHOUSE_URL (the embedded engine has no async insert queue)`;
}

/** Invalid settings, one line per variable: `NAME="value": what is allowed`. */
export class EnvError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'EnvError';
  }
}

/**
 * Rules across variables, checked for every schema that has the variables (the ingest, API and
 * all-in-one schemas extend the engine's with overlapping keys, so these cannot be refinements).
 */
function crossVariableProblems(env: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (env.CLICKHOUSE_CLUSTER && !env.CLICKHOUSE_URL)
    problems.push(
      `CLICKHOUSE_CLUSTER=${JSON.stringify(env.CLICKHOUSE_CLUSTER)}: needs CLICKHOUSE_URL (the embedded engine is one node, not a cluster)`,
    );
  if (typeof env.CLICKHOUSE_ASYNC_INSERT_MS === 'number' && env.CLICKHOUSE_ASYNC_INSERT_MS > 0 && !env.CLICKHOUSE_URL)
    problems.push(asyncInsertProblem(env.CLICKHOUSE_ASYNC_INSERT_MS));
  return problems;
}

/** Parses an environment with a process's schema; throws `EnvError` naming every bad variable. */
export function parseEnv<S extends z.ZodObject>(schema: S, source: EnvSource): z.output<S> {
  const result = schema.safeParse(source);
  if (result.success) {
    const problems = crossVariableProblems(result.data as Record<string, unknown>);
    if (problems.length > 0) throw new EnvError(problems);
    return result.data;
  }
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '(environment)');
    return `${name}=${JSON.stringify(source[name] ?? '')}: ${issue.message}`;
  });
  throw new EnvError(problems);
}

/**
 * The start of a process: parses its environment once, or prints what is wrong
 * (no stack trace) and exits with code 1. The only reader of `process.env`.
 */
export function loadEnv<S extends z.ZodObject>(schema: S, source: EnvSource = process.env): z.output<S> {
  try {
    return parseEnv(schema, source);
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    for (const problem of error.problems) process.stderr.write(`invalid configuration: ${problem}\n`);
    process.exit(1);
  }
}
