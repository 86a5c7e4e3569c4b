// `npm start`: install what is missing, build, then run the all-in-one process on the embedded
// engine with demo data (loaded the first time, with progress). Prints the URL and credentials.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build, ensureInstall } from './ensure-install.mjs';

ensureInstall();
build();
const root = fileURLToPath(new URL('..', import.meta.url));
const child = spawn(process.execPath, ['scripts/serve.mjs', '--demo', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
