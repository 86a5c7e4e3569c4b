// `npm run bench:live` (issue 9, "Push"): how long from the ingest `200` until a subscribed live console
// sees the change, as one live session grows? Goal: p95 ≤ 1 s for sessions up to 1 M events.
//
// Starts the real all-in-one server (scripts/serve.mjs) on a fresh temporary folder (one brand, an
// INGEST and a READ key, no events) and drives it from outside: events through POST /v1/events, and
// --subscribers `sessionLive(id)` subscriptions (graphql-ws, the real client) spread over
// --connections WebSocket connections. For each size of --sizes (events in the session):
//   1. grow: post batches of --grow-batch events as fast as the server takes them (a like every 5th
//      event), then wait until every subscriber has been pushed every acknowledged like;
//   2. measure for --seconds: batches of --batch events due every --batch / --rate seconds (open loop,
//      at most 8 in flight), each holding exactly one `like` of count 1, so after each acknowledged
//      batch the bench knows the likes total a push must reach. Latency sample (per batch and per
//      subscriber) = when the first push with likes ≥ that total arrived − when the batch's `200`
//      arrived (0 if a push had already shown it). After the last post, it waits until every
//      subscriber shows every acknowledged like (a like never shown is an error, exit 1).
//      Beside it, per batch and subscriber: when the first push whose `countedUntil` is past the batch's
//      `200` arrived — from then on every KPI counts the batch, not only the likes that a push between
//      rounds shows first (docs/ARCHITECTURE.md, "The push between rounds").
// Same-run baselines of each phase: the mean rollup rebuild time from /metrics (what the server must
// do before there is anything to push), and a plain GraphQL client that polls
// `session(id) { metrics { likes } }` every --poll-ms: its query time and how late it saw each batch.
// The server stops, the clients are disposed and the folder goes on completion, on error and on Ctrl-C.
//
//   node scripts/bench-live.mjs [--quick] [--sizes 10000,100000,1000000] [--seconds 30] [--rate 2000]
//        [--batch 200] [--subscribers 50] [--connections 10] [--grow-batch 1000] [--grow-in-flight 4]
//        [--poll-ms 500] [--console] [--keep]
//   --console: the subscribers select what the live console page shows (its whole live state), not only the likes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { percentile, postEvents, startServe } from './bench-serve.mjs';
import { createBenchBrand, otherWork, perRound, rollupTotals, streamEvent } from './bench-live-stream.mjs';
import { freePort, ProcessSampler } from '../ingest/dist/bench/bench.server.js';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    sizes: { type: 'string' },
    seconds: { type: 'string', default: '30' },
    rate: { type: 'string', default: '2000' },
    batch: { type: 'string', default: '200' },
    subscribers: { type: 'string', default: '50' },
    connections: { type: 'string', default: '10' },
    'grow-batch': { type: 'string', default: '1000' },
    'grow-in-flight': { type: 'string', default: '4' },
    'poll-ms': { type: 'string', default: '500' },
    shape: { type: 'string', default: 'steady' },
    keep: { type: 'boolean', default: false },
    console: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
const USAGE =
  'usage: node scripts/bench-live.mjs [--quick] [--sizes 10000,100000,1000000] [--seconds 30] [--rate 2000] ' +
  '[--batch 200] [--subscribers 50] [--connections 10] [--grow-batch 1000] [--grow-in-flight 4] [--poll-ms 500] ' +
  '[--shape steady|burst] [--console] [--keep]';
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const SIZES = (args.sizes ?? (args.quick ? '10000,100000' : '10000,100000,1000000')).split(',').map(Number);
const SECONDS = Number(args.seconds);
const RATE = Number(args.rate);
const BATCH = Number(args.batch);
const SUBSCRIBERS = Number(args.subscribers);
const CONNECTIONS = Math.min(Number(args.connections), SUBSCRIBERS);
const GROW_BATCH = Number(args['grow-batch']);
const GROW_IN_FLIGHT = Number(args['grow-in-flight']);
const POLL_MS = Number(args['poll-ms']);
const numbers = [...SIZES, SECONDS, RATE, BATCH, SUBSCRIBERS, CONNECTIONS, GROW_BATCH, GROW_IN_FLIGHT, POLL_MS];
const SHAPE = args.shape;
if (
  !numbers.every((n) => Number.isInteger(n) && n > 0) ||
  SIZES.some((s, i) => i > 0 && s <= SIZES[i - 1]) ||
  !['steady', 'burst'].includes(SHAPE)
) {
  console.error(USAGE);
  process.exit(2);
}

