import { join } from 'node:path';
import { EnvError, parseEnv } from '@lc/clickhouse';
import { ingestConfigFromEnv, ingestEnvSchema } from './ingest.env.js';

function problemsOf(source: Record<string, string>): readonly string[] {
  try {
    parseEnv(ingestEnvSchema, source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  throw new Error('expected the environment to be refused');
}

describe('ingestEnvSchema', () => {
  it('keeps the documented defaults: port 4001, info logs, and the intake limits', () => {
    const env = parseEnv(ingestEnvSchema, {});
    expect(env).toMatchObject({ PORT: 4001, LOG_LEVEL: 'info', DATA_DIR: '.data/clickhouse', CLICKHOUSE_RETRIES: 2 });
    expect(ingestConfigFromEnv(env)).toEqual({
      maxBodyBytes: 10 * 1024 * 1024,
      maxEvents: 10_000,
      writer: { maxBatchRows: 20_000, maxDelayMs: 20, maxBufferedRows: 500_000, ackOnLog: false },
      rollupIntervalMs: 250,
      walDir: join('.data', 'wal'),
      walMaxBytes: 1024 * 1024 * 1024,
      maxAgeMs: 400 * 24 * 3600 * 1000,
      maxFutureMs: 300 * 1000,
    });
  });

  it('reads every setting as a whole number in its unit; the log sits beside DATA_DIR unless INGEST_WAL_DIR says', () => {
    const env = parseEnv(ingestEnvSchema, {
      PORT: '5001',
      LOG_LEVEL: 'warn',
      DATA_DIR: '/srv/lc/clickhouse',
      INGEST_MAX_BODY_BYTES: '1048576',
      INGEST_MAX_EVENTS: '500',
      INGEST_FLUSH_ROWS: '1000',
      INGEST_FLUSH_MS: '5',
      INGEST_MAX_BUFFERED_ROWS: '20000',
      INGEST_MAX_AGE_DAYS: '2',
      INGEST_MAX_FUTURE_SECONDS: '0',
      INGEST_WAL_MAX_BYTES: '4096',
      INGEST_ACK: 'log',
      ROLLUP_INTERVAL_MS: '100',
    });
    expect(env).toMatchObject({ PORT: 5001, LOG_LEVEL: 'warn' });
    expect(ingestConfigFromEnv(env)).toEqual({
      maxBodyBytes: 1_048_576,
      maxEvents: 500,
      writer: { maxBatchRows: 1000, maxDelayMs: 5, maxBufferedRows: 20_000, ackOnLog: true },
      rollupIntervalMs: 100,
      walDir: '/srv/lc/wal',
      walMaxBytes: 4096,
      maxAgeMs: 2 * 86_400_000,
      maxFutureMs: 0,
    });
    expect(ingestConfigFromEnv(parseEnv(ingestEnvSchema, { INGEST_WAL_DIR: '/var/wal' })).walDir).toBe('/var/wal');
  });

  it.each([
    ['INGEST_FLUSH_MS', 'abc', 'expected a whole number from 1 to 60000 (milliseconds)'],
    ['INGEST_FLUSH_MS', '0', 'expected a whole number from 1 to 60000 (milliseconds)'],
    ['INGEST_FLUSH_ROWS', '20k', 'expected a whole number from 1 to 10000000 (rows)'],
    ['INGEST_MAX_BODY_BYTES', '-1', 'expected a whole number from 1 to 1073741824 (bytes, after gunzip)'],
    ['INGEST_MAX_EVENTS', '1.5', 'expected a whole number from 1 to 1000000 (events per request)'],
    ['INGEST_MAX_BUFFERED_ROWS', 'NaN', 'expected a whole number from 1 to 100000000 (rows)'],
    ['INGEST_MAX_AGE_DAYS', '0', 'expected a whole number from 1 to 100000 (days)'],
    ['INGEST_MAX_FUTURE_SECONDS', 'soon', 'expected a whole number from 0 to 31536000 (seconds)'],
    ['INGEST_WAL_MAX_BYTES', '1GiB', 'expected a whole number from 0 to 1099511627776 (bytes)'],
    ['ROLLUP_INTERVAL_MS', '86400001', 'expected a whole number from 1 to 86400000 (milliseconds)'],
    ['PORT', '65536', 'expected a whole number from 1 to 65535'],
    ['INGEST_ACK', 'wal', 'expected one of engine, log'],
    ['LOG_LEVEL', 'verbose', 'expected one of fatal, error, warn, info, debug, trace, silent'],
    ['CLICKHOUSE_READERS', 'x', 'expected a whole number from 1 to 64 (connections)'],
  ])('refuses %s=%j, naming the variable, the value and what is allowed', (name, value, expected) => {
    expect(problemsOf({ [name]: value })).toEqual([`${name}=${JSON.stringify(value)}: ${expected}`]);
  });
});
