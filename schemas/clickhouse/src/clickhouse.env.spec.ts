import { resolve } from 'node:path';
import { jest } from '@jest/globals';
import { clickhouseEnvSchema, EnvError, gatewayConfigFromEnv, loadEnv, parseEnv } from './clickhouse.env.js';

function problemsOf(source: Record<string, string>): readonly string[] {
  try {
    parseEnv(clickhouseEnvSchema, source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  throw new Error('expected the environment to be refused');
}

describe('clickhouseEnvSchema', () => {
  it('defaults to the embedded engine in .data/clickhouse with 30 s queries, 2 retries, 3 readers and 1 inserter', () => {
    const env = parseEnv(clickhouseEnvSchema, {});
    expect(env).toEqual({
      DATA_DIR: '.data/clickhouse',
      CLICKHOUSE_URL: undefined,
      CLICKHOUSE_USER: 'default',
      CLICKHOUSE_PASSWORD: '',
      CLICKHOUSE_DATABASE: 'default',
      CLICKHOUSE_MAX_EXECUTION_SECONDS: 30,
      CLICKHOUSE_ROLLUP_MAX_EXECUTION_SECONDS: 600,
      CLICKHOUSE_RETRIES: 2,
      CLICKHOUSE_READERS: 3,
      CLICKHOUSE_INSERTERS: 1,
      CLICKHOUSE_ASYNC_INSERT_MS: 0,
    });
    expect(gatewayConfigFromEnv(env)).toEqual({
      mode: 'embedded',
      dataPath: resolve('.data/clickhouse'),
      maxExecutionSeconds: 30,
      maintenanceMaxExecutionSeconds: 600,
      retries: 2,
      readers: 3,
      inserters: 1,
    });
  });

  it('names a server with CLICKHOUSE_URL and takes numbers as whole numbers', () => {
    const env = parseEnv(clickhouseEnvSchema, {
      CLICKHOUSE_URL: 'https://ch.example.com:8443',
      CLICKHOUSE_USER: 'app',
      CLICKHOUSE_PASSWORD: 's3cret',
      CLICKHOUSE_DATABASE: 'livecommerce',
      CLICKHOUSE_MAX_EXECUTION_SECONDS: ' 120 ',
      CLICKHOUSE_ROLLUP_MAX_EXECUTION_SECONDS: '3600',
      CLICKHOUSE_RETRIES: '0',
      CLICKHOUSE_READERS: '8',
      CLICKHOUSE_INSERTERS: '2',
      UNRELATED: 'ignored',
    });
    expect(gatewayConfigFromEnv(env)).toEqual({
      mode: 'server',
      url: 'https://ch.example.com:8443',
      username: 'app',
      password: 's3cret',
      database: 'livecommerce',
      maxExecutionSeconds: 120,
      maintenanceMaxExecutionSeconds: 3600,
      retries: 0,
      readers: 8,
      inserters: 2,
    });
  });

  it('takes an empty value as unset (compose passes ${X} as "" when X is unset)', () => {
    const env = parseEnv(clickhouseEnvSchema, { CLICKHOUSE_URL: '', CLICKHOUSE_RETRIES: '', DATA_DIR: ' ' });
    expect(gatewayConfigFromEnv(env)).toMatchObject({
      mode: 'embedded',
      dataPath: resolve('.data/clickhouse'),
      retries: 2,
    });
  });

  it.each([
    ['CLICKHOUSE_MAX_EXECUTION_SECONDS', 'abc', 'expected a whole number from 1 to 86400 (seconds)'],
    ['CLICKHOUSE_MAX_EXECUTION_SECONDS', '0', 'expected a whole number from 1 to 86400 (seconds)'],
    ['CLICKHOUSE_ROLLUP_MAX_EXECUTION_SECONDS', '0', 'expected a whole number from 1 to 86400 (seconds)'],
    ['CLICKHOUSE_RETRIES', '-1', 'expected a whole number from 0 to 10'],
    ['CLICKHOUSE_RETRIES', '1e1', 'expected a whole number from 0 to 10'],
    ['CLICKHOUSE_READERS', '2.5', 'expected a whole number from 1 to 64 (connections)'],
    ['CLICKHOUSE_READERS', '65', 'expected a whole number from 1 to 64 (connections)'],
    ['CLICKHOUSE_INSERTERS', '0', 'expected a whole number from 1 to 16 (connections)'],
    ['CLICKHOUSE_INSERTERS', '17', 'expected a whole number from 1 to 16 (connections)'],
    ['CLICKHOUSE_URL', 'localhost:8123', 'expected an http(s) URL such as http://localhost:8123'],
    ['CLICKHOUSE_URL', 'ftp://ch.example.com', 'expected an http(s) URL such as http://localhost:8123'],
  ])('refuses %s=%j, naming the variable, the value and what is allowed', (name, value, expected) => {
    expect(problemsOf({ [name]: value })).toEqual([`${name}=${JSON.stringify(value)}: ${expected}`]);
  });

  it('takes CLICKHOUSE_ASYNC_INSERT_MS for a server only, and refuses it for the embedded engine', () => {
    const env = parseEnv(clickhouseEnvSchema, { CLICKHOUSE_URL: 'http://ch:8123', CLICKHOUSE_ASYNC_INSERT_MS: '100' });
    expect(gatewayConfigFromEnv(env)).toMatchObject({ mode: 'server', asyncInsertMs: 100 });
    expect(
      gatewayConfigFromEnv(parseEnv(clickhouseEnvSchema, { CLICKHOUSE_URL: 'http://ch:8123' })),
    ).not.toHaveProperty('asyncInsertMs');
    expect(problemsOf({ CLICKHOUSE_ASYNC_INSERT_MS: '100' })).toEqual([
      'CLICKHOUSE_ASYNC_INSERT_MS="100": needs CLICKHOUSE_URL (the embedded engine has no async insert queue)',
    ]);
    expect(problemsOf({ CLICKHOUSE_ASYNC_INSERT_MS: '-1' })).toEqual([
      'CLICKHOUSE_ASYNC_INSERT_MS="-1": expected a whole number from 0 to 60000 (milliseconds)',
    ]);
  });

  it('reports every bad variable at once', () => {
    expect(problemsOf({ CLICKHOUSE_RETRIES: 'x', CLICKHOUSE_READERS: '0' })).toEqual([
      'CLICKHOUSE_RETRIES="x": expected a whole number from 0 to 10',
      'CLICKHOUSE_READERS="0": expected a whole number from 1 to 64 (connections)',
    ]);
  });

  it('names a cluster with CLICKHOUSE_CLUSTER, a plain identifier, and only with a server', () => {
    const server = { CLICKHOUSE_URL: 'http://ch-s1-r1:8123' };
    expect(
      gatewayConfigFromEnv(parseEnv(clickhouseEnvSchema, { ...server, CLICKHOUSE_CLUSTER: ' lc ' })),
    ).toMatchObject({ mode: 'server', cluster: 'lc' });
    expect(
      gatewayConfigFromEnv(parseEnv(clickhouseEnvSchema, { ...server, CLICKHOUSE_CLUSTER: '' })),
    ).not.toHaveProperty('cluster');
    const expected =
      "expected the cluster's name in the servers' remote_servers: a letter, then letters, digits or _ (64 at most)";
    expect(problemsOf({ ...server, CLICKHOUSE_CLUSTER: 'lc-prod' })).toEqual([
      `CLICKHOUSE_CLUSTER="lc-prod": ${expected}`,
    ]);
    expect(problemsOf({ ...server, CLICKHOUSE_CLUSTER: "lc' --" })).toEqual([
      `CLICKHOUSE_CLUSTER="lc' --": ${expected}`,
    ]);
    expect(problemsOf({ CLICKHOUSE_CLUSTER: 'lc' })).toEqual([
      'CLICKHOUSE_CLUSTER="lc": needs CLICKHOUSE_URL (the embedded engine is one node, not a cluster)',
    ]);
    expect(() => gatewayConfigFromEnv(parseEnv(clickhouseEnvSchema, { CLICKHOUSE_CLUSTER: 'lc' }))).toThrow(
      'CLICKHOUSE_CLUSTER="lc": needs CLICKHOUSE_URL (the embedded engine is one node, not a cluster)',
    );
  });
});

describe('loadEnv', () => {
  it('prints one line per bad variable and exits with code 1, without a stack trace', () => {
    const written: string[] = [];
    const write = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    const exit = jest.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Error(`exit ${String(code)}`);
    });
    try {
      expect(() => loadEnv(clickhouseEnvSchema, { CLICKHOUSE_READERS: 'many' })).toThrow('exit 1');
    } finally {
      write.mockRestore();
      exit.mockRestore();
    }
    expect(written).toEqual([
      'invalid configuration: CLICKHOUSE_READERS="many": expected a whole number from 1 to 64 (connections)\n',
    ]);
  });
});
