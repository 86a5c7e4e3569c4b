// `npm start`: install what is missing (npm packages; as root, Debian chromium and fonts-noto-cjk for
// the report PDFs), build, then run the all-in-one process on the embedded
// engine with demo data (loaded the first time, with progress). Prints the URL and credentials.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build, ensureDebianPackages, ensureInstall } from './ensure-install.mjs';
import { serveProcessEnv } from './serve.process.mjs';

ensureInstall();
// the report PDFs print the dashboard in Chromium, with Japanese fonts
ensureDebianPackages(['chromium', 'fonts-noto-cjk']);
build();
const root = fileURLToPath(new URL('..', import.meta.url));
const child = spawn(process.execPath, ['scripts/serve.mjs', '--demo', ...process.argv.slice(2)], {
  cwd: root,
  env: serveProcessEnv(process.env),
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
