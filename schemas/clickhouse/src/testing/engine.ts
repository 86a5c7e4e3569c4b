import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClickHouseGateway } from '../clickhouse.gateway.js';
import { runMigrations } from '../migrate.js';
import { RollupRefresher } from '../rollup.repository.js';
import { toEventRow, type EventRow } from '../event.row.js';
import { validateEvent, type LiveEventInput } from '@lc/contract';

/**
 * A real embedded engine in a fresh temp folder, migrated (unless `migrate: false`: a test of the
 * migrations themselves). Close it in afterAll: one folder per process.
 */
export async function openTestEngine({
  migrate = true,
  ...options
}: { inserters?: number; migrate?: boolean } = {}): Promise<{
  gateway: ClickHouseGateway;
  dir: string;
  dispose: () => Promise<void>;
}> {
  // The engine allows one data folder per process: an engine an earlier suite of this file left open
  // (an afterAll that failed or timed out) is closed here, so its failure does not become this one's.
  // Kept on globalThis, which jest keeps per test file; across files, gateway.close() waits until the
  // engine has really let go of its folder.
  const holder = globalThis as { lcOpenTestEngine?: () => Promise<void> };
  await holder.lcOpenTestEngine?.().catch(() => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'lc-engine-'));
  const gateway = ClickHouseGateway.open({ mode: 'embedded', dataPath: dir, retries: 0, ...options });
  const dispose = async () => {
    if (holder.lcOpenTestEngine === dispose) holder.lcOpenTestEngine = undefined;
    await gateway.close();
    // the engine's background threads may still be finishing a part as it closes (ENOTEMPTY): retry,
    // and never fail a test over a temporary folder left behind
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    } catch (error) {
      console.warn(`test engine: could not remove ${dir}: ${(error as Error).message}`);
    }
  };
  holder.lcOpenTestEngine = dispose;
  if (migrate) await runMigrations(gateway);
  return { gateway, dir, dispose };
}

/** Validates, inserts and rolls up fixture events, as the ingest would (and as its drain, removes superseded rounds). */
export async function loadEvents(
  gateway: ClickHouseGateway,
  brandId: string,
  events: readonly LiveEventInput[],
): Promise<void> {
  await gateway.insert('events', eventRows(brandId, events), { tag: 'test.load' });
  const refresher = new RollupRefresher(gateway);
  await refresher.refreshSessions(brandId, [...new Set(events.map((e) => e.sessionId))]);
  await refresher.removeSuperseded(Infinity);
}

/** Fixture events as the rows ingest writes for `brandId`; an invalid one throws, naming it and why. */
export function eventRows(brandId: string, events: readonly LiveEventInput[]): EventRow[] {
  return events.map((input) => {
    const result = validateEvent(input);
    if (!result.ok)
      throw new Error(`fixture event ${JSON.stringify(input)} is invalid: ${JSON.stringify(result.errors)}`);
    return toEventRow(result.event, brandId);
  });
}
