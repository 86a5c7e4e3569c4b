import { Injectable } from '@nestjs/common';
import { BENCHMARK_KPIS, VIEWER_BANDS } from '../../metrics/benchmark.definitions.js';
import { BenchmarkRepository, type SessionPercentiles } from '../../repositories/benchmark.repository.js';
import type { SessionRef } from '../../repositories/session.repository.js';
import { BrandScope, type Principal } from '../auth/principal.js';
import type { BenchmarkDto, KpiBenchmarkDto } from './dtos/benchmark.dto.js';

@Injectable()
export class BenchmarkService {
  constructor(private readonly repository: BenchmarkRepository) {}

  /** Each session's benchmarks, in the order of BENCHMARK_KPIS (one query per session). */
  async forSessions(principal: Principal, sessions: readonly SessionRef[]): Promise<KpiBenchmarkDto[][]> {
    const scope = BrandScope.of(principal);
    return Promise.all(
      sessions.map(async (session) => BenchmarkService.toDtos(await this.repository.percentiles(scope, session.id))),
    );
  }

  static toDtos(result: SessionPercentiles | null): KpiBenchmarkDto[] {
    if (result === null) return BENCHMARK_KPIS.map((k) => ({ kpi: k.name, benchmark: null }));
    const band = VIEWER_BANDS.find((b) => b.name === result.band);
    return result.kpis.map(({ kpi, percentile, peers, brands }) => {
      const benchmark: BenchmarkDto | null =
        band && percentile !== null && peers !== null && brands !== null
          ? { band: band.name, bandMin: band.min, bandMax: band.max, percentile, peers, brands }
          : null;
      return { kpi, benchmark };
    });
  }
}
