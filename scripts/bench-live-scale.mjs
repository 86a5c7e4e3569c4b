// `npm run bench:live-scale` (issue 11, "Freshness that does not depend on stream size"): how stale
// are the live numbers as a stream grows? Starts the real all-in-one server (scripts/serve.mjs) on a
// fresh temporary folder (one brand, no events), posts a synthetic live stream through POST /v1/events
// at a target rate (open loop, at most --connections requests in flight), and every 2 s reads
// `session(id) { metrics { likes } }` over GraphQL. Every --like-every-th event of a session is a
// like of count 1, and the bench knows which batches were acknowledged when, so the exact likes a
// reading should show are known at every instant.
//
// Staleness of a reading = (when the answer arrived) − (when the acknowledged likes first reached
// the value shown), i.e. how old the number on screen is; 0 when it shows every acknowledged like.
// With --sessions N > 1 the events are spread over N live sessions at the same total rate, and each
// reading reads a rotating sample of them: its staleness is that of its stalest session.
// Printed per --every events (default 1 M): achieved events/s, staleness p50 / p95 / max, and from
// /metrics the rollup rebuild time of the same window (the same run's baseline), and under the table each
// window's milliseconds per round by rollup statement (where a round goes). After the last post,
// how long until the API shows every acknowledged like; then the server stops and the folder goes.
// With --newcomers-every S, every S seconds a small new session (a start, a join, three likes) is posted
// in a request of its own, and read every 100 ms until the API shows its three likes: how long a session
// that starts beside a long stream waits to be seen (its first rollup round).
//
//   node scripts/bench-live-scale.mjs [--sessions 1] [--events 20000000] [--quick] [--rate 30000]
//        [--connections 8] [--batch 1000] [--every 1000000] [--sample 10] [--like-every 5] [--keep]
//        [--newcomers-every 0]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { percentile, postEvents, startServe } from './bench-serve.mjs';
import { createBenchBrand, perRound, rollupTotals, roundFigures, streamEvent } from './bench-live-stream.mjs';
import { freePort, ProcessSampler } from '../ingest/dist/bench/bench.server.js';

const { values: args } = parseArgs({
  options: {
    sessions: { type: 'string', default: '1' },
    events: { type: 'string' },
    quick: { type: 'boolean', default: false },
    rate: { type: 'string', default: '30000' },
    connections: { type: 'string', default: '8' },
    batch: { type: 'string', default: '1000' },
    every: { type: 'string', default: '1000000' },
    sample: { type: 'string', default: '10' },
    'like-every': { type: 'string', default: '5' },
    viewers: { type: 'string', default: '100000' },
    keep: { type: 'boolean', default: false },
    'newcomers-every': { type: 'string', default: '0' },
    help: { type: 'boolean', default: false },
  },
});
const USAGE =
  'usage: node scripts/bench-live-scale.mjs [--sessions 1] [--events 20000000 | --quick] [--rate 30000] ' +
  '[--connections 8] [--batch 1000] [--every 1000000] [--sample 10] [--like-every 5] [--viewers 100000] [--keep] ' +
  '[--newcomers-every 0]';
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const SESSIONS = Number(args.sessions);
const EVENTS = Number(args.events ?? (args.quick ? 2_000_000 : 20_000_000));
const RATE = Number(args.rate);
const CONNECTIONS = Number(args.connections);
const BATCH = Number(args.batch);
const EVERY = Number(args.every);
const SAMPLE = Math.min(Number(args.sample), SESSIONS);
const LIKE_EVERY = Number(args['like-every']);
const NEWCOMERS_EVERY_MS = Number(args['newcomers-every']) * 1000;
/** Viewers per session: the same crowd in total whether it watches one stream or many. */
const VIEWERS = Math.max(50, Math.floor(Number(args.viewers) / SESSIONS));
if (![SESSIONS, EVENTS, RATE, CONNECTIONS, BATCH, EVERY, SAMPLE, LIKE_EVERY, VIEWERS].every(Number.isInteger)) {
  console.error(USAGE);
  process.exit(2);
}
if (
  ![SESSIONS, EVENTS, RATE, CONNECTIONS, BATCH, EVERY, SAMPLE, LIKE_EVERY].every((n) => n > 0) ||
  LIKE_EVERY < 2 ||
  !(NEWCOMERS_EVERY_MS >= 0)
) {
  console.error(USAGE);
  process.exit(2);
}

