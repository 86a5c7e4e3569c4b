import type { ClickHouseGateway } from './clickhouse.gateway.js';

type Target = Pick<ClickHouseGateway, 'command' | 'query'>;

/** The columns of session_viewer_minutes and live_viewer_minutes (migrations 0016 and 0027), in their order. */
const COLUMNS = `brand_id, session_id, start_ms, viewer_id, minute, first_seen_at, last_active_at, active, dwell_seconds,
  comments, likes, likes_by_stamp, cart_adds, order_ids, order_amounts, follows, shares, product_clicks, joins,
  first_join_at, join_source, version`;

/**
 * Migration 0027's data step: the viewer-minute rows stored in session_viewer_minutes are copied into
 * live_viewer_minutes (the same rows, sorted minute first), so a session streaming through the upgrade
 * keeps its live path: its next round rebuilds only the minutes that changed and sums the rest from
 * these rows. A run cut short and repeated copies some rows twice, which changes nothing: the table
 * keeps each key's latest version, and every read of it is FINAL.
 */
export async function copyViewerMinutes(gateway: Target, log: (line: string) => void = () => undefined): Promise<void> {
  const [{ n }] = await gateway.query<{ n: number }>(
    'SELECT count() AS n FROM session_viewer_minutes',
    {},
    { tag: 'migrate.27.count' },
  );
  if (Number(n) === 0) return;
  log(`migration 0027: copying ${Number(n).toLocaleString('en-US')} viewer-minute rows, sorted by minute…`);
  const started = performance.now();
  await gateway.command(
    `INSERT INTO live_viewer_minutes (${COLUMNS}) SELECT ${COLUMNS} FROM session_viewer_minutes`,
    {},
    { tag: 'migrate.27.copy', settings: { max_execution_time: 0 } },
  );
  log(`migration 0027: viewer-minute rows copied in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
