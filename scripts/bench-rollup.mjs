#!/usr/bin/env node
// npm run bench:rollup — what one rollup round of a long live session costs, the live path against a
// whole rebuild of the same session in the same run (docs/ARCHITECTURE.md "A live path that does
// not grow with the stream"). A fresh embedded engine in a temporary folder holds one live session
// of --events events (default 1 M) over --minutes minutes (default 90) from --viewers viewers;
// a product pinned every --pin-every events (default 40 000: a new pin every few minutes; 0: none);
// then, --rounds times, --batch new events (1 000) over --batch-ms of stream (1 000) arrive at the stream's end and the session is rolled up by
// the live path (with its product prefixes and viewer totals snapshots, without either, without the snapshots); then the same on the whole path (with and without viewer prefixes) and with whole
// rebuilds; then the cost of taking a viewer prefix, chained and from all events; then (`--only planning`)
// how much of each statement is analysis and planning, and where the opening statement's time goes. Prints each round's
// time, the median per statement (summed over its round) and the ratios. The figures are the engine's on this machine: the ratio is
// what carries over.
import { parseArgs } from 'node:util';
import { RollupRefresher, runMigrations } from '@lc/clickhouse';
import { median, openBenchEngine, rollupStatementTimes, uptime } from './bench-rollup.common.mjs';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    minutes: { type: 'string', default: '90' },
    viewers: { type: 'string', default: '20000' },
    rounds: { type: 'string', default: '5' },
    batch: { type: 'string', default: '1000' },
    // the stream time a batch's events spread over: about a round's, as in a stream received as it happens (a batch
    // of 30 s of stream per round made every event of the last rounds "late" for the snapshots, which look back 10 s)
    'batch-ms': { type: 'string', default: '1000' },
    'pin-every': { type: 'string', default: '40000' },
    // some of the measurements, by name (comma-separated): live, live-no-prefix, live-no-totals, live-final-across,
    // whole-path, whole-path-final-across, no-prefix, whole, snapshots, planning (`-final-across`: on a gateway whose
    // FINAL merges across partitions, the behaviour before; docs/ARCHITECTURE.md, "FINAL within partitions")
    // (the live path's first round and the whole rebuilds take minutes from ~4 M events)
    only: { type: 'string', default: 'live,whole-path,no-prefix,whole,snapshots' },
    // the live path's liveRowsAllFromShare (default: the refresher's; 0: every viewer's totals summed each round;
    // 2: only the touched viewers', however many)
    'live-rows-all-share': { type: 'string' },
    // the live path's liveMarginMs (default: the refresher's, 10 s). 0 with --batch-ms 60000 makes every round take
    // a chained viewer totals snapshot: what taking one costs (with the margin, a batch of a minute of stream
    // delivered at once holds events "late" for the last snapshot, and each is taken from every minute row)
    'live-margin-ms': { type: 'string' },
    // the live path looks back the fixed liveMarginMs, not as long as the longest insert (marginFromInserts: false)
    'fixed-margin': { type: 'boolean', default: false },
    // where in the stream (ms from its start) the new batches begin; default: the stream's end, a minute of their
    // own. 90000 with --minutes 2 puts them in the last minute, which holds half the events: each round then
    // rebuilds a minute of --events / 2 events, as a stream's current minute holds 1.8 M at 30 000 events/s
    'arrive-from-ms': { type: 'string' },
  },
});
const EVENTS = Number(args.events);
const MINUTES = Number(args.minutes);
const VIEWERS = Number(args.viewers);
const ROUNDS = Number(args.rounds);
const BATCH = Number(args.batch);
const BATCH_MS = Number(args['batch-ms']);
const PIN_EVERY = Number(args['pin-every']);

const { gateway, openBeside, cleanup } = openBenchEngine('rollup');

