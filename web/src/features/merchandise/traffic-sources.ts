import { SOURCE_CSV_COLUMNS } from '@lc/contract/csv';
import type { TrafficSourceFieldsFragment } from '../../gql/graphql';
import type { MessageKey } from '../../lib/i18n';
import type { CsvTable } from '../export/csv';

/** Viewers by the source of their first join (METRICS.md "Traffic sources"). */
export type TrafficSource = TrafficSourceFieldsFragment;

/**
 * The sources METRICS.md names, and `unknown` (no join, or a join without a source), have words in
 * both languages; any other source is the platform's own name and is shown as sent.
 */
const SOURCE_LABELS: Readonly<Record<string, MessageKey>> = {
  follower: 'source_follower',
  ad: 'source_ad',
  share: 'source_share',
  organic: 'source_organic',
  unknown: 'source_unknown',
};

export function sourceLabel(source: string, t: (key: MessageKey) => string): string {
  const key = SOURCE_LABELS[source];
  return key ? t(key) : source;
}

export interface SourceBar {
  readonly source: string;
  readonly current: TrafficSource | null;
  readonly previous: TrafficSource | null;
  /** Viewers now / the most viewers of any source in either period, 0–1: both periods share one scale. */
  readonly fraction: number;
  readonly previousFraction: number | null;
}

/**
 * One bar per source, most viewers first (then by name). With the previous period, a source seen only
 * then is kept with no viewers now — a source that dried up is news, not noise.
 */
export function sourceBars(current: readonly TrafficSource[], previous: readonly TrafficSource[] | null): SourceBar[] {
  const sources = new Set([...current.map((s) => s.source), ...(previous ?? []).map((s) => s.source)]);
  const now = new Map(current.map((s) => [s.source, s]));
  const before = new Map((previous ?? []).map((s) => [s.source, s]));
  const max = Math.max(0, ...current.map((s) => s.viewers), ...(previous ?? []).map((s) => s.viewers));
  const share = (n: number): number => (max > 0 ? n / max : 0);
  return [...sources]
    .map((source): SourceBar => {
      const c = now.get(source) ?? null;
      const p = before.get(source) ?? null;
      return {
        source,
        current: c,
        previous: p,
        fraction: share(c?.viewers ?? 0),
        previousFraction: previous ? share(p?.viewers ?? 0) : null,
      };
    })
    .sort((a, b) => (b.current?.viewers ?? 0) - (a.current?.viewers ?? 0) || a.source.localeCompare(b.source));
}

const CSV_COLUMNS = SOURCE_CSV_COLUMNS satisfies readonly (keyof TrafficSource)[];

/** The columns of the server's sources.csv, the source as sent (not translated). */
export function trafficSourcesCsv(rows: readonly TrafficSource[]): CsvTable {
  return { header: CSV_COLUMNS, rows: rows.map((row) => CSV_COLUMNS.map((c) => row[c])) };
}
