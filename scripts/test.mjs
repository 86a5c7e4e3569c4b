// `npm test`: install what is missing (npm packages; as root, Debian chromium for the browser tests and
// report PDFs, fonts-noto-cjk for Japanese in them, docker-compose for the compose file tests), build, run every project's jest suite, and end with
// one line `N passed, N failed` summing them all.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, ensureDebianPackages, ensureInstall, workspaces } from './ensure-install.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const projects = workspaces;

ensureInstall();
ensureDebianPackages(['chromium', 'docker-compose', 'fonts-noto-cjk']);
build();

const results = `${root}.test-results/`;
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
let passed = 0;
let failed = 0;
const lines = [];
for (const project of projects) {
  const outputFile = `${results}${project.replaceAll('/', '-')}.json`;
  console.log(`\n[test] ${project}`);
  const run = spawnSync(
    process.execPath,
    [
      '--experimental-vm-modules',
      '--no-warnings=ExperimentalWarning',
      `${root}node_modules/jest/bin/jest.js`,
      '--json',
      `--outputFile=${outputFile}`,
      ...process.argv.slice(2),
    ],
    { cwd: `${root}${project}`, stdio: 'inherit' },
  );
  if (!existsSync(outputFile)) {
    // jest itself failed (config error, crash): count it as a failure, never as "no tests".
    failed += 1;
    lines.push(`${project}: jest did not report (exit ${run.status})`);
    continue;
  }
  const report = JSON.parse(readFileSync(outputFile, 'utf8'));
  const suiteErrors = report.numRuntimeErrorTestSuites ?? 0;
  passed += report.numPassedTests;
  failed += report.numFailedTests + suiteErrors;
  lines.push(
    `${project}: ${report.numPassedTests} passed, ${report.numFailedTests} failed${suiteErrors ? `, ${suiteErrors} suite(s) crashed` : ''}`,
  );
}
console.log(`\n${lines.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