try {
  console.log(`rollup: ${uptime()}`);
  await runMigrations(gateway);
  const start = Date.UTC(2026, 10, 20, 12, 0, 0);
  const spanMs = MINUTES * 60_000;
  // One live session: a start, then joins, dwell, likes, comments, cart adds, impressions, clicks and
  // a purchase every 500 events, spread evenly over the stream (the engine generates them).
  await gateway.command(
    `INSERT INTO events (brand_id, session_id, event_id, type, occurred_at, viewer_id, commercer_id, commercer_name,
                         commercer_kind, title, platform, seconds, author, text, like_count, stamp, product_id, quantity,
                         unit_price, currency, order_id, items, amount)
     SELECT 'bench', 'L', concat('e', toString(number)),
            multiIf(number = 0, 'session_start', {pinEvery:UInt64} > 0 AND number % {pinEvery:UInt64} = 1, 'product_pin', number % 500 = 7, 'purchase', number % 20 < 6, 'dwell', number % 20 < 10,
                    'like', number % 20 < 12, 'comment', number % 20 = 12, 'join', number % 20 = 13, 'cart_add',
                    number % 20 = 14, 'product_impression', number % 20 = 15, 'product_click', 'dwell'),
            fromUnixTimestamp64Milli(toInt64({start:Int64} + intDiv(number * {span:Int64}, {n:Int64})), 'UTC'),
            if(number = 0, '', concat('v', toString(number % {viewers:UInt64}))),
            'c1', 'Host', 'professional', 'Bench', 'app', 20, 'viewer', 'hi', 1, 'heart',
            concat('p', toString(number % 7)), 1, 1500, 'JPY', concat('o', toString(number)),
            [('p1', 1, 1500)], 1500
     FROM numbers({n:UInt64})`,
    { start, span: spanMs, n: EVENTS, viewers: VIEWERS, pinEvery: PIN_EVERY },
    { tag: 'bench.load', settings: { max_execution_time: 0 } },
  );
  console.log(
    `rollup: one live session of ${EVENTS.toLocaleString('en-US')} events, ${MINUTES} minutes, ${VIEWERS} viewers, ` +
      (PIN_EVERY > 0 ? `a pin every ${PIN_EVERY.toLocaleString('en-US')} events` : 'no pins'),
  );

  // A live round looks back 10 s before its last one started (LIVE_MARGIN_MS), or as long as the longest
  // insert into events of the last minute (the look-back from the inserts): let the bulk load fall out of
  // both windows, as a stream's past would.
  await new Promise((resolve) => setTimeout(resolve, args['fixed-margin'] ? 11_000 : 61_000));
  // the same folder through a gateway whose FINAL merges across partitions, for the `-final-across` measurements
  // (opened only when one is asked for)
  const before = /(^|,)(live|whole-path)-final-across(,|$)/.test(args.only)
    ? openBeside({ finalAcrossPartitions: true })
    : gateway;
  const { times, perTag } = rollupStatementTimes(...new Set([gateway, before]));
  let at = start + (args['arrive-from-ms'] === undefined ? spanMs : Number(args['arrive-from-ms']));
  let batchNo = 0;
  // through the gateway of the refresher measured: a round's look-back is the longest insert its gateway saw
  const arrive = async (via = gateway) => {
    batchNo++;
    await via.command(
      `INSERT INTO events (brand_id, session_id, event_id, type, occurred_at, viewer_id, like_count, stamp)
       SELECT 'bench', 'L', concat('new', toString({b:UInt32}), '-', toString(number)), 'like',
              fromUnixTimestamp64Milli(toInt64({at:Int64} + intDiv(number * {spanMs:UInt64}, {n:UInt64})), 'UTC'),
              concat('v', toString(number % {viewers:UInt64})), 1, 'heart'
       FROM numbers({n:UInt64})`,
      { b: batchNo, at, n: BATCH, viewers: VIEWERS, spanMs: BATCH_MS },
      { tag: 'bench.arrive' },
    );
    at += BATCH_MS;
  };
  const measure = async (label, refresher, opener = refresher, via = gateway) => {
    const rounds = [];
    const byStatement = new Map();
    // the first rounds build the rollup this path starts from (`opener`); not measured. Two: a session's
    // first rollup takes no viewer prefix (nothing to size it by yet), the second does
    for (let i = 0; i < 2; i++) {
      await arrive(via);
      await opener.refreshSessions('bench', ['L']);
    }
    const lookBacks = [];
    for (let i = 0; i < ROUNDS; i++) {
      await arrive(via);
      // the look-back the round's opening statement uses (RollupRefresher.marginParams), before the slack
      lookBacks.push(via.longestWriteMs('events', 60_000));
      times.length = 0;
      const t = performance.now();
      await refresher.refreshSessions('bench', ['L']);
      rounds.push(performance.now() - t);
      // each tag's statements of the round summed (a round may run two of a kind: a snapshot's rows and listing)
      for (const [tag, ms] of perTag()) byStatement.set(tag, [...(byStatement.get(tag) ?? []), ms]);
    }
    console.log(
      `rollup: ${label}: rounds ${rounds.map((ms) => Math.round(ms)).join(', ')} ms; median ${Math.round(median(rounds))} ms; ` +
        `longest insert of the last minute ${Math.round(median(lookBacks))} ms (median); ${uptime()}`,
    );
    console.log(
      `  per statement, summed over a round (median ms of the rounds that ran it): ${[...byStatement].map(([tag, ms]) => `${tag} ${Math.round(median(ms))}`).join(', ')}`,
    );
    return median(rounds);
  };
  // a live session below the live path's size: rebuilt whole, its unchanged minutes carried over, its
  // viewer rows written every VIEWER_ROWS_EVERY_MS (the rounds between defer them) — with a viewer prefix
  // (the default: the rows from a snapshot and the events after its cut) and without (from all its
  // events, as before the prefixes). Each starts with rounds that write the viewer rows (and take the
  // snapshot); the measured rounds defer them.
  const wholePath = { liveFromEvents: Number.MAX_SAFE_INTEGER };
  const only = new Set(args.only.split(','));
  const ran = {};
  const livePath = {
    liveFromEvents: 0,
    liveEventsPerViewer: 0,
    ...(args['live-rows-all-share'] === undefined ? {} : { liveRowsAllFromShare: Number(args['live-rows-all-share']) }),
    ...(args['live-margin-ms'] === undefined ? {} : { liveMarginMs: Number(args['live-margin-ms']) }),
    marginFromInserts: !args['fixed-margin'],
  };
  // the live path on the gateway whose FINAL merges across partitions; first when --only names it before `live`
  // (a later measurement's stream holds the earlier ones' batches too)
  const liveFinalAcross = async () => {
    if (only.has('live-final-across'))
      ran.liveFinalAcross = await measure(
        'live path, FINAL across partitions (before)',
        new RollupRefresher(before, livePath),
        undefined,
        before,
      );
  };
  const order = args.only.split(',');
  const acrossFirst = order.includes('live') && order.indexOf('live-final-across') < order.indexOf('live');
  if (acrossFirst) await liveFinalAcross();
  if (only.has('live')) ran.live = await measure('live path', new RollupRefresher(gateway, livePath));
  if (!acrossFirst) await liveFinalAcross();
  // the live path without prefixes: its products from all of the session's impressions, clicks and cart adds, its
  // viewer totals from all of each viewer's minute rows
  if (only.has('live-no-prefix'))
    ran.liveNoPrefix = await measure(
      'live path without prefixes (products, viewer totals)',
      new RollupRefresher(gateway, { ...livePath, viewerPrefixes: false }),
    );
  // the live path without viewer totals snapshots: every total summed from all of the viewer's minute rows
  if (only.has('live-no-totals'))
    ran.liveNoTotals = await measure(
      'live path without viewer totals snapshots',
      new RollupRefresher(gateway, { ...livePath, livePrefixFrom: Number.MAX_SAFE_INTEGER }),
    );
  // a path's round median with FINAL within partitions against across them (the `-final-across` measurement)
  const finalTable = (path, within, across) =>
    console.log(
      `\n| session events | ${path} round median: FINAL within partitions | across (before) | within / across |\n|---:|---:|---:|---:|\n` +
        `| ${EVENTS.toLocaleString('en-US')} | ${Math.round(within)} ms | ${Math.round(across)} ms | ${(within / across).toFixed(2)} |`,
    );
  if ('live' in ran && 'liveFinalAcross' in ran) finalTable('live', ran.live, ran.liveFinalAcross);
  if ('live' in ran && 'liveNoTotals' in ran)
    console.log(
      `\n| session events | live round median | without viewer totals snapshots | with / without |\n|---:|---:|---:|---:|\n` +
        `| ${EVENTS.toLocaleString('en-US')} | ${Math.round(ran.live)} ms | ${Math.round(ran.liveNoTotals)} ms | ` +
        `${(ran.live / ran.liveNoTotals).toFixed(2)} |`,
    );
  if ('live' in ran && 'liveNoPrefix' in ran)
    console.log(
      `\n| session events | live round median | without prefixes | with / without |\n|---:|---:|---:|---:|\n` +
        `| ${EVENTS.toLocaleString('en-US')} | ${Math.round(ran.live)} ms | ${Math.round(ran.liveNoPrefix)} ms | ` +
        `${(ran.live / ran.liveNoPrefix).toFixed(2)} |`,
    );
  if (only.has('whole-path'))
    ran.wholeLive = await measure(
      'whole path (live session)',
      new RollupRefresher(gateway, wholePath),
      new RollupRefresher(gateway, { ...wholePath, viewerRowsEveryMs: 0 }),
    );
  if (only.has('whole-path-final-across'))
    ran.wholeLiveFinalAcross = await measure(
      'whole path (live session), FINAL across partitions (before)',
      new RollupRefresher(before, wholePath),
      new RollupRefresher(before, { ...wholePath, viewerRowsEveryMs: 0 }),
      before,
    );
  if ('wholeLive' in ran && 'wholeLiveFinalAcross' in ran)
    finalTable('whole path', ran.wholeLive, ran.wholeLiveFinalAcross);
  if (only.has('no-prefix'))
    ran.noPrefix = await measure(
      'whole path (live session) without viewer prefixes',
      new RollupRefresher(gateway, { ...wholePath, viewerPrefixes: false }),
      new RollupRefresher(gateway, { ...wholePath, viewerPrefixes: false, viewerRowsEveryMs: 0 }),
    );
  if (only.has('whole')) ran.whole = await measure('whole rebuild', new RollupRefresher(gateway, { livePath: false }));
  if (['live', 'wholeLive', 'noPrefix', 'whole'].every((k) => k in ran)) {
    const { live, wholeLive, noPrefix, whole } = ran;
    console.log(
      `\n| session events | live round median | whole path (live session) median | without prefixes | whole rebuild median | live / whole | whole path / whole | with / without prefixes |\n` +
        `|---:|---:|---:|---:|---:|---:|---:|---:|\n| ${EVENTS.toLocaleString('en-US')} | ${Math.round(live)} ms | ${Math.round(wholeLive)} ms | ` +
        `${Math.round(noPrefix)} ms | ${Math.round(whole)} ms | ${(live / whole).toFixed(2)} | ${(wholeLive / whole).toFixed(2)} | ` +
        `${(wholeLive / noPrefix).toFixed(2)} |`,
    );
  }

  if (only.has('snapshots')) {
    // Taking a viewer prefix: rounds on the whole path that write the viewer rows, the stream's last event a
    // minute later each time (so the cut moves and a new snapshot is due every round) — chained from the last
    // snapshot, against read from every event before the cut (docs/ARCHITECTURE.md, "Chained snapshots").
    // The two alternate, round by round, so that both meet the same background merges.
    // (no margin: here a minute of the stream arrives within a second, so batches a minute apart in the stream
    // would otherwise count as late arrivals before the cut, and every snapshot as stale)
    const writer = { ...wholePath, viewerRowsEveryMs: 0, liveMarginMs: 0 };
    const takers = [
      ['from all events', new RollupRefresher(gateway, { ...writer, chainPrefixes: false }), []],
      ['chained', new RollupRefresher(gateway, writer), []],
    ];
    await arrive();
    await takers[1][1].refreshSessions('bench', ['L']);
    for (let i = 0; i < ROUNDS; i++) {
      for (const [, refresher, taking] of takers) {
        at += 60_000;
        await arrive();
        times.length = 0;
        await refresher.refreshSessions('bench', ['L']);
        taking.push(times.filter(([tag]) => tag === 'prefix').reduce((sum, [, ms]) => sum + ms, 0));
      }
    }
    for (const [label, , taking] of takers)
      console.log(
        `rollup: taking a snapshot ${label}: ${taking.map((ms) => Math.round(ms)).join(', ')} ms; median ${Math.round(median(taking))} ms`,
      );
    const [fromEvents, chained] = takers.map(([, , taking]) => median(taking));
    console.log(
      `\n| session events | taking a snapshot from all events (median) | chained | chained / from all events |\n` +
        `|---:|---:|---:|---:|\n| ${EVENTS.toLocaleString('en-US')} | ${Math.round(fromEvents)} ms | ${Math.round(chained)} ms | ` +
        `${(chained / fromEvents).toFixed(2)} |`,
    );
  }

  if (only.has('planning')) {
    // Where a whole-path round's statements spend their time: each statement of one round captured with its
    // parameters (an INSERT by its SELECT) and re-run as EXPLAIN QUERY TREE (the analysis, scalar subqueries
    // executed), EXPLAIN PLAN (analysis and plan, indexes chosen) and as it is. Then the opening statement
    // (rollup.frame) with each of its per-session reads given nothing to read (`WHERE 0 AND …`), with all of
    // them so, and its frame read alone: the differences are what each part costs.
    const captured = [];
    const query = gateway.query.bind(gateway);
    const command = gateway.command.bind(gateway);
    const capture = (sql, params, options) => {
      if (options.tag.startsWith('rollup.')) captured.push({ tag: options.tag, sql: sql.trim(), params });
    };
    const refresher = new RollupRefresher(gateway, wholePath);
    for (let i = 0; i < 3; i++) {
      await arrive();
      await refresher.refreshSessions('bench', ['L']);
    }
    await arrive();
    gateway.query = (sql, params, options) => (capture(sql, params, options), query(sql, params, options));
    gateway.command = (sql, params, options) => (capture(sql, params, options), command(sql, params, options));
    await refresher.refreshSessions('bench', ['L']);
    gateway.query = query;
    gateway.command = command;
    const timed = async (text, params) => {
      const ms = [];
      for (let i = 0; i < 9; i++) {
        const t = performance.now();
        await query(text, params, { tag: 'bench.planning' });
        ms.push(performance.now() - t);
      }
      return median(ms);
    };
    const selectOf = (sql) => (sql.startsWith('INSERT') ? sql.slice(sql.search(/\n(WITH|SELECT)\b/) + 1) : sql);
    const rows = [];
    for (const { tag, sql, params } of captured) {
      const select = selectOf(sql);
      if (!/^(WITH|SELECT)\b/.test(select)) continue;
      const analysis = await timed(`EXPLAIN QUERY TREE run_passes = 1 ${select}`, params);
      const plan = await timed(`EXPLAIN PLAN ${select}`, params);
      const run = await timed(select, params);
      rows.push(
        `| ${tag} | ${Math.round(analysis)} | ${Math.round(plan)} | ${Math.round(run)} | ${(plan / run).toFixed(2)} |`,
      );
    }
    console.log(
      `\n| ${EVENTS.toLocaleString('en-US')} events: statement (its SELECT) | analysis | analysis + plan | run | plan / run |\n` +
        `|---|---:|---:|---:|---:|\n${rows.join('\n')}\n| \`SELECT 1\` | | | ${Math.round(await timed('SELECT 1', {}))} | |`,
    );

    const { sql, params } = captured.find((c) => c.tag === 'rollup.frame');
    // each per-session read of the opening statement: every `WHERE` of the subquery joined under one of these aliases
    const names = {
      f: 'frame',
      lv: 'live rows',
      c: 'stored rows',
      sp: 'first and last',
      ch: 'arrived since',
      pl: 'late before the cut',
    };
    const parts = [...sql.matchAll(/\) AS (\w+) ON /g)]
      .filter((m) => m[1] in names)
      .map((m) => {
        const from = sql.lastIndexOf('LEFT JOIN (', m.index);
        return [names[m[1]], [...sql.slice(from, m.index).matchAll(/WHERE /g)].map((w) => from + w.index)];
      });
    const without = (at) =>
      [...at]
        .sort((a, b) => a - b)
        .reduceRight((text, i) => `${text.slice(0, i)}WHERE 0 AND ${text.slice(i + 'WHERE '.length)}`, sql);
    const whole = await timed(sql, params);
    const opening = [['the whole statement', whole]];
    for (const [name, at] of parts) opening.push([`without ${name}`, await timed(without(at), params)]);
    opening.push(['without all of those', await timed(without(parts.flatMap(([, at]) => at)), params)]);
    const frameAt = sql.indexOf('LEFT JOIN (') + 'LEFT JOIN ('.length;
    opening.push(['the frame alone', await timed(sql.slice(frameAt, sql.indexOf(') AS f ON', frameAt)), params)]);
    opening.push(['the whole statement again', await timed(sql, params)]);
    console.log(
      `\n| ${EVENTS.toLocaleString('en-US')} events: opening statement | median ms | / whole |\n|---|---:|---:|\n` +
        opening.map(([name, ms]) => `| ${name} | ${Math.round(ms)} | ${(ms / whole).toFixed(2)} |`).join('\n'),
    );
  }
} finally {
  await cleanup();
}
