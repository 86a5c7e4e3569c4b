// `npm run probe:pointer-race` (issue 11; docs/ARCHITECTURE.md, "Two slots per rollup key"): while rollup
// rounds rewrite a live session, do readers that follow session_stats' pointers ever find fewer rows than
// a moment before?
//
// Readers take a session's rows of the round its stats row points at: `version` for its minutes and
// products, `viewers_version` for its viewer rows and traffic sources. A round writes the new rows first
// and the stats row last. Before migration 0025 the rollup tables were ReplacingMergeTree(version) keyed
// without anything telling two rounds apart, so a background merge of the new part with the old one kept
// only the new rows, and until the stats row moved the pointed-at rows were gone (12.7 % of the minutes'
// reads, 14.6 % of the viewer rows' here); each round now writes the slot the pointed-at rows do not use. This probe runs rounds of one live session on the embedded
// engine (each batch: a minute of likes from every viewer, joins with a source, a product click) while
// a reader polls the row counts at the pointers as the API reads them, and prints how often a count
// fell. A count that falls is the bug (it never should: a session's rows only grow).
//
//   node scripts/probe-pointer-race.mjs [--viewers 3000] [--rounds 25]
import { parseArgs } from 'node:util';
import { RollupRefresher } from '@lc/clickhouse';
import { eventRows, openTestEngine } from '@lc/clickhouse/testing';

const { values: args } = parseArgs({
  options: { viewers: { type: 'string', default: '3000' }, rounds: { type: 'string', default: '25' } },
});
const VIEWERS = Number(args.viewers);
const ROUNDS = Number(args.rounds);
if (!Number.isInteger(VIEWERS) || VIEWERS < 1 || !Number.isInteger(ROUNDS) || ROUNDS < 1) {
  console.error('usage: node scripts/probe-pointer-race.mjs [--viewers 3000] [--rounds 25]');
  process.exit(2);
}

const BRAND = 'probe';
const SESSION = 'race';
const START = Date.now() - (ROUNDS + 5) * 60_000;

/** Row counts at the stats row's pointers, read as the API reads them (a join on the pointer). */
const AT_POINTER = {
  minutes: ['session_minutes', 'version'],
  products: ['session_products', 'version'],
  viewers: ['session_viewers', 'viewers_version'],
  sources: ['session_sources', 'viewers_version'],
};
const countSql = (table, pointer) => `
SELECT count() AS n
FROM ${table} AS t
INNER JOIN (SELECT session_id, ${pointer} AS pointer FROM session_stats FINAL WHERE brand_id = {b:String}) AS s
  ON s.session_id = t.session_id AND s.pointer = t.version
WHERE t.brand_id = {b:String}`;

const engine = await openTestEngine();
const { gateway } = engine;
try {
  let n = 0;
  const event = (at, fields) => ({
    eventId: `e${n++}`,
    sessionId: SESSION,
    occurredAt: new Date(at).toISOString(),
    ...fields,
  });
  const insert = (events) => gateway.insert('events', eventRows(BRAND, events), { tag: 'probe.insert' });
  await insert([
    event(START, {
      type: 'session_start',
      commercerId: 'c1',
      commercerName: 'Aoi',
      commercerKind: 'in_house',
      title: 'Probe',
      platform: 'app',
    }),
    event(START + 1_000, { type: 'product_pin', productId: 'p1', productName: 'Coat' }),
  ]);
  /** Minute `m` of the stream: every viewer likes; viewer m joins (a new source each minute) and clicks the product. */
  const minute = (m) => {
    const at = START + m * 60_000;
    return [
      event(at + 2_000, { type: 'join', viewerId: `j${m}`, source: m % 2 === 0 ? 'feed' : 'search' }),
      event(at + 3_000, { type: 'product_click', viewerId: `j${m}`, productId: 'p1' }),
      ...Array.from({ length: VIEWERS }, (_, v) =>
        event(at + (v % 55) * 1_000 + 4_000, { type: 'like', viewerId: `v${v}`, count: 1, stamp: 'heart' }),
      ),
    ];
  };

  const refresher = new RollupRefresher(gateway);
  const highest = Object.fromEntries(Object.keys(AT_POINTER).map((k) => [k, 0]));
  const falls = Object.fromEntries(Object.keys(AT_POINTER).map((k) => [k, 0]));
  let reads = 0;
  let stop = false;
  const reader = (async () => {
    while (!stop) {
      for (const [name, [table, pointer]] of Object.entries(AT_POINTER)) {
        const [row] = await gateway.query(countSql(table, pointer), { b: BRAND }, { tag: 'probe.read' });
        const count = Number(row.n);
        if (count < highest[name]) falls[name]++;
        highest[name] = Math.max(highest[name], count);
      }
      reads++;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  for (let m = 0; m < ROUNDS; m++) {
    await insert(minute(m));
    await refresher.refreshSessions(BRAND, [SESSION]);
  }
  stop = true;
  await reader;
  console.log(
    `${ROUNDS} rounds of a live session with ${VIEWERS} viewers; ${reads} reads of each table at the stats' pointers`,
  );
  for (const name of Object.keys(AT_POINTER))
    console.log(
      `  ${name.padEnd(8)} rows at the pointer fell in ${falls[name]} of ${reads} reads (${((100 * falls[name]) / reads).toFixed(1)} %)`,
    );
  const total = Object.values(falls).reduce((a, b) => a + b, 0);
  console.log(
    total === 0
      ? 'no read found fewer rows than before'
      : 'readers found rows missing: see docs/ARCHITECTURE.md, "Two slots per rollup key"',
  );
  process.exitCode = total === 0 ? 0 : 1;
} finally {
  await engine.dispose();
}
