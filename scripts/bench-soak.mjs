// `npm run bench:soak`: the overload soak (issue 11). Starts the real all-in-one server
// (scripts/serve.mjs) on a temporary data folder, measures its capacity briefly (closed loop,
// 8 connections), then offers about twice that through POST /v1/events for --minutes with at most
// --connections requests in flight. Clients honour Retry-After: a batch answered 429 or 503 is
// posted again after the advised sleep. While it runs: status counts, accepted events/s and server
// RSS over time, and every 2 s the likes of a session being posted to, read over GraphQL, against
// the likes the clients have had acknowledged (staleness). After the stop: how long until the API
// matches, then — server stopped — every acknowledged event counted exactly once.
// Exit code 1 when an invariant fails (lost or doubled events, an unexpected status or a
// connection reset, a crash); goals missed (RSS, staleness) are printed as MISSED.
//
//   node scripts/bench-soak.mjs [--minutes 10] [--connections 64] [--quick] [--batch 10000]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ApiKeyRepository, BrandRepository, ClickHouseGateway, runMigrations } from '@lc/clickhouse';
import { sessionOffset, simulate, toWireEvent } from '@lc/simulator';
import { percentile, postEvents, startServe } from './bench-serve.mjs';
import { rollupTotals, roundFigures } from './bench-live-stream.mjs';
import { freePort } from '../ingest/dist/bench/bench.server.js';

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    connections: { type: 'string', default: '64' },
    quick: { type: 'boolean', default: false },
    batch: { type: 'string', default: '10000' },
    events: { type: 'string', default: '600000' },
    'probe-seconds': { type: 'string', default: '12' },
    keep: { type: 'boolean', default: false },
  },
});
const MINUTES = args.quick ? 2 : Number(args.minutes);
const CONNECTIONS = Number(args.connections);
const BATCH = Number(args.batch);
const TEMPLATE_EVENTS = Number(args.events);
const PROBE_SECONDS = args.quick ? 8 : Number(args['probe-seconds']);
const PROBE_CONNECTIONS = 8;
const OVERLOAD_FACTOR = 2;
const STALENESS_EVERY_MS = 2_000;
const REQUEST_TIMEOUT_MS = 120_000;
const DRAIN_TIMEOUT_MS = 150_000;
const MATCH_TIMEOUT_MS = 300_000;
const TRACKED_PER_PASS = 3;
const GOAL_RSS_BYTES = 2 ** 30;
const GOAL_STALENESS_P95_MS = 1_000;
/** The mark JSON.stringify leaves where an id gets its per-pass prefix (a control character it escapes). */
const ID_MARK = '\u0001';
const ID_MARK_ESCAPED = '\\u0001';

if (![MINUTES, CONNECTIONS, BATCH, TEMPLATE_EVENTS, PROBE_SECONDS].every((n) => Number.isFinite(n) && n > 0)) {
  console.error('usage: node scripts/bench-soak.mjs [--minutes N] [--connections N] [--quick] [--batch N]');
  process.exit(2);
}

const log = (line) => process.stderr.write(`${line}\n`);
const thousands = (n) => Math.round(n).toLocaleString('en-US');
const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Simulated sessions cut into request templates of one brand each. Ids (event, session, order,
 * reply) carry a mark that each pass over the templates replaces with its own prefix, so the
 * stream of requests never repeats an event and each pass writes new sessions. Each template
 * knows the likes it carries per session: what an acknowledgement adds to that session.
 */
