import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import {
  ClickHouseGateway,
  clickhouseEnvSchema,
  gatewayConfigFromEnv,
  type GatewayConfig,
  loadEnv,
  runMigrations,
} from '@lc/clickhouse';
import { DEFAULT_TIME_BOUNDS } from '@lc/contract';
import type { SimBrand } from './catalogue.js';
import { simulate } from './simulator.js';
import { emitNdjson, loadDirect, type LoadProgress } from './loader.js';
import { parseSimulateArgs, USAGE, UsageError, type SimulateCommand } from './simulate.args.js';

/**
 * `node schemas/simulator/dist/simulate.cli.js --seed 42 --events 100000`: demo data into
 * ClickHouse (or NDJSON files). Progress goes to stderr, the one-line summary
 * to stdout, so `… > summary.txt` keeps only the result.
 */

const number = (n: number): string => Math.round(n).toLocaleString('en-US');

/** A bar on a terminal; on a pipe or CI log, a line every few seconds instead of control characters. */
class Progress {
  private bar: SingleBar | undefined;
  private lastLine = 0;

  constructor(
    private readonly label: string,
    private readonly unit: string,
  ) {}

  update(value: number, total: number, extra = ''): void {
    if (process.stderr.isTTY) {
      if (!this.bar) {
        this.bar = new SingleBar(
          {
            stream: process.stderr,
            format: `${this.label.padEnd(8)} |{bar}| {percentage}% | {value}/{total} ${this.unit}{extra} | ETA {eta_formatted}`,
            formatValue: (v, _options, type) => (type === 'value' || type === 'total' ? number(v) : String(v)),
            hideCursor: true,
            etaBuffer: 20,
          },
          Presets.shades_classic,
        );
        this.bar.start(total, 0, { extra: '' });
      }
      this.bar.setTotal(Math.max(total, value));
      this.bar.update(value, { extra: extra === '' ? '' : ` | ${extra}` });
    } else if (performance.now() - this.lastLine > 5_000) {
      this.lastLine = performance.now();
      process.stderr.write(`${this.label}: ${number(value)}/${number(total)} ${this.unit} ${extra}\n`);
    }
  }

  stop(value: number): void {
    if (this.bar) {
      this.bar.setTotal(value);
      this.bar.update(value);
      this.bar.stop();
    } else {
      process.stderr.write(`${this.label}: ${number(value)} ${this.unit} done\n`);
    }
  }
}

async function load(command: Extract<SimulateCommand, { kind: 'load' }>): Promise<void> {
  // Plan first (milliseconds): options that cannot work fail before anything is opened or migrated.
  const plan = simulate(command.simulation);
  process.stderr.write(
    `planned about ${number(plan.estimatedEvents)} events in ${number(plan.sessions.length)} sessions ` +
      `of ${number(plan.brands.length)} brands, ${new Date(plan.period.startMs).toISOString()} to ${new Date(plan.period.endMs).toISOString()}\n`,
  );
  const base =
    command.dataDir === undefined
      ? gatewayConfigFromEnv(loadEnv(clickhouseEnvSchema))
      : ({ mode: 'embedded', dataPath: resolve(command.dataDir) } satisfies GatewayConfig);
  // A batch job: rollup rebuilds of big chunks may run longer than a dashboard query is allowed to.
  const config: GatewayConfig = { ...base, maxExecutionSeconds: Math.max(base.maxExecutionSeconds ?? 0, 3_600) };
  const target = config.mode === 'embedded' ? `embedded engine at ${config.dataPath}` : `server ${config.url}`;
  const gateway = ClickHouseGateway.open(config);
  try {
    process.stderr.write(`loading into ${target}\n`);
    await runMigrations(gateway, (line) => process.stderr.write(`${line}\n`));
    const events = new Progress('events', 'events');
    const rollups = new Progress('rollups', 'sessions');
    let phase: LoadProgress['phase'] = 'events';
    const started = performance.now();
    const result = await loadDirect(
      gateway,
      { ...command.simulation, batchRows: command.batchRows, validate: command.validate },
      (p) => {
        if (p.phase !== phase && phase === 'events') events.stop(p.eventsWritten);
        phase = p.phase;
        if (p.phase === 'events') {
          const rate = p.eventsWritten / Math.max(0.001, (performance.now() - started) / 1000);
          events.update(
            p.eventsWritten,
            p.eventsPlanned,
            `${number(p.sessionsGenerated)}/${number(p.sessionsPlanned)} sessions | ${number(rate)} ev/s`,
          );
        } else if (p.phase === 'rollups') {
          rollups.update(p.sessionsRefreshed, p.sessionsPlanned);
        } else {
          rollups.stop(p.sessionsRefreshed);
        }
      },
    );
    console.log(
      `loaded ${number(result.events)} events, ${number(result.sessions)} sessions, ${number(result.brands)} brands ` +
        `in ${result.seconds.toFixed(1)} s (${number(result.events / result.seconds)} events/s; ` +
        `insert ${result.insertSeconds.toFixed(1)} s at ${number(result.events / result.insertSeconds)} events/s, ` +
        `rollups ${result.rollupSeconds.toFixed(1)} s) into ${target}`,
    );
  } finally {
    await gateway.close();
  }
}

