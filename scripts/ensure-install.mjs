// Installs npm packages when they are missing or the manifests changed since the last install.
// Plain ESM with no dependencies: it runs before anything is installed.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const manifests = [
  'package.json',
  'package-lock.json',
  'schemas/contract/package.json',
  'schemas/clickhouse/package.json',
  'schemas/simulator/package.json',
  'ingest/package.json',
  'api/package.json',
  'web/package.json',
];
const stampFile = `${root}node_modules/.lc-install-stamp`;

function fingerprint() {
  const hash = createHash('sha256');
  for (const file of manifests) if (existsSync(root + file)) hash.update(readFileSync(root + file));
  return hash.digest('hex');
}

export function ensureInstall() {
  const wanted = fingerprint();
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === wanted) return;
  const fresh = !existsSync(`${root}node_modules`);
  const command = fresh && existsSync(`${root}package-lock.json`) ? 'ci' : 'install';
  console.log(
    `[setup] npm ${command}: ${fresh ? 'first install' : 'dependencies changed'} (chdb brings the 540 MB ClickHouse engine; the first time takes a few minutes)`,
  );
  const result = spawnSync('npm', [command, '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`[setup] npm ${command} failed (exit ${result.status}); fix the error above and run again`);
    process.exit(result.status ?? 1);
  }
  writeFileSync(stampFile, fingerprint());
}

/** Builds every project through Nx (cached: unchanged projects are skipped). */
export function build() {
  console.log('[setup] building (nx run-many -t build, cached)');
  const result = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '--output-style=static'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
  });
  if (result.status !== 0) {
    console.error('[setup] build failed; see the errors above');
    process.exit(result.status ?? 1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureInstall();
