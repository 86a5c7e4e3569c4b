import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Configuration as a user meets it: README's table against every process's schema
 * (scripts/check-config-docs.mjs composes them; apps never import each other), and a
 * bad value stopping a start. Runs built code: needs `npm run build`, like the crash test.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHECK = join(ROOT, 'scripts/check-config-docs.mjs');
/** The all-in-one loads the whole API before it reads its environment: seconds on a busy machine. */
const SPAWN_TIMEOUT_MS = 60_000;

/** Only PATH from the outside: a variable set in the shell running the tests must not change the outcome. */
function run(file: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [file, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: SPAWN_TIMEOUT_MS,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('README configuration table', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lc-config-docs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'documents every variable of every process, and only those, with their defaults',
    () => {
      const result = run(CHECK, []);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/documents the \d+ variables of all-in-one, ingest, API, migrate\/simulate/);
    },
    SPAWN_TIMEOUT_MS,
  );

  it(
    'fails naming a variable the table misses, one no process reads, and a default the schema does not have',
    () => {
      const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
      const broken = readme
        .replace(/^\| `HOST` .*\n/m, '')
        .replace('| `ROLLUP_INTERVAL_MS` | `250` |', '| `ROLLUP_INTERVAL_MS` | `500` |')
        .replace(/^(\| `LOG_LEVEL` .*\n)/m, '| `INGEST_RETRY_COUNT` | `3` | retries |\n$1');
      expect(broken).not.toBe(readme);
      const file = join(dir, 'README.md');
      writeFileSync(file, broken);
      const result = run(CHECK, [file]);
      expect(result.status).toBe(1);
      expect(result.stderr.trim().split('\n').sort()).toEqual([
        'config docs: HOST (read by all-in-one) is missing from the README table',
        'config docs: INGEST_RETRY_COUNT is in the README table but no process reads it',
        'config docs: ROLLUP_INTERVAL_MS: the README table says the default is `500`, the schema\'s is "250"',
      ]);
    },
    SPAWN_TIMEOUT_MS,
  );
});

describe('a bad setting stops the start', () => {
  it.each([
    ['the standalone ingest server', 'ingest/dist/main.js'],
    ['the all-in-one', 'scripts/serve.mjs'],
  ])(
    '%s exits with code 1, naming the variable, the value and what is allowed — no stack trace',
    (_name, file) => {
      const result = run(join(ROOT, file), [], { INGEST_FLUSH_MS: 'abc', DATA_DIR: '/nonexistent/never-opened' });
      expect(result.status).toBe(1);
      expect(result.stderr).toBe(
        'invalid configuration: INGEST_FLUSH_MS="abc": expected a whole number from 1 to 60000 (milliseconds)\n',
      );
      expect(result.stdout).toBe('');
    },
    SPAWN_TIMEOUT_MS,
  );
});