async function ndjson(command: Extract<SimulateCommand, { kind: 'ndjson' }>): Promise<void> {
  const { period, sessions } = simulate(command.simulation);
  if (sessions.length === 0) {
    process.stderr.write('warning: no sessions of the chosen brand(s) at this size; raise --events\n');
  }
  if (period.startMs < Date.now() - DEFAULT_TIME_BOUNDS.maxAgeMs) {
    process.stderr.write(
      `warning: events older than ${DEFAULT_TIME_BOUNDS.maxAgeMs / 86_400_000} days will be refused by POST /v1/events; use fewer --days or a later --end\n`,
    );
  }
  const file = resolve(command.file);
  const stem = join(dirname(file), basename(file, extname(file)));
  const extension = extname(file) || '.ndjson';
  mkdirSync(dirname(file), { recursive: true });
  const files: string[] = [];
  const progress = new Progress('ndjson', 'events');
  // One brand fits the file asked for; several need one file each (the ingest key names the brand).
  const single = (command.simulation.onlyBrands?.length ?? 0) === 1 || command.simulation.brands === 1;
  const open = (brand: SimBrand) => {
    const path = single ? file : `${stem}.${brand.brandId}${extension}`;
    files.push(path);
    return createWriteStream(path);
  };
  const result = await emitNdjson(command.simulation, open, (p) =>
    progress.update(
      p.eventsWritten,
      p.eventsPlanned,
      `${number(p.sessionsWritten)}/${number(p.sessionsPlanned)} sessions`,
    ),
  );
  progress.stop(result.events);
  const catalogue = `${stem}.brands.json`;
  writeFileSync(
    catalogue,
    JSON.stringify(
      result.brands.map((brand) => ({
        brandId: brand.brandId,
        name: brand.name,
        timeZone: brand.timeZone,
        currency: brand.currency,
        commercers: brand.commercers.map(({ commercerId, name, kind, platform }) => ({
          commercerId,
          name,
          kind,
          platform,
        })),
        file: files.find((path) => single || path.endsWith(`.${brand.brandId}${extension}`)) ?? null,
      })),
      null,
      2,
    ) + '\n',
  );
  console.log(
    `wrote ${number(result.events)} events, ${number(result.sessions)} sessions, ${number(result.brands.length)} brands ` +
      `in ${result.seconds.toFixed(1)} s (${number(result.events / result.seconds)} events/s) to ${files.length} file(s); brands in ${catalogue}`,
  );
}

async function main(): Promise<void> {
  let command: SimulateCommand;
  try {
    command = parseSimulateArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`simulate: ${error.message}\n`);
    process.exitCode = 2;
    return;
  }
  switch (command.kind) {
    case 'help':
      console.log(USAGE);
      return;
    case 'load':
      return load(command);
    case 'ndjson':
      return ndjson(command);
  }
}

try {
  await main();
} catch (error) {
  process.stderr.write(`\nsimulate failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
