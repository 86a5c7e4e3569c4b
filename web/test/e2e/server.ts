import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The real all-in-one server (scripts/serve.mjs: ingest + GraphQL + the built
 * dashboard) on a fresh embedded engine, for browser tests. Needs `npm run build`.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface RunningServer {
  baseURL: string;
  adminToken: string;
  /** POST /graphql with a bearer token; throws on GraphQL errors. */
  graphql<T>(query: string, token: string, variables?: Record<string, unknown>): Promise<T>;
  /** POST /v1/events with an ingest key. */
  postEvents(key: string, events: readonly unknown[]): Promise<{ accepted: number; rejected: unknown[] }>;
  /** Creates a brand (as the admin) and a READ and an INGEST key of it; returns their secrets. */
  createBrand(brand: BrandInput): Promise<{ readToken: string; ingestKey: string }>;
  /**
   * Reads `query` every 100 ms until `ready` holds of its answer, `tries` reads at the most (the rollups
   * follow ingest within the scheduler interval); false when it never did.
   */
  readUntil<T>(query: string, token: string, ready: (data: T) => boolean, tries: number): Promise<boolean>;
  /** Creates a key (as the admin) for one brand or several (an agency's); returns its secret. */
  createApiKey(scope: 'READ' | 'INGEST', brandIds: readonly string[]): Promise<string>;
  stop(): Promise<void>;
}

export interface BrandInput {
  id: string;
  name: string;
  timeZone: string;
  currency: string;
}

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

export async function startServer(): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'lc-web-e2e-'));
  const port = await freePort();
  const adminToken = 'e2e-admin-token';
  const child: ChildProcess = spawn(process.execPath, ['scripts/serve.mjs'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: join(dir, 'clickhouse'),
      INGEST_WAL_DIR: join(dir, 'wal'),
      ADMIN_TOKEN: adminToken,
      ROLLUP_INTERVAL_MS: '100',
      INGEST_MAX_AGE_DAYS: '100000',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start in 180 s:\n${output}`)), 180_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Dashboard:')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stdout?.on(
      'data',
      (c: Buffer) => process.env.E2E_SERVER_LOG && appendFileSync(process.env.E2E_SERVER_LOG, c),
    );
    child.stderr?.on(
      'data',
      (c: Buffer) => process.env.E2E_SERVER_LOG && appendFileSync(process.env.E2E_SERVER_LOG, c),
    );
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)));
  });
  const baseURL = `http://127.0.0.1:${port}`;
  async function graphql<T>(query: string, token: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await fetch(`${baseURL}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors) throw new Error(body.errors.map((e) => e.message).join('; '));
    return body.data as T;
  }
  async function createApiKey(scope: 'READ' | 'INGEST', brandIds: readonly string[]): Promise<string> {
    const created = await graphql<{ createApiKey: { secret: string } }>(
      'mutation($s: ApiKeyScope!, $b: [ID!]!) { createApiKey(scope: $s, brandIds: $b) { secret } }',
      adminToken,
      { s: scope, b: brandIds },
    );
    return created.createApiKey.secret;
  }
  return {
    baseURL,
    adminToken,
    graphql,
    async createBrand(brand) {
      await graphql('mutation($i: CreateBrandInput!) { createBrand(input: $i) { id } }', adminToken, { i: brand });
      return { readToken: await createApiKey('READ', [brand.id]), ingestKey: await createApiKey('INGEST', [brand.id]) };
    },
    createApiKey,
    async readUntil<T>(query: string, token: string, ready: (data: T) => boolean, tries: number) {
      for (let i = 0; i < tries; i++) {
        if (ready(await graphql<T>(query, token))) return true;
        await new Promise((r) => setTimeout(r, 100));
      }
      return false;
    },
    async postEvents(key, events) {
      const res = await fetch(`${baseURL}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ events }),
      });
      if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as { accepted: number; rejected: unknown[] };
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
