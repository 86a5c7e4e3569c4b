import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { ApiKeyRepository, ClickHouseGateway, runMigrations } from '@lc/clickhouse';

const MAIN = fileURLToPath(new URL('../main.js', import.meta.url));
/** Linux reports CPU time in /proc in clock ticks; 100 per second on every mainstream kernel config. */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * Migrates the server's folder and makes one INGEST key per brand, then closes
 * it: the engine locks a folder to one process, and the server is another one.
 */
export async function prepareServerFolder(dataPath: string, brandIds: readonly string[]): Promise<Map<string, string>> {
  const gateway = ClickHouseGateway.open({ mode: 'embedded', dataPath, retries: 0 });
  try {
    await runMigrations(gateway);
    const keys = new ApiKeyRepository(gateway);
    const secrets = new Map<string, string>();
    for (const brandId of brandIds) secrets.set(brandId, (await keys.create('INGEST', [brandId], 'bench')).secret);
    return secrets;
  } finally {
    await gateway.close();
  }
}

/** Rows in `events` (FINAL: a repeat must not count twice), read after the server has exited. */
export async function countStoredEvents(dataPath: string): Promise<number> {
  const gateway = ClickHouseGateway.open({ mode: 'embedded', dataPath, retries: 0 });
  try {
    const rows = await gateway.query<{ n: number }>(
      'SELECT count() AS n FROM events FINAL',
      {},
      { tag: 'bench.count' },
    );
    return Number(rows[0]?.n ?? 0);
  } finally {
    await gateway.close();
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  /** Stops with SIGTERM (the server drains its buffer) and waits for the exit. */
  stop(): Promise<number | null>;
}

/** Starts `node ingest/dist/main.js` on its own folder and resolves once it listens. */
export function startServer(env: Record<string, string>, profileDir?: string, entry = MAIN): Promise<ServerProcess> {
  const port = Number(env.PORT);
  const flags = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(process.execPath, [...flags, entry], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`ingest server did not start in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      // Keep only the tail: a failure report needs the last lines, not a run's worth of logs.
      output = (output + chunk.toString()).slice(-20_000);
      if (output.includes('ingest listening')) {
        clearTimeout(timer);
        resolve({
          child,
          port,
          async stop() {
            if (child.exitCode === null) child.kill('SIGTERM');
            const code = await exited;
            if (code !== 0) process.stderr.write(`ingest server exited with ${code}:\n${output}\n`);
            return code;
          },
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`ingest server exited with ${code} before listening:\n${output}`));
    });
  });
}

/** Samples a process's resident memory and CPU time from /proc (Linux), without touching the process. */
export class ProcessSampler {
  peakRssBytes = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly pid: number) {}

  start(everyMs = 200): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** User + system CPU seconds used so far, all threads (the engine's parser threads included). */
  cpuSeconds(): number {
    try {
      const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces) — utime and stime are the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
    } catch {
      return 0;
    }
  }

  rssBytes(): number {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status);
      return kb ? Number(kb[1]) * 1024 : 0;
    } catch {
      return 0;
    }
  }

  private sample(): void {
    this.peakRssBytes = Math.max(this.peakRssBytes, this.rssBytes());
  }
}
