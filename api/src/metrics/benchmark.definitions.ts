import { KPI_CATALOGUE, type SessionKpiName } from '@lc/contract';
import { FORMULA_METRICS } from './session-metric.definitions.js';

/**
 * METRICS.md "Streams of the same size (peer benchmark)": the size bands by `uniqueViewers`, in order.
 * `min` is inclusive; `max` inclusive too, null for the open top band.
 */
export const VIEWER_BANDS = [
  { name: 'under50', min: 0, max: 49 },
  { name: 'from50to199', min: 50, max: 199 },
  { name: 'from200to499', min: 200, max: 499 },
  { name: 'from500to1999', min: 500, max: 1999 },
  { name: 'from2000', min: 2000, max: null },
] as const;

export type ViewerBandName = (typeof VIEWER_BANDS)[number]['name'];

/** A band is shown only when it holds at least this many peer sessions of at least this many brands. */
export const MIN_PEER_SESSIONS = 30;
export const MIN_PEER_BRANDS = 3;
/** Peers started in [start − 90 days, start) of the benchmarked session. */
export const PEER_WINDOW_DAYS = 90;

/** SQL: the band name of a `unique_viewers` column (fixed text; the edges are constants of METRICS.md). */
export function viewerBandSql(column: string): string {
  const cases = VIEWER_BANDS.filter((band) => band.max !== null)
    .map((band) => `${column} <= ${band.max}, '${band.name}'`)
    .join(', ');
  return `multiIf(${cases}, '${VIEWER_BANDS[VIEWER_BANDS.length - 1].name}')`;
}

/** Which way is better: for `lower` KPIs a session beats the peers above it (P-2). */
export type BenchmarkDirection = 'higher' | 'lower';

const LOWER_IS_BETTER: ReadonlySet<SessionKpiName> = new Set<SessionKpiName>([
  'medianResponseSeconds',
  'refunds',
  'refundRate',
  'unmatchedRefunds',
]);

export interface BenchmarkKpi {
  readonly name: SessionKpiName;
  /** ClickHouse expression over session_stats `s` (the same as the KPI's own). */
  readonly sql: string;
  readonly direction: BenchmarkDirection;
  /** Amounts of money compare only between sessions of one currency (P-4). */
  readonly money: boolean;
}

/**
 * The KPIs that get a benchmark (P-3): every session KPI computed from the session_stats rollup.
 * Those that need the brand's other sessions (returning, new, regular viewers) have no SQL there
 * and get none.
 */
export const BENCHMARK_KPIS: readonly BenchmarkKpi[] = FORMULA_METRICS.map((m) => ({
  name: m.name,
  sql: m.formula.sql,
  direction: LOWER_IS_BETTER.has(m.name) ? 'lower' : 'higher',
  money: KPI_CATALOGUE[m.name].unit === 'currency',
}));

export type BenchmarkKpiName = (typeof BENCHMARK_KPIS)[number]['name'];
