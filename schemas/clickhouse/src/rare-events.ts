import type { ClickHouseGateway } from './clickhouse.gateway.js';

type Target = Pick<ClickHouseGateway, 'command' | 'query'>;

/**
 * Migration 0019's data step: the rare events stored before its materialized view existed are copied
 * into `rare_events` (the view copies every later insert). The columns and the condition are the
 * view's (0019_rare_events.sql): keep the two alike. Month by month, so a large table reports
 * progress. A run cut short and repeated copies some events twice, which changes nothing: every read
 * of rare_events ignores repeats, and merges collapse them (they share their key).
 */
export async function copyRareEvents(gateway: Target, log: (line: string) => void = () => undefined): Promise<void> {
  const months = await gateway.query<{ partition: string; n: number }>(
    'SELECT _partition_id AS partition, count() AS n FROM events GROUP BY partition ORDER BY partition',
    {},
    { tag: 'migrate.19.partitions' },
  );
  const total = months.reduce((sum, m) => sum + Number(m.n), 0);
  if (total === 0) return;
  log(`migration 0019: copying the rare events among ${total.toLocaleString('en-US')} stored events…`);
  const started = performance.now();
  for (const [i, month] of months.entries()) {
    await gateway.command(
      `INSERT INTO rare_events
         (brand_id, session_id, event_id, type, occurred_at, viewer_id, commercer_id, commercer_name, commercer_kind, title,
          platform, author, reply_to, product_id, product_name, currency, order_id, items, amount)
       SELECT brand_id, session_id, event_id, type, occurred_at, viewer_id, commercer_id, commercer_name, commercer_kind, title,
              platform, author, reply_to, product_id, product_name, currency, order_id, items, amount
       FROM events
       WHERE _partition_id = {partition:String}
         AND (type IN ('session_start', 'session_end', 'product_pin', 'product_unpin', 'cart_add', 'purchase', 'refund', 'recap',
                'product_impression', 'product_click')
              OR (type = 'comment' AND author = 'host' AND reply_to != ''))`,
      { partition: month.partition },
      { tag: 'migrate.19.copy', settings: { max_execution_time: 0 } },
    );
    if (months.length > 1) log(`migration 0019: month ${i + 1} of ${months.length} copied`);
  }
  log(`migration 0019: rare events copied in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