const READ_EVERY_MS = 2_000;
const REQUEST_TIMEOUT_MS = 120_000;
const READ_TIMEOUT_MS = 60_000;
const CATCH_UP_TIMEOUT_MS = 180_000;
/** Below this share of the target, the run says plainly that the rate was not sustained. */
const SUSTAINED_SHARE = 0.95;
const BRAND = { id: 'live-scale', name: 'Live scale bench', timeZone: 'Asia/Tokyo', currency: 'JPY' };

const log = (line) => process.stderr.write(`${line}\n`);
const thousands = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—');
const seconds = (ms) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : '—');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const sessionId = (s) => `live-${s}`;
/** The machine's 1-minute load average: the machine is shared, so every figure is read beside it. */
const loadAverage = () => Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);

/**
 * Batch `b` of the stream, built when it is sent (so `occurredAt` is "now", as for a live stream).
 * Global event g belongs to session g mod SESSIONS as that session's event ⌊g / SESSIONS⌋: every
 * batch carries events of every session, so all of them are live at once. Event 0 of a session is
 * its session_start; every LIKE_EVERY-th a like of count 1; the rest joins, dwell, viewer comments,
 * cart adds and now and then a purchase. Returns the body and the likes it carries per session.
 */
function buildBatch(b) {
  const now = Date.now();
  const first = b * BATCH;
  const last = Math.min(EVENTS, first + BATCH);
  const parts = [];
  const likes = new Map();
  for (let g = first; g < last; g++) {
    const s = g % SESSIONS;
    const i = Math.floor(g / SESSIONS);
    const sid = sessionId(s);
    const head = `"eventId":"${s}-${i}","occurredAt":${now},"sessionId":"${sid}"`;
    const viewer = `"viewerId":"v${(i * 7919) % VIEWERS}"`;
    if (i === 0) {
      parts.push(
        `{"type":"session_start",${head},"commercerId":"c${s % 50}","commercerName":"Host ${s % 50}",` +
          `"commercerKind":"professional","title":"Live ${s}","platform":"app"}`,
      );
    } else if (i % LIKE_EVERY === 0) {
      parts.push(`{"type":"like",${head},${viewer},"count":1,"stamp":"heart"}`);
      likes.set(s, (likes.get(s) ?? 0) + 1);
    } else {
      parts.push(streamEvent(i, head, viewer, `o${s}-${i}`));
    }
  }
  return { body: Buffer.from(`{"events":[${parts.join(',')}]}`), events: last - first, likes };
}

/**
 * A session's acknowledged likes over time, as (ack time, cumulative likes). Readings only move
 * forward, so entries older than the last value found are dropped: memory stays small however long
 * the stream runs.
 */
class AckHistory {
  constructor(startMs) {
    this.times = [startMs];
    this.totals = [0];
    this.from = 0;
  }
  get total() {
    return this.totals[this.totals.length - 1];
  }
  add(ms, likes) {
    this.times.push(ms);
    this.totals.push(this.total + likes);
  }
  /** How old `shown` is at `atMs`: 0 if it is every acknowledged like, else the time since the acks first reached it. */
  staleness(shown, atMs) {
    if (shown >= this.total) return 0;
    let lo = this.from;
    let hi = this.totals.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.totals[mid] >= shown) hi = mid;
      else lo = mid + 1;
    }
    this.from = lo;
    if (lo > 4096 && lo * 2 > this.totals.length) {
      this.times.splice(0, lo);
      this.totals.splice(0, lo);
      this.from = 0;
      lo = 0;
    }
    return Math.max(0, atMs - this.times[lo]);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'lc-bench-live-scale-'));
// The WAL goes beside the data folder (`<DATA_DIR>/../wal`): both stay inside `dir`.
const dataDir = join(dir, 'clickhouse');
let server;
let sampler;
let cleanup;
const stopEverything = () =>
  (cleanup ??= (async () => {
    sampler?.stop();
    try {
      if (server) await server.stop();
    } finally {
      if (args.keep) log(`live-scale: kept ${dir}`);
      else rmSync(dir, { recursive: true, force: true });
    }
  })());
