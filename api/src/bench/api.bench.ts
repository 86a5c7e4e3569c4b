import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  ApiKeyRepository,
  BrandRepository,
  ClickHouseGateway,
  backfillPurchaseTimeline,
  runMigrations,
  toClickHouseTime,
} from '@lc/clickhouse';
import { loadDirect } from '@lc/simulator';
import { createApiApp } from '../api.app.js';
import { BenchmarkRepository } from '../repositories/benchmark.repository.js';
import { RollupStateRepository } from '../repositories/rollup-state.repository.js';
import { totalsSql } from '../repositories/period.repository.js';
import { BrandScope } from '../modules/auth/principal.js';

/**
 * `npm run bench:api`: loads simulator events into a bench folder (kept in
 * .bench/ between runs: loading 100 M events takes minutes), then times each
 * dashboard page's query set over real HTTP, and in the same run a raw-scan
 * baseline — the same numbers computed from raw events — so the figures read
 * as ratios on a shared, noisy machine.
 *
 *   node api/dist/bench/api.bench.js [--events 10000000] [--runs 30] [--quick] [--only <part of a page name>]
 */
const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '10000000' },
    runs: { type: 'string', default: '30' },
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const events = args.quick ? 1_000_000 : Number(args.events);
const runs = args.quick ? 10 : Number(args.runs);
if (!Number.isFinite(events) || events < 10_000) throw new Error('--events must be a number ≥ 10000');
// the folder names the data generation: a simulator that emits new event types needs new data
const dir = resolve(`.bench/api-${events}-merch`);
const END = Date.parse('2026-11-01T00:00:00Z'); // fixed: the same data set on every run
const DAYS = Math.max(28, Math.round(events / 1_000_000) * 4); // more data spans more time, as a year of a brand would

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function time(
  runsCount: number,
  call: () => Promise<unknown>,
  /** Untimed, before each call: what the user did just before (a list opened before a session). */
  prepare?: () => Promise<unknown>,
): Promise<{ p50: number; p95: number }> {
  // Warm-up: JIT, connection and mark caches are not what a dashboard user waits on repeatedly.
  for (let i = 0; i < 5; i++) {
    await prepare?.();
    await call();
  }
  const samples: number[] = [];
  for (let i = 0; i < runsCount; i++) {
    await prepare?.();
    const started = performance.now();
    await call();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

const fresh = !existsSync(dir);
const gateway = ClickHouseGateway.open({ mode: 'embedded', dataPath: dir, maxExecutionSeconds: 600 });
await runMigrations(gateway);
const [{ n: existing }] = await gateway.query<{ n: number }>(
  'SELECT count() AS n FROM events',
  {},
  { tag: 'bench.count' },
);
if (Number(existing) === 0) {
  console.log(`loading ~${events.toLocaleString('en-US')} simulated events into ${dir} (${DAYS} days) …`);
  let last = 0;
  const result = await loadDirect(gateway, { seed: 7, targetEvents: events, days: DAYS, endDate: END }, (p) => {
    const now = Date.now();
    if (now - last > 5_000) {
      last = now;
      console.log(
        `  ${p.phase}: ${p.eventsWritten.toLocaleString('en-US')} events, ${p.sessionsRefreshed}/${p.sessionsPlanned} sessions rolled up`,
      );
    }
  });
  console.log(
    `loaded ${result.events.toLocaleString('en-US')} events, ${result.sessions} sessions, ${result.brands} brands in ${result.seconds.toFixed(0)} s (insert ${result.insertSeconds.toFixed(0)} s, rollups ${result.rollupSeconds.toFixed(0)} s)`,
  );
} else if (fresh) {
  throw new Error('unexpected: new folder with events');
}
// A folder loaded before migration 0013 has no purchase timeline yet: fill it as the rollup rounds would have.
const [{ n: timelineRows }] = await gateway.query<{ n: number }>(
  'SELECT count() AS n FROM viewer_purchases',
  {},
  { tag: 'bench.count' },
);
if (Number(timelineRows) === 0) {
  const started = performance.now();
  await backfillPurchaseTimeline(gateway);
  console.log(
    `filled the purchase timeline (viewer_purchases) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

// The busiest brand and one of its median sessions, as a dashboard user would open them.
const [brand] = await gateway.query<{ brand_id: string; sessions: number; last: string }>(
  `SELECT brand_id, count() AS sessions, max(started_at) AS last FROM session_stats FINAL GROUP BY brand_id ORDER BY sessions DESC LIMIT 1`,
  {},
  { tag: 'bench.brand' },
);
const [session] = await gateway.query<{ session_id: string; started_at: string }>(
  `SELECT session_id, started_at FROM session_stats FINAL WHERE brand_id = {b:String} ORDER BY unique_viewers LIMIT 1 OFFSET intDiv({n:UInt32}, 2)`,
  { b: brand.brand_id, n: Number(brand.sessions) },
  { tag: 'bench.session' },
);
// Other sessions of the brand, each opened once by the 'first open' page: what a session page costs
// before this process has read that session's rollup version (nothing cached yet).
const others = (
  await gateway.query<{ session_id: string }>(
    `SELECT session_id FROM session_stats FINAL WHERE brand_id = {b:String} AND session_id != {s:String} ORDER BY session_id`,
    { b: brand.brand_id, s: session.session_id },
    { tag: 'bench.sessions' },
  )
).map((r) => r.session_id);
let nextOther = 0;
// The brand's finished sessions (the peer benchmark's first views), most recent first.
const finished = (
  await gateway.query<{ session_id: string }>(
    `SELECT session_id FROM session_stats FINAL WHERE brand_id = {b:String} AND ended_at IS NOT NULL ORDER BY started_at DESC`,
    { b: brand.brand_id },
    { tag: 'bench.sessions' },
  )
).map((r) => r.session_id);
let nextFinished = 0;
const [{ n: totalEvents }] = await gateway.query<{ n: number }>(
  'SELECT count() AS n FROM events',
  {},
  { tag: 'bench.count' },
);
const to = new Date(Date.parse(`${brand.last.replace(' ', 'T')}Z`) + 1000);
const from = new Date(to.getTime() - 90 * 86_400_000);
const reader = (await new ApiKeyRepository(gateway).create('READ', [brand.brand_id], 'bench')).secret;
// An agency's token: every brand of the folder (a list in such a scope reads its sessions' rows ahead, S11R5-2).
const everyBrand = (
  await new ApiKeyRepository(gateway).create(
    'READ',
    (await new BrandRepository(gateway).list()).map((b) => b.id),
    'bench, every brand',
  )
).secret;

const app = await createApiApp({ gateway, logger: false, settings: { adminToken: undefined, logLevel: 'warn' } });
await app.listen(0, '127.0.0.1');
const url = `${await app.getUrl()}/graphql`.replace('[::1]', '127.0.0.1');
// The peer benchmark's stored answers (S13C-2) are computed in the background after the API's first
// refresh; the pages are timed once they are there (a data folder seen before holds them already).
{
  const peers = app.get(BenchmarkRepository);
  const started = performance.now();
  await peers.refreshPeerValues();
  await peers.answersStored();
  console.log(`peer benchmark answers stored before timing: ${Math.round(performance.now() - started)} ms`);
}
/** One GraphQL request as the dashboard sends it; its data, or an error naming GraphQL's. */
async function gql<T = unknown>(query: string, variables: Record<string, unknown>, token = reader): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data: T; errors?: { message: string }[] };
  if (body.errors) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data;
}

const period = { from: from.toISOString(), to: to.toISOString() };
const SESSION_PAGE_QUERY = `query($id: ID!) { session(id: $id) { id title isLive commercer { name kind }
          metrics { uniqueViewers peakConcurrentViewers avgConcurrentViewers avgWatchSeconds comments chatRate likes engagementRate orders revenue conversionRate gpm returningViewers lateJoiners commentResponseRate medianResponseSeconds }
          minuteSeries { minute watching comments likes orders revenue likesByStamp { stamp likes } } retention { minute share }
          funnel { viewers engaged cartAdders buyers } moments { minute activity orders } stamps { stamp likes }
          joinerComparison { early { viewers conversionRate } late { viewers conversionRate } } annotations { id } } }`;
const SESSION_RAW = {
  name: 'raw scan: the same session KPIs from events FINAL',
  sql: `SELECT uniqExactIf(viewer_id, viewer_id != '') AS viewers, countIf(type = 'comment' AND author = 'viewer') AS comments,
          sumIf(like_count, type = 'like') AS likes, uniqExactIf(order_id, type = 'purchase') AS orders, sumIf(amount, type = 'purchase') AS revenue,
          groupArray(100)(tuple(intDiv(toUnixTimestamp64Milli(occurred_at), 60000), viewer_id)) AS minutes
        FROM events FINAL WHERE brand_id = {b:String} AND session_id = {s:String}`,
  params: { b: brand.brand_id, s: session.session_id },
};
/** The session page's benchmarks (web SessionBenchmarks query), and the raw scan it is measured against. */
const BENCHMARKS_QUERY = `query($id: ID!) { session(id: $id) { id metrics { benchmarks { kpi benchmark { band bandMin bandMax percentile peers } } } } }`;
const PEERS_RAW = {
  name: 'raw scan: comments and viewers per session of every brand in the 90 days before, from events FINAL',
  sql: `SELECT count() AS peers, avg(c) AS mean FROM (
          SELECT brand_id, session_id, countIf(type = 'comment' AND author = 'viewer') AS c, uniqExactIf(viewer_id, viewer_id != '') AS u
          FROM events FINAL
          WHERE occurred_at >= {start:DateTime64(3, 'UTC')} - INTERVAL 90 DAY AND occurred_at < {start:DateTime64(3, 'UTC')}
          GROUP BY brand_id, session_id)`,
  params: { start: session.started_at },
};

// The pages whose answers are kept (a session's merchandise by its rollup version; the period pages by
// the brand's rollup state, KeptBrandReads) are timed twice: asked again, as a dashboard repeats them,
// and with nothing kept — the same data asked so that no kept answer fits (another session; a period
// ending one second later each run: no session starts after `to`, so the same sessions and numbers).
let shift = 0;
// the sessions a page opened (each page that opens an unopened session takes another)
const opened = new Set<string>();
/** Another session of the brand that no page opened yet: nothing of it is kept. */
function nextUnopened(): string {
  for (let tried = 0; tried < others.length; tried++) {
    const id = others[nextOther++ % others.length];
    if (!opened.has(id)) {
      opened.add(id);
      return id;
    }
  }
  throw new Error('every other session of the brand was opened already');
}
const unkeptPeriod = () => ({ from: period.from, to: new Date(to.getTime() + ++shift * 1000).toISOString() });
const merchandise = (id: string) =>
  gql(
    `query($id: ID!) { session(id: $id) { id currency
          products { productId productName pins pinnedSeconds impressed clickers clickRate cartAdds orders units revenue buyers orderRate }
          pinSegments { productId start end watchingAtStart watchingAtEnd comments commentsPerMinute clicks cartAdds orders units revenue segmentGpm }
          trafficSources { source viewers engagedViewers buyers revenue conversionRate avgWatchSeconds } } }`,
    { id },
  );
const productsPage = (p: typeof period) =>
  gql(
    `query($p: PeriodInput!) { brandOverview(period: $p, compare: false) {
          products(first: 100) { productId productName impressed clickers clickRate orders units revenue orderRate bestCommercer { id name } }
          trafficSources { source viewers buyers revenue conversionRate } } }`,
    { p },
  );
const overviewPage = (p: typeof period) =>
  gql(
    `query($p: PeriodInput!) { brandOverview(period: $p) { metrics { views uniqueViewers avgWatchSeconds engagementRate conversionRate revenue gpm returningRate
          engagedNonBuyers passiveNonBuyers laterConversionEngaged laterConversionPassive engagementLift laterRevenue windowOpen }
          previous { views revenue } comparisons { name value previous change } daily { date views revenue } best { id } worst { id } } }`,
    { p },
  );
/** The overview as the dashboard's overview page asks it: the overview above and the four periods before. */
const dashboardOverviewPage = (p: typeof period) =>
  gql(
    `query($p: PeriodInput!) { brandOverview(period: $p) { metrics { views uniqueViewers avgWatchSeconds engagementRate conversionRate revenue gpm returningRate
          engagedNonBuyers passiveNonBuyers laterConversionEngaged laterConversionPassive engagementLift laterRevenue windowOpen }
          previous { views revenue } comparisons { name value previous change } daily { date views revenue }
          history { period { from } metrics { views uniqueViewers engagementRate conversionRate revenue } } best { id } worst { id } } }`,
    { p },
  );
const leaderboardPage = (p: typeof period) =>
  gql(
    `query($p: PeriodInput!) { leaderboard(period: $p) { commercer { id name kind } metrics { sessions views revenue conversionRate } previous { revenue } } }`,
    { p },
  );
/** What the dashboard's session page sends at once (web SessionDetail, SessionSeries, SessionAnnotations). */
const dashboardSessionPage = (id: string, token = reader) =>
  Promise.all([
    gql(
      `query($id: ID!) { session(id: $id) { id brandId title platform startedAt endedAt isLive currency commercer { id name kind }
        metrics { uniqueViewers peakConcurrentViewers avgConcurrentViewers totalWatchSeconds avgWatchSeconds comments commenters chatRate likes likers
          engagedViewers engagementRate cartAdds cartAdders orders buyers revenue conversionRate cartConversionRate averageOrderValue revenuePerViewer gpm
          lateJoiners commentResponseRate medianResponseSeconds follows followRate shares netRevenue refunds refundRate } } }`,
      { id },
      token,
    ),
    gql(
      `query($id: ID!) { session(id: $id) { id minuteSeries { minute at watching comments likes cartAdds orders revenue } retention { minute share }
        funnel { viewers engaged cartAdders buyers } moments(top: 3) { minute at comments likes activity cartAdds orders } stamps { stamp likes }
        joinerComparison { early { viewers avgWatchSeconds engagementRate conversionRate } late { viewers avgWatchSeconds engagementRate conversionRate } } } }`,
      { id },
      token,
    ),
    gql(`query($id: ID!) { session(id: $id) { id annotations { id at kind text } } }`, { id }, token),
  ]);
/**
 * The first open of a session clicked in the sessions list (web SessionsPage, 50 a page by start): the
 * list is asked, untimed, just before — then `open` on a session of it nobody opened yet. The list
 * reads its finished sessions' series and watch groups ahead (S11R5-1), which the open may wait for. With
 * `token` of several brands the list and the open are asked with it (S11R5-2: the rows are read ahead too).
 */
const fromList = (open: (id: string) => Promise<unknown>, token = reader) => {
  // the sessions listed last, and where the list goes on
  let listed: string[] = [];
  let listCursor: string | null = null;
  return {
    prepare: async () => {
      // the page of the list that still holds a session nobody opened yet
      for (;;) {
        const { sessions } = await gql<{
          sessions: { nodes: { id: string }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
        }>(
          `query($after: String) { sessions(first: 50, after: $after, sortBy: startedAt) { nodes { id } pageInfo { endCursor hasNextPage } } }`,
          { after: listCursor },
          token,
        );
        listed = sessions.nodes.map((n) => n.id).filter((id) => !opened.has(id));
        if (listed.length > 0) return;
        if (!sessions.pageInfo.hasNextPage) throw new Error('every session of the list was opened already');
        listCursor = sessions.pageInfo.endCursor;
      }
    },
    run: () => {
      const id = listed[0];
      opened.add(id);
      return open(id);
    },
  };
};
const PAGES: {
  name: string;
  run: () => Promise<unknown>;
  baseline: { name: string; sql: string; params: Record<string, unknown> };
  nothingKept?: { how: string; run: () => Promise<unknown>; unopened?: boolean };
  /** Untimed before each run (and its statements left out of the breakdown). */
  prepare?: () => Promise<void>;
  /** Opens a session nobody opened yet on each run (warm-up, timing and breakdown runs alike). */
  unopened?: boolean;
}[] = [
  {
    name: 'session page (metrics, minute series, retention, funnel, moments, stamps, joiners, annotations)',
    run: () => gql(SESSION_PAGE_QUERY, { id: session.session_id }),
    baseline: SESSION_RAW,
  },
  {
    // the same query, each run on another session of the brand: the first open, nothing of it read before
    name: 'session page, first open (another session each run)',
    unopened: true,
    run: () => gql(SESSION_PAGE_QUERY, { id: nextUnopened() }),
    baseline: SESSION_RAW,
  },
  {
    // what the dashboard's session page sends at once (web SessionDetail, SessionSeries, SessionAnnotations)
    name: 'session page as the dashboard asks it (KPIs, series, notes: 3 requests at once)',
    run: () => dashboardSessionPage(session.session_id),
    baseline: SESSION_RAW,
  },
  {
    // the same three requests, each run on another session of the brand: what a dashboard user waits for
    // on opening a session nobody opened yet (no returning viewers asked: S11R4-1)
    name: 'session page as the dashboard asks it, first open (another session each run)',
    unopened: true,
    run: () => dashboardSessionPage(nextUnopened()),
    baseline: SESSION_RAW,
  },
  {
    // what the session page's KPI cards ask for beside their values (web SessionBenchmarks query)
    name: 'session benchmarks (percentile, band and peers of every KPI among all brands of its size)',
    run: () => gql(BENCHMARKS_QUERY, { id: session.session_id }),
    baseline: PEERS_RAW,
  },
  {
    // the same query on another finished session of the brand each run: its answer is not cached yet,
    // so the page pays the engine's percentile query (issue 13's goal: ≤ 50 ms p95 on a first view too)
    name: 'session benchmarks, first view (another session each run: no cached answer)',
    run: () => gql(BENCHMARKS_QUERY, { id: finished[nextFinished++ % finished.length] }),
    baseline: PEERS_RAW,
  },
  {
    // what the session page's merchandise section asks for (web SessionMerchandise query)
    name: 'session merchandise (run-sheet, products, traffic sources)',
    run: () => merchandise(session.session_id),
    nothingKept: { how: 'another session each run', run: () => merchandise(nextUnopened()), unopened: true },
    baseline: {
      name: 'raw scan: per-product and per-source sums of the session from events FINAL',
      sql: `SELECT product_id, uniqExactIf(viewer_id, type = 'product_impression') AS impressed,
              uniqExactIf(viewer_id, type = 'product_click') AS clickers, countIf(type = 'cart_add') AS carts,
              any(source) AS source, sumIf(amount, type = 'purchase') AS revenue
            FROM events FINAL WHERE brand_id = {b:String} AND session_id = {s:String}
            GROUP BY product_id`,
      params: { b: brand.brand_id, s: session.session_id },
    },
  },
  {
    name: 'products page, 90 days (products ranked, best commercer, traffic sources)',
    run: () => productsPage(period),
    nothingKept: { how: 'the period ends a second later each run', run: () => productsPage(unkeptPeriod()) },
    baseline: {
      name: "raw scan: the brand's 90 days of purchase lines and product clicks per product",
      sql: `SELECT if(type = 'purchase', item.1, product_id) AS product, uniqExactIf(viewer_id, type = 'product_click') AS clickers,
              sumIf(item.2 * item.3, type = 'purchase') AS revenue
            FROM events LEFT ARRAY JOIN if(type = 'purchase', items, [tuple('', 0, toDecimal64(0, 4))]) AS item
            WHERE brand_id = {b:String} AND occurred_at >= {from:DateTime64(3, 'UTC')} AND occurred_at < {to:DateTime64(3, 'UTC')}
              AND type IN ('purchase', 'product_click')
            GROUP BY product ORDER BY revenue DESC LIMIT 100`,
      params: {
        b: brand.brand_id,
        from: toClickHouseTime(from),
        to: toClickHouseTime(to),
      },
    },
  },
  {
    name: 'brand overview, 90 days (KPIs with later purchases + previous period, daily series, best/worst)',
    run: () => overviewPage(period),
    nothingKept: { how: 'the period ends a second later each run', run: () => overviewPage(unkeptPeriod()) },
    baseline: {
      name: "raw scan: the brand's 90 days of events, distinct viewers and sums",
      sql: `SELECT uniqExact(viewer_id) AS viewers, uniqExact(session_id) AS sessions, countIf(type = 'comment') AS comments,
              sumIf(like_count, type = 'like') AS likes, sumIf(amount, type = 'purchase') AS revenue
            FROM events WHERE brand_id = {b:String} AND occurred_at >= {from:DateTime64(3, 'UTC')} AND occurred_at < {to:DateTime64(3, 'UTC')}`,
      params: {
        b: brand.brand_id,
        from: toClickHouseTime(from),
        to: toClickHouseTime(to),
      },
    },
  },
  {
    name: 'brand overview with its history, 90 days (as the dashboard asks it: the overview and the four periods before)',
    run: () => dashboardOverviewPage(period),
    nothingKept: { how: 'the period ends a second later each run', run: () => dashboardOverviewPage(unkeptPeriod()) },
    baseline: {
      name: "raw scan: the brand's 450 days of events, distinct viewers and sums per 90 days",
      sql: `SELECT intDiv(toUnixTimestamp64Milli(occurred_at) - {fromMs:Int64}, {lengthMs:Int64}) AS k, uniqExact(viewer_id) AS viewers,
              uniqExact(session_id) AS sessions, countIf(type = 'comment') AS comments, sumIf(like_count, type = 'like') AS likes,
              sumIf(amount, type = 'purchase') AS revenue
            FROM events WHERE brand_id = {b:String} AND occurred_at >= {from:DateTime64(3, 'UTC')} AND occurred_at < {to:DateTime64(3, 'UTC')}
            GROUP BY k`,
      params: {
        b: brand.brand_id,
        from: toClickHouseTime(new Date(from.getTime() - 4 * (to.getTime() - from.getTime()))),
        to: toClickHouseTime(to),
        fromMs: from.getTime() - 4 * (to.getTime() - from.getTime()),
        lengthMs: to.getTime() - from.getTime(),
      },
    },
  },
  {
    name: 'commercers leaderboard, 90 days (with previous period)',
    run: () => leaderboardPage(period),
    nothingKept: { how: 'the period ends a second later each run', run: () => leaderboardPage(unkeptPeriod()) },
    baseline: {
      name: 'raw scan: per-commercer sums from events (via session_start)',
      sql: `SELECT session_id, uniqExact(viewer_id) AS viewers, sumIf(amount, type = 'purchase') AS revenue
            FROM events WHERE brand_id = {b:String} AND occurred_at >= {from:DateTime64(3, 'UTC')} AND occurred_at < {to:DateTime64(3, 'UTC')}
            GROUP BY session_id`,
      params: {
        b: brand.brand_id,
        from: toClickHouseTime(from),
        to: toClickHouseTime(to),
      },
    },
  },
  {
    name: 'community, 90 days (regulars, cohorts, stamps, new vs returning)',
    run: () =>
      gql(
        `query($p: PeriodInput!) { community(period: $p) { uniqueViewers returningRate regularsCount regulars { viewerId sessions } cohorts { week size returning } stamps { commercer { id } stamps { stamp likes } } daily { date newViewers returningViewers } } }`,
        {
          p: period,
        },
      ),
    baseline: {
      name: 'raw scan: sessions per viewer from events',
      sql: `SELECT viewer_id, uniqExact(session_id) AS sessions FROM events
            WHERE brand_id = {b:String} AND occurred_at >= {from:DateTime64(3, 'UTC')} AND occurred_at < {to:DateTime64(3, 'UTC')} AND viewer_id != ''
            GROUP BY viewer_id HAVING sessions >= 3 ORDER BY sessions DESC LIMIT 100`,
      params: {
        b: brand.brand_id,
        from: toClickHouseTime(from),
        to: toClickHouseTime(to),
      },
    },
  },
  // Last: a list reads its sessions ahead, so the pages that open a session nobody read come before.
  {
    name: 'session page, first open from the sessions list (the list asked just before, untimed)',
    unopened: true,
    ...fromList((id) => gql(SESSION_PAGE_QUERY, { id })),
    baseline: SESSION_RAW,
  },
  {
    name: 'session page as the dashboard asks it, first open from the sessions list (the list asked just before, untimed)',
    unopened: true,
    ...fromList(dashboardSessionPage),
    baseline: SESSION_RAW,
  },
  {
    name: "session page as the dashboard asks it, first open from the sessions list of an agency's token of every brand (the list asked just before, untimed)",
    unopened: true,
    ...fromList((id) => dashboardSessionPage(id, everyBrand), everyBrand),
    baseline: SESSION_RAW,
  },
];

console.log(
  `\n${Number(totalEvents).toLocaleString('en-US')} events; brand ${brand.brand_id} (${brand.sessions} sessions); ${runs} runs per query after 5 warm-up runs\n`,
);
for (const page of [...PAGES])
  if (page.nothingKept)
    PAGES.push({
      name: `${page.name.split(' (')[0]}, nothing kept (${page.nothingKept.how})`,
      run: page.nothingKept.run,
      baseline: page.baseline,
      unopened: page.nothingKept.unopened,
    });
const CHOSEN = PAGES.filter((page) => !args.only || page.name.includes(args.only));
if (CHOSEN.length === 0) throw new Error(`--only ${args.only} names no page`);
// Each page that opens an unopened session each run takes 5 + 2 × runs of the brand's other sessions
// (warm-up, timing, breakdown); the pages that do not fit are left out, said so, to be run with --only.
for (let room = others.length, i = 0; i < CHOSEN.length; i++) {
  if (!CHOSEN[i].unopened) continue;
  if (room >= 5 + 2 * runs) room -= 5 + 2 * runs;
  else {
    console.log(`left out (the brand has too few sessions left for it; run it with --only): ${CHOSEN[i].name}`);
    CHOSEN.splice(i--, 1);
  }
}
const bench = (
  await gql<{
    session: {
      metrics: { uniqueViewers: number; benchmarks: { benchmark: { band: string; peers: number } | null }[] };
    };
  }>('query($id: ID!) { session(id: $id) { metrics { uniqueViewers benchmarks { benchmark { band peers } } } } }', {
    id: session.session_id,
  })
).session.metrics;
const withBenchmark = bench.benchmarks.filter((b) => b.benchmark !== null);
console.log(
  `session ${session.session_id}: ${bench.uniqueViewers} viewers; ${withBenchmark.length}/${bench.benchmarks.length} KPIs with a benchmark${withBenchmark[0]?.benchmark ? ` (band ${withBenchmark[0].benchmark.band}, ${withBenchmark[0].benchmark.peers} peers)` : ''}`,
);
const rows: string[][] = [];
for (const page of CHOSEN) {
  const api = await time(runs, page.run, page.prepare);
  const raw = await time(runs, () => gateway.query(page.baseline.sql, page.baseline.params, { tag: 'bench.raw' }));
  rows.push([
    page.name,
    api.p50.toFixed(1),
    api.p95.toFixed(1),
    raw.p50.toFixed(1),
    raw.p95.toFixed(1),
    (api.p95 / raw.p95).toFixed(2),
  ]);
  console.log(
    `${page.name}\n  API p50 ${api.p50.toFixed(1)} ms  p95 ${api.p95.toFixed(1)} ms   |   ${page.baseline.name}: p50 ${raw.p50.toFixed(1)} ms  p95 ${raw.p95.toFixed(1)} ms   |   ratio p95 ${(api.p95 / raw.p95).toFixed(2)}`,
  );
}
// Issue 13 (S13C-1): the brand overview's totals — one statement, its viewer part (distinct, returning
// and later buyers) from one reading of session_viewers — with and without the later-purchase part, run
// alternately with the same parameters (the overview's span: the previous period and the period).
{
  const overviewParams = {
    brandId: brand.brand_id,
    from: toClickHouseTime(from.getTime() - (to.getTime() - from.getTime())),
    to: toClickHouseTime(to),
    timeZone: 'UTC',
    commercerId: null,
    kind: null,
    splitAt: toClickHouseTime(from),
  };
  const withLater: number[] = [];
  const withoutLater: number[] = [];
  for (let i = 0; i < runs + 5; i++) {
    let started = performance.now();
    await gateway.query(totalsSql('overview'), overviewParams, { tag: 'bench.overview.totals' });
    if (i >= 5) withLater.push(performance.now() - started);
    started = performance.now();
    await gateway.query(totalsSql('overview', false), overviewParams, { tag: 'bench.overview.withoutLater' });
    if (i >= 5) withoutLater.push(performance.now() - started);
  }
  withLater.sort((a, b) => a - b);
  withoutLater.sort((a, b) => a - b);
  console.log(
    `\nbrand overview totals (90 days + previous, one statement): p50 ${percentile(withLater, 50).toFixed(1)} ms  p95 ${percentile(withLater, 95).toFixed(1)} ms` +
      `   |   the same without the later-purchase part p50 ${percentile(withoutLater, 50).toFixed(1)} ms  p95 ${percentile(withoutLater, 95).toFixed(1)} ms`,
  );
}

// Issue 13 (S13-1): the session benchmarks page above is answered from the API's cache after its first
// run; what a first view (or the first after any session_stats change) costs is the engine query itself.
if (CHOSEN.some((page) => page.name.startsWith('session benchmarks'))) {
  const repository = new BenchmarkRepository(gateway);
  const scope = BrandScope.of({ kind: 'reader', keyId: 'bench', brandIds: [brand.brand_id] });
  let started = performance.now();
  await repository.refreshPeerValues();
  const refreshMs = performance.now() - started;
  // the two formulations alternately, so both see the same load: the stored values (S13B-1) and the
  // one that computes every peer's KPIs from session_stats at read (S13-1, the previous read path)
  const stored: number[] = [];
  const computed: number[] = [];
  for (let i = 0; i < runs + 5; i++) {
    started = performance.now();
    await repository.percentiles(scope, session.session_id);
    if (i >= 5) stored.push(performance.now() - started);
    started = performance.now();
    await repository.percentilesFromStats(scope, session.session_id);
    if (i >= 5) computed.push(performance.now() - started);
  }
  stored.sort((a, b) => a - b);
  computed.sort((a, b) => a - b);
  const states = new RollupStateRepository(gateway);
  const token = await time(runs, () => states.changeToken());
  const refresh = await time(runs, () => repository.refreshPeerValues());
  console.log(
    `\npeer benchmark uncached (the engine query, no cache): from stored values p50 ${percentile(stored, 50).toFixed(1)} ms  p95 ${percentile(stored, 95).toFixed(1)} ms` +
      `   |   computed from session_stats (before S13B-1) p50 ${percentile(computed, 50).toFixed(1)} ms  p95 ${percentile(computed, 95).toFixed(1)} ms` +
      `\n  the change-token read every page makes: p50 ${token.p50.toFixed(1)} ms  p95 ${token.p95.toFixed(1)} ms` +
      `   |   refreshing the stored values: first ${refreshMs.toFixed(0)} ms, with nothing changed p50 ${refresh.p50.toFixed(1)} ms  p95 ${refresh.p95.toFixed(1)} ms`,
  );
}

// Where a page's time goes: the gateway reports each query's time and its wait for a reader;
// what the union of the query intervals does not cover is GraphQL, Nest, HTTP and JSON.
console.log('\nbreakdown (medians over runs; ms):');
const breakdown: string[][] = [];
const tails: string[][] = [];
for (const page of CHOSEN) {
  const calls: { tag: string; start: number; end: number; waitMs: number; turnWaitMs: number }[] = [];
  const stop = gateway.onQuery((e) => {
    if (e.kind === 'query')
      calls.push({
        tag: e.tag,
        start: performance.now() - e.ms,
        end: performance.now(),
        waitMs: e.waitMs ?? 0,
        turnWaitMs: e.turnWaitMs ?? 0,
      });
  });
  const perRun: {
    total: number;
    queries: number;
    engine: number;
    wait: number;
    turn: number;
    critical: number;
    gc: number;
    started: number;
  }[] = [];
  const byTag = new Map<string, number[]>();
  // Garbage collection pauses (the process runs the app and this client): what the tail of a page
  // with no statement is made of, beside the machine's load.
  const pauses: { start: number; end: number }[] = [];
  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      pauses.push({ start: entry.startTime, end: entry.startTime + entry.duration });
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  for (let i = 0; i < runs; i++) {
    await page.prepare?.();
    calls.length = 0;
    const started = performance.now();
    await page.run();
    const total = performance.now() - started;
    const sorted = [...calls].sort((a, b) => a.start - b.start);
    let critical = 0;
    let reach = -Infinity;
    for (const c of sorted) {
      critical += Math.max(0, c.end - Math.max(c.start, reach));
      reach = Math.max(reach, c.end);
    }
    for (const c of calls) {
      const list = byTag.get(c.tag) ?? [];
      list.push(c.end - c.start - c.waitMs - c.turnWaitMs);
      byTag.set(c.tag, list);
    }
    perRun.push({
      total,
      queries: calls.length,
      engine: calls.reduce((n, c) => n + c.end - c.start - c.waitMs - c.turnWaitMs, 0),
      wait: calls.reduce((n, c) => n + c.waitMs, 0),
      turn: calls.reduce((n, c) => n + c.turnWaitMs, 0),
      critical,
      gc: 0,
      started,
    });
    calls.length = 0;
  }
  stop();
  await new Promise((resolve) => setTimeout(resolve, 10)); // GC entries arrive after the fact
  gcObserver.disconnect();
  for (const run of perRun)
    run.gc = pauses.reduce(
      (n, p) => n + Math.max(0, Math.min(p.end, run.started + run.total) - Math.max(p.start, run.started)),
      0,
    );
  // The tail: the slowest tenth of the runs, component by component (means).
  const slow = [...perRun].sort((a, b) => b.total - a.total).slice(0, Math.max(1, Math.round(runs / 10)));
  const mean = (key: 'total' | 'queries' | 'critical' | 'turn' | 'gc') =>
    slow.reduce((n, r) => n + r[key], 0) / slow.length;
  tails.push([
    page.name.split(' (')[0],
    mean('total').toFixed(1),
    mean('queries').toFixed(1),
    mean('critical').toFixed(1),
    mean('turn').toFixed(1),
    mean('gc').toFixed(1),
    (mean('total') - mean('critical') - mean('gc')).toFixed(1),
  ]);
  const median = (values: number[]) =>
    percentile(
      [...values].sort((a, b) => a - b),
      50,
    );
  const m = (key: keyof (typeof perRun)[number]) => median(perRun.map((r) => r[key]));
  breakdown.push([
    page.name.split(' (')[0],
    m('total').toFixed(1),
    String(m('queries')),
    m('engine').toFixed(1),
    m('wait').toFixed(1),
    m('turn').toFixed(1),
    m('critical').toFixed(1),
    (m('total') - m('critical')).toFixed(1),
  ]);
  console.log(
    `${page.name.split(' (')[0]}: ${[...byTag].map(([tag, ms]) => `${tag} ${median(ms).toFixed(1)}`).join(', ')}`,
  );
}
console.log(
  '\n| page | HTTP total | queries | sum of engine time | sum of reader wait | sum of engine-turn wait | queries on the critical path | outside queries (GraphQL, Nest, HTTP) |',
);
console.log('|---|---|---|---|---|---|---|---|');
for (const row of breakdown) console.log(`| ${row.join(' | ')} |`);
console.log(
  '\nthe tail: the slowest tenth of the runs (means; ms)\n\n| page | HTTP total | queries | queries on the critical path | of it engine-turn wait | GC pauses | the rest (GraphQL, Nest, HTTP, scheduling) |',
);
console.log('|---|---|---|---|---|---|---|');
for (const row of tails) console.log(`| ${row.join(' | ')} |`);

console.log('\n| query set | API p50 ms | API p95 ms | raw p50 ms | raw p95 ms | API/raw p95 |');
console.log('|---|---|---|---|---|---|');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
await app.close();
await gateway.close();
