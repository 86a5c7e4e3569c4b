// What bench:rollup and bench:rollup-many share: a fresh embedded engine in a temporary folder (removed at
// the end or on Ctrl-C), the rollup statements' times as the engine reports them, medians and the load.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execSync } from 'node:child_process';
import { ClickHouseGateway } from '@lc/clickhouse';

export const uptime = () => execSync('uptime').toString().trim();
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * An embedded engine in a new folder named after `name`; `cleanup()` closes it and removes the folder.
 * `openBeside(config)` opens another gateway on the same folder with `config` (e.g. the behaviour before
 * a gateway setting, for a same-run comparison); cleanup closes it too.
 */
export function openBenchEngine(name) {
  const dir = mkdtempSync(join(tmpdir(), `lc-bench-${name}-`));
  const gateway = ClickHouseGateway.open({ mode: 'embedded', dataPath: dir, retries: 0 });
  const beside = [];
  const openBeside = (config) => {
    const other = ClickHouseGateway.open({ mode: 'embedded', dataPath: dir, retries: 0, ...config });
    beside.push(other);
    return other;
  };
  const cleanup = async () => {
    for (const g of [gateway, ...beside]) await g.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));
  return { gateway, openBeside, cleanup };
}

/**
 * The rollup statements the engine ran on `gateways`, as [tag without `rollup.`, ms] in `times` (cleared by the caller),
 * and `perTag()`: their time summed by tag (a round may run several of a kind: a snapshot's rows and listing).
 */
export function rollupStatementTimes(...gateways) {
  const times = [];
  for (const gateway of gateways)
    gateway.onQuery((e) => {
      if (e.tag.startsWith('rollup.')) times.push([e.tag.slice('rollup.'.length), e.ms]);
    });
  const perTag = () => {
    const round = new Map();
    for (const [tag, ms] of times) round.set(tag, (round.get(tag) ?? 0) + ms);
    return round;
  };
  return { times, perTag };
}
