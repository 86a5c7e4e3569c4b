// `npm run bench:api-under-ingest`: do dashboard reads stay quick while ingest runs flat out?
// Starts the real all-in-one server (scripts/serve.mjs) on a temporary data folder loaded with
// simulated events, then, measured from outside over HTTP:
//   1. the session page query (KPIs, minute series, retention) with nothing else running,
//   2. ingest alone: N keep-alive clients posting events through POST /v1/events (closed loop),
//   3. the session page query again while the same N clients post.
// It prints read p50/p95 idle vs under ingest (and the ratio), and ingest events/s without and with
// the reads. Ratios to the same run's idle figures are what to read on a shared, noisy machine.
// (Plain ESM, like serve.mjs: it composes the built packages; the ingest bench supplies the load.)
//
// With --first-open, each read opens another session nobody opened yet (of any loaded brand), so nothing
// of it is kept and its statements run every time — what a page whose data changes costs, read beside
// ingest's rollup statements (load enough events for ~300 sessions: --events 3000000).
//
//   node scripts/bench-api-under-ingest.mjs [--events 1000000] [--clients 8] [--seconds 8] [--runs 40] [--first-open]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ApiKeyRepository, ClickHouseGateway, runMigrations } from '@lc/clickhouse';
import { loadDirect } from '@lc/simulator';
import { buildWorkload } from '../ingest/dist/bench/bench.workload.js';
import { runLoad } from '../ingest/dist/bench/bench.load.js';
import { startServe } from './bench-serve.mjs';
import { freePort, ProcessSampler } from '../ingest/dist/bench/bench.server.js';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    clients: { type: 'string', default: '8' },
    seconds: { type: 'string', default: '8' },
    runs: { type: 'string', default: '40' },
    keep: { type: 'boolean', default: false },
    'first-open': { type: 'boolean', default: false },
  },
});
const EVENTS = Number(args.events);
const CLIENTS = Number(args.clients);
const SECONDS = Number(args.seconds);
const RUNS = Number(args.runs);
const BATCH = 500;
const WARMUP_MS = 2_000;
const END = Date.parse('2026-11-01T00:00:00Z');

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const summary = (samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
};

