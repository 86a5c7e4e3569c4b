import type { SessionBenchmarksQuery } from '../../gql/graphql';
import { formatInteger, type Lang } from '../../lib/format';
import type { Translate } from '../../lib/i18n';

export type KpiBenchmarkList = NonNullable<SessionBenchmarksQuery['session']>['metrics']['benchmarks'];
export type Benchmark = NonNullable<KpiBenchmarkList[number]['benchmark']>;

/** The benchmarks that exist, by KPI name; a KPI whose band is too small is absent. */
export function benchmarksByKpi(list: KpiBenchmarkList | undefined): ReadonlyMap<string, Benchmark> {
  return new Map((list ?? []).flatMap((b) => (b.benchmark ? [[b.kpi, b.benchmark] as const] : [])));
}

/** The band in words from its edges: "200–499", "fewer than 50", "2,000 or more". */
function bandLabel(b: Benchmark, t: Translate, lang: Lang): string {
  if (b.bandMax === null) return t('benchmarkBandFrom', { min: formatInteger(b.bandMin, lang) });
  if (b.bandMin === 0) return t('benchmarkBandBelow', { max: formatInteger(b.bandMax + 1, lang) });
  return t('benchmarkBandRange', { min: formatInteger(b.bandMin, lang), max: formatInteger(b.bandMax, lang) });
}

/** "beats 72 % of streams with 200–499 viewers (last 90 days, 1,240 streams)". */
export function benchmarkSentence(b: Benchmark, t: Translate, lang: Lang): string {
  return t('benchmarkBeats', {
    percent: formatInteger(Math.round(b.percentile), lang),
    band: bandLabel(b, t, lang),
    peers: formatInteger(b.peers, lang),
  });
}
