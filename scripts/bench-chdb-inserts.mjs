// Raw JSONEachRow inserts into `events` on one vs two chdb connections of one process (issue 11, S11I2-1),
// with a few insert settings: does a second connection let two inserts run side by side?
//   node scripts/bench-chdb-inserts.mjs [rows per insert, default 4000] [inserts per lane, default 20]
// Wrap it in `flock /tmp/bench.lock` like every benchmark. Needs `nx run-many -t build` (it imports the built packages).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClickHouseGateway, runMigrations, toEventRow } from '@lc/clickhouse';
import { simulate } from '@lc/simulator';
import { createChdbConnection } from 'chdb/connection';

const rowsPer = Number(process.argv[2] ?? 4000);
const rounds = Number(process.argv[3] ?? 20);
const dir = mkdtempSync(join(tmpdir(), 'probe-'));
const gw = ClickHouseGateway.open({ mode: 'embedded', dataPath: dir, retries: 0 });
await runMigrations(gw);
await gw.close();
const variants = [
  ['default', { priority: '2', os_thread_priority: '5' }],
  ['no parallel parsing', { priority: '2', os_thread_priority: '5', input_format_parallel_parsing: 0 }],
  ['no optimize_on_insert', { priority: '2', os_thread_priority: '5', optimize_on_insert: 0 }],
];
const need = rowsPer * rounds * 2 * variants.length * 2 * 2 + rowsPer;
const batches = [];
let cur = [];
outer: for (const session of simulate({ seed: 'probe', targetEvents: need })) {
  for (const e of session.events) {
    cur.push(JSON.stringify(toEventRow(e, session.brand.brandId)));
    if (cur.length === rowsPer) {
      batches.push(Buffer.from(cur.join('\n') + '\n'));
      cur = [];
      if (batches.length * rowsPer >= need) break outer;
    }
  }
}
console.log(`${batches.length} batches of ${rowsPer} rows (${(batches[0].length / rowsPer).toFixed(0)} B/row)`);
const a = createChdbConnection({ path: dir });
const b = createChdbConnection({ path: dir });
let k = 0;
const next = () => batches[k++ % batches.length];
const ins = (c, settings) => c.chdb.rawInsert({ table: 'events', values: next(), format: 'JSONEachRow', settings });
await ins(a, variants[0][1]);
const serial = async (settings) => {
  const t = performance.now();
  for (let i = 0; i < rounds * 2; i++) await ins(a, settings);
  return performance.now() - t;
};
const parallel = async (settings) => {
  const t = performance.now();
  const lane = async (c) => {
    for (let i = 0; i < rounds; i++) await ins(c, settings);
  };
  await Promise.all([lane(a), lane(b)]);
  return performance.now() - t;
};
const rows = rowsPer * rounds * 2;
const rate = (t) => `${Math.round((rows / t) * 1000).toLocaleString('en')} rows/s`;
for (let rep = 0; rep < 2; rep++) {
  for (const [name, settings] of variants) {
    const s = await serial(settings);
    const p = await parallel(settings);
    console.log(
      `${name.padEnd(22)} one connection ${rate(s)} (${(s / rounds / 2).toFixed(1)} ms/insert) | two connections ${rate(p)} | ×${(s / p).toFixed(2)}`,
    );
  }
}
await a.close();
await b.close();
// The engine may still be merging parts in the background: a folder it is writing to stays behind.
try {
  rmSync(dir, { recursive: true, force: true });
} catch {
  console.log(`(left ${dir} behind: the engine was still writing to it)`);
}
process.exit(0);
