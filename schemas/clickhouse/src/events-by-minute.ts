import type { ClickHouseGateway } from './clickhouse.gateway.js';
import { CLUSTER_NAME } from './cluster.ddl.js';

type Target = Pick<ClickHouseGateway, 'config' | 'command' | 'query'>;

/**
 * Migration 0016's data step: the stored events move into `events_by_minute` (sorted by minute within
 * each session), which then takes the name `events` — `EXCHANGE TABLES` swaps the two atomically —
 * and the old table is dropped. On a cluster the same happens to the `_local` tables on every node;
 * the Distributed `events` follows the name. Idempotent: once `events` is sorted by minute only the
 * drop is left to do, and a copy cut short and repeated leaves duplicate rows that FINAL and merges
 * collapse (they share their key). Runs before ingest starts, so nothing is written meanwhile.
 */
export async function sortEventsByMinute(
  gateway: Target,
  log: (line: string) => void = () => undefined,
): Promise<void> {
  const cluster = gateway.config.cluster;
  if (cluster !== undefined && !CLUSTER_NAME.test(cluster))
    throw new Error(`CLICKHOUSE_CLUSTER "${cluster}" must be letters, digits and _ (starting with a letter)`);
  const local = cluster ? '_local' : '';
  const onCluster = cluster ? ` ON CLUSTER ${cluster}` : '';
  const [table] = await gateway.query<{ sorting_key: string }>(
    'SELECT sorting_key FROM system.tables WHERE database = currentDatabase() AND name = {name:String}',
    { name: `events${local}` },
    { tag: 'migrate.16.key' },
  );
  if (!table) throw new Error(`migration 0016: table events${local} is missing`);
  if (!table.sorting_key.includes('toStartOfMinute')) {
    // Month by month (the table's partitions), so a large table reports progress and no single
    // statement runs for long; no time limit on each, however large the month.
    const months = await gateway.query<{ partition: string; n: number }>(
      'SELECT _partition_id AS partition, count() AS n FROM events GROUP BY partition ORDER BY partition',
      {},
      { tag: 'migrate.16.partitions' },
    );
    const total = months.reduce((sum, m) => sum + Number(m.n), 0);
    log(`migration 0016: sorting ${total.toLocaleString('en-US')} stored events by minute (a one-time copy)…`);
    // The columns as the engine lists them (schema names, never user input), so the copy keeps each in place.
    const columns = (
      await gateway.query<{ name: string }>(
        'SELECT name FROM system.columns WHERE database = currentDatabase() AND table = {name:String} ORDER BY position',
        { name: `events${local}` },
        { tag: 'migrate.16.columns' },
      )
    ).map((c) => `\`${c.name}\``);
    const started = performance.now();
    let copied = 0;
    for (const [i, month] of months.entries()) {
      await gateway.command(
        `INSERT INTO events_by_minute (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM events
         WHERE _partition_id = {partition:String}`,
        { partition: month.partition },
        { tag: 'migrate.16.copy', settings: { max_execution_time: 0 } },
      );
      copied += Number(month.n);
      if (months.length > 1)
        log(
          `migration 0016: ${copied.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} events copied (month ${i + 1} of ${months.length})`,
        );
    }
    await gateway.command(
      `EXCHANGE TABLES events${local} AND events_by_minute${local}${onCluster}`,
      {},
      {
        tag: 'migrate.16.exchange',
      },
    );
    log(`migration 0016: events sorted by minute in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  if (cluster) {
    await gateway.command(`DROP TABLE IF EXISTS events_by_minute${onCluster} SYNC`, {}, { tag: 'migrate.16.drop' });
    await gateway.command(
      `DROP TABLE IF EXISTS events_by_minute_local${onCluster} SYNC`,
      {},
      { tag: 'migrate.16.drop' },
    );
  } else {
    await gateway.command('DROP TABLE IF EXISTS events_by_minute SYNC', {}, { tag: 'migrate.16.drop' });
  }
}
