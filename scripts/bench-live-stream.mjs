// What bench:live and bench:live-scale share: the synthetic live stream's events, the brand they go
// to, and the rollup work read from the server's /metrics (the same-run baseline of both).
import { ApiKeyRepository, BrandRepository, ClickHouseGateway, runMigrations } from '@lc/clickhouse';

/**
 * Event `i` of a session that is neither its session_start nor a like, as JSON text: a purchase now
 * and then (i mod 200 = 3), else by i mod 20 a join, a viewer comment, a cart add or dwell. `head`
 * holds the event's id, time and session; `viewer` its viewerId.
 */
export function streamEvent(i, head, viewer, orderId) {
  if (i % 200 === 3)
    return (
      `{"type":"purchase",${head},${viewer},"orderId":"${orderId}",` +
      `"items":[{"productId":"p${i % 20}","quantity":1,"unitPrice":"1200"}],"currency":"JPY"}`
    );
  const j = i % 20;
  if (j === 1 || j === 7 || j === 13) return `{"type":"join",${head},${viewer},"source":"share"}`;
  if (j === 2 || j === 9 || j === 14 || j === 18)
    return `{"type":"comment",${head},${viewer},"author":"viewer","text":"so good"}`;
  if (j === 11)
    return `{"type":"cart_add",${head},${viewer},"productId":"p${i % 20}","quantity":1,"unitPrice":"1200","currency":"JPY"}`;
  return `{"type":"dwell",${head},${viewer},"seconds":30}`;
}

/**
 * The rollup rounds in a server's /metrics text: their count and mean, and how long new sessions waited for
 * their first round (count, mean, and the histogram bound that holds 95%).
 */
export function roundFigures(text) {
  const value = (pattern) => Number(pattern.exec(text)?.[1] ?? NaN);
  const thousands = (n) => Math.round(n).toLocaleString('en-US');
  const count = value(/^rollup_round_seconds_count ([\d.e+-]+)$/m);
  const seconds = value(/^rollup_round_seconds_sum ([\d.e+-]+)$/m);
  const rounds = count > 0 ? `${thousands(count)} × ${((seconds / count) * 1000).toFixed(0)} ms mean` : 'none';
  const waits = value(/^rollup_first_round_wait_seconds_count ([\d.e+-]+)$/m);
  const sum = value(/^rollup_first_round_wait_seconds_sum ([\d.e+-]+)$/m);
  const buckets = [...text.matchAll(/^rollup_first_round_wait_seconds_bucket\{le="([^"]+)"\} ([\d.e+-]+)$/gm)].map(
    ([, le, n]) => [le, Number(n)],
  );
  const within95 = buckets.find(([, n]) => n >= 0.95 * waits)?.[0];
  const firstWaits =
    Number.isFinite(waits) && waits > 0
      ? `${thousands(waits)} sessions, mean ${((sum / waits) * 1000).toFixed(0)} ms, 95% within ${within95 === '+Inf' ? 'more than 16' : within95} s`
      : 'none';
  return { rounds, firstWaits };
}

/**
 * Rollup work so far, from the server's Prometheus text: seconds spent, rebuilds that wrote rows, and
 * seconds per statement tag (what a round spends where).
 */
export function rollupTotals(text) {
  let seconds = 0;
  let rebuilds = 0;
  const byTag = new Map();
  const callsByTag = new Map();
  const waitByTag = new Map();
  /** Every other tag (the API's reads, the ingest's inserts): calls and seconds. */
  const others = new Map();
  for (const m of text.matchAll(/^clickhouse_turn_wait_seconds_total\{tag="([^"]*)"\} ([\d.e+-]+)$/gm))
    waitByTag.set(m[1], Number(m[2]));
  for (const m of text.matchAll(/^clickhouse_query_seconds_(sum|count)\{([^}]*)\} ([\d.e+-]+)$/gm)) {
    const tag = /(?:^|,)tag="([^"]*)"/.exec(m[2])?.[1] ?? '';
    if (!tag.startsWith('rollup.')) {
      const other = others.get(tag) ?? { calls: 0, seconds: 0 };
      if (m[1] === 'sum') other.seconds += Number(m[3]);
      else other.calls += Number(m[3]);
      others.set(tag, other);
      continue;
    }
    if (m[1] === 'sum') {
      seconds += Number(m[3]);
      byTag.set(tag, (byTag.get(tag) ?? 0) + Number(m[3]));
    } else {
      callsByTag.set(tag, (callsByTag.get(tag) ?? 0) + Number(m[3]));
      if (tag === 'rollup.stats') rebuilds += Number(m[3]);
    }
  }
  return { seconds, rebuilds, byTag, callsByTag, waitByTag, others };
}

/**
 * The tags besides the rollup's between two `rollupTotals` readings, most seconds first: "tag calls ×
 * mean ms (of which waiting for the engine's turn)".
 */
export function otherWork(before, after, top = 8) {
  const ms = (seconds, calls) => ((seconds * 1000) / calls).toFixed(0);
  return [...after.others]
    .map(([tag, { calls, seconds }]) => {
      const then = before.others.get(tag) ?? { calls: 0, seconds: 0 };
      const wait = (after.waitByTag.get(tag) ?? 0) - (before.waitByTag.get(tag) ?? 0);
      return { tag, calls: calls - then.calls, seconds: seconds - then.seconds, wait };
    })
    .filter((row) => row.calls > 0)
    .sort((a, b) => b.seconds - a.seconds)
    .slice(0, top)
    .map((row) => `${row.tag} ${row.calls} × ${ms(row.seconds, row.calls)} ms (${ms(row.wait, row.calls)})`)
    .join(', ');
}

/**
 * Milliseconds per round spent in each rollup statement between two `rollupTotals` readings, and in
 * brackets the part of it spent waiting for the engine's turn (embedded mode). A statement that ran in
 * fewer rounds than all (a snapshot, the viewer rows) adds how many times it ran and its mean per call
 * (`×n @ms`): a rare long statement is what makes one round, and the pushes waiting for it, late.
 */
export function perRound(before, after, rounds) {
  if (rounds === 0) return '';
  const perRoundMs = (now, then) => ((now - (then ?? 0)) * 1000) / rounds;
  return [...after.byTag]
    .map(([tag, s]) => [
      tag.replace(/^rollup\./, ''),
      perRoundMs(s, before.byTag.get(tag)),
      perRoundMs(after.waitByTag.get(tag) ?? 0, before.waitByTag.get(tag)),
      (after.callsByTag.get(tag) ?? 0) - (before.callsByTag.get(tag) ?? 0),
    ])
    .filter(([, ms]) => ms > 0)
    .map(([tag, ms, wait, calls]) => {
      const rare = calls > 0 && calls < rounds ? ` ×${calls} @${((ms * rounds) / calls).toFixed(0)}` : '';
      return `${tag} ${ms.toFixed(0)} (${wait.toFixed(0)})${rare}`;
    })
    .join(', ');
}

/**
 * One brand with an INGEST and a READ key (named `label`) in the data folder, written before the
 * server opens it (one process per folder); returns the two secrets.
 */
export async function createBenchBrand(dataDir, brand, label) {
  const setup = ClickHouseGateway.open({ mode: 'embedded', dataPath: dataDir, retries: 0 });
  try {
    await runMigrations(setup);
    await new BrandRepository(setup).upsert(brand);
    const keys = new ApiKeyRepository(setup);
    const ingestKey = (await keys.create('INGEST', [brand.id], label)).secret;
    const readToken = (await keys.create('READ', [brand.id], label)).secret;
    return { ingestKey, readToken };
  } finally {
    await setup.close();
  }
}
