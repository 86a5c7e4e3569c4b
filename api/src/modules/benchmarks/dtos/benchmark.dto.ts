import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  BENCHMARK_KPIS,
  VIEWER_BANDS,
  type BenchmarkKpiName,
  type ViewerBandName,
} from '../../../metrics/benchmark.definitions.js';

/** The size bands of METRICS.md as a GraphQL enum; clients label them (e.g. "200–499 viewers"). */
export const ViewerBand = Object.fromEntries(VIEWER_BANDS.map((b) => [b.name, b.name])) as {
  [B in ViewerBandName]: B;
};
registerEnumType(ViewerBand, {
  name: 'ViewerBand',
  description: 'Size band by uniqueViewers: < 50, 50–199, 200–499, 500–1 999, ≥ 2 000',
});

/** The session KPIs that have a benchmark (docs/METRICS-DECISIONS.md P-3). */
export const BenchmarkKpi = Object.fromEntries(BENCHMARK_KPIS.map((k) => [k.name, k.name])) as {
  [K in BenchmarkKpiName]: K;
};
registerEnumType(BenchmarkKpi, { name: 'BenchmarkKpi', description: 'A session KPI that has a peer benchmark' });

@ObjectType('Benchmark', {
  description:
    'METRICS.md "Streams of the same size": the session\'s percentile among finished sessions of all brands in its size band over the 90 days before its start',
})
export class BenchmarkDto {
  @Field(() => ViewerBand) band!: ViewerBandName;
  @Field(() => Int, { description: 'Smallest uniqueViewers of the band' }) bandMin!: number;
  @Field(() => Int, { nullable: true, description: 'Largest uniqueViewers of the band; null for ≥ 2 000' })
  bandMax!: number | null;
  @Field(() => Float, {
    description:
      'Share of peers the session beats, 0–100: peers strictly worse plus half the ties, over peers (P-2); "better" is lower for response time and refunds',
  })
  percentile!: number;
  @Field(() => Int, { description: 'Peer sessions with a value of this KPI (≥ 30)' }) peers!: number;
  @Field(() => Int, { description: 'Brands of those peers (≥ 3)' }) brands!: number;
}

@ObjectType('KpiBenchmark', { description: "One KPI's benchmark; null when the band is too small" })
export class KpiBenchmarkDto {
  @Field(() => BenchmarkKpi) kpi!: BenchmarkKpiName;
  @Field(() => BenchmarkDto, { nullable: true }) benchmark!: BenchmarkDto | null;
}
