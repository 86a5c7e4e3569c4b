// `npm run bench:chdb-params`: does a short parameterized read wait for a long parameterized query
// running on ANOTHER embedded connection? chdb 3.4 serialises every parameterized async call
// process-wide (its `globalParamChain`, a workaround for parameter state that libchdb does not
// isolate per connection), so the product's reads — all parameterized — queue behind rollup
// rebuilds. This measures it against the same read without parameters, in the same run.
//
//   node scripts/bench-chdb-params.mjs [--rows 20000000] [--seconds 3]
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '20000000' }, seconds: { type: 'string', default: '3' } },
});
const rows = Number(values.rows);
const seconds = Number(values.seconds);
if (!Number.isSafeInteger(rows) || rows < 1_000_000) throw new Error('--rows: a whole number ≥ 1000000');
if (!(seconds > 0 && seconds <= 60)) throw new Error('--seconds: 0 < seconds ≤ 60');

const { Session } = createRequire(new URL('../schemas/clickhouse/package.json', import.meta.url))('chdb');
const dir = mkdtempSync(join(tmpdir(), 'lc-chdb-params-'));
const heavyConnection = new Session(dir);
const readConnection = new Session(dir);
try {
  process.stdout.write(`filling ${rows.toLocaleString('en-US')} rows… `);
  await heavyConnection.queryAsync('CREATE TABLE t (k UInt64, s String) ENGINE = MergeTree ORDER BY k', {
    format: 'TSV',
  });
  await heavyConnection.queryAsync(`INSERT INTO t SELECT number, toString(number % 1000) FROM numbers(${rows})`, {
    format: 'TSV',
  });
  console.log('done');

  const heavyBound = () =>
    heavyConnection.queryBindAsync(
      'SELECT s, count() FROM t WHERE k % {m:UInt64} = 0 GROUP BY s FORMAT Null',
      { m: 3 },
      { format: 'TSV' },
    );
  const heavyPlain = () =>
    heavyConnection.queryAsync('SELECT s, count() FROM t WHERE k % 3 = 0 GROUP BY s FORMAT Null', { format: 'TSV' });
  // the long query's value written to a work table first (an insert has no parameters either), then read
  // by the query: `round` is the caller's own counter, not a user value
  await heavyConnection.queryAsync('CREATE TABLE work (round UInt64, m UInt64) ENGINE = MergeTree ORDER BY round', {
    format: 'TSV',
  });
  await heavyConnection.insert({ table: 'work', values: '{"round":1,"m":3}\n', format: 'JSONEachRow' });
  const heavyFromTable = () =>
    heavyConnection.queryAsync(
      'SELECT s, count() FROM t WHERE k % (SELECT m FROM work WHERE round = 1) = 0 GROUP BY s FORMAT Null',
      { format: 'TSV' },
    );
  const readBound = () =>
    readConnection.queryBindAsync('SELECT count() FROM t WHERE k = {k:UInt64}', { k: 42 }, { format: 'TSV' });
  const readPlain = () => readConnection.queryAsync('SELECT count() FROM t WHERE k = 42', { format: 'TSV' });

  const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
  async function reads(read, heavy) {
    let running = Boolean(heavy);
    const background = heavy
      ? (async () => {
          const start = performance.now();
          while (performance.now() - start < seconds * 1000) await heavy();
          running = false;
        })()
      : null;
    const times = [];
    const start = performance.now();
    while (heavy ? running : performance.now() - start < seconds * 1000) {
      const t = performance.now();
      await read();
      times.push(performance.now() - t);
    }
    await background;
    times.sort((a, b) => a - b);
    return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), n: times.length };
  }

  const t = performance.now();
  await heavyBound();
  console.log(`one long query alone: ${(performance.now() - t).toFixed(0)} ms`);
  const cases = [
    ['point read, idle (parameterized)', readBound, null],
    ['point read beside a long plain query, both plain', readPlain, heavyPlain],
    ['point read beside a long query, both parameterized', readBound, heavyBound],
    // the lead for issue 11 (BENCHMARKS.md, thirty-second session): background statements that take
    // their values from a table written beforehand (no parameters, no value in the SQL text) leave
    // the parameterized reads their own turn
    ['parameterized point read beside a long plain query', readBound, heavyPlain],
    ['parameterized point read beside a long query reading its value from a table', readBound, heavyFromTable],
  ];
  const results = [];
  for (const [label, read, heavy] of cases) {
    const r = await reads(read, heavy);
    results.push(r);
    console.log(
      `${label.padEnd(54)} p50 ${r.p50.toFixed(1).padStart(7)} ms  p95 ${r.p95.toFixed(1).padStart(7)} ms  (${r.n} reads)`,
    );
  }
  const [idle, plain, bound, besidePlain, besideTable] = results;
  console.log(
    `\nratio to idle p95: plain ${(plain.p95 / idle.p95).toFixed(1)}×, parameterized ${(bound.p95 / idle.p95).toFixed(1)}×, ` +
      `parameterized beside plain ${(besidePlain.p95 / idle.p95).toFixed(1)}×, beside the table-fed query ${(besideTable.p95 / idle.p95).toFixed(1)}×`,
  );
} finally {
  heavyConnection.close?.();
  readConnection.close?.();
  rmSync(dir, { recursive: true, force: true });
}