for (const signal of ['SIGINT', 'SIGTERM'])
  process.once(signal, () => {
    log(`\nlive-scale: ${signal}: stopping the server and removing ${dir} …`);
    void stopEverything().finally(() => process.exit(130));
  });

let exitCode = 0;
try {
  // 1. One brand with an INGEST and a READ key, written before the server opens the folder (one process per folder).
  const { ingestKey, readToken } = await createBenchBrand(dataDir, BRAND, 'live-scale');

  // 2. The all-in-one server, default settings.
  const port = await freePort();
  server = await startServe(dataDir, port);
  sampler = new ProcessSampler(server.pid);
  sampler.start(1_000);
  const base = `http://127.0.0.1:${port}`;
  log(`live-scale: server pid ${server.pid} on 127.0.0.1:${port}, data in ${dir}`);
  log(
    `live-scale: ${thousands(EVENTS)} events into ${SESSIONS} live session${SESSIONS === 1 ? '' : 's'} at ${thousands(RATE)} events/s target, ` +
      `${CONNECTIONS} connections × ${thousands(BATCH)} events, a like every ${LIKE_EVERY} events, ${thousands(VIEWERS)} viewers per session`,
  );

  // 3. Posting: batch b is due at start + b × BATCH / RATE; at most CONNECTIONS in flight.
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const headers = { authorization: `Bearer ${ingestKey}`, 'content-type': 'application/json' };
  const post = (body) => postEvents({ agent, port, headers, timeoutMs: REQUEST_TIMEOUT_MS }, body);

  const totalBatches = Math.ceil(EVENTS / BATCH);
  const t0 = performance.now();
  const histories = Array.from({ length: SESSIONS }, () => new AckHistory(t0));
  const statuses = new Map();
  const crossings = [t0]; // crossings[k]: when the acknowledged events first reached k × EVERY
  let acked = 0;
  let nextBatch = 0;
  const count = (key) => statuses.set(key, (statuses.get(key) ?? 0) + 1);
  const client = async () => {
    for (;;) {
      const b = nextBatch++;
      if (b >= totalBatches) return;
      const wait = t0 + (b * BATCH * 1000) / RATE - performance.now();
      if (wait > 0) await sleep(wait);
      const batch = buildBatch(b);
      for (;;) {
        const answer = await post(batch.body);
        if (answer.error) {
          // Posting again is safe (the server drops repeated event ids); counted and reported.
          count(`connection error (${answer.error.code ?? answer.error.message})`);
          await sleep(1_000);
          continue;
        }
        count(String(answer.status));
        if (answer.status === 429 || answer.status === 503) {
          const advised = Number(answer.retryAfter ?? 1);
          await sleep(Math.max(0.05, Number.isFinite(advised) ? advised : 1) * 1000);
          continue;
        }
        if (answer.status !== 200) throw new Error(`POST /v1/events → ${answer.status}: ${answer.body.slice(0, 300)}`);
        const result = JSON.parse(answer.body);
        if (result.rejected.length > 0)
          throw new Error(`the server rejected events of batch ${b}: ${JSON.stringify(result.rejected[0])}`);
        const now = performance.now();
        for (const [s, likes] of batch.likes) histories[s].add(now, likes);
        acked += batch.events;
        while (acked >= crossings.length * EVERY) crossings.push(now);
        break;
      }
    }
  };

  // 4. The reader: every 2 s, a rotating sample of sessions; and /metrics beside it for the rollups.
  const graphql = async (query) => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${readToken}` },
      body: JSON.stringify({ query }),
      signal: AbortSignal.timeout(READ_TIMEOUT_MS),
    });
    const json = await res.json();
    if (json.errors) throw new Error(`GraphQL: ${JSON.stringify(json.errors).slice(0, 300)}`);
    return json.data;
  };
  const likesOf = async (sessions) => {
    const fields = sessions.map((s) => `s${s}: session(id: "${sessionId(s)}") { metrics { likes } }`).join(' ');
    const data = await graphql(`{ ${fields} }`);
    return sessions.map((s) => Number(data[`s${s}`]?.metrics?.likes ?? 0));
  };
  const readings = []; // { at, acked, staleness, latency }
  const readErrors = [];
  const rollupSamples = []; // { at, seconds, rebuilds }
  let posting = true;
  let nextSample = 0;
  let printedBuckets = 0;
  const reader = async () => {
    while (posting) {
      const started = performance.now();
      const sample = Array.from({ length: SAMPLE }, (_, k) => (nextSample + k) % SESSIONS);
      nextSample = (nextSample + SAMPLE) % SESSIONS;
      try {
        const shown = await likesOf(sample);
        const at = performance.now();
        const staleness = Math.max(...sample.map((s, k) => histories[s].staleness(shown[k], at)));
        readings.push({ at, acked, staleness, latency: at - started });
        printFinishedBuckets();
      } catch (error) {
        // A read that times out is a finding (staleness beyond measure), not a reason to stop the stream.
        readErrors.push(error.message);
      }
      const wait = started + READ_EVERY_MS - performance.now();
      if (wait > 0) await sleep(wait);
    }
  };
  const metricsPoller = async () => {
    while (posting) {
      const started = performance.now();
      try {
        const text = await (await fetch(`${base}/metrics`, { signal: AbortSignal.timeout(5_000) })).text();
        rollupSamples.push({ at: performance.now(), ...rollupTotals(text) });
      } catch {
        // A slow /metrics under load leaves a gap; the window's figures use the samples around it.
      }
      const wait = started + READ_EVERY_MS - performance.now();
      if (wait > 0) await sleep(wait);
    }
  };

  // 4b. Newcomers: a small session started beside the stream, and how long until the API shows it.
  const newcomerWaits = []; // ms from its acknowledgement to the first answer with its three likes
  const newcomerMisses = [];
  const newcomers = async () => {
    if (NEWCOMERS_EVERY_MS === 0) return;
    for (let k = 0; posting; k++) {
      await sleep(NEWCOMERS_EVERY_MS);
      if (!posting) return;
      const id = `newcomer-${k}`;
      const head = (i) => `"eventId":"${id}-${i}","occurredAt":${Date.now()},"sessionId":"${id}"`;
      const events = [
        `{"type":"session_start",${head(0)},"commercerId":"c-new","commercerName":"New host","commercerKind":"in_house","title":"Newcomer ${k}","platform":"app"}`,
        `{"type":"join",${head(1)},"viewerId":"nv1"}`,
        ...[2, 3, 4].map((i) => `{"type":"like",${head(i)},"viewerId":"nv1","count":1,"stamp":"heart"}`),
      ];
      const answer = await post(Buffer.from(`{"events":[${events.join(',')}]}`));
      if (answer.error || answer.status !== 200) {
        newcomerMisses.push(`${id}: POST → ${answer.error?.message ?? answer.status}`);
        continue;
      }
      const acknowledged = performance.now();
      for (;;) {
        try {
          const data = await graphql(`{ s: session(id: "${id}") { metrics { likes } } }`);
          if (Number(data.s?.metrics?.likes ?? 0) >= 3) {
            newcomerWaits.push(performance.now() - acknowledged);
            break;
          }
        } catch (error) {
          newcomerMisses.push(`${id}: ${error.message}`);
          break;
        }
        if (performance.now() - acknowledged > READ_TIMEOUT_MS) {
          newcomerMisses.push(`${id}: not shown after ${seconds(READ_TIMEOUT_MS)}`);
          break;
        }
        await sleep(100);
      }
    }
  };

  // 5. The table, one row per EVERY events, printed as each window closes.
  const header =
    '| events so far | events/s | × target | readings | staleness p50 | p95 | max | read p50 | rollup rebuild mean | rollup busy |';
  const bucketRow = (k, untilMs) => {
    const from = crossings[k];
    const to = crossings[k + 1] ?? untilMs;
    const events = Math.min(acked, (k + 1) * EVERY) - k * EVERY;
    const rate = events / ((to - from) / 1000);
    const inWindow = readings.filter((r) => r.acked >= k * EVERY && r.acked < (k + 1) * EVERY);
    const stale = inWindow.map((r) => r.staleness).sort((a, b) => a - b);
    const latency = inWindow.map((r) => r.latency).sort((a, b) => a - b);
    const before = rollupSamples.filter((r) => r.at <= from).at(-1) ?? rollupSamples.find((r) => r.at > from);
    const after = rollupSamples.filter((r) => r.at <= to).at(-1);
    let rebuild = '—';
    let busy = '—';
    if (before && after && after.at > before.at) {
      const spent = after.seconds - before.seconds;
      const rebuilds = after.rebuilds - before.rebuilds;
      if (rebuilds > 0) rebuild = `${((spent / rebuilds) * 1000).toFixed(0)} ms ×${rebuilds}`;
      busy = `${((spent * 1000 * 100) / (after.at - before.at)).toFixed(0)} %`;
      if (rebuilds > 0) roundParts.push(`${thousands(k * EVERY + events)}: ${perRound(before, after, rebuilds)}`);
    }
    return (
      `| ${thousands(k * EVERY + events)} | ${thousands(rate)} | ${(rate / RATE).toFixed(2)} | ${inWindow.length} | ` +
      `${seconds(percentile(stale, 50))} | ${seconds(percentile(stale, 95))} | ${seconds(stale.at(-1))} | ` +
      `${seconds(percentile(latency, 50))} | ${rebuild} | ${busy} |`
    );
  };
  /** Per window: ms per round in each rollup statement (of which waiting for the engine's turn). */
  const roundParts = [];
  function printFinishedBuckets() {
    // A window is closed once a reading has seen the next one start: readings run one at a time.
    const last = readings.at(-1);
    while (last && Math.floor(last.acked / EVERY) > printedBuckets && crossings.length > printedBuckets + 1) {
      if (printedBuckets === 0) console.log(`\n${header}\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|`);
      console.log(bucketRow(printedBuckets, performance.now()));
      printedBuckets++;
    }
  }

  const loads = [loadAverage()];
  const progress = setInterval(() => {
    loads.push(loadAverage());
    const s = (performance.now() - t0) / 1000;
    const last = readings.at(-1);
    log(
      `  ${s.toFixed(0)} s: ${thousands(acked)} events acknowledged (${thousands(acked / s)} events/s), ` +
        `last staleness ${last ? seconds(last.staleness) : '—'}, statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
  }, 10_000);
  const cpuBefore = sampler.cpuSeconds();
  const ownCpuBefore = process.cpuUsage();
  const readerDone = reader();
  const metricsDone = metricsPoller();
  const newcomersDone = newcomers();
  try {
    await Promise.all(Array.from({ length: CONNECTIONS }, () => client()));
  } finally {
    posting = false;
    clearInterval(progress);
  }
  const postedMs = performance.now() - t0;
  const serverCores = (sampler.cpuSeconds() - cpuBefore) / (postedMs / 1000);
  const ownCpu = process.cpuUsage(ownCpuBefore);
  const ownCores = (ownCpu.user + ownCpu.system) / 1000 / postedMs;
  loads.push(loadAverage());
  await Promise.all([readerDone, metricsDone, newcomersDone]);
  const roundsSeen = await fetch(`${base}/metrics`, { signal: AbortSignal.timeout(10_000) })
    .then(async (res) => roundFigures(await res.text()))
    .catch(() => null);
  agent.destroy();
  if (server.exitCode() !== null) throw new Error(`the server died during the run (exit ${server.exitCode()})`);
  if (printedBuckets === 0) console.log(`\n${header}\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|`);
  for (let k = printedBuckets; k * EVERY < acked; k++) console.log(bucketRow(k, t0 + postedMs));
  console.log(
    `\nwhere a round's time goes, ms per round by statement (of which waiting for the engine's turn), by events so far:`,
  );
  for (const line of roundParts) console.log(`  ${line}`);

  // 6. After the last post: how long until the API shows every acknowledged like of every session.
  const expected = histories.map((h) => h.total);
  const all = Array.from({ length: SESSIONS }, (_, s) => s);
  let exactAfter = null;
  let mismatch = '';
  log('live-scale: posting done; waiting for the API to show every acknowledged like …');
  // each check's start, length and sessions behind: a check reads every session, in requests of 50, so the
  // moment the API caught up lies between the start of the last check that found one behind and the end of
  // the first that found none
  const checks = [];
  while (performance.now() - t0 - postedMs < CATCH_UP_TIMEOUT_MS && server.exitCode() === null) {
    const shown = [];
    const checkFrom = performance.now() - t0 - postedMs;
    try {
      for (let i = 0; i < all.length; i += 50) shown.push(...(await likesOf(all.slice(i, i + 50))));
    } catch (error) {
      mismatch = `read failed: ${error.message}`;
      continue;
    }
    const wrong = all.filter((s) => shown[s] !== expected[s]);
    checks.push(`${seconds(checkFrom)}–${seconds(performance.now() - t0 - postedMs)}: ${wrong.length} behind`);
    if (wrong.length === 0) {
      exactAfter = performance.now() - t0 - postedMs;
      break;
    }
    mismatch = `${wrong.length} sessions behind, e.g. ${sessionId(wrong[0])}: API ${shown[wrong[0]]} likes, acknowledged ${expected[wrong[0]]}`;
    await sleep(500);
  }

  // 7. Summary.
  const rate = acked / (postedMs / 1000);
  const share = rate / RATE;
  const stale = readings.map((r) => r.staleness).sort((a, b) => a - b);
  const statusLine = [...statuses].map(([k, v]) => `${k}: ${thousands(v)}`).join(', ');
  console.log(
    `\nposting rate: ${thousands(rate)} events/s = ${share.toFixed(2)} × the ${thousands(RATE)} events/s target` +
      (share >= SUSTAINED_SHARE
        ? ' (sustained)'
        : ` — NOT SUSTAINED: the server (2 cores, shared with this load generator and other work on the machine) acknowledged ${thousands(rate)} events/s`),
  );
  console.log(
    `HTTP answers: ${statusLine}; server CPU ${serverCores.toFixed(2)} cores, load generator ${ownCores.toFixed(2)} cores, server RSS peak ${thousands(sampler.peakRssBytes / 2 ** 20)} MiB; machine load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} on 2 cores; ${readErrors.length} reads failed${readErrors.length ? ` (${readErrors[0]})` : ''}`,
  );
  console.log(
    `after the last post the API showed every acknowledged like after ${exactAfter === null ? `NEVER (${seconds(CATCH_UP_TIMEOUT_MS)}: ${mismatch})` : seconds(exactAfter)}` +
      ` (checks, from the last post: ${checks.slice(-6).join('; ')})`,
  );
  console.log(
    `live-scale: ${SESSIONS} session${SESSIONS === 1 ? '' : 's'}, ${thousands(acked)} events in ${seconds(postedMs)} = ${thousands(rate)} events/s (${share.toFixed(2)} of target); ` +
      `staleness over ${stale.length} readings: median ${seconds(percentile(stale, 50))}, p95 ${seconds(percentile(stale, 95))}, max ${seconds(stale.at(-1))}`,
  );
  if (roundsSeen)
    console.log(
      `rollup rounds while posting: ${roundsSeen.rounds}; a new session's wait for its first round: ${roundsSeen.firstWaits}`,
    );
  if (NEWCOMERS_EVERY_MS > 0) {
    const waits = [...newcomerWaits].sort((a, b) => a - b);
    console.log(
      `newcomers (a small session posted every ${seconds(NEWCOMERS_EVERY_MS)} beside the stream): ${waits.length} shown, ` +
        `from their acknowledgement until the API showed them: p50 ${seconds(percentile(waits, 50))}, p95 ${seconds(percentile(waits, 95))}, max ${seconds(waits.at(-1))}; ` +
        `${newcomerMisses.length} not shown${newcomerMisses.length ? ` (${newcomerMisses[0]})` : ''}`,
    );
  }
  if (exactAfter === null) exitCode = 1;
} catch (error) {
  console.error(`live-scale: ${error.stack ?? error}`);
  exitCode = 1;
} finally {
  await stopEverything();
}
process.exit(exitCode);
