import type { ClickHouseGateway } from '@lc/clickhouse';

/**
 * The events received in the last hour (the window in which players retry),
 * to seed the dedup cache at start. The occurred_at bound prunes partitions;
 * events older than a day are not retried by players in practice.
 */
export async function recentEventKeys(
  gateway: ClickHouseGateway,
  limit: number,
): Promise<{ brand_id: string; event_id: string }[]> {
  return gateway.query<{ brand_id: string; event_id: string }>(
    `SELECT brand_id, event_id FROM events
     WHERE occurred_at >= now64(3) - INTERVAL 1 DAY AND received_at >= now64(3) - INTERVAL 1 HOUR
     ORDER BY received_at DESC
     LIMIT {limit:UInt32}`,
    { limit },
    { tag: 'ingest.recent_keys' },
  );
}
