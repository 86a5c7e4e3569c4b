import { setTimeout as sleep } from 'node:timers/promises';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiKeyRepository, ClickHouseGateway, runMigrations } from '@lc/clickhouse';

/**
 * The standalone ingest process (built: ingest/dist/main.js) is killed with
 * SIGKILL in the middle of a load, restarted, and every event it had answered
 * 200 for must be in ClickHouse.
 */
const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function startIngest(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`ingest did not start: ${output}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ingest listening')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`ingest exited with ${code}: ${output}`)));
  });
}

// INGEST_ACK=log answers before the insert: at the kill, acknowledged events are still in the log.
describe.each(['engine', 'log'])('kill -9 under load loses no acknowledged event (INGEST_ACK=%s)', (ack) => {
  const dir = mkdtempSync(join(tmpdir(), 'lc-crash-'));
  const env = {
    DATA_DIR: join(dir, 'clickhouse'),
    INGEST_WAL_DIR: join(dir, 'wal'),
    LOG_LEVEL: 'warn',
    INGEST_ACK: ack,
  };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('every 200-answered event is stored after a SIGKILL and a restart', async () => {
    const setup = ClickHouseGateway.open({ mode: 'embedded', dataPath: env.DATA_DIR });
    await runMigrations(setup);
    const key = (await new ApiKeyRepository(setup).create('INGEST', ['crash'], 'crash')).secret;
    await setup.close();

    const port = await freePort();
    let child = await startIngest({ ...env, PORT: String(port) });
    const acknowledged = new Set<string>();
    let sent = 0;
    let stop = false;
    const client = async (clientId: number) => {
      for (let batch = 0; !stop; batch++) {
        const events = Array.from({ length: 200 }, (_, i) => ({
          eventId: `c${clientId}-b${batch}-${i}`,
          type: 'like',
          sessionId: `s${clientId}`,
          viewerId: `v${i}`,
          occurredAt: Date.now(),
          count: 1,
        }));
        sent += events.length;
        try {
          const res = await fetch(`http://127.0.0.1:${port}/v1/events`, {
            method: 'POST',
            headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
            body: JSON.stringify({ events }),
          });
          if (res.status === 200) {
            const body = (await res.json()) as { accepted: number };
            expect(body.accepted).toBe(200);
            for (const e of events) acknowledged.add(e.eventId);
          }
        } catch {
          return; // the process died mid-request: that batch was never acknowledged
        }
      }
    };
    const clients = [0, 1, 2, 3].map(client);
    // Kill under a real load: once more than 1 000 events are acknowledged (a fixed 1.5 s got 0 to 1 600
    // of them on a loaded machine, failing the check below for the machine's sake), and never before 1.5 s.
    await sleep(1500);
    for (const deadline = Date.now() + 40_000; acknowledged.size <= 1000 && Date.now() < deadline;) await sleep(50);
    const killed = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    stop = true;
    await Promise.all(clients);
    await killed;
    // A real load: thousands of events acknowledged before the kill.
    expect(acknowledged.size).toBeGreaterThan(1000);
    console.log(`acknowledged ${acknowledged.size} of ${sent} sent before SIGKILL`);

    // Restart (replays any write-ahead log), then stop it gracefully to release the data folder.
    child = await startIngest({ ...env, PORT: String(port) });
    const stopped = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    // The embedded engine sometimes crashes in its own teardown as the process exits (a segfault in
    // libchdb after process.exit, seen in the kernel log) and once never exited: after 30 s, kill it.
    // What this test checks — acknowledged events on disk — was settled by the restart's replay.
    const exited = await Promise.race([stopped.then(() => true), sleep(30_000).then(() => false)]);
    if (!exited) {
      child.kill('SIGKILL');
      await stopped;
    }

    const check = ClickHouseGateway.open({ mode: 'embedded', dataPath: env.DATA_DIR });
    try {
      const rows = await check.query<{ event_id: string }>(
        "SELECT DISTINCT event_id FROM events WHERE brand_id = 'crash'",
        {},
        { tag: 'test' },
      );
      const stored = new Set(rows.map((r) => r.event_id));
      const missing = [...acknowledged].filter((id) => !stored.has(id));
      expect({ acknowledged: acknowledged.size, missing: missing.length }).toEqual({
        acknowledged: acknowledged.size,
        missing: 0,
      });
      expect(stored.size).toBeLessThanOrEqual(sent);
    } finally {
      await check.close();
    }
  }, 90_000);
});
