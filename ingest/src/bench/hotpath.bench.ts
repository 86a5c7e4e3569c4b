import { toEventRow } from '@lc/clickhouse';
import { SCHEMA_BY_TYPE, validateEvent, type EventType, type LiveEvent } from '@lc/contract';
import { DedupCache } from '../dedup.cache.js';
import { buildWorkload } from './bench.workload.js';

/**
 * `node ingest/dist/bench/hotpath.bench.js [--events N] [--passes N]`: where the JavaScript time per
 * event goes on the ingest path, one step at a time, single thread, over the bench workload's bodies
 * (simulated events, 1 000 per body). Each step runs alone over every event; the figure is the
 * median over the passes, in µs per event. No engine, no HTTP: what a parse worker (or the event
 * loop, with INGEST_PARSE_WORKERS=0) spends per event, and what the main thread keeps (dedup).
 */
const argv = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const at = argv.indexOf(name);
  return at === -1 ? fallback : Number(argv[at + 1]);
};
const EVENTS = arg('--events', 200_000);
const PASSES = arg('--passes', 7);

const workload = buildWorkload({
  seed: 'bench',
  events: EVENTS,
  batch: 1000,
  ndjson: true,
  gzip: false,
  baselineBatchRows: 20_000,
});
const bodies = workload.requests.map((r) => r.body);
const brandOf = workload.requests.map((r) => r.brandId);
const bounds = { now: Date.now() + 400 * 86_400_000, maxFutureMs: 1e15, maxAgeMs: 1e15 };

const parsed: unknown[][] = bodies.map((b) =>
  b
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as unknown),
);
const valid: LiveEvent[][] = parsed.map((list) =>
  list.map((e) => {
    const r = validateEvent(e, bounds);
    if (!r.ok) throw new Error(`bench event invalid: ${JSON.stringify(r.errors)}`);
    return r.event;
  }),
);
const events = parsed.reduce((n, list) => n + list.length, 0);

let sink = 0;
const steps: [string, () => void][] = [
  [
    'NDJSON split + JSON.parse',
    () => {
      for (const b of bodies) {
        const lines = b.toString('utf8').split('\n');
        for (const l of lines) if (l !== '') sink += (JSON.parse(l) as object) ? 1 : 0;
      }
    },
  ],
  [
    'validateEvent (contract: fast path, zod at any doubt)',
    () => {
      for (const list of parsed) for (const e of list) sink += validateEvent(e, bounds).ok ? 1 : 0;
    },
  ],
  [
    'zod safeParse alone (the contract schemas)',
    () => {
      for (const list of parsed)
        for (const e of list) sink += SCHEMA_BY_TYPE[(e as { type: EventType }).type].safeParse(e).success ? 1 : 0;
    },
  ],
  [
    'dedup has + add (main thread)',
    () => {
      const cache = new DedupCache(1_000_000);
      valid.forEach((list, i) => {
        for (const e of list) {
          if (!cache.has(brandOf[i], e.eventId)) cache.add(brandOf[i], e.eventId);
        }
      });
      sink += cache.size;
    },
  ],
  [
    'toEventRow + JSON.stringify',
    () => {
      valid.forEach((list, i) => {
        for (const e of list) sink += JSON.stringify(toEventRow(e, brandOf[i])).length;
      });
    },
  ],
  [
    'join rows + Buffer.from (per request)',
    () => {
      const lines = valid.map((list, i) => list.map((e) => JSON.stringify(toEventRow(e, brandOf[i]))));
      const started = performance.now();
      for (const l of lines) sink += Buffer.from(l.join('\n') + '\n').length;
      // Only the join and encode are timed here: report them through the pass's own clock.
      extra = performance.now() - started;
    },
  ],
];
let extra = -1;

const rows: [string, number][] = [];
for (const [label, run] of steps) {
  const times: number[] = [];
  for (let pass = 0; pass < PASSES; pass++) {
    extra = -1;
    const started = performance.now();
    run();
    const ms = extra >= 0 ? extra : performance.now() - started;
    times.push((ms * 1000) / events);
  }
  times.sort((a, b) => a - b);
  rows.push([label, times[Math.floor(times.length / 2)]]);
}
console.log(
  `Ingest hot path, ${events.toLocaleString('en-US')} simulated events, ${bodies.length} bodies, median of ${PASSES} passes`,
);
for (const [label, us] of rows) console.log(`  ${us.toFixed(2).padStart(6)} µs/event  ${label}`);
if (sink === 0) console.log('(nothing measured)');
