// Installs npm packages when they are missing, pruned, or the manifests changed since the last install.
// Plain ESM with no dependencies: it runs before anything is installed.
//
// Always with the dev dependencies: the build needs them (nx, typescript, vite), and npm leaves them out
// when NODE_ENV=production. The stamp alone cannot tell a pruned tree from a full one (an install with
// NODE_ENV=production, or `npm prune --omit=dev`, leaves it in place), so the tools are checked too.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
/** The npm workspaces, in the root manifest's order: the projects to install, build and test. */
export const workspaces = JSON.parse(readFileSync(`${root}package.json`, 'utf8')).workspaces;
const manifests = ['package.json', 'package-lock.json', ...workspaces.map((folder) => `${folder}/package.json`)];
const stampFile = `${root}node_modules/.lc-install-stamp`;
/** Dev tools `npm start` / `npm test` run: gone when the tree was installed or pruned without dev dependencies. */
const tools = {
  nx: 'node_modules/nx/package.json',
  typescript: 'node_modules/typescript/package.json',
  vite: 'node_modules/vite/package.json',
  jest: 'node_modules/jest/package.json',
};

function missingTools() {
  return Object.entries(tools)
    .filter(([, file]) => !existsSync(root + file))
    .map(([name]) => name);
}

function fingerprint() {
  const hash = createHash('sha256');
  for (const file of manifests) if (existsSync(root + file)) hash.update(readFileSync(root + file));
  return hash.digest('hex');
}

export function ensureInstall() {
  const wanted = fingerprint();
  const current = existsSync(stampFile) && readFileSync(stampFile, 'utf8') === wanted;
  const missing = missingTools();
  if (current && missing.length === 0) return;
  const fresh = !existsSync(`${root}node_modules`);
  const command = fresh && existsSync(`${root}package-lock.json`) ? 'ci' : 'install';
  const reason = fresh
    ? 'first install (chdb brings the 540 MB ClickHouse engine; this takes a few minutes)'
    : current
      ? `dev tools missing (${missing.join(', ')}): the tree was installed or pruned without dev dependencies`
      : 'dependencies changed';
  console.log(`[setup] npm ${command} --include=dev: ${reason}`);
  // --include=dev wins over NODE_ENV=production (which would omit them): the build needs the dev tools.
  const result = spawnSync('npm', [command, '--include=dev', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error(`[setup] npm ${command} failed (exit ${result.status}); fix the error above and run again`);
    process.exit(result.status ?? 1);
  }
  const stillMissing = missingTools();
  if (stillMissing.length > 0) {
    console.error(`[setup] npm ${command} finished but ${stillMissing.join(', ')} is still missing from node_modules`);
    process.exit(1);
  }
  writeFileSync(stampFile, fingerprint());
}

/** The local nx (never `npx nx`: a missing package would make npx prompt or cancel with an obscure message). */
function nxBinary() {
  const manifest = `${root}${tools.nx}`;
  if (!existsSync(manifest)) {
    console.error('[setup] nx is not installed in node_modules: run `npm install --include=dev`');
    process.exit(1);
  }
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8'));
  return join(dirname(manifest), typeof bin === 'string' ? bin : bin.nx);
}

/** Builds every project through Nx (cached: unchanged projects are skipped). */
export function build() {
  console.log('[setup] building (nx run-many -t build, cached)');
  const result = spawnSync(process.execPath, [nxBinary(), 'run-many', '-t', 'build', '--output-style=static'], {
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

/**
 * Debian packages the product uses beside npm: chromium (browser tests, report PDFs), docker-compose
 * (validates docker/*.yaml), fonts-noto-cjk (Japanese in the report PDFs).
 */
const DEBIAN_PACKAGES = {
  chromium: { present: () => existsSync('/usr/bin/chromium'), for: 'the report PDFs and the browser tests' },
  'docker-compose': { present: () => onPath('docker-compose'), for: 'the compose file tests' },
  'fonts-noto-cjk': {
    present: () => existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'),
    for: 'Japanese text in the report PDFs',
  },
};

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Installs the named Debian packages that are missing, when running as root (apt-get); otherwise says
 * what to install and goes on. A failed install is reported, never fatal: what needs the package says
 * so itself (e.g. the PDF route answers 503 naming it).
 */
export function ensureDebianPackages(names) {
  const missing = names.filter((name) => !DEBIAN_PACKAGES[name].present());
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    for (const name of missing)
      console.warn(
        `[setup] ${name} is missing and this is not root: install it with \`sudo apt-get install -y ${name}\` for ${DEBIAN_PACKAGES[name].for}`,
      );
    return;
  }
  console.log(
    `[setup] installing Debian ${missing.join(' ')} (${missing.map((name) => DEBIAN_PACKAGES[name].for).join(', ')})`,
  );
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  const install = spawnSync('apt-get', ['install', '-y', '-qq', ...missing], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (install.status !== 0)
    console.warn(`[setup] apt-get install ${missing.join(' ')} failed (exit ${install.status}): continuing without`);
}
