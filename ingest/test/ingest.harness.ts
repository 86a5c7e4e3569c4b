import { createServer, type Server } from 'node:http';
import { ApiKeyRepository, type ApiKeyScope } from '@lc/clickhouse';
import { openTestEngine } from '@lc/clickhouse/testing';
import { createIngestApp, type IngestApp, type IngestConfig } from '../src/ingest.app.js';

export interface IngestHarness {
  engine: Awaited<ReturnType<typeof openTestEngine>>;
  ingest: IngestApp;
  /** http://127.0.0.1:<port> */
  base: string;
  /** Errors the writer and rollup scheduler reported (they retry; tests check there were none). */
  errors: Error[];
  /** Creates a key and returns its secret. */
  key(scope: ApiKeyScope, brandIds: string[]): Promise<string>;
  close(): Promise<void>;
}

const DEFAULTS: IngestConfig = {
  maxBodyBytes: 1024 * 1024,
  maxEvents: 100,
  writer: { maxBatchRows: 1000, maxDelayMs: 10, maxBufferedRows: 10_000 },
  rollupIntervalMs: 10,
  walMaxBytes: 0,
};

async function listen(app: IngestApp): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => app.handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { server, base: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

/** The ingest routes on a real node:http server and a fresh embedded engine. */
export async function startIngest(
  config: Partial<IngestConfig> & { wal?: boolean; walMaxBytes?: number; inserters?: number } = {},
): Promise<IngestHarness> {
  const engine = await openTestEngine({ inserters: config.inserters });
  const keys = new ApiKeyRepository(engine.gateway);
  const errors: Error[] = [];
  const ingest = createIngestApp(
    engine.gateway,
    { ...DEFAULTS, ...config, walDir: config.wal ? `${engine.dir}/wal` : undefined },
    (error) => errors.push(error),
  );
  const { server, base } = await listen(ingest);
  return {
    engine,
    ingest,
    errors,
    base,
    key: async (scope, brandIds) => (await keys.create(scope, brandIds, 'test')).secret,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await ingest.drain();
      await engine.dispose();
    },
  };
}

/** A second ingest app on the same engine as `h` (a restart: nothing in memory carried over). */
export async function startIngestOn(
  h: IngestHarness,
): Promise<{ app: IngestApp; base: string; close(): Promise<void> }> {
  const app = createIngestApp(h.engine.gateway, DEFAULTS, (error) => h.errors.push(error));
  const { server, base } = await listen(app);
  return {
    app,
    base,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await app.drain();
    },
  };
}
