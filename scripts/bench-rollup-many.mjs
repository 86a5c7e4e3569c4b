#!/usr/bin/env node
// npm run bench:rollup-many — what a rollup round costs when a brand streams many small live sessions at
// once (daily streams of a few hundred viewers each), all rolled up together as the scheduler does (one
// refreshSessions call for the chunk). A fresh embedded engine in a temporary folder holds --sessions live
// sessions of --events events each (default 40 × 100 000) over --minutes minutes (default 10) from
// --viewers viewers each (default 200); then, --rounds times, --batch new events per session (default 30)
// over a second of stream arrive at the streams' end, and the sessions are rolled up on the whole path
// twice, alternating: with viewer prefixes from --prefix-from events (the default, 20 000) and without
// (by audience alone, as before: these audiences are below its 10 000 viewers). Prints each round, the
// median per statement and the ratio of the round medians; the ratio is what carries over.
// (docs/ARCHITECTURE.md, "Small audiences keep viewer prefixes too, once their streams are long")
// --against final-across-partitions: both with the prefixes, the second on a gateway whose FINAL merges
// across partitions, the engine's default and the behaviour before (docs/ARCHITECTURE.md, "FINAL within
// partitions").
// --against table-fed-parameters: both with the prefixes, the second on a gateway whose background
// statements read their values from the params table instead of query parameters (the opt-in
// `tableFedParameters`; docs/ARCHITECTURE.md, "Background statements without parameters").
//   node scripts/bench-rollup-many.mjs [--sessions 40] [--events 100000] [--minutes 10] [--viewers 200]
//        [--rounds 7] [--batch 30] [--prefix-from 20000] [--against prefixes|final-across-partitions|table-fed-parameters]

import { parseArgs } from 'node:util';
import { RollupRefresher, runMigrations } from '@lc/clickhouse';
import { median, openBenchEngine, rollupStatementTimes, uptime } from './bench-rollup.common.mjs';

const { values: args } = parseArgs({
  options: {
    sessions: { type: 'string', default: '40' },
    events: { type: 'string', default: '100000' },
    minutes: { type: 'string', default: '10' },
    viewers: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '7' },
    batch: { type: 'string', default: '30' },
    'prefix-from': { type: 'string', default: '20000' },
    against: { type: 'string', default: 'prefixes' },
  },
});
/** The second gateway's config for each --against that needs one, and what to call each side. */
const AGAINST = {
  'final-across-partitions': {
    config: { finalAcrossPartitions: true },
    now: 'FINAL within partitions',
    before: 'FINAL across partitions',
  },
  'table-fed-parameters': {
    config: { tableFedParameters: true },
    now: 'query parameters',
    before: 'parameters from the params table',
    second: '(opt-in)',
  },
};
if (args.against !== 'prefixes' && !Object.hasOwn(AGAINST, args.against)) {
  console.error('--against must be prefixes, final-across-partitions or table-fed-parameters');
  process.exit(2);
}
const SESSIONS = Number(args.sessions);
const EVENTS = Number(args.events);
const MINUTES = Number(args.minutes);
const VIEWERS = Number(args.viewers);
const ROUNDS = Number(args.rounds);
const BATCH = Number(args.batch);
const PREFIX_FROM = Number(args['prefix-from']);
for (const [name, value] of Object.entries({ SESSIONS, EVENTS, MINUTES, VIEWERS, ROUNDS, BATCH, PREFIX_FROM }))
  if (!Number.isInteger(value) || value < 1) {
    console.error(`--${name.toLowerCase().replace('_', '-')} must be a whole number ≥ 1`);
    process.exit(2);
  }

const { gateway, openBeside, cleanup } = openBenchEngine('rollup-many');

