// The all-in-one server (`scripts/serve.mjs`) as a separate process, for the benchmarks that drive it from
// outside over HTTP (bench:api-under-ingest, bench:soak, bench:live-scale, bench:live), and what they share.
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { serveProcessEnv } from './serve.process.mjs';

const SERVE = fileURLToPath(new URL('./serve.mjs', import.meta.url));

/**
 * `node scripts/serve.mjs` on `dataPath`, resolved once it listens. `stop()` sends SIGTERM, waits,
 * and returns the exit code or signal (a SIGTERM exit is a clean stop: Nest re-raises the signal).
 */
export function startServe(dataPath, port) {
  // BENCH_SERVER_PROFILE=DIR: the server writes a CPU profile there when it stops (Chrome DevTools, or `node --cpu-prof` tools)
  const profile = process.env.BENCH_SERVER_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVER_PROFILE}`]
    : [];
  const child = spawn(process.execPath, [...profile, SERVE], {
    env: serveProcessEnv({
      ...process.env,
      DATA_DIR: dataPath,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    }),
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

/** The p-th percentile of ascending `sorted` values (the nearest rank at or below); NaN when empty. */
export const percentile = (sorted, p) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/**
 * POST one body to the server's ingest route over `agent`: resolves with the status, Retry-After and
 * body, or `{ error }` for a connection error or no answer in `timeoutMs` — never rejects, so the
 * benches count every outcome.
 */
export function postEvents({ agent, port, headers, timeoutMs }, body) {
  return new Promise((resolve) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        path: '/v1/events',
        method: 'POST',
        headers: { ...headers, 'content-length': body.length },
        timeout: timeoutMs,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], body: text }),
        );
        res.on('error', (error) => resolve({ error }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer in ${timeoutMs / 1000} s`)));
    req.on('error', (error) => resolve({ error }));
    req.end(body);
  });
}