function buildTemplates() {
  const templates = [];
  const brands = new Map();
  let brandId = '';
  let pending = [];
  let likes = new Map();
  let events = 0;
  const flush = () => {
    if (pending.length === 0) return;
    const text = '{"events":[' + pending.join(',') + ']}';
    templates.push({ brandId, parts: text.split(ID_MARK_ESCAPED), events: pending.length, likes });
    pending = [];
    likes = new Map();
  };
  for (const session of simulate({ seed: 'soak', targetEvents: TEMPLATE_EVENTS })) {
    if (events >= TEMPLATE_EVENTS) break;
    if (session.brand.brandId !== brandId) {
      flush();
      brandId = session.brand.brandId;
    }
    brands.set(brandId, session.brand);
    const offset = sessionOffset(session);
    for (const event of session.events) {
      const wire = { ...toWireEvent(event, offset) };
      wire.eventId = ID_MARK + wire.eventId;
      wire.sessionId = ID_MARK + wire.sessionId;
      if (typeof wire.orderId === 'string') wire.orderId = ID_MARK + wire.orderId;
      if (typeof wire.replyTo === 'string') wire.replyTo = ID_MARK + wire.replyTo;
      pending.push(JSON.stringify(wire));
      if (wire.type === 'like') likes.set(event.sessionId, (likes.get(event.sessionId) ?? 0) + (wire.count ?? 1));
      if (pending.length >= BATCH) flush();
      if (++events >= TEMPLATE_EVENTS) break;
    }
  }
  flush();
  // Interleave brands (several tenants in flight at once, as in production), each in time order.
  const byBrand = new Map();
  for (const t of templates) byBrand.set(t.brandId, [...(byBrand.get(t.brandId) ?? []), t]);
  const queues = [...byBrand.values()];
  const ordered = [];
  for (let i = 0; ordered.length < templates.length; i++) for (const q of queues) if (i < q.length) ordered.push(q[i]);
  // The sessions whose likes are read back: the most liked ones of each pass.
  const likeTotals = new Map();
  for (const t of ordered) for (const [s, n] of t.likes) likeTotals.set(s, (likeTotals.get(s) ?? 0) + n);
  const tracked = [...likeTotals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, TRACKED_PER_PASS)
    .map(([s]) => s);
  return { templates: ordered, brands: [...brands.values()], events, tracked: new Set(tracked) };
}

log(`soak: building request templates from ~${thousands(TEMPLATE_EVENTS)} simulated events …`);
const workload = buildTemplates();
log(
  `soak: ${thousands(workload.events)} events of ${workload.brands.length} brands in ${workload.templates.length} requests of ≤ ${thousands(BATCH)} events; each pass gets fresh ids`,
);

