// The all-in-one server (`scripts/serve.mjs`) as a separate process, for the benchmarks that drive it from
// outside over HTTP (bench:api-under-ingest, bench:soak, bench:live-scale).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SERVE = fileURLToPath(new URL('./serve.mjs', import.meta.url));

/**
 * `node scripts/serve.mjs` on `dataPath`, resolved once it listens. `stop()` sends SIGTERM, waits,
 * and returns the exit code or signal (a SIGTERM exit is a clean stop: Nest re-raises the signal).
 */
export function startServe(dataPath, port) {
  const child = spawn(process.execPath, [SERVE], {
    env: { ...process.env, DATA_DIR: dataPath, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${output}`)), 60_000);
    const onData = (chunk) => {
      output = (output + chunk.toString()).slice(-20_000);
      if (output.includes('GraphQL:')) {
        clearTimeout(timer);
        resolve({
          pid: child.pid,
          port,
          exitCode: () => child.exitCode ?? child.signalCode,
          async stop() {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            const code = await exited;
            if (code !== 0 && code !== 'SIGTERM') process.stderr.write(`server exited with ${code}:\n${output}\n`);
            return code;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output}`));
    });
  });
}