const GOAL_P95_MS = 1_000;
/** After a steady-shape growth: longer than the rollup's look-back (LIVE_MARGIN_MS, 10 s). */
const GROWTH_SETTLE_MS = 11_000;
/** Measurement batches in flight at most: enough to keep the schedule when one answer is slow. */
const MEASURE_IN_FLIGHT = 8;
const GROW_LIKE_EVERY = 5;
const VIEWERS = 100_000;
const REQUEST_TIMEOUT_MS = 120_000;
const READ_TIMEOUT_MS = 60_000;
/** How long subscribers may take to show every acknowledged like, after growing and after measuring. */
const CATCH_UP_TIMEOUT_MS = 180_000;
const SESSION_ID = 'live-push';
const BRAND = { id: 'live-push', name: 'Live push bench', timeZone: 'Asia/Tokyo', currency: 'JPY' };
/**
 * --console: what the live console page subscribes to — its fragment, read from the web sources
 * (web/src/features/live/live.queries.ts) so the bench cannot drift from the page — and the likes.
 */
function consoleFragment() {
  const source = readFileSync(new URL('../web/src/features/live/live.queries.ts', import.meta.url), 'utf8');
  const fragment = /LIVE_CONSOLE_FIELDS = graphql\(`([^`]*)`\)/.exec(source)?.[1];
  if (!fragment?.includes('fragment LiveConsoleSession on Session'))
    throw new Error('bench:live --console: no LiveConsoleSession fragment in web/src/features/live/live.queries.ts');
  return fragment;
}
const SUBSCRIPTION = args.console
  ? `subscription($id: ID!) { sessionLive(id: $id) { id isLive countedUntil metrics { likes } ...LiveConsoleSession } }
     ${consoleFragment()}`
  : 'subscription($id: ID!) { sessionLive(id: $id) { id isLive countedUntil metrics { likes } } }';
const QUERY = 'query($id: ID!) { session(id: $id) { metrics { likes } } }';

const log = (line) => process.stderr.write(`${line}\n`);
const thousands = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—');
const secs = (ms) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : ms === Infinity ? 'never' : '—');
const millis = (ms) => (Number.isFinite(ms) ? `${ms.toFixed(0)} ms` : '—');
const sorted = (values) => [...values].sort((a, b) => a - b);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** The machine is shared: every figure is read beside its load average (`uptime`). */
const uptime = () => {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return `load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(', ')}`;
  }
};
const loadAverage = () => Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);

// Global event index: event ids stay unique across phases, and event 0 is the session_start.
let nextEvent = 0;
/**
 * `--shape steady` (default): the stream's own clock. Event g happened at STREAM_START + g / --rate
 * seconds, as if the session had streamed at the measured rate all along: the session that reaches
 * 1 M events at 2 000 events/s has streamed for ~8 minutes, each minute holding 120 000 events. The
 * growth posts them faster than that (they happened in the past; a stream's past), the measured
 * phases at the rate. STREAM_START is set so the last size's events end when the bench starts.
 * `--shape burst`: every event timestamped when posted, so the growth to 1 M events lies in one or two
 * minutes of the stream (a million events in a quarter of a minute: a flash crowd far beyond the
 * measured rate).
 */
const STREAM_START = Date.now() - Math.ceil((SIZES.at(-1) / RATE) * 1000);
/**
 * `size` events of the session (occurredAt: see SHAPE). Position p of the batch is a like of
 * count 1 when p % likeEvery === likeEvery − 1 (likeEvery = size: exactly one like, the last event);
 * the rest are joins, viewer comments, dwell, cart adds and a purchase now and then.
 */
function buildBatch(size, likeEvery) {
  const now = Date.now();
  const parts = [];
  let likes = 0;
  for (let p = 0; p < size; p++) {
    const g = nextEvent++;
    const at = SHAPE === 'burst' ? now : Math.min(now, STREAM_START + Math.floor((g * 1000) / RATE));
    const head = `"eventId":"e${g}","occurredAt":${at},"sessionId":"${SESSION_ID}"`;
    const viewer = `"viewerId":"v${(g * 7919) % VIEWERS}"`;
    if (g === 0) {
      parts.push(
        `{"type":"session_start",${head},"commercerId":"c1","commercerName":"Host 1",` +
          `"commercerKind":"professional","title":"Live push","platform":"app"}`,
      );
    } else if (p % likeEvery === likeEvery - 1) {
      parts.push(`{"type":"like",${head},${viewer},"count":1,"stamp":"heart"}`);
      likes++;
    } else {
      parts.push(streamEvent(g, head, viewer, `o${g}`));
    }
  }
  return { body: Buffer.from(`{"events":[${parts.join(',')}]}`), events: size, likes };
}

/**
 * For each acknowledged batch (ack time, likes total, in ack order, so totals rise), how long after
 * the ack the first observation with likes ≥ total arrived; 0 if one before the ack already showed
 * it, Infinity if none did. `seen` is (arrival time, likes) in arrival order.
 */
/**
 * For each acknowledged batch, how long after its ack the first push whose `countedUntil` is past the
 * ack's wall-clock time arrived: from then on every KPI of the session counts the batch (not only the
 * likes a push between rounds may show earlier). Infinity if none did.
 */
function countedDelays(acks, seen) {
  const out = [];
  let i = 0;
  let best = -Infinity;
  for (const ack of acks) {
    while (i < seen.length && best <= ack.wall) best = Math.max(best, seen[i++].counted);
    out.push(best > ack.wall ? Math.max(0, seen[i - 1].at - ack.at) : Infinity);
  }
  return out;
}

function delays(acks, seen) {
  const out = [];
  let i = 0;
  let best = -Infinity;
  for (const ack of acks) {
    while (i < seen.length && best < ack.total) best = Math.max(best, seen[i++].likes);
    out.push(best >= ack.total ? Math.max(0, seen[i - 1].at - ack.at) : Infinity);
  }
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'lc-bench-live-'));
// The WAL goes beside the data folder (`<DATA_DIR>/../wal`): both stay inside `dir`.
const dataDir = join(dir, 'clickhouse');
let server;
/** Set while the server starts: a Ctrl-C then waits for it to listen, so it can be stopped, not orphaned. */
let serverStarting;
let sampler;
let agent;
const clients = [];
let cleanup;
const stopEverything = () =>
  (cleanup ??= (async () => {
    sampler?.stop();
    agent?.destroy();
    await Promise.allSettled(clients.map((client) => client.dispose()));
    try {
      const running = server ?? (await serverStarting?.catch(() => null));
      if (running) await running.stop();
    } finally {
      if (args.keep) log(`live: kept ${dir}`);
      else rmSync(dir, { recursive: true, force: true });
    }
  })());
for (const signal of ['SIGINT', 'SIGTERM'])
  process.once(signal, () => {
    log(`\nlive: ${signal}: closing the subscriptions, stopping the server and removing ${dir} …`);
    void stopEverything().finally(() => process.exit(130));
  });

let exitCode = 0;
try {
  console.log(`live: ${uptime()}`);
  // 1. One brand with an INGEST and a READ key, written before the server opens the folder (one process per folder).
  const { ingestKey, readToken } = await createBenchBrand(dataDir, BRAND, 'live');

  // 2. The all-in-one server, default settings.
  const port = await freePort();
  serverStarting = startServe(dataDir, port);
  server = await serverStarting;
  sampler = new ProcessSampler(server.pid);
  sampler.start(1_000);
  const base = `http://127.0.0.1:${port}`;
  log(`live: server pid ${server.pid} on 127.0.0.1:${port}, data in ${dir}`);
  log(
    `live: sizes ${SIZES.map(thousands).join(' → ')} events; at each, ${SECONDS} s at ${thousands(RATE)} events/s ` +
      `(batches of ${BATCH}, one like each), ${SUBSCRIBERS} subscriptions over ${CONNECTIONS} WebSocket connections; ` +
      `shape ${SHAPE}`,
  );

  // 3. Posting. Every acknowledged batch adds its likes to `likesAcked`; `onAck` sees the new total.
  agent = new Agent({ keepAlive: true, maxSockets: Math.max(GROW_IN_FLIGHT, MEASURE_IN_FLIGHT) });
  const headers = { authorization: `Bearer ${ingestKey}`, 'content-type': 'application/json' };
  const statuses = new Map();
  const count = (key) => statuses.set(key, (statuses.get(key) ?? 0) + 1);
  let eventsAcked = 0;
  let likesAcked = 0;
  const postOnce = (body) => postEvents({ agent, port, headers, timeoutMs: REQUEST_TIMEOUT_MS }, body);
  /** Posts until the server takes the batch (retrying is safe: repeated event ids are dropped); returns the ack time. */
  const post = async (batch) => {
    for (;;) {
      const answer = await postOnce(batch.body);
      if (answer.error) {
        count(`connection error (${answer.error.code ?? answer.error.message})`);
        if (server.exitCode() !== null) throw new Error(`the server died (exit ${server.exitCode()})`);
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
      if (JSON.parse(answer.body).rejected.length > 0)
        throw new Error(`the server rejected events: ${answer.body.slice(0, 300)}`);
      const at = performance.now();
      eventsAcked += batch.events;
      likesAcked += batch.likes;
      return { at, wall: Date.now(), total: likesAcked };
    }
  };

  const graphql = async (query, variables) => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${readToken}` },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(READ_TIMEOUT_MS),
    });
    const json = await res.json();
    if (json.errors) throw new Error(`GraphQL: ${JSON.stringify(json.errors).slice(0, 300)}`);
    return json.data;
  };
  const rollupNow = async () => {
    const text = await (await fetch(`${base}/metrics`, { signal: AbortSignal.timeout(30_000) })).text();
    return { at: performance.now(), ...rollupTotals(text) };
  };

  // 4. Subscribers: each keeps every push as (arrival time, likes).
  const subscribers = Array.from({ length: SUBSCRIBERS }, () => ({ pushes: [], likes: -1 }));
  const subscriptionErrors = [];
  const subscribeAll = async () => {
    for (let c = 0; c < CONNECTIONS; c++)
      clients.push(
        createClient({
          url: `ws://127.0.0.1:${port}/graphql`,
          webSocketImpl: WebSocket,
          connectionParams: { authorization: `Bearer ${readToken}` },
          retryAttempts: 0,
          lazy: false,
        }),
      );
    subscribers.forEach((subscriber, k) =>
      clients[k % CONNECTIONS].subscribe(
        { query: SUBSCRIPTION, variables: { id: SESSION_ID } },
        {
          next: ({ data, errors }) => {
            const at = performance.now();
            if (errors) subscriptionErrors.push(`subscriber ${k}: ${JSON.stringify(errors).slice(0, 300)}`);
            const likes = data?.sessionLive?.metrics?.likes;
            if (typeof likes !== 'number') return;
            subscriber.pushes.push({
              at,
              likes,
              counted: Date.parse(data.sessionLive.countedUntil ?? '') || -Infinity,
            });
            subscriber.likes = Math.max(subscriber.likes, likes);
          },
          error: (error) =>
            subscriptionErrors.push(
              `subscriber ${k}: ${error instanceof Error ? error.message : error?.code !== undefined ? `closed ${error.code} ${error.reason ?? ''}`.trim() : JSON.stringify(error)}`,
            ),
          complete: () =>
            subscriptionErrors.push(`subscriber ${k}: the subscription completed while the session is live`),
        },
      ),
    );
  };
  /** Waits until every subscriber shows at least `total` likes; the time it took, or null on timeout. */
  const allSeen = async (total, timeoutMs) => {
    const started = performance.now();
    while (performance.now() - started < timeoutMs) {
      if (subscriptionErrors.length > 0) throw new Error(`subscription failed: ${subscriptionErrors[0]}`);
      if (server.exitCode() !== null) throw new Error(`the server died (exit ${server.exitCode()})`);
      if (subscribers.every((s) => s.likes >= total)) return performance.now() - started;
      await sleep(20);
    }
    return null;
  };

  const progressEvery = (label) =>
    setInterval(() => {
      const behind = subscribers.filter((s) => s.likes < likesAcked).length;
      log(
        `  ${label}: ${thousands(eventsAcked)} events acknowledged, ${thousands(likesAcked)} likes; ` +
          `${behind} subscribers behind; load ${loadAverage().toFixed(1)}`,
      );
    }, 10_000);

  // 5. Growth: closed loop, GROW_IN_FLIGHT batches in flight, until the session holds `size` events.
  const grow = async (size) => {
    const started = performance.now();
    const from = eventsAcked;
    let queued = eventsAcked;
    const progress = progressEvery(`growing to ${thousands(size)}`);
    try {
      await Promise.all(
        Array.from({ length: GROW_IN_FLIGHT }, async () => {
          while (queued < size) {
            const n = Math.min(GROW_BATCH, size - queued);
            queued += n;
            await post(buildBatch(n, GROW_LIKE_EVERY));
          }
        }),
      );
    } finally {
      clearInterval(progress);
    }
    return { events: eventsAcked - from, ms: performance.now() - started };
  };

  // 6. A measurement phase: the open-loop stream, the push latencies, and the same-run baselines.
  const measure = async () => {
    const firstPush = subscribers.map((s) => s.pushes.length);
    const rollupBefore = await rollupNow();
    const cpuBefore = sampler.cpuSeconds();
    const loads = [loadAverage()];
    const startEvents = eventsAcked;
    const acks = [];
    const polls = []; // { at, likes, ms }
    const pollErrors = [];
    // The poller runs until it too has seen every acknowledged like (or the catch-up time is over).
    let pollTarget = Infinity;
    let pollDeadline = Infinity;
    const poller = (async () => {
      while ((polls.at(-1)?.likes ?? -1) < pollTarget && performance.now() < pollDeadline) {
        const sent = performance.now();
        try {
          const data = await graphql(QUERY, { id: SESSION_ID });
          const at = performance.now();
          polls.push({ at, likes: Number(data.session?.metrics?.likes ?? 0), ms: at - sent });
        } catch (error) {
          pollErrors.push(error.message);
        }
        const wait = sent + POLL_MS - performance.now();
        if (wait > 0) await sleep(wait);
      }
    })();

    const t0 = performance.now();
    const batches = Math.round((SECONDS * RATE) / BATCH);
    let next = 0;
    const progress = progressEvery(`measuring at ${thousands(startEvents)}`);
    try {
      await Promise.all(
        Array.from({ length: MEASURE_IN_FLIGHT }, async () => {
          for (;;) {
            const b = next++;
            if (b >= batches) return;
            const wait = t0 + (b * BATCH * 1000) / RATE - performance.now();
            if (wait > 0) await sleep(wait);
            acks.push(await post(buildBatch(BATCH, BATCH)));
          }
        }),
      );
    } finally {
      clearInterval(progress);
    }
    const postedMs = performance.now() - t0;
    loads.push(loadAverage());
    pollTarget = likesAcked;
    pollDeadline = performance.now() + CATCH_UP_TIMEOUT_MS;
    const caughtUp = await allSeen(likesAcked, CATCH_UP_TIMEOUT_MS);
    await poller;
    const rollupAfter = await rollupNow();
    const cpu = (sampler.cpuSeconds() - cpuBefore) / ((performance.now() - t0) / 1000);

    acks.sort((a, b) => a.at - b.at);
    const samples = sorted(subscribers.flatMap((s, k) => delays(acks, s.pushes.slice(firstPush[k]))));
    const counted = sorted(
      subscribers.flatMap((s, k) => countedDelays(acks, s.pushes.slice(firstPush[k]))).filter(Number.isFinite),
    );
    const pushes = subscribers.map((s, k) => s.pushes.length - firstPush[k]);
    // Fan-out: each change is pushed to every subscriber; how far apart the first and the last got it.
    const rounds = new Map();
    subscribers.forEach((s, k) => {
      for (const push of s.pushes.slice(firstPush[k])) {
        const round = rounds.get(push.likes) ?? { first: Infinity, last: -Infinity, count: 0 };
        rounds.set(push.likes, {
          first: Math.min(round.first, push.at),
          last: Math.max(round.last, push.at),
          count: round.count + 1,
        });
      }
    });
    const fanOut = sorted([...rounds.values()].filter((r) => r.count === SUBSCRIBERS).map((r) => r.last - r.first));
    const rebuilds = rollupAfter.rebuilds - rollupBefore.rebuilds;
    return {
      startEvents,
      endEvents: eventsAcked,
      batches: acks.length,
      rate: (eventsAcked - startEvents) / (postedMs / 1000),
      samples,
      counted,
      missing: samples.filter((ms) => ms === Infinity).length,
      caughtUp,
      fanOut,
      pushesMean: pushes.reduce((a, b) => a + b, 0) / pushes.length,
      pushesMin: Math.min(...pushes),
      pushesMax: Math.max(...pushes),
      seconds: postedMs / 1000,
      rebuildMs: rebuilds > 0 ? ((rollupAfter.seconds - rollupBefore.seconds) * 1000) / rebuilds : NaN,
      rebuilds,
      perStatement: perRound(rollupBefore, rollupAfter, rebuilds),
      otherWork: otherWork(rollupBefore, rollupAfter),
      queryMs: sorted(polls.map((p) => p.ms)),
      polled: sorted(delays(acks, polls)),
      pollErrors,
      cpu,
      loads,
    };
  };

  // 7. The run: grow, subscribe once the session exists, then grow and measure at each size.
  const results = [];
  for (const size of SIZES) {
    if (eventsAcked < size) {
      const grown = await grow(size);
      log(
        `live: grew by ${thousands(grown.events)} events to ${thousands(eventsAcked)} in ${secs(grown.ms)} ` +
          `(${thousands(grown.events / (grown.ms / 1000))} events/s)`,
      );
      if (SHAPE === 'steady') {
        // A rollup round looks back 10 s before its last one for what arrived (LIVE_MARGIN_MS): let the
        // growth, which posted minutes of the stream's past at once, fall out of that window first.
        await sleep(GROWTH_SETTLE_MS);
      }
    }
    if (clients.length === 0) {
      // sessionLive needs the session's rollups: wait for the first rebuild, then subscribe.
      const started = performance.now();
      while (!(await graphql(QUERY, { id: SESSION_ID })).session) {
        if (performance.now() - started > CATCH_UP_TIMEOUT_MS) throw new Error('the session never appeared');
        await sleep(100);
      }
      await subscribeAll();
    }
    const settled = await allSeen(likesAcked, CATCH_UP_TIMEOUT_MS);
    if (settled === null)
      throw new Error(`subscribers did not show ${likesAcked} likes within ${secs(CATCH_UP_TIMEOUT_MS)}`);
    log(
      `live: every subscriber shows the ${thousands(likesAcked)} acknowledged likes (${secs(settled)} after the last post); measuring …`,
    );
    const result = await measure();
    results.push(result);
    log(
      `live: at ${thousands(result.startEvents)} events: push p95 ${secs(percentile(result.samples, 95))} over ` +
        `${thousands(result.samples.length)} samples; ${uptime()}`,
    );
    if (result.caughtUp === null || result.missing > 0) {
      // an acknowledged like that no push ever showed is a failure, not a slow figure: stop here
      console.error(
        `live: ${result.missing} (batch, subscriber) pairs never saw their like within ${secs(CATCH_UP_TIMEOUT_MS)} after the last post`,
      );
      exitCode = 1;
      break;
    }
  }
  const cpuTotal = sampler.cpuSeconds();

  // 8. The table and the verdict.
  console.log(
    `\n${SUBSCRIBERS} ${args.console ? 'console ' : ''}subscriptions over ${CONNECTIONS} WebSocket connections; ${SECONDS} s per size at ${thousands(RATE)} events/s ` +
      `(${BATCH}-event batches, one like each); a plain GraphQL client polls every ${POLL_MS} ms beside them\n`,
  );
  console.log(
    '| session events (start → end) | events/s | latency samples | push p50 | p95 | max | every KPI counted (countedUntil past the 200) p50 / p95 | pushes / subscriber (min–max) ' +
      '| fan-out first → last subscriber (median / max) | rollup rebuild mean (count) | query p50 / p95 | polling client: seen p50 / p95 | server CPU | load |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results)
    console.log(
      `| ${thousands(r.startEvents)} → ${thousands(r.endEvents)} | ${thousands(r.rate)} (${(r.rate / RATE).toFixed(2)} × target) | ` +
        `${thousands(r.samples.length)} | ${secs(percentile(r.samples, 50))} | **${secs(percentile(r.samples, 95))}** | ` +
        `${secs(r.samples.at(-1))} | ${secs(percentile(r.counted, 50))} / ${secs(percentile(r.counted, 95))} | ${r.pushesMean.toFixed(1)} (${r.pushesMin}–${r.pushesMax}) = ${(r.pushesMean / r.seconds).toFixed(2)}/s | ` +
        `${millis(percentile(r.fanOut, 50))} / ${millis(r.fanOut.at(-1))} | ${millis(r.rebuildMs)} (${r.rebuilds}) | ${millis(percentile(r.queryMs, 50))} / ${millis(percentile(r.queryMs, 95))} | ` +
        `${secs(percentile(r.polled, 50))} / ${secs(percentile(r.polled, 95))} | ${r.cpu.toFixed(2)} cores | ` +
        `${Math.min(...r.loads).toFixed(1)}–${Math.max(...r.loads).toFixed(1)} |`,
    );
  for (const r of results)
    console.log(
      `\nper rollup round at ${thousands(r.startEvents)} events (mean ms, turn waits included; in brackets the turn waits): ${r.perStatement}` +
        `\nother engine work while measuring (calls × mean ms, in brackets the turn waits): ${r.otherWork}`,
    );
  const pollErrors = results.flatMap((r) => r.pollErrors);
  console.log(
    `\nHTTP answers: ${[...statuses].map(([k, v]) => `${k}: ${thousands(v)}`).join(', ')}; ` +
      `server CPU ${cpuTotal.toFixed(0)} s in all, RSS peak ${thousands(sampler.peakRssBytes / 2 ** 20)} MiB; ` +
      `${pollErrors.length} polls failed${pollErrors.length ? ` (${pollErrors[0]})` : ''}`,
  );
  console.log(`live: ${uptime()} (2 cores, shared with other work: read the figures beside the load)`);
  const verdicts = results.map((r) => {
    const p95 = percentile(r.samples, 95);
    return `${thousands(r.startEvents)} events ${p95 <= GOAL_P95_MS ? 'yes' : 'NO'} (${secs(p95)})`;
  });
  console.log(`push p95 ≤ 1 s from the ingest 200 to the subscriber: ${verdicts.join('; ')}`);
} catch (error) {
  console.error(`live: ${error.stack ?? error}`);
  exitCode = 1;
} finally {
  await stopEverything();
}
process.exit(exitCode);
