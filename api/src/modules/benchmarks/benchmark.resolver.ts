import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { requestLoader } from '../../common/request-loader.js';
import { BENCHMARK_KPIS, type BenchmarkKpiName } from '../../metrics/benchmark.definitions.js';
import { sessionKey, type SessionRef } from '../../repositories/session.repository.js';
import { Reader, type GraphQLContext } from '../auth/principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { SessionMetricsDto } from '../sessions/dtos/session-metrics.dto.js';
import { sessionOf } from '../sessions/session.service.js';
import { BenchmarkDto, BenchmarkKpi, KpiBenchmarkDto } from './dtos/benchmark.dto.js';
import { BenchmarkService } from './benchmark.service.js';

/**
 * The peer benchmark beside the session KPIs. The fields hang off `Session.metrics`, which keeps its
 * scalar KPI fields unchanged for existing clients; the only input is the session the token may
 * already read (and, for `benchmark`, a KPI from a fixed enum).
 */
@Resolver(() => SessionMetricsDto)
export class BenchmarkResolver {
  constructor(private readonly service: BenchmarkService) {}

  private load(context: GraphQLContext, principal: Principal, metrics: SessionMetricsDto): Promise<KpiBenchmarkDto[]> {
    return requestLoader<SessionRef, KpiBenchmarkDto[], string>(
      context,
      'session.benchmarks',
      (sessions) => this.service.forSessions(principal, sessions),
      (ref) => `${sessionKey(ref.brandId, ref.id)}\u0000${ref.version}`,
    ).load(sessionOf(metrics));
  }

  @ResolveField(() => BenchmarkDto, {
    nullable: true,
    description:
      'METRICS.md "Streams of the same size": this KPI against finished sessions of all brands with as many viewers over the 90 days before; null while live or when the band holds < 30 sessions or < 3 brands',
  })
  async benchmark(
    @Reader() principal: Principal,
    @Context() context: GraphQLContext,
    @Parent() metrics: SessionMetricsDto,
    @Args('kpi', { type: () => BenchmarkKpi }) kpi: BenchmarkKpiName,
  ): Promise<BenchmarkDto | null> {
    const all = await this.load(context, principal, metrics);
    return all.find((b) => b.kpi === kpi)?.benchmark ?? null;
  }

  @ResolveField(() => [KpiBenchmarkDto], {
    description: `Every KPI that has a benchmark (${BENCHMARK_KPIS.length}), each with its benchmark or null`,
  })
  benchmarks(
    @Reader() principal: Principal,
    @Context() context: GraphQLContext,
    @Parent() metrics: SessionMetricsDto,
  ): Promise<KpiBenchmarkDto[]> {
    return this.load(context, principal, metrics);
  }
}