try {
  console.log(`rollup-many: ${uptime()}`);
  await runMigrations(gateway);
  const start = Date.UTC(2026, 10, 20, 12, 0, 0);
  const spanMs = MINUTES * 60_000;
  const ids = Array.from({ length: SESSIONS }, (_, s) => `s${s}`);
  // Each session: a start, then joins, dwell, likes, comments, cart adds and a purchase every 500 events,
  // spread evenly over the stream (the engine generates them).
  await gateway.command(
    `INSERT INTO events (brand_id, session_id, event_id, type, occurred_at, viewer_id, commercer_id, commercer_name,
                         commercer_kind, title, platform, seconds, author, text, like_count, stamp, product_id, quantity,
                         unit_price, currency, order_id, items, amount)
     SELECT 'bench', concat('s', toString(s)), concat('e', toString(number)),
            multiIf(k = 0, 'session_start', k % 500 = 7, 'purchase', k % 20 < 6, 'dwell', k % 20 < 10, 'like',
                    k % 20 < 12, 'comment', k % 20 = 12, 'join', k % 20 = 13, 'cart_add', 'dwell'),
            fromUnixTimestamp64Milli(toInt64({start:Int64} + intDiv(k * {span:Int64}, {n:Int64})), 'UTC'),
            if(k = 0, '', concat('v', toString(k % {viewers:UInt64}))),
            'c1', 'Host', 'professional', 'Bench', 'app', 20, 'viewer', 'hi', 1, 'heart',
            concat('p', toString(k % 7)), 1, 1500, 'JPY', concat('o', toString(number)), [('p1', 1, 1500)], 1500
     FROM (SELECT number, intDiv(number, {n:UInt64}) AS s, number % {n:UInt64} AS k FROM numbers({total:UInt64}))`,
    { start, span: spanMs, n: EVENTS, total: EVENTS * SESSIONS, viewers: VIEWERS },
    { tag: 'bench.load', settings: { max_execution_time: 0 } },
  );
  console.log(
    `rollup-many: ${SESSIONS} live sessions of ${EVENTS.toLocaleString('en-US')} events each, ${MINUTES} minutes, ` +
      `${VIEWERS} viewers each; ${BATCH} new events per session and round`,
  );
  // A round looks back as long as the longest insert into events of the last minute: let the bulk load
  // fall out of that window, as a stream's past would.
  await new Promise((resolve) => setTimeout(resolve, 61_000));

  // --against final-across-partitions / table-fed-parameters: the second refresher's gateway behaves otherwise
  const against = AGAINST[args.against];
  const before = against ? openBeside(against.config) : gateway;
  const { times, perTag } = rollupStatementTimes(...new Set([gateway, before]));
  let at = start + spanMs;
  let batchNo = 0;
  // through the gateway of the refresher that rolls up next: a round's look-back is the longest insert its gateway saw
  const arrive = async (via = gateway) => {
    batchNo++;
    await via.command(
      `INSERT INTO events (brand_id, session_id, event_id, type, occurred_at, viewer_id, like_count, stamp)
       SELECT 'bench', concat('s', toString(intDiv(number, {n:UInt64}))), concat('new', toString({b:UInt32}), '-', toString(number)),
              'like', fromUnixTimestamp64Milli(toInt64({at:Int64} + intDiv((number % {n:UInt64}) * 1000, {n:UInt64})), 'UTC'),
              concat('v', toString(number % {viewers:UInt64})), 1, 'heart'
       FROM numbers({total:UInt64})`,
      { b: batchNo, at, n: BATCH, total: BATCH * SESSIONS, viewers: VIEWERS },
      { tag: 'bench.arrive' },
    );
    at += 1_000;
  };
  // the whole path for every one of them (below the live path's size), viewer rows every round (their
  // audiences are below VIEWER_ROWS_FROM)
  const withPrefixes = `with viewer prefixes from ${PREFIX_FROM.toLocaleString('en-US')} events`;
  const configs = (
    args.against === 'prefixes'
      ? [
          { label: withPrefixes, short: 'with prefixes', prefixFromEvents: PREFIX_FROM, gateway },
          {
            label: 'without (by audience alone)',
            short: 'without',
            prefixFromEvents: Number.MAX_SAFE_INTEGER,
            gateway,
          },
        ]
      : [
          { label: `${withPrefixes}, ${against.now}`, short: against.now, prefixFromEvents: PREFIX_FROM, gateway },
          {
            label: `${withPrefixes}, ${against.before} ${against.second ?? '(before)'}`,
            short: `${against.before} ${against.second ?? '(before)'}`,
            prefixFromEvents: PREFIX_FROM,
            gateway: before,
          },
        ]
  ).map((c) => ({
    ...c,
    refresher: new RollupRefresher(c.gateway, {
      liveFromEvents: Number.MAX_SAFE_INTEGER,
      prefixFromEvents: c.prefixFromEvents,
    }),
    rounds: [],
    byStatement: new Map(),
  }));
  // the first rounds build the rollups each starts from (a session's first rollup takes no prefix: nothing to size it by)
  for (let i = 0; i < 2; i++)
    for (const c of configs) {
      await arrive(c.gateway);
      await c.refresher.refreshSessions('bench', ids);
    }
  for (let i = 0; i < ROUNDS; i++)
    for (const c of configs) {
      await arrive(c.gateway);
      times.length = 0;
      const t = performance.now();
      await c.refresher.refreshSessions('bench', ids);
      c.rounds.push(performance.now() - t);
      for (const [tag, ms] of perTag()) c.byStatement.set(tag, [...(c.byStatement.get(tag) ?? []), ms]);
    }
  for (const c of configs) {
    console.log(
      `rollup-many: ${c.label}: rounds ${c.rounds.map((ms) => Math.round(ms)).join(', ')} ms; median ${Math.round(median(c.rounds))} ms`,
    );
    console.log(
      `  per statement, summed over a round (median ms of the rounds that ran it): ${[...c.byStatement].map(([tag, ms]) => `${tag} ${Math.round(median(ms))}${ms.length < ROUNDS ? ` (×${ms.length})` : ''}`).join(', ')}`,
    );
  }
  const [first, second] = configs.map((c) => median(c.rounds));
  const viewersOf = (c) => median(c.byStatement.get('viewers') ?? [0]);
  const [a, b] = configs.map((c) => c.short);
  console.log(
    `\n| sessions × events | round median: ${a} | ${b} | ratio | viewers statement: ${a} | ${b} |\n` +
      `|---|---:|---:|---:|---:|---:|\n` +
      `| ${SESSIONS} × ${EVENTS.toLocaleString('en-US')} | ${Math.round(first)} ms | ${Math.round(second)} ms | ` +
      `${(first / second).toFixed(2)} | ${Math.round(viewersOf(configs[0]))} ms | ${Math.round(viewersOf(configs[1]))} ms |`,
  );
  console.log(`rollup-many: ${uptime()}`);
} finally {
  await cleanup();
}