const dir = mkdtempSync(join(tmpdir(), 'lc-bench-soak-'));
const dataDir = join(dir, 'clickhouse');
const failures = [];
const fail = (line) => {
  if (failures.length < 50) failures.push(line);
};
let server;
let exitCode = 0;
try {
  // 1. Brands and keys in the folder before the server opens it (one process per folder).
  const setup = ClickHouseGateway.open({ mode: 'embedded', dataPath: dataDir, retries: 0 });
  const secrets = new Map();
  let readToken;
  try {
    await runMigrations(setup);
    const brandRepo = new BrandRepository(setup);
    const keys = new ApiKeyRepository(setup);
    for (const b of workload.brands) {
      await brandRepo.upsert({ id: b.brandId, name: b.name, timeZone: b.timeZone, currency: b.currency });
      secrets.set(b.brandId, (await keys.create('INGEST', [b.brandId], 'soak')).secret);
    }
    readToken = (
      await keys.create(
        'READ',
        workload.brands.map((b) => b.brandId),
        'soak',
      )
    ).secret;
  } finally {
    await setup.close();
  }

  // 2. The all-in-one server, default settings.
  const port = await freePort();
  server = await startServe(dataDir, port);
  log(`soak: server pid ${server.pid} on 127.0.0.1:${port}, data in ${dir}`);
  const memory = startMemorySampler(server.pid);

  // 3. The request stream: request i is template i mod N with the prefix of pass ⌊i / N⌋.
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  let nextRequest = 0;
  const takeRequest = () => {
    const i = nextRequest++;
    const pass = Math.floor(i / workload.templates.length);
    const template = workload.templates[i % workload.templates.length];
    const prefix = `p${pass}-`;
    const likes = new Map();
    for (const [s, n] of template.likes) likes.set(prefix + s, n);
    return { template, prefix, likes, pass };
  };
  const headers = new Map(
    [...secrets].map(([brandId, secret]) => [
      brandId,
      { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    ]),
  );
  const post = (item) =>
    postEvents(
      { agent, port, headers: headers.get(item.template.brandId), timeoutMs: REQUEST_TIMEOUT_MS },
      Buffer.from(item.template.parts.join(item.prefix)),
    );

  // What the clients know: acknowledged events, and per session the acknowledged likes over time.
  const stats = {
    statuses: new Map(),
    acked: 0,
    duplicates: 0,
    firstAttempts: 0,
    retries: 0,
    retryAfterMissing: 0,
    connectionErrors: 0,
  };
  const ackHistory = new Map(); // sessionId → [[ms, cumulative likes], …]
  const trackedSessions = new Set();
  const timeline = []; // [ms, events acknowledged]
  const refusals = []; // ms of each 429 / 503
  let lastLikeAck = null;
  const t0 = performance.now();
  const record = (item, answer) => {
    const key = answer.error ? 'connection error' : String(answer.status);
    stats.statuses.set(key, (stats.statuses.get(key) ?? 0) + 1);
    if (answer.error) {
      stats.connectionErrors++;
      fail(`connection error: ${answer.error.code ?? ''} ${answer.error.message}`);
      // A failure of the run, but the soak goes on: the client posts the batch again, as an SDK would
      // (the server's dedup makes that safe), and the exactly-once check covers it.
      return 'retry';
    }
    if (answer.status === 200) {
      const counts = JSON.parse(answer.body);
      if (counts.rejected.length > 0)
        fail(`200 with ${counts.rejected.length} rejected events: ${JSON.stringify(counts.rejected[0])}`);
      const n = counts.accepted + counts.duplicates;
      stats.acked += n;
      stats.duplicates += counts.duplicates;
      const now = performance.now();
      timeline.push([now - t0, n]);
      for (const [s, likes] of item.likes) {
        let history = ackHistory.get(s);
        if (!history) ackHistory.set(s, (history = []));
        history.push([now, (history.at(-1)?.[1] ?? 0) + likes]);
        if (workload.tracked.has(s.slice(item.prefix.length))) trackedSessions.add(s);
      }
      let best = null;
      for (const [s, likes] of item.likes) if (!best || likes > best[1]) best = [s, likes];
      if (best) lastLikeAck = best[0];
      return 'done';
    }
    if (answer.status === 429 || answer.status === 503) {
      refusals.push(performance.now() - t0);
      if (answer.status === 429 && !answer.retryAfter) {
        stats.retryAfterMissing++;
        fail(`429 without Retry-After: ${answer.body.slice(0, 200)}`);
      }
      return 'retry';
    }
    fail(`unexpected HTTP ${answer.status}: ${answer.body.slice(0, 300)}`);
    return 'done';
  };

  /**
   * One connection's client: takes the next batch when the schedule says it is due (open loop at
   * `rate` events/s, or as fast as answers come when `rate` is 0), posts it, and on 429/503 sleeps
   * Retry-After seconds and posts the same batch again, until `until`.
   */
  const client = async (until, rate) => {
    while (performance.now() < until) {
      if (rate > 0) {
        const dueAt = schedule.start + (schedule.sent * BATCH * 1000) / rate;
        schedule.sent++;
        const wait = dueAt - performance.now();
        if (wait > 0) await sleep(wait);
        if (performance.now() >= until) return;
      }
      const item = takeRequest();
      stats.firstAttempts++;
      for (;;) {
        const answer = await post(item);
        const outcome = record(item, answer);
        if (outcome !== 'retry') break;
        const seconds = Number(answer.retryAfter ?? 1);
        await sleep(Math.max(0.05, Number.isFinite(seconds) ? seconds : 1) * 1000);
        // Past the end a batch that was never acknowledged is simply not sent again.
        if (performance.now() >= until) return;
        stats.retries++;
      }
    }
  };
  const schedule = { start: 0, sent: 0 };

  // 4. Capacity: closed loop, 8 connections (2 s warm-up, then measured).
  log(`soak: capacity probe — ${PROBE_CONNECTIONS} connections, closed loop, ${PROBE_SECONDS} s …`);
  const probeStart = performance.now();
  await Promise.all(
    Array.from({ length: PROBE_CONNECTIONS }, () => client(probeStart + (PROBE_SECONDS + 2) * 1000, 0)),
  );
  const probeWindow = timeline.filter(([ms]) => ms + t0 >= probeStart + 2000);
  const capacity = probeWindow.reduce((n, [, e]) => n + e, 0) / PROBE_SECONDS;
  const rate = OVERLOAD_FACTOR * capacity;
  log(`soak: capacity ≈ ${thousands(capacity)} events/s → offering ${thousands(rate)} events/s`);
  if (capacity === 0) throw new Error('capacity probe acknowledged nothing');

  // 5. The soak, with the staleness reader beside it.
  const soakStart = performance.now();
  const soakEnd = soakStart + MINUTES * 60_000;
  const graphql = async (query) => {
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${readToken}` },
      body: JSON.stringify({ query }),
      signal: AbortSignal.timeout(60_000),
    });
    const json = await res.json();
    if (json.errors) throw new Error(`GraphQL: ${JSON.stringify(json.errors).slice(0, 300)}`);
    return json.data;
  };
  const sessionsOf = async (ids) => {
    const fields = ids.map((id, i) => `s${i}: session(id: ${JSON.stringify(id)}) { metrics { likes } }`).join(' ');
    const data = await graphql(`{ ${fields} }`);
    return ids.map((_, i) => data[`s${i}`] ?? null);
  };
  const likesOf = async (ids) => (await sessionsOf(ids)).map((s) => Number(s?.metrics?.likes ?? 0));
  const staleness = [];
  /** The staleness of the reads that found the session, and of those it was not found (no round of it yet). */
  const stalenessFound = [];
  const stalenessUnknown = [];
  const stalenessAtSend = [];
  const readLatency = [];
  const readErrors = [];
  const probeStaleness = async () => {
    while (performance.now() < soakEnd) {
      const started = performance.now();
      const target = lastLikeAck;
      if (target) {
        try {
          const [session] = await sessionsOf([target]);
          const seen = Number(session?.metrics?.likes ?? 0);
          const answered = performance.now();
          // Staleness: age of the oldest like acknowledged before the answer that the answer did not show
          // (what a dashboard user sees), and the same counted from when the read was sent.
          const history = ackHistory.get(target) ?? [];
          const age = (at) => {
            const missing = history.find(([ms, cumulative]) => ms <= at && cumulative > seen);
            return missing ? at - missing[0] : 0;
          };
          staleness.push(age(answered));
          (session ? stalenessFound : stalenessUnknown).push(age(answered));
          stalenessAtSend.push(age(started));
          readLatency.push(answered - started);
          trackedSessions.add(target);
        } catch (error) {
          // A read that times out under overload is a missed staleness goal, not a lost event.
          readErrors.push(error.message);
        }
      }
      const wait = started + STALENESS_EVERY_MS - performance.now();
      if (wait > 0) await sleep(wait);
    }
  };
  log(`soak: ${MINUTES} min at ${thousands(rate)} events/s offered, ≤ ${CONNECTIONS} connections …`);
  const firstAtSoak = stats.firstAttempts;
  schedule.start = soakStart;
  const progress = setInterval(() => {
    const s = (performance.now() - soakStart) / 1000;
    const recent = timeline.filter(([ms]) => ms + t0 >= performance.now() - 10_000).reduce((n, [, e]) => n + e, 0);
    log(
      `  ${s.toFixed(0)} s: ${thousands(recent / 10)} events/s acknowledged (last 10 s), RSS ${mib(memory.last.rss)}, ` +
        `statuses ${JSON.stringify(Object.fromEntries(stats.statuses))}`,
    );
  }, 30_000);
  const clients = Array.from({ length: CONNECTIONS }, () => client(soakEnd, rate));
  await Promise.all([
    probeStaleness(),
    Promise.race([Promise.all(clients), sleep(MINUTES * 60_000 + DRAIN_TIMEOUT_MS)]),
  ]);
  clearInterval(progress);
  const stoppedAt = performance.now();
  const drainSeconds = (stoppedAt - soakEnd) / 1000;
  const soakSeconds = (stoppedAt - soakStart) / 1000;
  agent.destroy();
  if (drainSeconds > DRAIN_TIMEOUT_MS / 1000 - 1) fail('in-flight requests did not finish after the stop');
  if (server.exitCode() !== null) fail(`server died during the soak (exit ${server.exitCode()})`);

  const rounds = await roundStats(port);

  // 6. After the stop: how long until the API shows exactly what was acknowledged.
  const tracked = [...trackedSessions];
  const expected = tracked.map((s) => ackHistory.get(s)?.at(-1)?.[1] ?? 0);
  log(`soak: load stopped; waiting for the API to show the acknowledged likes of ${tracked.length} sessions …`);
  let matchedAfter = null;
  let lastMismatch = '';
  while (performance.now() - stoppedAt < MATCH_TIMEOUT_MS && server.exitCode() === null) {
    const seen = [];
    for (let i = 0; i < tracked.length; i += 50) seen.push(...(await likesOf(tracked.slice(i, i + 50))));
    const wrong = tracked.filter((_, i) => seen[i] !== expected[i]);
    if (wrong.length === 0) {
      matchedAfter = (performance.now() - stoppedAt) / 1000;
      break;
    }
    const i = tracked.indexOf(wrong[0]);
    lastMismatch = `${wrong.length} sessions differ, e.g. ${wrong[0]}: API ${seen[i]} likes, acknowledged ${expected[i]}`;
    await sleep(500);
  }
  if (matchedAfter === null) fail(`API never matched the acknowledged likes: ${lastMismatch}`);
  memory.stop();
  const exit = await server.stop();
  server = undefined;
  // Nest's shutdown hooks re-raise SIGTERM once closed, so a clean stop ends by that signal or with 0.
  if (exit !== 0 && exit !== 'SIGTERM') fail(`server exited with ${exit}`);

  // 7. Exactly once, read from the folder itself.
  const check = ClickHouseGateway.open({ mode: 'embedded', dataPath: dataDir, retries: 0 });
  let stored;
  let raw;
  let storedLikes;
  try {
    [{ n: stored }] = await check.query('SELECT count() AS n FROM events FINAL', {}, { tag: 'soak.count' });
    [{ n: raw }] = await check.query('SELECT count() AS n FROM events', {}, { tag: 'soak.count.raw' });
    storedLikes = await check.query(
      "SELECT session_id AS s, sumIf(like_count, type = 'like') AS likes FROM events FINAL WHERE session_id IN {ids:Array(String)} GROUP BY s",
      { ids: tracked },
      { tag: 'soak.likes' },
    );
  } finally {
    await check.close();
  }
  stored = Number(stored);
  raw = Number(raw);
  if (stored !== stats.acked)
    fail(
      `events FINAL = ${thousands(stored)}, acknowledged ${thousands(stats.acked)} (${stored < stats.acked ? 'lost' : 'extra'} ${thousands(Math.abs(stored - stats.acked))})`,
    );
  const likesBySession = new Map(storedLikes.map((r) => [r.s, Number(r.likes)]));
  const wrongStored = tracked.filter((s, i) => (likesBySession.get(s) ?? 0) !== expected[i]);
  if (wrongStored.length > 0) fail(`stored likes differ from acknowledged for ${wrongStored.length} tracked sessions`);

  // 8. Report.
  const statusLine = [...stats.statuses].map(([k, v]) => `${k}: ${thousands(v)}`).join(', ');
  const soakAcked = timeline.filter(([ms]) => ms + t0 >= soakStart).reduce((n, [, e]) => n + e, 0);
  const sorted = [...staleness].sort((a, b) => a - b);
  const p50 = percentile(sorted, 50);
  const p95 = percentile(sorted, 95);
  console.log(
    `\nOverload soak: node scripts/serve.mjs (all-in-one, default settings), ${MINUTES} min, ≤ ${CONNECTIONS} connections × ${thousands(BATCH)} events per request`,
  );
  console.log(
    `capacity (closed loop, ${PROBE_CONNECTIONS} connections, ${PROBE_SECONDS} s): ${thousands(capacity)} events/s; offered ${thousands(rate)} events/s (×${OVERLOAD_FACTOR})`,
  );
  console.log(
    `requests sent: ${thousands(stats.firstAttempts - firstAtSoak)} batches in the soak (${thousands(((stats.firstAttempts - firstAtSoak) * BATCH) / soakSeconds)} events/s offered on the wire), ${thousands(stats.retries)} retries after Retry-After`,
  );
  console.log(`HTTP answers (probe + soak): ${statusLine}`);
  console.log(
    `acknowledged in the soak: ${thousands(soakAcked)} events = ${thousands(soakAcked / soakSeconds)} events/s; drain after the stop ${drainSeconds.toFixed(1)} s`,
  );
  const bucketMs = MINUTES >= 5 ? 60_000 : 15_000;
  console.log(
    '\n| from s | accepted events/s | 429 | server RSS max | RssAnon max | V8 heap max | engine tracked max | ingest buffer rows max |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (let from = 0; from < soakSeconds * 1000; from += bucketMs) {
    const lo = soakStart + from;
    const hi = Math.min(lo + bucketMs, stoppedAt);
    const events = timeline.filter(([ms]) => ms + t0 >= lo && ms + t0 < hi).reduce((n, [, e]) => n + e, 0);
    const samples = memory.samples.filter((s) => s.at >= lo && s.at < hi);
    const max = (f) => Math.max(0, ...samples.map(f));
    console.log(
      `| ${(from / 1000).toFixed(0)} | ${thousands(events / ((hi - lo) / 1000))} | ${thousands(refusals.filter((ms) => ms + t0 >= lo && ms + t0 < hi).length)} | ${mib(max((s) => s.rss))} | ${mib(max((s) => s.anon))} | ${mib(max((s) => s.heapTotal))} | ${mib(max((s) => s.engine))} | ${thousands(max((s) => s.bufferRows))} |`,
    );
  }
  const peak = memory.peak;
  console.log(
    `\nserver RSS peak ${mib(peak.rss)} (RssAnon ${mib(peak.anon)}, RssFile ${mib(peak.file)}, RssShmem ${mib(peak.shmem)}; ingest buffer ${thousands(peak.bufferRows)} rows, WAL ${mib(peak.walBytes)}, V8 heap ${mib(peak.heapTotal)} (${mib(peak.heapUsed)} used), Node external ${mib(peak.external)}, parse workers' V8 heaps ${mib(peak.worker)}, engine's tracked memory ${mib(peak.engine)} at that moment; engine's tracked memory max ${mib(Math.max(...memory.samples.map((s) => s.engine)))}); VmHWM ${mib(memory.hwm())}`,
  );
  const sortedAtSend = [...stalenessAtSend].sort((a, b) => a - b);
  const sortedLatency = [...readLatency].sort((a, b) => a - b);
  console.log(
    `staleness (every ${STALENESS_EVERY_MS / 1000} s, likes of the session last posted to, ${staleness.length} reads), at the answer: p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, max ${(sorted.at(-1) ?? NaN).toFixed(0)} ms; ` +
      `from when the read was sent: p50 ${percentile(sortedAtSend, 50).toFixed(0)} ms, p95 ${percentile(sortedAtSend, 95).toFixed(0)} ms; read latency p50 ${percentile(sortedLatency, 50).toFixed(0)} ms, p95 ${percentile(sortedLatency, 95).toFixed(0)} ms; ${readErrors.length} reads failed (${readErrors[0] ?? 'none'})`,
  );
  const split = (list) => {
    const s = [...list].sort((a, b) => a - b);
    return `${s.length} reads, p50 ${percentile(s, 50).toFixed(0)} ms, p95 ${percentile(s, 95).toFixed(0)} ms`;
  };
  console.log(
    `staleness at the answer, of the reads that found the session: ${split(stalenessFound)}; of those that did not (no round of it yet): ${split(stalenessUnknown)}`,
  );
  console.log(
    rounds
      ? `rollup rounds in the probe and the soak (server /metrics): ${rounds.rounds}; a new session's wait for its first round: ${rounds.firstWaits}`
      : 'rollup rounds: /metrics did not answer',
  );
  if (rounds) console.log(`engine time by statement (probe and soak, the ten largest): ${rounds.statements}`);
  console.log(
    `after the stop: the API showed the acknowledged likes of all ${tracked.length} tracked sessions after ${matchedAfter === null ? 'never' : `${matchedAfter.toFixed(1)} s`}`,
  );
  console.log(
    `exactly once: events FINAL ${thousands(stored)} (without FINAL ${thousands(raw)}), acknowledged ${thousands(stats.acked)} (${thousands(stats.duplicates)} answered as duplicates); tracked sessions' stored likes ${wrongStored.length === 0 ? 'equal' : 'DIFFER from'} the acknowledged sums`,
  );
  console.log(
    `goal server RSS ≤ 1 GiB: ${peak.rss <= GOAL_RSS_BYTES ? 'met' : 'MISSED'} (${mib(peak.rss)}); goal staleness p95 ≤ 1 s: ${p95 <= GOAL_STALENESS_P95_MS && readErrors.length === 0 ? 'met' : 'MISSED'} (${p95.toFixed(0)} ms)`,
  );
  if (failures.length > 0) {
    console.log(`\nFAILED (${failures.length}):`);
    for (const line of failures) console.log(`  ${line}`);
    exitCode = 1;
  } else console.log('\nall invariants held: only 200 / 429 + Retry-After / 503, nothing lost or doubled, no crash');
} catch (error) {
  console.error(`soak: ${error.stack ?? error}`);
  for (const line of failures) console.error(`  ${line}`);
  exitCode = 1;
} finally {
  if (server) await server.stop();
  if (!args.keep) rmSync(dir, { recursive: true, force: true });
}
process.exit(exitCode);

/**
 * Server memory from /proc/<pid>/status every 500 ms (RSS and its anonymous / file-backed split:
 * the engine's shared library is file-backed), with the ingest buffer and WAL size from /metrics.
 */
function startMemorySampler(pid) {
  const field = (text, name) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(text)?.[1] ?? 0) * 1024;
  const sampler = {
    samples: [],
    peak: {
      rss: 0,
      anon: 0,
      file: 0,
      shmem: 0,
      bufferRows: 0,
      walBytes: 0,
      heapTotal: 0,
      heapUsed: 0,
      external: 0,
      engine: 0,
      worker: 0,
    },
    last: { rss: 0 },
    gauges: { bufferRows: 0, walBytes: 0, heapUsed: 0, heapTotal: 0, external: 0, engine: 0, worker: 0 },
    hwm: () => sampler.hwmBytes,
    hwmBytes: 0,
    stop() {
      clearInterval(timer);
      clearInterval(gaugeTimer);
    },
  };
  const sample = () => {
    let status;
    try {
      status = readFileSync(`/proc/${pid}/status`, 'utf8');
    } catch {
      return;
    }
    const s = {
      at: performance.now(),
      rss: field(status, 'VmRSS'),
      anon: field(status, 'RssAnon'),
      file: field(status, 'RssFile'),
      shmem: field(status, 'RssShmem'),
      ...sampler.gauges,
    };
    sampler.hwmBytes = field(status, 'VmHWM');
    sampler.samples.push(s);
    sampler.last = s;
    if (s.rss > sampler.peak.rss) sampler.peak = s;
  };
  const port = server.port;
  const gauges = async () => {
    try {
      const text = await (
        await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(5_000) })
      ).text();
      sampler.gauges = {
        bufferRows: Number(/^ingest_buffer_rows(?:\{[^}]*\})? ([\d.e+-]+)$/m.exec(text)?.[1] ?? 0),
        walBytes: Number(/^ingest_wal_bytes(?:\{[^}]*\})? ([\d.e+-]+)$/m.exec(text)?.[1] ?? 0),
        heapUsed: Number(/^nodejs_heap_size_used_bytes ([\d.e+-]+)$/m.exec(text)?.[1] ?? 0),
        heapTotal: Number(/^nodejs_heap_size_total_bytes ([\d.e+-]+)$/m.exec(text)?.[1] ?? 0),
        external: Number(/^nodejs_external_memory_bytes ([\d.e+-]+)$/m.exec(text)?.[1] ?? 0),
        engine: Number(/^clickhouse_memory_tracked_bytes ([\d.e+-]+)$/m.exec(text)?.[1] ?? 0),
        worker: Number(/^ingest_parse_worker_heap_bytes ([\d.e+-]+)$/m.exec(text)?.[1] ?? 0),
      };
    } catch {
      // A slow /metrics under overload is not a finding of this bench; keep the last values.
    }
  };
  const timer = setInterval(sample, 500);
  const gaugeTimer = setInterval(() => void gauges(), 2_000);
  sample();
  return sampler;
}

/**
 * The server's rollup rounds so far, from its /metrics (roundFigures), and where the engine's time went:
 * the statements with the most seconds, and how much of it was a wait for their turn (embedded mode).
 */
async function roundStats(port) {
  let text;
  try {
    text = await (await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(10_000) })).text();
  } catch {
    return null;
  }
  const { rounds, firstWaits } = roundFigures(text);
  // where the engine's time went: the statements with the most seconds, and how much of it was a wait
  // for their turn on the engine (embedded mode)
  const totals = rollupTotals(text);
  const statements = [
    ...[...totals.byTag].map(([tag, seconds]) => [tag, { seconds, calls: totals.callsByTag.get(tag) ?? 0 }]),
    ...totals.others,
  ]
    .sort((a, b) => b[1].seconds - a[1].seconds)
    .slice(0, 10)
    .map(
      ([tag, { seconds, calls }]) =>
        `${tag} ${thousands(calls)} × ${((seconds / calls) * 1000).toFixed(0)} ms (${seconds.toFixed(0)} s, turn waits ${(totals.waitByTag.get(tag) ?? 0).toFixed(0)} s)`,
    )
    .join('; ');
  return { rounds, firstWaits, statements };
}