const dir = mkdtempSync(join(tmpdir(), 'lc-bench-under-ingest-'));
let server;
let sampler;
try {
  // 1. Data set and keys, written before the server starts (the engine locks its folder to one process).
  const gateway = ClickHouseGateway.open({ mode: 'embedded', dataPath: dir, maxExecutionSeconds: 600 });
  await runMigrations(gateway);
  console.log(`loading ~${EVENTS.toLocaleString('en-US')} simulated events into ${dir} …`);
  const loaded = await loadDirect(gateway, { seed: 7, targetEvents: EVENTS, days: 28, endDate: END });
  console.log(
    `loaded ${loaded.events.toLocaleString('en-US')} events, ${loaded.sessions} sessions in ${loaded.seconds.toFixed(0)} s`,
  );
  const [brand] = await gateway.query(
    'SELECT brand_id, count() AS sessions FROM session_stats FINAL GROUP BY brand_id ORDER BY sessions DESC LIMIT 1',
    {},
    { tag: 'bench.brand' },
  );
  const [session] = await gateway.query(
    'SELECT session_id FROM session_stats FINAL WHERE brand_id = {b:String} ORDER BY unique_viewers LIMIT 1 OFFSET intDiv({n:UInt32}, 2)',
    { b: brand.brand_id, n: Number(brand.sessions) },
    { tag: 'bench.session' },
  );
  const keys = new ApiKeyRepository(gateway);
  // --first-open: every loaded session, in a fixed order, each opened once; the reader sees all their brands
  const unopened = args['first-open']
    ? await gateway.query(
        'SELECT brand_id, session_id FROM session_stats FINAL ORDER BY session_id',
        {},
        { tag: 'bench.sessions' },
      )
    : [];
  const reader = (
    await keys.create(
      'READ',
      args['first-open'] ? [...new Set(unopened.map((r) => r.brand_id))] : [brand.brand_id],
      'bench',
    )
  ).secret;
  // New sessions (another seed) for the same kind of brands: ingest writes and rebuilds rollups as in production.
  // Two load windows at up to ~100 k events/s each (more than 8 clients reach here).
  const needed = Math.round(2 * 100_000 * (SECONDS + WARMUP_MS / 1000));
  console.log(`building the ingest workload (${needed.toLocaleString('en-US')} events, ${BATCH} per request) …`);
  const workload = buildWorkload({
    seed: 'under-ingest',
    events: needed,
    batch: BATCH,
    ndjson: false,
    gzip: false,
    baselineBatchRows: 1_000_000,
  });
  const secrets = new Map();
  for (const brandId of workload.brandIds)
    secrets.set(brandId, (await keys.create('INGEST', [brandId], 'bench')).secret);
  await gateway.close();

  // 2. The all-in-one server on that folder.
  const port = await freePort();
  server = await startServe(dir, port);
  sampler = new ProcessSampler(server.pid);
  sampler.start();
  const url = `http://127.0.0.1:${port}/graphql`;
  const query = `query($id: ID!) { session(id: $id) { id title
      metrics { uniqueViewers peakConcurrentViewers avgWatchSeconds comments likes engagementRate orders revenue conversionRate gpm returningViewers }
      minuteSeries { minute watching comments likes orders revenue } retention { minute share } } }`;
  let opened = 0;
  const nextId = () => {
    if (!args['first-open']) return session.session_id;
    if (opened >= unopened.length)
      throw new Error(`every one of the ${unopened.length} sessions was opened: load more events`);
    return unopened[opened++].session_id;
  };
  const read = async () => {
    const body = JSON.stringify({ query, variables: { id: nextId() } });
    const started = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${reader}` },
      body,
    });
    const json = await res.json();
    if (json.errors || !json.data?.session)
      throw new Error(`session query failed: ${JSON.stringify(json).slice(0, 300)}`);
    return performance.now() - started;
  };

  // Where a read's time goes, seen from the server: its own query timings (Prometheus sums and
  // counts per tag, /metrics) and how long a trivial route waits for the event loop (/healthz).
  const base = `http://127.0.0.1:${port}`;
  const queryTotals = async () => {
    const text = await (await fetch(`${base}/metrics`)).text();
    const totals = new Map();
    for (const m of text.matchAll(
      /^clickhouse_query_seconds_(sum|count)\{tag="((?:sessions|rollup|ingest)[^"]*)"[^}]*\} ([\d.e+-]+)$/gm,
    )) {
      const entry = totals.get(m[2]) ?? { sum: 0, count: 0 };
      entry[m[1]] += Number(m[3]);
      totals.set(m[2], entry);
    }
    return totals;
  };
  const perQuery = (before, after) =>
    [...after]
      .map(([tag, a]) => {
        const b = before.get(tag) ?? { sum: 0, count: 0 };
        const n = a.count - b.count;
        return n > 0 ? `${tag} ${(((a.sum - b.sum) / n) * 1000).toFixed(1)} ms ×${n}` : null;
      })
      .filter(Boolean)
      .join(', ');
  const loopDelay = [];
  const health = async () => {
    const started = performance.now();
    await (await fetch(`${base}/healthz`)).text();
    loopDelay.push(performance.now() - started);
  };

  // 3. Reads with nothing else running.
  for (let i = 0; i < 5; i++) await read();
  const idle = [];
  const idleTotals = await queryTotals();
  for (let i = 0; i < RUNS; i++) {
    await health();
    idle.push(await read());
  }
  const idleQueries = perQuery(idleTotals, await queryTotals());
  const idleHealth = summary(loopDelay.splice(0));

  // 4. Ingest alone, then ingest with the reads, from the same pre-built requests.
  const half = Math.floor(workload.requests.length / 2);
  const loadOptions = {
    port,
    clients: CLIENTS,
    warmupMs: WARMUP_MS,
    durationMs: SECONDS * 1000,
    contentType: 'application/json',
    gzip: false,
    secrets,
  };
  const cpuBefore = sampler.cpuSeconds();
  const alone = await runLoad(workload.requests.slice(0, half), loadOptions, () => {});
  const cpuAlone = sampler.cpuSeconds() - cpuBefore;

  const underLoad = [];
  let measuring = false;
  let loadDone = false;
  let loadTotals;
  const readsDuringLoad = (async () => {
    while (!loadDone) {
      if (measuring) await health();
      else loopDelay.length = 0;
      loadTotals ??= measuring ? await queryTotals() : undefined;
      const ms = await read();
      if (measuring && !loadDone) underLoad.push(ms);
      // A dashboard polls; it does not hammer: one page read at a time, back to back.
    }
  })();
  const withReads = await runLoad(workload.requests.slice(half), loadOptions, (phase) => {
    if (phase === 'measure') measuring = true;
  });
  const loadQueries = loadTotals ? perQuery(loadTotals, await queryTotals()) : '';
  loadDone = true;
  await readsDuringLoad;
  const loadHealth = summary(loopDelay);

  const a = summary(idle);
  const b = summary(underLoad);
  const rate = (r) => r.eventsInWindow / r.windowSeconds;
  const rejected = (r) => [...r.statuses].filter(([status]) => status !== 200);
  console.log(
    `\nserver: node scripts/serve.mjs (all-in-one), ${loaded.events.toLocaleString('en-US')} events loaded; ${
      args['first-open']
        ? `each read opens another of the ${unopened.length} sessions (${opened} opened)`
        : `brand ${brand.brand_id}, session ${session.session_id}`
    }`,
  );
  console.log(
    `ingest: ${CLIENTS} clients × ${BATCH} events per request, ${WARMUP_MS / 1000} s warm-up, ${SECONDS} s measured`,
  );
  if (alone.exhausted || withReads.exhausted) console.log('warning: the workload ran out before a window ended');
  for (const [name, r] of [
    ['alone', alone],
    ['with reads', withReads],
  ])
    if (rejected(r).length > 0)
      console.log(`warning: ingest ${name} got non-200 answers ${JSON.stringify(rejected(r))}`);
  console.log('\n| session page query | runs | p50 ms | p95 ms |');
  console.log('|---|---|---|---|');
  console.log(`| idle | ${a.n} | ${a.p50.toFixed(1)} | ${a.p95.toFixed(1)} |`);
  console.log(`| while ${CLIENTS} connections post events | ${b.n} | ${b.p50.toFixed(1)} | ${b.p95.toFixed(1)} |`);
  console.log(`| ratio under ingest / idle | | ${(b.p50 / a.p50).toFixed(2)} | ${(b.p95 / a.p95).toFixed(2)} |`);
  console.log(`\nserver-side mean per query (reader wait included): idle: ${idleQueries}`);
  console.log(`                                         under ingest: ${loadQueries}`);
  console.log(
    `GET /healthz (event-loop delay) p50/p95: idle ${idleHealth.p50.toFixed(1)}/${idleHealth.p95.toFixed(1)} ms, under ingest ${loadHealth.p50.toFixed(1)}/${loadHealth.p95.toFixed(1)} ms`,
  );
  console.log('\n| ingest | events/s | p50 ack ms | p95 ack ms |');
  console.log('|---|---|---|---|');
  for (const [name, r] of [
    ['alone (no reads)', alone],
    ['with the session page read back to back', withReads],
  ]) {
    const acks = summary(r.latenciesMs);
    console.log(
      `| ${name} | ${Math.round(rate(r)).toLocaleString('en-US')} | ${acks.p50.toFixed(0)} | ${acks.p95.toFixed(0)} |`,
    );
  }
  console.log(
    `\ningest with reads / alone: ${(rate(withReads) / rate(alone)).toFixed(2)}; server CPU during ingest alone ${(cpuAlone / (alone.windowSeconds + WARMUP_MS / 1000)).toFixed(2)} cores; peak RSS ${(sampler.peakRssBytes / 2 ** 20).toFixed(0)} MiB`,
  );
} finally {
  sampler?.stop();
  if (server) await server.stop();
  if (!args.keep) rmSync(dir, { recursive: true, force: true });
}
