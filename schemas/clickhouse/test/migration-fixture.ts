import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateEvent, type LiveEventInput } from '@lc/contract';
import type { ClickHouseGateway } from '../src/clickhouse.gateway.js';
import { toEventRow, type EventRow } from '../src/event.row.js';
import { MIGRATIONS_DIR, runMigrations } from '../src/migrate.js';

/** A deployment from before a migration: applies only the migrations numbered below `first` (e.g. '0019'). */
export async function migrateBefore(gateway: ClickHouseGateway, first: string): Promise<void> {
  const before = mkdtempSync(join(tmpdir(), 'lc-migrations-'));
  try {
    for (const file of readdirSync(MIGRATIONS_DIR).filter((f) => f < first))
      copyFileSync(join(MIGRATIONS_DIR, file), join(before, file));
    await runMigrations(gateway, () => undefined, before);
  } finally {
    rmSync(before, { recursive: true, force: true });
  }
}

/** Fixture events as `events` rows of a brand; a fixture that breaks the contract fails the test. */
export function eventRows(events: readonly LiveEventInput[], brandId: string): EventRow[] {
  return events.map((input) => {
    const result = validateEvent(input);
    if (!result.ok) throw new Error(`invalid fixture: ${JSON.stringify(result.errors)}`);
    return toEventRow(result.event, brandId);
  });
}

const at = (minute: number) => new Date(Date.UTC(2026, 10, 2, 10, minute)).toISOString();

/**
 * A small session stored before a migration (the data-step tests): a start, two joins, and v1's one
 * order of 2 × 1500. No session_end, so it is live.
 */
export function sessionBeforeUpgrade(title: string): LiveEventInput[] {
  const base = { sessionId: 'U1', occurredAt: at(0) };
  return [
    {
      ...base,
      eventId: 'u-start',
      type: 'session_start',
      commercerId: 'c1',
      commercerName: 'Host',
      commercerKind: 'in_house',
      title,
      platform: 'app',
    },
    { ...base, eventId: 'u-join-1', type: 'join', viewerId: 'v1', occurredAt: at(1) },
    { ...base, eventId: 'u-join-2', type: 'join', viewerId: 'v2', occurredAt: at(1) },
    {
      ...base,
      eventId: 'u-buy-1',
      type: 'purchase',
      viewerId: 'v1',
      occurredAt: at(5),
      orderId: 'o1',
      items: [{ productId: 'p1', quantity: 2, unitPrice: '1500' }],
      currency: 'JPY',
    },
  ];
}
